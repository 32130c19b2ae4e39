import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { EventSummary, SimulationEvent } from '../../core/protocol'
import { createSimulationClient } from '../../renderer/src/client/simulationClient'
import { MAX_EVENTS, useKubeStore } from '../../renderer/src/stores/kube'
import { manualFrames, settle, startSimulation } from './helpers'

function event(index: number): EventSummary {
  return {
    kind: 'Event',
    key: `Event/default/e-${index}`,
    uid: `e-${index}`,
    namespace: 'default',
    name: `e-${index}`,
    createdMs: index,
    type: 'Normal',
    reason: 'Pulled',
    message: 'pulled',
    involved: { kind: 'Pod', namespace: 'default', name: 'web' },
    source: 'kubelet',
    count: 1,
    firstMs: index,
    lastMs: index,
  }
}

describe('useKubeStore (informer of the Kubernetes summaries)', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('lists the nodes and pods from etcd, then applies a batch at the next frame', async () => {
    const { port, simulation } = startSimulation()
    const frames = manualFrames()
    const store = useKubeStore()
    await store.connect(createSimulationClient(port), { schedule: frames.schedule })
    expect(store.synced).toBe(true)
    expect(store.nodes.map((n) => n.name).sort()).toEqual(['cp-1', 'worker-1', 'worker-2'])
    expect(store.pods.some((p) => p.name === 'etcd-cp-1')).toBe(true)
    const line = 'kubectl create deployment web --image=nginx --replicas=2'
    simulation.handle({ kind: 'shell/exec', session: 't', line })
    simulation.handle({ kind: 'clock/advance', ms: 30_000 })
    await settle()
    const before = store.pods.length
    frames.run()
    expect(store.pods.length).toBe(before + 2)
    expect(store.objects.get('Deployment/default/web')).toMatchObject({ replicas: 2, ready: 2 })
    expect(store.revision).toBe(simulation.kubernetes!.etcd.kv.revision)
  })

  it('drops a batch at or below the listed revision, and keeps Events apart and bounded', async () => {
    const { port, host } = startSimulation()
    const frames = manualFrames()
    const store = useKubeStore()
    await store.connect(createSimulationClient(port), { schedule: frames.schedule })
    const listed = store.objects
    const post = (e: SimulationEvent) => host.post({ type: 'event', event: e })
    post({ kind: 'kube/changed', revision: store.revision, changes: [] })
    await settle()
    frames.run()
    expect(store.objects).toBe(listed)
    const changes = Array.from({ length: MAX_EVENTS + 5 }, (_, i) => ({
      type: 'ADDED' as const,
      object: event(i),
    }))
    post({ kind: 'kube/changed', revision: store.revision + 1, changes })
    await settle()
    frames.run()
    expect(store.objects).toBe(listed)
    expect(store.events.size).toBe(MAX_EVENTS)
    expect(store.events.has('Event/default/e-0')).toBe(false)
    expect(store.events.has(`Event/default/e-${MAX_EVENTS + 4}`)).toBe(true)
  })

  it('lists afresh when the simulation is replaced', async () => {
    const { port, host } = startSimulation()
    const store = useKubeStore()
    await store.connect(createSimulationClient(port), { schedule: manualFrames().schedule })
    const first = store.objects
    host.post({
      type: 'event',
      event: {
        kind: 'simulation/replaced',
        info: {
          seed: 1,
          cluster: { controlPlanes: 1, workers: 2 },
          kubernetesVersion: '',
          nowMs: 0,
        },
      },
    })
    await settle(30)
    expect(store.synced).toBe(true)
    expect(store.objects).not.toBe(first)
    expect(store.nodes).toHaveLength(3)
  })
})
