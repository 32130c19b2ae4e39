import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { watch } from 'vue'
import type { Component } from '../../core/protocol'
import { createSimulationClient } from '../../renderer/src/client/simulationClient'
import { objectKey, useClusterStore } from '../../renderer/src/stores/cluster'
import { manualFrames, settle, startSimulation } from './helpers'

function stop(component: Component): Component {
  return { ...component, status: { state: 'Stopped' } }
}

describe('useClusterStore (informer)', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('lists the world first: three machines, their components and links', async () => {
    const { port, simulation } = startSimulation()
    const store = useClusterStore()
    await store.connect(createSimulationClient(port), { schedule: manualFrames().schedule })
    expect(store.synced).toBe(true)
    expect(store.machines.map((m) => m.metadata.name)).toEqual(['cp-1', 'worker-1', 'worker-2'])
    expect(store.components).toHaveLength(16)
    expect(store.links).toHaveLength(15)
    expect(store.resourceVersion).toBe(simulation.world.revision)
  })

  it('applies a newer world/changed event at the next frame', async () => {
    const { port, simulation } = startSimulation()
    const frames = manualFrames()
    const store = useClusterStore()
    await store.connect(createSimulationClient(port), { schedule: frames.schedule })
    const kubelet = simulation.components().find((c) => c.metadata.name === 'kubelet-worker-1')!
    simulation.world.update(objectKey(kubelet), stop(kubelet))
    await settle()
    expect(frames.pending()).toBe(1)
    expect(store.objects.get(objectKey(kubelet))).toMatchObject({ status: { state: 'Running' } })
    frames.run()
    expect(store.objects.get(objectKey(kubelet))).toMatchObject({ status: { state: 'Stopped' } })
    expect(store.resourceVersion).toBe(simulation.world.revision)
  })

  it('ignores a stale event, older than what it already has', async () => {
    const { port, host, simulation } = startSimulation()
    const frames = manualFrames()
    const store = useClusterStore()
    await store.connect(createSimulationClient(port), { schedule: frames.schedule })
    const etcd = simulation.components().find((c) => c.metadata.name === 'etcd-cp-1')!
    const before = store.objects
    host.post({
      type: 'event',
      event: { kind: 'world/changed', type: 'MODIFIED', object: stop(etcd), resourceVersion: 3 },
    })
    await settle()
    frames.run()
    expect(store.staleEventsIgnored).toBe(1)
    expect(store.objects).toBe(before)
    expect(store.objects.get(objectKey(etcd))).toMatchObject({ status: { state: 'Running' } })
  })

  it('batches many events into one new map per frame', async () => {
    const { port, simulation } = startSimulation()
    const frames = manualFrames()
    const store = useClusterStore()
    await store.connect(createSimulationClient(port), { schedule: frames.schedule })
    let replacements = 0
    watch(
      () => store.objects,
      () => replacements++,
      { flush: 'sync' },
    )
    const workers = simulation.components().filter((c) => c.spec.machine !== 'cp-1')
    for (const c of workers) simulation.world.update(objectKey(c), stop(c))
    await settle()
    expect(frames.pending()).toBe(1)
    expect(replacements).toBe(0)
    frames.run()
    expect(replacements).toBe(1)
    const stopped = store.components.filter((c) => c.status.state === 'Stopped')
    expect(stopped).toHaveLength(workers.length)
  })

  it('removes deleted objects', async () => {
    const { port, simulation } = startSimulation()
    const frames = manualFrames()
    const store = useClusterStore()
    await store.connect(createSimulationClient(port), { schedule: frames.schedule })
    simulation.world.delete('/world/Link/weave-net-worker-1--weave-net-worker-2')
    await settle()
    frames.run()
    expect(store.links).toHaveLength(14)
  })

  it('does not apply twice a change the initial list already holds', async () => {
    const { port, simulation } = startSimulation()
    const frames = manualFrames()
    const store = useClusterStore()
    const kubelet = simulation.components().find((c) => c.metadata.name === 'kubelet-cp-1')!
    const connected = store.connect(createSimulationClient(port), { schedule: frames.schedule })
    // Changed before the host handles world/list: the event and the list both carry it.
    simulation.world.update(objectKey(kubelet), stop(kubelet))
    await connected
    await settle()
    frames.run()
    expect(store.staleEventsIgnored).toBe(1)
    expect(store.objects.get(objectKey(kubelet))).toMatchObject({ status: { state: 'Stopped' } })
    expect(store.resourceVersion).toBe(simulation.world.revision)
  })
})
