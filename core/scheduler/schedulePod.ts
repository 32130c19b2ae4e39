/**
 * The scheduling algorithm of one cycle (schedulePod in pkg/scheduler/schedule_one.go):
 * PreFilter, then Filter over the nodes from a rotating start index until enough feasible nodes
 * are found (percentageOfNodesToScore), then Score, NormalizeScore, weights, and a host chosen
 * among the best with the seeded random stream.
 *
 * Invariants:
 * 1. Per pod, work is proportional to the nodes examined, never to all pods in the cluster.
 * 2. `nextStartNodeIndex` advances by the nodes examined, so successive pods start where the
 *    previous one stopped and every node gets examined in turn.
 * 3. Ties between the best totals are broken by reservoir sampling on the scheduler's random
 *    stream: each of k tied nodes wins with probability 1/k, and the same seed picks the same.
 */
import type { Random } from '../random'
import { newDiagnosis, type Diagnosis } from './fitError'
import type { Framework } from './framework'
import type { NodeInfo } from './nodeInfo'
import type { CycleState } from './plugin'
import type { PodInfo } from './podInfo'
import { unresolvable, type Status } from './status'

const MIN_FEASIBLE_NODES_TO_FIND = 100
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5

/** numFeasibleNodesToFind (FIDELITY.md §3.5): 100 → 100, 1000 → 420, 5000 → 500. */
export function numFeasibleNodesToFind(
  percentageOfNodesToScore: number,
  numAllNodes: number,
): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND || percentageOfNodesToScore >= 100)
    return numAllNodes
  let percentage = percentageOfNodesToScore
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125)
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND)
      percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100)
  return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes
}

export interface PluginScores {
  plugin: string
  weight: number
  /** Normalized scores, one per feasible node, before the weight. */
  scores: Float64Array
}

/**
 * What the cycle looked at, for the "why?" details. The arrays are the algorithm's scratch
 * buffers, reused by the next cycle: read them before scheduling another pod.
 */
export interface ScheduleTrace {
  totalNodes: number
  evaluatedNodes: number
  feasible: NodeInfo[]
  /** The cache's table rows of `feasible`, in the same order (the first feasible.length). */
  feasibleRows: Int32Array
  scores: PluginScores[]
  /** The plugins of `scores` with their weights, as the "why?" record lists them (shared). */
  scorePlugins: { plugin: string; weight: number }[]
  /** Weighted totals, one per feasible node (empty when scoring was not needed). */
  totals: Float64Array
  /** Index in `feasible` of the chosen node, or -1. */
  selected: number
}

const NO_TOTALS = new Float64Array(0)
const NO_ROWS = new Int32Array(0)

export type ScheduleOutcome =
  | { kind: 'Scheduled'; nodeName: string; trace: ScheduleTrace; diagnosis: Diagnosis }
  | { kind: 'Unschedulable'; trace: ScheduleTrace; diagnosis: Diagnosis }
  | { kind: 'NoNodes' }
  | { kind: 'Error'; message: string; trace?: ScheduleTrace; diagnosis?: Diagnosis }

/** selectHost: the best total, ties broken by reservoir sampling. Returns an index. */
export function selectHost(totals: ArrayLike<number>, random: Random): number {
  let best = 0
  let bestTotal = totals[0]!
  let ties = 1
  for (let i = 1; i < totals.length; i++) {
    const total = totals[i]!
    if (total > bestTotal) {
      best = i
      bestTotal = total
      ties = 1
    } else if (total === bestTotal) {
      ties++
      // random.int(0, ties − 1) without its argument checks: this runs once per tied node.
      if (Math.floor(random.next() * ties) === 0) best = i
    }
  }
  return best
}

/**
 * Reusable score arrays: `get(i, n)` is buffer i viewed as exactly n elements. The view is kept
 * and handed out again while n stays the same (a 5,000-node cluster scores 500 nodes per pod,
 * every pod), since making a typed-array view costs more than filling it.
 */
class ScoreBuffers {
  private readonly buffers: Float64Array[] = []
  private readonly views: Float64Array[] = []

  get(index: number, n: number): Float64Array {
    const view = this.views[index]
    if (view !== undefined && view.length === n) return view
    let buffer = this.buffers[index]
    if (buffer === undefined || buffer.length < n) {
      buffer = new Float64Array(Math.max(n, 2 * (buffer?.length ?? 0), 64))
      this.buffers[index] = buffer
    }
    const fresh = buffer.subarray(0, n)
    this.views[index] = fresh
    return fresh
  }
}

/** An Int32Array of at least n elements: `current` itself when it is long enough. */
function atLeast(current: Int32Array, n: number): Int32Array {
  return current.length >= n ? current : new Int32Array(Math.max(n, 2 * current.length, 64))
}

/** The trace of a cycle that looked at no node (no nodes at all, or an error before Filter). */
export function emptyTrace(totalNodes: number): ScheduleTrace {
  return {
    totalNodes,
    evaluatedNodes: 0,
    feasible: [],
    feasibleRows: NO_ROWS,
    scores: [],
    scorePlugins: [],
    totals: NO_TOTALS,
    selected: -1,
  }
}

export class SchedulingAlgorithm {
  /** Where the next cycle's Filter starts in the node list. */
  nextStartNodeIndex = 0
  private readonly feasibleScratch: NodeInfo[] = []
  private feasibleRows: Int32Array = NO_ROWS
  private chunkRows: Int32Array = NO_ROWS
  private readonly statusScratch: (Status | null)[] = []
  private readonly scoreBuffers = new ScoreBuffers()

  constructor(private readonly framework: Framework) {}

  schedulePod(state: CycleState, pod: PodInfo): ScheduleOutcome {
    const fw = this.framework
    const totalNodes = fw.cache.numNodes
    if (totalNodes === 0) return { kind: 'NoNodes' }
    const diagnosis = newDiagnosis()
    const trace = emptyTrace(totalNodes)
    const pre = fw.runPreFilterPlugins(state, pod)
    if (pre.status !== null) {
      if (!pre.status.isRejected) return { kind: 'Error', message: pre.status.message }
      diagnosis.absentStatus = pre.status
      diagnosis.preFilterMsg = pre.status.message
      diagnosis.unschedulablePlugins.add(pre.status.plugin)
      return { kind: 'Unschedulable', trace, diagnosis }
    }
    const nominated = this.tryNominatedNode(state, pod, diagnosis, trace)
    if (nominated !== undefined) return nominated
    // The table rows to look at: all of them in order, or those of the nodes PreFilter named.
    let named: Int32Array | undefined
    if (pre.nodeNames !== undefined) {
      const nodes = [...pre.nodeNames].flatMap((name) => fw.cache.get(name) ?? [])
      named = Int32Array.from(nodes, (node) => node.row)
      const plugins = `[${pre.pluginsWithNodes.join(' ')}]`
      diagnosis.absentStatus = unresolvable(
        pre.pluginsWithNodes[0]!,
        `node(s) didn't satisfy plugin(s) ${plugins}`,
      )
    }
    const feasible = this.findNodesThatPassFilters(state, pod, named, diagnosis)
    if (typeof feasible === 'string') return { kind: 'Error', message: feasible }
    trace.feasible = feasible
    trace.feasibleRows = this.feasibleRows
    trace.evaluatedNodes = feasible.length + diagnosis.nodeToStatus.size
    if (feasible.length === 0) return { kind: 'Unschedulable', trace, diagnosis }
    if (feasible.length === 1) {
      trace.selected = 0
      return { kind: 'Scheduled', nodeName: feasible[0]!.name, trace, diagnosis }
    }
    try {
      this.prioritizeNodes(state, pod, trace)
    } catch (error) {
      return { kind: 'Error', message: error instanceof Error ? error.message : String(error) }
    }
    trace.selected = selectHost(trace.totals, fw.random)
    return { kind: 'Scheduled', nodeName: feasible[trace.selected]!.name, trace, diagnosis }
  }

  /** A pod nominated by preemption tries its nominated node first (evaluateNominatedNode). */
  private tryNominatedNode(
    state: CycleState,
    pod: PodInfo,
    diagnosis: Diagnosis,
    trace: ScheduleTrace,
  ): ScheduleOutcome | undefined {
    const name = pod.pod.status?.nominatedNodeName
    const node = name ? this.framework.cache.get(name) : undefined
    if (node === undefined) return undefined
    const status = this.framework.runFilterPlugins(state, pod, node)
    if (status !== null) return undefined
    trace.feasible = [node]
    trace.evaluatedNodes = 1
    trace.selected = 0
    return { kind: 'Scheduled', nodeName: node.name, trace, diagnosis }
  }

  /**
   * findNodesThatPassFilters over the table rows (all, in cache order, or `named`). Nodes are
   * examined in chunks of (wanted − found): a chunk can at most complete the wanted count, so
   * exactly the nodes a one-by-one scan would examine are examined, and each Filter plugin runs
   * over a whole chunk at once (see filterNodes). The feasible nodes' rows go to feasibleRows.
   */
  private findNodesThatPassFilters(
    state: CycleState,
    pod: PodInfo,
    named: Int32Array | undefined,
    diagnosis: Diagnosis,
  ): NodeInfo[] | string {
    const fw = this.framework
    const table = fw.cache.table
    const infos = table.infos
    const count = named === undefined ? infos.length : named.length
    // Filled by index and cut to length at the end: `length = 0` would drop the array's
    // storage, and pushing 500 nodes back would allocate it again, for every pod.
    const feasible = this.feasibleScratch
    let found = 0
    if (count === 0) {
      feasible.length = 0
      return feasible
    }
    const wanted = numFeasibleNodesToFind(fw.percentageOfNodesToScore, count)
    const filters = fw.activeFilters(state).plugins
    const start = this.nextStartNodeIndex
    const rows = (this.chunkRows = atLeast(this.chunkRows, wanted))
    const feasibleRows = (this.feasibleRows = atLeast(this.feasibleRows, wanted))
    const statuses = this.statusScratch
    let processed = 0
    let error: string | undefined
    while (processed < count && found < wanted && error === undefined) {
      const size = Math.min(wanted - found, count - processed)
      statuses.length = size
      // (start + processed + j) % count, without a division per node.
      let at = (start + processed) % count
      for (let j = 0; j < size; j++) {
        rows[j] = named === undefined ? at : named[at]!
        statuses[j] = null
        if (++at === count) at = 0
      }
      for (const filter of filters) fw.runFilterBatch(filter, state, pod, rows, size, statuses)
      for (let j = 0; j < size; j++) {
        const status = statuses[j]!
        const row = rows[j]!
        if (status === null) {
          feasibleRows[found] = row
          feasible[found++] = infos[row]!
        } else if (status.code === 'Error') {
          error ??= `running "${status.plugin}" filter plugin: ${status.message}`
        } else {
          diagnosis.nodeToStatus.set(infos[row]!.name, status)
          diagnosis.unschedulablePlugins.add(status.plugin)
        }
      }
      processed += size
    }
    feasible.length = found
    this.nextStartNodeIndex = (start + processed) % Math.max(1, fw.cache.numNodes)
    return error ?? feasible
  }

  /** prioritizeNodes: per plugin Score and NormalizeScore, weighted and summed. */
  private prioritizeNodes(state: CycleState, pod: PodInfo, trace: ScheduleTrace): void {
    const fw = this.framework
    const nodes = trace.feasible
    const totals = this.scoreBuffers.get(0, nodes.length)
    totals.fill(fw.scorePlugins.length === 0 ? 1 : 0)
    let index = 1
    const active = fw.runPreScorePlugins(state, pod, nodes)
    for (const scored of active.plugins) {
      const scores = this.scoreBuffers.get(index++, nodes.length)
      fw.runScorePlugin(state, pod, scored, nodes, trace.feasibleRows, scores, totals)
      trace.scores.push({ plugin: scored.plugin.name, weight: scored.weight, scores })
    }
    trace.scorePlugins = active.labels
    trace.totals = totals
  }
}
