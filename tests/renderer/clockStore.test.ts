import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createSimulationClient } from '../../renderer/src/client/simulationClient'
import { formatClock, useClockStore } from '../../renderer/src/stores/clock'
import { settle, startSimulation } from './helpers'

describe('formatClock', () => {
  it('shows virtual time as HH:MM:SS, hours going past 24', () => {
    expect(formatClock(0)).toBe('00:00:00')
    expect(formatClock(3_723_999)).toBe('01:02:03')
    expect(formatClock(25 * 3_600_000)).toBe('25:00:00')
  })
})

describe('useClockStore', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('follows clock/ticked events and never goes back', async () => {
    const { port, simulation } = startSimulation()
    const clock = useClockStore()
    clock.connect(createSimulationClient(port))
    simulation.advance(3_723_000)
    await settle()
    expect(clock.text).toBe('01:02:03')
    clock.observe(1_000)
    expect(clock.nowMs).toBe(3_723_000)
  })
})
