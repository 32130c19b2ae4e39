/**
 * One profile's framework (frameworkImpl in pkg/scheduler/framework/runtime): the plugins of
 * each extension point, in profile order, and the code that runs an extension point.
 *
 * Invariants:
 * 1. Filter plugins run in order and stop at the first rejection (RunFilterPlugins); the
 *    rejecting plugin is the one the "why?" table names for that node.
 * 2. A PreFilter Skip removes that plugin's Filter for the cycle; a PreScore Skip its Score.
 * 3. Every normalized score lies in [0, MAX_NODE_SCORE]; a plugin that breaks this is an
 *    Error, as in the real framework.
 */
import type { ApiClient } from '../client/client'
import type { EventRecorder } from '../client/events'
import type { Clock } from '../clock'
import type { Random } from '../random'
import type { SchedulerCache } from './cache'
import type { ClusterEvent } from './clusterEvents'
import { BySkipped } from './bySkipped'
import type { Diagnosis } from './fitError'
import type { NodeInfo } from './nodeInfo'
import {
  CycleState,
  implementsBind,
  implementsEnqueue,
  implementsFilter,
  implementsPostFilter,
  implementsPreFilter,
  implementsPreScore,
  implementsScore,
  MAX_NODE_SCORE,
  type BindPlugin,
  type FilterPlugin,
  type Handle,
  type Plugin,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
} from './plugin'
import type { PodInfo } from './podInfo'
import { PrioritySort } from './plugins/prioritySort'
import type { Profile, Registry } from './registry'
import { errorStatus, Status, unresolvable } from './status'

export interface WeightedScorePlugin {
  plugin: ScorePlugin
  weight: number
}

/** The Filter plugins of a cycle, and the names the "why?" record lists (shared: read-only). */
export interface ActiveFilters {
  plugins: readonly FilterPlugin[]
  names: string[]
  skipped: string[]
}

/** The Score plugins of a cycle, and how the "why?" record lists them (shared: read-only). */
export interface ActiveScores {
  plugins: readonly WeightedScorePlugin[]
  labels: { plugin: string; weight: number }[]
}

export interface FrameworkOptions {
  profile: Profile
  registry: Registry
  cache: SchedulerCache
  clock: Clock
  random: Random
  client?: ApiClient
  recorder?: EventRecorder
}

export interface PreFilterOutcome {
  /** null when every PreFilter passed (or skipped). */
  status: Status | null
  /** Set when a plugin narrowed the nodes to look at. */
  nodeNames: ReadonlySet<string> | undefined
  /** Plugins that narrowed the nodes, for the absent-node reason. */
  pluginsWithNodes: string[]
}

export class Framework implements Handle {
  readonly cache: SchedulerCache
  readonly clock: Clock
  readonly random: Random
  readonly client: ApiClient | undefined
  readonly recorder: EventRecorder | undefined
  readonly schedulerName: string
  readonly percentageOfNodesToScore: number
  readonly queueSort: PrioritySort
  readonly preFilterPlugins: PreFilterPlugin[] = []
  readonly filterPlugins: FilterPlugin[] = []
  readonly postFilterPlugins: PostFilterPlugin[] = []
  readonly preScorePlugins: PreScorePlugin[] = []
  readonly scorePlugins: WeightedScorePlugin[] = []
  readonly bindPlugins: BindPlugin[] = []
  /** Plugin name → the cluster events it registered (EventsToRegister). */
  readonly events = new Map<string, readonly ClusterEvent[]>()
  private readonly filtersBySkipped = new BySkipped<ActiveFilters>((skipped) => {
    const plugins = this.filterPlugins.filter((p) => !skipped.has(p.name))
    return { plugins, names: plugins.map((p) => p.name), skipped: [...skipped] }
  })
  private readonly scoresBySkipped = new BySkipped<ActiveScores>((skipped) => {
    const plugins = this.scorePlugins.filter((s) => !skipped.has(s.plugin.name))
    return { plugins, labels: plugins.map((s) => ({ plugin: s.plugin.name, weight: s.weight })) }
  })

  constructor(options: FrameworkOptions) {
    this.cache = options.cache
    this.clock = options.clock
    this.random = options.random
    this.client = options.client
    this.recorder = options.recorder
    this.schedulerName = options.profile.schedulerName
    this.percentageOfNodesToScore = options.profile.percentageOfNodesToScore
    let queueSort: PrioritySort | undefined
    for (const entry of options.profile.plugins) {
      const factory = options.registry[entry.name]
      if (factory === undefined)
        throw new RangeError(`scheduler: plugin "${entry.name}" is not registered`)
      const plugin = factory(this)
      if (plugin instanceof PrioritySort) queueSort = plugin
      this.add(plugin, entry.weight ?? 1)
    }
    this.queueSort = queueSort ?? new PrioritySort()
  }

  private add(plugin: Plugin, weight: number): void {
    if (implementsPreFilter(plugin)) this.preFilterPlugins.push(plugin)
    if (implementsFilter(plugin)) this.filterPlugins.push(plugin)
    if (implementsPostFilter(plugin)) this.postFilterPlugins.push(plugin)
    if (implementsPreScore(plugin)) this.preScorePlugins.push(plugin)
    if (implementsScore(plugin)) this.scorePlugins.push({ plugin, weight })
    if (implementsBind(plugin)) this.bindPlugins.push(plugin)
    if (implementsEnqueue(plugin)) this.events.set(plugin.name, plugin.eventsToRegister())
  }

  /** RunPreFilterPlugins: an unresolvable rejection stops at once; node sets intersect. */
  runPreFilterPlugins(state: CycleState, pod: PodInfo): PreFilterOutcome {
    let rejected: Status | null = null
    let nodeNames: Set<string> | undefined
    const pluginsWithNodes: string[] = []
    for (const plugin of this.preFilterPlugins) {
      const result = plugin.preFilter(state, pod)
      if (result === null) continue
      if (result instanceof Status) {
        if (result.code === 'Skip') state.skipFilter.add(plugin.name)
        else if (result.code === 'UnschedulableAndUnresolvable') {
          return { status: result, nodeNames: undefined, pluginsWithNodes }
        } else if (result.code === 'Unschedulable') rejected = result
        else
          return {
            status: errorStatus(
              plugin.name,
              `running PreFilter plugin "${plugin.name}": ${result.message}`,
            ),
            nodeNames: undefined,
            pluginsWithNodes,
          }
        continue
      }
      pluginsWithNodes.push(plugin.name)
      nodeNames =
        nodeNames === undefined
          ? new Set(result.nodeNames)
          : new Set([...nodeNames].filter((n) => result.nodeNames.has(n)))
      if (nodeNames.size === 0) {
        const message =
          pluginsWithNodes.length === 1
            ? `node(s) didn't satisfy plugin ${pluginsWithNodes[0]!}`
            : `node(s) didn't satisfy plugin(s) [${pluginsWithNodes.join(' ')}] simultaneously`
        return { status: unresolvable(plugin.name, message), nodeNames, pluginsWithNodes }
      }
    }
    return { status: rejected, nodeNames, pluginsWithNodes }
  }

  /** The Filter plugins of this cycle (those whose PreFilter did not skip them). */
  activeFilters(state: CycleState): ActiveFilters {
    return this.filtersBySkipped.get(state.skipFilter)
  }

  /** One Filter plugin over the rows[0..count) whose status is still null (see filterNodes). */
  runFilterBatch(
    plugin: FilterPlugin,
    state: CycleState,
    pod: PodInfo,
    rows: Int32Array,
    count: number,
    statuses: (Status | null)[],
  ): void {
    const table = this.cache.table
    if (plugin.filterNodes !== undefined)
      return plugin.filterNodes(state, pod, table, rows, count, statuses)
    for (let j = 0; j < count; j++) {
      if (statuses[j] === null) statuses[j] = plugin.filter(state, pod, table.infos[rows[j]!]!)
    }
  }

  runFilterPlugins(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    for (const plugin of this.filterPlugins) {
      if (state.skipFilter.has(plugin.name)) continue
      const status = plugin.filter(state, pod, node)
      if (status !== null) return status
    }
    return null
  }

  /** RunPreScorePlugins; returns the score plugins that will run this cycle. */
  runPreScorePlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): ActiveScores {
    for (const plugin of this.preScorePlugins) {
      const status = plugin.preScore(state, pod, nodes)
      if (status?.code === 'Skip') state.skipScore.add(plugin.name)
    }
    return this.scoresBySkipped.get(state.skipScore)
  }

  /**
   * Score and NormalizeScore of one plugin over the feasible nodes (their table rows) into
   * `scores` (unweighted), and its weighted scores added to `totals`, in one pass after
   * normalizing.
   */
  runScorePlugin(
    state: CycleState,
    pod: PodInfo,
    scored: WeightedScorePlugin,
    nodes: readonly NodeInfo[],
    rows: Int32Array,
    scores: Float64Array,
    totals: Float64Array,
  ): void {
    const { plugin, weight } = scored
    if (plugin.scoreNodes !== undefined)
      plugin.scoreNodes(state, pod, this.cache.table, rows, scores)
    else for (let i = 0; i < nodes.length; i++) scores[i] = plugin.score(state, pod, nodes[i]!)
    plugin.normalizeScore?.(state, pod, scores)
    for (let i = 0; i < scores.length; i++) {
      const score = scores[i]!
      if (!(score >= 0 && score <= MAX_NODE_SCORE)) {
        throw new RangeError(
          `plugin "${plugin.name}" returns an invalid score ${score}, it should in the range of [0, ${MAX_NODE_SCORE}] after normalizing`,
        )
      }
      totals[i] = totals[i]! + score * weight
    }
  }

  /** RunPostFilterPlugins: the first plugin that does not return Unschedulable decides. */
  runPostFilterPlugins(
    state: CycleState,
    pod: PodInfo,
    diagnosis: Diagnosis,
  ): PostFilterResult | undefined {
    let last: PostFilterResult | undefined
    for (const plugin of this.postFilterPlugins) {
      last = plugin.postFilter(state, pod, diagnosis)
      if (last.status.code !== 'Unschedulable') return last
    }
    return last
  }

  /** RunBindPlugins: the first binder that does not skip binds. */
  runBindPlugins(state: CycleState, pod: PodInfo, nodeName: string): Status | null {
    for (const plugin of this.bindPlugins) {
      const status = plugin.bind(state, pod, nodeName)
      if (status !== null && status.code === 'Skip') continue
      if (status === null) return null
      return errorStatus(plugin.name, `running Bind plugin "${plugin.name}": ${status.message}`)
    }
    return null
  }

  newCycleState(): CycleState {
    return new CycleState()
  }
}
