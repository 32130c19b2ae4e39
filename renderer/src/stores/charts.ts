/**
 * The charts' data: the simulation's samples of the cluster (`stats/history`, one per 10 s of
 * cluster time), and the pure functions that shape them into uPlot's aligned columns.
 *
 * 1. Nothing is fetched while no chart is shown: `show` (the charts view mounting) loads the
 *    history, and while at least one viewer holds it, `clock/ticked` asks for the samples after
 *    the last one held.
 * 2. Refreshes are throttled to one per REFRESH_INTERVAL_MS of wall time and never overlap: a
 *    tick inside the interval, or during a request, leaves one refresh due at its end.
 * 3. Samples are kept in time order, each time once, at most MAX_SAMPLES (the oldest dropped).
 * 4. `simulation/replaced` forgets the samples; a reply from the old simulation is dropped.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { PodPhase, StatsSample } from '../../../core/protocol'
import type { SimulationClient } from '../client/simulationClient'

export const REFRESH_INTERVAL_MS = 500
export const MAX_SAMPLES = 2_000
export const PHASES: readonly PodPhase[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']
export const QUEUES = ['active', 'backoff', 'unschedulable'] as const
export type QueueName = (typeof QUEUES)[number]
/** The node choice that sums every node. */
export const ALL_NODES = ''

/** uPlot's aligned data: x values (seconds of cluster time), then one column per series. */
export type Columns = [number[], ...(number | null)[][]]

/** Appends samples newer than the last one held, bounded (invariant 3). */
export function mergeSamples(
  held: readonly StatsSample[],
  more: readonly StatsSample[],
  max = MAX_SAMPLES,
): StatsSample[] {
  const last = held.at(-1)?.atMs ?? -Infinity
  const newer = more.filter((s) => s.atMs > last).sort((a, b) => a.atMs - b.atMs)
  const next = newer.length === 0 ? [...held] : held.concat(newer)
  return next.length > max ? next.slice(next.length - max) : next
}

const seconds = (samples: readonly StatsSample[]): number[] => samples.map((s) => s.atMs / 1000)

/** Pods by phase: x, then one column per PHASES entry. */
export function podPhaseColumns(samples: readonly StatsSample[]): Columns {
  return [seconds(samples), ...PHASES.map((p) => samples.map((s) => s.podsByPhase[p] ?? 0))]
}

/** The scheduler's queue: x, then active, backoff, unschedulable (gaps while no leader). */
export function queueColumns(samples: readonly StatsSample[]): Columns {
  return [seconds(samples), ...QUEUES.map((q) => samples.map((s) => s.schedulerQueue?.[q] ?? null))]
}

const percent = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null

/** One node's (or every node's) requests as a percent of allocatable, at one sample. */
export function nodeUsage(
  sample: StatsSample,
  node: string,
): { cpu: number | null; memory: number | null } {
  const nodes = node === ALL_NODES ? sample.nodes : sample.nodes.filter((n) => n.name === node)
  if (nodes.length === 0) return { cpu: null, memory: null }
  const sum = (pick: (n: StatsSample['nodes'][number]) => number): number =>
    nodes.reduce((total, n) => total + pick(n), 0)
  return {
    cpu: percent(
      sum((n) => n.cpuRequestedMilli),
      sum((n) => n.cpuAllocatableMilli),
    ),
    memory: percent(
      sum((n) => n.memoryRequestedBytes),
      sum((n) => n.memoryAllocatableBytes),
    ),
  }
}

/** Node requests vs allocatable, in percent: x, CPU, memory. */
export function nodeColumns(samples: readonly StatsSample[], node: string): Columns {
  const usage = samples.map((s) => nodeUsage(s, node))
  return [seconds(samples), usage.map((u) => u.cpu), usage.map((u) => u.memory)]
}

/** The node names any sample mentions, in the order they were first seen. */
export function nodeNames(samples: readonly StatsSample[]): string[] {
  const names = new Set<string>()
  for (const sample of samples) for (const n of sample.nodes) names.add(n.name)
  return [...names]
}

export interface RefreshTimers {
  now(): number
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const WALL: RefreshTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export const useChartsStore = defineStore('charts', () => {
  const samples = shallowRef<readonly StatsSample[]>([])
  const node = ref(ALL_NODES)
  const error = ref('')
  const loading = ref(false)
  const nodes = computed(() => nodeNames(samples.value))
  const latest = computed(() => samples.value.at(-1) ?? null)
  // Not state: the live channel and the throttle's bookkeeping (invariants 1 and 2).
  let client: SimulationClient | null = null
  let timers = WALL
  let viewers = 0
  let generation = 0
  let busy = false
  let due = false
  let lastStartMs = -Infinity
  let timer: unknown = null

  /** Follows the clock and the simulation's replacement; returns a function that stops. */
  function connect(connected: SimulationClient, options: { timers?: RefreshTimers } = {}) {
    client = connected
    timers = options.timers ?? WALL
    forget()
    const stop = connected.onEvent((event) => {
      if (event.kind === 'clock/ticked') request()
      else if (event.kind === 'simulation/replaced') {
        forget()
        request()
      }
    })
    request()
    return () => {
      stop()
      if (client === connected) {
        client = null
        forget()
      }
    }
  }

  function forget(): void {
    generation++
    samples.value = []
    error.value = ''
    busy = false
    loading.value = false
    due = false
    lastStartMs = -Infinity
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
  }

  /** A chart is on screen: load and follow; returns the function that lets go (invariant 1). */
  function show(): () => void {
    viewers++
    request()
    let held = true
    return () => {
      if (held) viewers--
      held = false
    }
  }

  /** Asks for a refresh, at once or when the throttle allows (invariant 2). */
  function request(): void {
    if (viewers === 0 || client === null) return
    due = true
    if (busy || timer !== null) return
    const wait = lastStartMs + REFRESH_INTERVAL_MS - timers.now()
    if (wait > 0) {
      timer = timers.setTimeout(() => {
        timer = null
        if (due) request()
      }, wait)
      return
    }
    void refresh(client)
  }

  async function refresh(from: SimulationClient): Promise<void> {
    const mine = generation
    due = false
    busy = true
    loading.value = true
    lastStartMs = timers.now()
    const since = samples.value.at(-1)?.atMs
    try {
      const reply = await from.request({
        kind: 'stats/history',
        ...(since === undefined ? {} : { sinceMs: since }),
      })
      if (mine !== generation) return
      samples.value = mergeSamples(samples.value, reply.samples)
      error.value = ''
    } catch (failure) {
      if (mine === generation)
        error.value = failure instanceof Error ? failure.message : String(failure)
    } finally {
      if (mine === generation) {
        busy = false
        loading.value = false
        if (due) request()
      }
    }
  }

  return { samples, node, nodes, latest, error, loading, connect, show }
})
