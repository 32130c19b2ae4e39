/**
 * The scheduling framework's extension points (pkg/scheduler/framework/interface.go). A plugin
 * implements the interfaces of the points it extends; the profile lists plugins once
 * (MultiPoint) and the framework adds each to every point it implements.
 *
 * Hot-path contract: Filter and Score run once per node examined, so they return `null` for
 * Success and read only precomputed fields of PodInfo and NodeInfo.
 */
import type { ApiClient } from '../client/client'
import type { EventRecorder } from '../client/events'
import type { Clock } from '../clock'
import type { Random } from '../random'
import type { SchedulerCache } from './cache'
import type { ClusterEvent } from './clusterEvents'
import type { Diagnosis } from './fitError'
import type { NodeInfo } from './nodeInfo'
import type { NodeTable } from './nodeTable'
import type { PodInfo } from './podInfo'
import type { Status } from './status'

/** framework.MaxNodeScore: every normalized plugin score lies in [0, 100]. */
export const MAX_NODE_SCORE = 100

/** Data one scheduling cycle shares between extension points (framework.CycleState). */
export class CycleState {
  /** Plugins whose PreFilter returned Skip: their Filter does not run this cycle. */
  readonly skipFilter = new Set<string>()
  /** Plugins whose PreScore returned Skip: their Score does not run this cycle. */
  readonly skipScore = new Set<string>()
  private readonly data = new Map<string, unknown>()

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined
  }

  write(key: string, value: unknown): void {
    this.data.set(key, value)
  }
}

export interface Plugin {
  readonly name: string
}

/** Restricts the nodes Filter looks at (framework.PreFilterResult), e.g. a DaemonSet pod's node. */
export interface PreFilterResult {
  nodeNames: ReadonlySet<string>
}

export interface PreFilterPlugin extends Plugin {
  /** null: go on; a Skip status: skip this plugin's Filter; a rejection: the pod fits nowhere. */
  preFilter(state: CycleState, pod: PodInfo): Status | PreFilterResult | null
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null
  /**
   * Optional batch form, for speed only: for every j < count whose statuses[j] is null, sets
   * statuses[j] = filter(state, pod, table.infos[rows[j]]). It reads the node table's typed
   * arrays (nodeTable.ts) and calls `filter` only for the nodes they cannot decide. Written in
   * the plugin's own class, its loop sees one receiver and is inlined. It must agree with
   * `filter` node by node.
   */
  filterNodes?(
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    rows: Int32Array,
    count: number,
    statuses: (Status | null)[],
  ): void
}

export interface PostFilterResult {
  status: Status
  /** Set when preemption made room: the pod will be retried on this node first. */
  nominatedNodeName?: string
}

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: PodInfo, diagnosis: Diagnosis): PostFilterResult
}

export interface PreScorePlugin extends Plugin {
  /** null: go on; a Skip status: this plugin does not score this cycle. */
  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number
  /**
   * Optional batch form of `score`, for the same reason as filterNodes: for every i <
   * out.length, out[i] = score(state, pod, table.infos[rows[i]]).
   */
  scoreNodes?(
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    rows: Int32Array,
    out: Float64Array,
  ): void
  /** Rescales the raw scores of all feasible nodes in place to [0, MAX_NODE_SCORE]. */
  normalizeScore?(state: CycleState, pod: PodInfo, scores: Float64Array): void
}

export interface BindPlugin extends Plugin {
  bind(state: CycleState, pod: PodInfo, nodeName: string): Status | null
}

/** EnqueueExtensions: the events that may make a pod this plugin rejected schedulable. */
export interface EnqueueExtensions extends Plugin {
  eventsToRegister(): readonly ClusterEvent[]
}

/** What a plugin may use (framework.Handle). */
export interface Handle {
  readonly cache: SchedulerCache
  readonly clock: Clock
  readonly random: Random
  /** The API, when the framework runs inside the component (absent in algorithm tests). */
  readonly client: ApiClient | undefined
  readonly recorder: EventRecorder | undefined
  readonly schedulerName: string
  /** RunFilterPlugins over one node, for plugins that simulate (preemption). */
  runFilterPlugins(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null
}

export type PluginFactory = (handle: Handle) => Plugin

export function implementsFilter(p: Plugin): p is FilterPlugin {
  return typeof (p as Partial<FilterPlugin>).filter === 'function'
}
export function implementsPreFilter(p: Plugin): p is PreFilterPlugin {
  return typeof (p as Partial<PreFilterPlugin>).preFilter === 'function'
}
export function implementsPostFilter(p: Plugin): p is PostFilterPlugin {
  return typeof (p as Partial<PostFilterPlugin>).postFilter === 'function'
}
export function implementsPreScore(p: Plugin): p is PreScorePlugin {
  return typeof (p as Partial<PreScorePlugin>).preScore === 'function'
}
export function implementsScore(p: Plugin): p is ScorePlugin {
  return typeof (p as Partial<ScorePlugin>).score === 'function'
}
export function implementsBind(p: Plugin): p is BindPlugin {
  return typeof (p as Partial<BindPlugin>).bind === 'function'
}
export function implementsEnqueue(p: Plugin): p is EnqueueExtensions {
  return typeof (p as Partial<EnqueueExtensions>).eventsToRegister === 'function'
}
