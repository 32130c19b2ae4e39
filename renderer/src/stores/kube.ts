/**
 * The kube store: an informer over the Kubernetes objects the views draw (summaries read from
 * etcd by the simulation: pods, nodes, workloads, Services, EndpointSlices, Events).
 *
 * 1. `connect` subscribes to events before listing, so no change falls between the two; batches
 *    at or below the listed revision are dropped.
 * 2. `kube/changed` batches are queued and applied together (frames.ts: the first as soon as it
 *    comes, later ones at the next frame), as one new Map in a shallowRef: the views redraw at
 *    most twice per frame however many objects changed.
 * 3. Events (the Kubernetes kind) are kept apart from the objects and bounded (MAX_EVENTS, the
 *    oldest dropped first): a long run must not grow the renderer without end.
 * 4. `simulation/replaced` relists from scratch.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type {
  EventSummary,
  KubeSummary,
  SimulationEvent,
  SummaryKind,
} from '../../../core/protocol'
import type { SimulationClient } from '../client/simulationClient'
import { soonOncePerFrame, type FrameScheduler } from './frames'

type KubeChanged = Extract<SimulationEvent, { kind: 'kube/changed' }>

export const MAX_EVENTS = 2_000

type Objects = ReadonlyMap<string, KubeSummary>
type OfKind<K extends SummaryKind> = Extract<KubeSummary, { kind: K }>

export const useKubeStore = defineStore('kube', () => {
  /** Every summary but Events, by key. */
  const objects = shallowRef<Objects>(new Map())
  /** Kubernetes Events by key, in the order they were first seen (bounded). */
  const events = shallowRef<ReadonlyMap<string, EventSummary>>(new Map())
  const revision = ref(0)
  const synced = ref(false)
  let queue: KubeChanged[] = []
  let frameRequested = false
  let schedule: FrameScheduler = soonOncePerFrame()
  let generation = 0
  /** Counts lists: of two in flight (two quick replacements), only the newest may apply. */
  let listing = 0

  const ofKind = <K extends SummaryKind>(kind: K) =>
    computed(() => [...objects.value.values()].filter((o): o is OfKind<K> => o.kind === kind))
  const pods = ofKind('Pod')
  const nodes = ofKind('Node')
  const services = ofKind('Service')

  async function connect(
    client: SimulationClient,
    options: { schedule?: FrameScheduler } = {},
  ): Promise<() => void> {
    const mine = ++generation
    schedule = options.schedule ?? soonOncePerFrame()
    reset()
    const stop = client.onEvent((event) => {
      if (mine !== generation) return
      if (event.kind === 'kube/changed') enqueue(event)
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

  async function list(client: SimulationClient, mine: number): Promise<void> {
    const turn = ++listing
    reset()
    const listed = await client.request({ kind: 'kube/list' })
    if (mine !== generation || turn !== listing) return
    const nextObjects = new Map<string, KubeSummary>()
    const nextEvents = new Map<string, EventSummary>()
    for (const item of listed.items) {
      if (item.kind === 'Event') nextEvents.set(item.key, item)
      else nextObjects.set(item.key, item)
    }
    objects.value = nextObjects
    events.value = bound(nextEvents)
    revision.value = listed.revision
    synced.value = true
    if (queue.length > 0) requestFrame()
  }

  function reset(): void {
    queue = []
    objects.value = new Map()
    events.value = new Map()
    revision.value = 0
    synced.value = false
  }

  function enqueue(event: KubeChanged): void {
    queue.push(event)
    requestFrame()
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

  /** Applies every queued batch newer than the store: one new Map per kind of map touched. */
  function flush(): void {
    if (!synced.value || queue.length === 0) return
    const batches = queue
    queue = []
    let nextObjects: Map<string, KubeSummary> | undefined
    let nextEvents: Map<string, EventSummary> | undefined
    for (const batch of batches) {
      if (batch.revision <= revision.value) continue
      for (const { type, object } of batch.changes) {
        if (object.kind === 'Event') {
          nextEvents ??= new Map(events.value)
          if (type === 'DELETED') nextEvents.delete(object.key)
          else nextEvents.set(object.key, object)
        } else {
          nextObjects ??= new Map(objects.value)
          if (type === 'DELETED') nextObjects.delete(object.key)
          else nextObjects.set(object.key, object)
        }
      }
      revision.value = batch.revision
    }
    if (nextObjects !== undefined) objects.value = nextObjects
    if (nextEvents !== undefined) events.value = bound(nextEvents)
  }

  return { objects, events, revision, synced, pods, nodes, services, connect, flush }
})

/** Drops the oldest events past MAX_EVENTS (a Map iterates in insertion order). */
function bound(events: Map<string, EventSummary>): Map<string, EventSummary> {
  let excess = events.size - MAX_EVENTS
  if (excess <= 0) return events
  for (const key of events.keys()) {
    if (excess-- <= 0) break
    events.delete(key)
  }
  return events
}
