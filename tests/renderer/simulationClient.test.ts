import { describe, expect, it } from 'vitest'
import type { CommandOf } from '../../core/protocol'
import { createSimulationClient, RemoteError } from '../../renderer/src/client/simulationClient'
import { startSimulation } from './helpers'

describe('createSimulationClient', () => {
  it('matches each reply to its request, even when several are in flight', async () => {
    const client = createSimulationClient(startSimulation({ seed: 7 }).port)
    const [described, listed] = await Promise.all([
      client.request({ kind: 'simulation/describe' }),
      client.request({ kind: 'world/list' }),
    ])
    expect(described.seed).toBe(7)
    expect(listed.items.length).toBe(34)
  })

  it('rejects with the simulation’s error code when a command fails', async () => {
    const client = createSimulationClient(startSimulation().port)
    const bad = { kind: 'clock/advance', ms: -1 } as CommandOf<'clock/advance'>
    await expect(client.request(bad)).rejects.toMatchObject({
      name: 'RemoteError',
      code: 'BadCommand',
    })
  })

  it('delivers events to subscribers until they unsubscribe', async () => {
    const { port } = startSimulation()
    const client = createSimulationClient(port)
    const ticks: number[] = []
    const stop = client.onEvent((e) => {
      if (e.kind === 'clock/ticked') ticks.push(e.nowMs)
    })
    await client.request({ kind: 'clock/advance', ms: 1000 })
    stop()
    await client.request({ kind: 'clock/advance', ms: 1000 })
    expect(ticks).toEqual([1000])
  })

  it('rejects pending and later requests once closed', async () => {
    const client = createSimulationClient(startSimulation().port)
    const pending = client.request({ kind: 'world/list' })
    client.close()
    await expect(pending).rejects.toBeInstanceOf(RemoteError)
    await expect(client.request({ kind: 'world/list' })).rejects.toMatchObject({ code: 'Closed' })
  })
})
