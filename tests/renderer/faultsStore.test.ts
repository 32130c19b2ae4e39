import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { ActiveFault, Command, FaultKind, SimulationEvent } from '../../core/protocol'
import {
  createSimulationClient,
  type SimulationClient,
} from '../../renderer/src/client/simulationClient'
import { kindsFor, sameTarget, useFaultsStore } from '../../renderer/src/stores/faults'
import { settle, startSimulation, type InMemorySimulation } from './helpers'

const KUBELET_W1 = { kind: 'component', type: 'kubelet', machine: 'worker-1' } as const

describe('kindsFor', () => {
  const kinds: FaultKind[] = [
    { id: 'process/stop', target: 'component', components: ['kubelet', 'etcd'], reversible: true },
    { id: 'process/kill', target: 'component', components: ['etcd'], reversible: false },
    { id: 'machine/power-off', target: 'machine', reversible: true },
    { id: 'port/block', target: 'port', reversible: true },
  ]

  it('offers a component the kinds for its type, and a machine the machine kinds', () => {
    expect(kindsFor(kinds, KUBELET_W1).map((k) => k.id)).toEqual(['process/stop'])
    expect(kindsFor(kinds, { ...KUBELET_W1, type: 'etcd' }).map((k) => k.id)).toEqual([
      'process/stop',
      'process/kill',
    ])
    expect(kindsFor(kinds, { kind: 'machine', machine: 'cp-1' }).map((k) => k.id)).toEqual([
      'machine/power-off',
    ])
  })

  it('compares targets by their fields, not their order', () => {
    expect(
      sameTarget(KUBELET_W1, { machine: 'worker-1', type: 'kubelet', kind: 'component' }),
    ).toBe(true)
    expect(sameTarget(KUBELET_W1, { ...KUBELET_W1, machine: 'worker-2' })).toBe(false)
  })
})

describe('useFaultsStore', () => {
  let sim: InMemorySimulation
  let faults: ReturnType<typeof useFaultsStore>

  beforeEach(async () => {
    setActivePinia(createPinia())
    sim = startSimulation()
    faults = useFaultsStore()
    await faults.connect(createSimulationClient(sim.port))
  })

  it('lists the kinds the simulation offers', () => {
    expect(faults.kinds.map((k) => k.id)).toContain('process/stop')
    expect(faults.kinds.find((k) => k.id === 'process/kill')?.reversible).toBe(false)
  })

  it('applies a fault, lists it as active since that cluster time, and heals it', async () => {
    sim.simulation.advance(5_000)
    expect(await faults.apply('process/stop', KUBELET_W1)).toBe(true)
    await settle()
    expect(faults.active).toHaveLength(1)
    expect(faults.active[0]).toMatchObject({ kind: 'process/stop', sinceMs: 5_000 })
    expect(faults.activeOn(KUBELET_W1)).toHaveLength(1)
    expect(faults.last).toMatchObject({ type: 'applied' })
    expect(await faults.heal(faults.active[0]!.id)).toBe(true)
    await settle()
    expect(faults.active).toEqual([])
    expect(faults.last).toMatchObject({ type: 'healed', fault: { kind: 'process/stop' } })
  })

  it('follows faults that someone else applied and healed (a lab, the CLI)', async () => {
    sim.simulation.handle({
      kind: 'fault/apply',
      fault: 'machine/power-off',
      target: { kind: 'machine', machine: 'worker-2' },
    })
    await settle()
    expect(faults.active.map((f) => f.kind)).toEqual(['machine/power-off'])
    sim.simulation.handle({ kind: 'fault/heal-all' })
    await settle()
    expect(faults.active).toEqual([])
  })

  it('never lists a fault that ends by itself, such as a killed process', async () => {
    expect(await faults.apply('process/kill', KUBELET_W1)).toBe(true)
    await settle()
    expect(faults.last).toMatchObject({ type: 'applied', fault: { kind: 'process/kill' } })
    expect(faults.active).toEqual([])
  })

  it('heals every fault at once', async () => {
    await faults.apply('process/stop', KUBELET_W1)
    await faults.apply('node/disk-pressure', { kind: 'machine', machine: 'worker-1' })
    await settle()
    expect(faults.active).toHaveLength(2)
    expect(await faults.healAll()).toBe(true)
    await settle()
    expect(faults.active).toEqual([])
    expect(faults.last).toEqual({ type: 'healed-all', count: 2 })
  })

  it('says why the simulation refused a fault', async () => {
    expect(await faults.heal('fault-99')).toBe(false)
    expect(faults.last).toMatchObject({ type: 'failed' })
    if (faults.last?.type === 'failed') expect(faults.last.message).toContain('fault-99')
  })
})

describe('useFaultsStore: ordering', () => {
  beforeEach(() => setActivePinia(createPinia()))

  const fault = (id: string): ActiveFault => ({
    id,
    kind: 'process/stop',
    target: KUBELET_W1,
    sinceMs: 0,
  })

  it('takes the list as the truth for events before it, and applies events after it', async () => {
    const listeners: ((event: SimulationEvent) => void)[] = []
    const replies: ((result: unknown) => void)[] = []
    const client = {
      request: (_command: Command) => new Promise<unknown>((resolve) => replies.push(resolve)),
      onEvent: (listener: (event: SimulationEvent) => void) => {
        listeners.push(listener)
        return () => {}
      },
      close: () => {},
    } as unknown as SimulationClient
    const emit = (event: SimulationEvent): void => listeners.forEach((l) => l(event))
    const faults = useFaultsStore()
    const connected = faults.connect(client)
    // Applied then healed before the list was taken: the list no longer has it.
    emit({ kind: 'fault/applied', fault: fault('fault-1') })
    emit({ kind: 'fault/healed', fault: fault('fault-1') })
    emit({ kind: 'fault/applied', fault: fault('fault-2') })
    replies[0]!({ kinds: [{ id: 'process/stop', target: 'component', reversible: true }] })
    // fault-0 was applied before anyone listened: only the list knows it.
    replies[1]!({ active: [fault('fault-0'), fault('fault-2')] })
    await connected
    expect(faults.active.map((f) => f.id)).toEqual(['fault-0', 'fault-2'])
    emit({ kind: 'fault/applied', fault: fault('fault-3') })
    emit({ kind: 'fault/healed', fault: fault('fault-2') })
    expect(faults.active.map((f) => f.id)).toEqual(['fault-0', 'fault-3'])
  })
})
