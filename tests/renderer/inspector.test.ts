import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { Command, Inspection, SimulationEvent } from '../../core/protocol'
import {
  createSimulationClient,
  type SimulationClient,
} from '../../renderer/src/client/simulationClient'
import { targetOfSubject, useInspectorStore } from '../../renderer/src/stores/inspector'
import { settle, startSimulation, type InMemorySimulation } from './helpers'

const APISERVER = { object: 'Component', name: 'kube-apiserver-cp-1' } as const
const KUBELET_W1 = { object: 'Component', name: 'kubelet-worker-1' } as const

/** A client whose replies the test releases by hand, to see what overlaps and what is dropped. */
function heldClient() {
  const asked: Command[] = []
  const replies: ((result: Inspection) => void)[] = []
  const listeners = new Set<(event: SimulationEvent) => void>()
  const client: SimulationClient = {
    request: (command) => {
      asked.push(command)
      return new Promise((resolve) => replies.push(resolve as (r: Inspection) => void))
    },
    onEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: () => {},
  }
  const reply = (name: string): void =>
    replies.shift()!({ kind: 'Component', name, state: 'Running' } as Inspection)
  const emit = (event: SimulationEvent): void => listeners.forEach((l) => l(event))
  return { client, asked, reply, emit }
}

describe('targetOfSubject', () => {
  it('turns why-chain subjects into components, machines and Kubernetes objects', () => {
    expect(targetOfSubject('Component kubelet-worker-1')).toEqual(KUBELET_W1)
    expect(targetOfSubject('Machine cp-1')).toEqual({ object: 'Machine', name: 'cp-1' })
    expect(targetOfSubject('Node worker-1')).toEqual({ object: 'Node', name: 'worker-1' })
    expect(targetOfSubject('Pod default/web-1')).toEqual({
      object: 'Pod',
      namespace: 'default',
      name: 'web-1',
    })
    expect(targetOfSubject('Service kube-system/kube-dns')).toEqual({
      object: 'Service',
      namespace: 'kube-system',
      name: 'kube-dns',
    })
  })

  it('ignores subjects it cannot show: other kinds, a namespaced kind without a namespace', () => {
    expect(targetOfSubject('Namespace default')).toBeUndefined()
    expect(targetOfSubject('Endpoints default/web')).toBeUndefined()
    expect(targetOfSubject('Pod web-1')).toBeUndefined()
    expect(targetOfSubject('Pod default/')).toBeUndefined()
    expect(targetOfSubject('kubelet stopped')).toBeUndefined()
  })
})

describe('useInspectorStore', () => {
  let sim: InMemorySimulation
  let inspector: ReturnType<typeof useInspectorStore>

  beforeEach(() => {
    setActivePinia(createPinia())
    sim = startSimulation()
    inspector = useInspectorStore()
    inspector.connect(createSimulationClient(sim.port))
  })

  it('inspects kube-apiserver: Running, a static pod, with its --etcd-servers flag', async () => {
    await inspector.select(APISERVER)
    expect(inspector.target).toEqual(APISERVER)
    expect(inspector.inspection).toMatchObject({ state: 'Running', runsAs: 'static-pod' })
    expect(inspector.inspection!.command).toContain('--etcd-servers=https://127.0.0.1:2379')
  })

  it('refreshes the selection when a fault stops it, and the why chain names the fault', async () => {
    await inspector.select(KUBELET_W1)
    expect(inspector.inspection?.state).toBe('Running')
    sim.simulation.handle({
      kind: 'fault/apply',
      fault: 'process/stop',
      target: { kind: 'component', type: 'kubelet', machine: 'worker-1' },
    })
    await settle(20)
    expect(inspector.inspection?.state).toBe('Stopped')
    expect(inspector.inspection?.why[0]?.summary).toContain('process/stop')
  })

  it('clears the selection when the simulation is replaced', async () => {
    await inspector.select(APISERVER)
    const info = sim.simulation.handle({ kind: 'simulation/describe' })
    sim.host.post({ type: 'event', event: { kind: 'simulation/replaced', info } })
    await settle()
    expect(inspector.target).toBeNull()
    expect(inspector.inspection).toBeNull()
  })

  it('keeps the selection and says why when the simulation refuses it', async () => {
    await inspector.select({ object: 'Component', name: 'kubelet-nowhere' })
    expect(inspector.target?.name).toBe('kubelet-nowhere')
    expect(inspector.inspection).toBeNull()
    expect(inspector.error).toContain('kubelet-nowhere')
  })

  it('closes: nothing selected, nothing shown', async () => {
    await inspector.select(APISERVER)
    inspector.close()
    expect(inspector.target).toBeNull()
    expect(inspector.inspection).toBeNull()
  })
})

describe('useInspectorStore with a held client', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('drops a late reply for an earlier selection and asks once more for the current one', async () => {
    const held = heldClient()
    const inspector = useInspectorStore()
    inspector.connect(held.client)
    void inspector.select(APISERVER)
    void inspector.select(KUBELET_W1)
    expect(held.asked).toHaveLength(1) // never two requests at once
    held.reply('kube-apiserver-cp-1')
    await settle()
    expect(inspector.inspection).toBeNull()
    expect(held.asked).toHaveLength(2)
    expect(held.asked[1]).toEqual({ kind: 'inspect/object', ...KUBELET_W1 })
    held.reply('kubelet-worker-1')
    await settle()
    expect(inspector.inspection?.name).toBe('kubelet-worker-1')
  })

  it('coalesces ticks that arrive while a refresh is in flight into one more request', async () => {
    const held = heldClient()
    const inspector = useInspectorStore()
    inspector.connect(held.client)
    void inspector.select(APISERVER)
    for (let i = 1; i <= 5; i++) held.emit({ kind: 'clock/ticked', nowMs: i * 1000 })
    expect(held.asked).toHaveLength(1)
    held.reply('kube-apiserver-cp-1')
    await settle()
    expect(held.asked).toHaveLength(2)
    held.reply('kube-apiserver-cp-1')
    await settle()
    expect(held.asked).toHaveLength(2)
  })

  it('asks nothing on ticks while nothing is selected', () => {
    const held = heldClient()
    useInspectorStore().connect(held.client)
    held.emit({ kind: 'clock/ticked', nowMs: 1000 })
    expect(held.asked).toHaveLength(0)
  })
})
