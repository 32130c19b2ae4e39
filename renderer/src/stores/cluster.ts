/**
 * The cluster store: an informer over the simulation's world objects.
 *
 * 1. `connect` subscribes to events *before* asking for the initial list, so no change can fall
 *    between the two; events older than the list are then dropped by their resourceVersion.
 * 2. A `world/changed` event is applied only if its resourceVersion is newer than the store's;
 *    stale and duplicate events are ignored (and counted, for tests and diagnostics).
 * 3. Events are queued and applied once per animation frame: one new Map per batch, assigned to
 *    a shallowRef, so the view redraws once per frame however many objects changed. (Unlike
 *    the kube store's pod batches, a world change lays the whole graph out again: applying the
 *    first of a frame at once would double the layouts while the lab boots.)
 * 4. The queue is bounded: past MAX_QUEUED events (a hidden tab gets no frames) the batch is
 *    applied at once.
 * 5. `simulation/replaced` (a lab started or ended) starts the informer over: what it held is
 *    dropped and the new world is listed, its resourceVersions counting from the new start.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Component, Link, Machine, SimulationEvent, WorldObject } from '../../../core/protocol'
import type { SimulationClient } from '../client/simulationClient'
import { compareNames } from '../util/compareNames'
import { nextFrame, type FrameScheduler } from './frames'

type WorldChanged = Extract<SimulationEvent, { kind: 'world/changed' }>

export const MAX_QUEUED = 5_000

/** The same key the simulation's store uses, so objects of different kinds never collide. */
export function objectKey(object: Pick<WorldObject, 'kind' | 'metadata'>): string {
  return `/world/${object.kind}/${object.metadata.name}`
}

export const useClusterStore = defineStore('cluster', () => {
  const objects = shallowRef<ReadonlyMap<string, WorldObject>>(new Map())
  const resourceVersion = ref(0)
  const synced = ref(false)
  const staleEventsIgnored = ref(0)
  let queue: WorldChanged[] = []
  let frameRequested = false
  let schedule: FrameScheduler = nextFrame
  let generation = 0
  let listing = 0

  const sortedOf = <T extends WorldObject>(kind: T['kind']): T[] =>
    [...objects.value.values()]
      .filter((o): o is T => o.kind === kind)
      .sort((a, b) => compareNames(a.metadata.name, b.metadata.name))
  const machines = computed(() => sortedOf<Machine>('Machine'))
  const components = computed(() => sortedOf<Component>('Component'))
  const links = computed(() => sortedOf<Link>('Link'))

  /** Lists the world, then follows its changes; resolves with a function that stops following. */
  async function connect(
    client: SimulationClient,
    options: { schedule?: FrameScheduler } = {},
  ): Promise<() => void> {
    const mine = ++generation
    reset()
    schedule = options.schedule ?? nextFrame
    const stop = client.onEvent((event) => {
      if (mine !== generation) return
      if (event.kind === 'world/changed') enqueue(event)
      else if (event.kind === 'simulation/replaced') void list(client, mine).catch(() => {})
    })
    try {
      await list(client, mine)
    } catch (error) {
      stop()
      throw error
    }
    return stop
  }

  /** Forgets everything and lists the world; events that arrive meanwhile wait in the queue. */
  async function list(client: SimulationClient, mine: number): Promise<void> {
    const listed = ++listing
    reset()
    const list = await client.request({ kind: 'world/list' })
    if (mine !== generation || listed !== listing) return
    objects.value = new Map(list.items.map((o) => [objectKey(o), o]))
    resourceVersion.value = list.resourceVersion
    synced.value = true
    if (queue.length > 0) requestFrame()
  }

  function reset(): void {
    queue = []
    objects.value = new Map()
    resourceVersion.value = 0
    synced.value = false
    staleEventsIgnored.value = 0
  }

  function enqueue(event: WorldChanged): void {
    queue.push(event)
    if (queue.length >= MAX_QUEUED && synced.value) flush()
    else requestFrame()
  }

  function requestFrame(): void {
    if (frameRequested) return
    frameRequested = true
    const mine = generation
    schedule(() => {
      frameRequested = false
      if (mine === generation) flush()
    })
  }

  /** Applies every queued event newer than the store, as one new Map. */
  function flush(): void {
    if (!synced.value || queue.length === 0) return
    const batch = queue
    queue = []
    let version = resourceVersion.value
    let next: Map<string, WorldObject> | undefined
    for (const event of batch) {
      if (event.resourceVersion <= version) {
        staleEventsIgnored.value++
        continue
      }
      next ??= new Map(objects.value)
      if (event.type === 'DELETED') next.delete(objectKey(event.object))
      else next.set(objectKey(event.object), event.object)
      version = event.resourceVersion
    }
    if (next === undefined) return
    objects.value = next
    resourceVersion.value = version
  }

  return {
    objects,
    resourceVersion,
    synced,
    staleEventsIgnored,
    machines,
    components,
    links,
    connect,
    flush,
  }
})
