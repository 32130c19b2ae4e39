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
  scores: PluginScores[]
  /** Weighted totals, one per feasible node (empty when scoring was not needed). */
  totals: Float64Array
  /** Index in `feasible` of the chosen node, or -1. */
  selected: number
}

const NO_TOTALS = new Float64Array(0)

export type ScheduleOutcome =
  | { kind: 'Scheduled'; nodeName: string; trace: ScheduleTrace; diagnosis: Diagnosis }
  | { kind: 'Unschedulable'; trace: ScheduleTrace; diagnosis: Diagnosis }
  | { kind: 'NoNodes' }
  | { kind: 'Error'; message: string; trace?: ScheduleTrace; diagnosis?: Diagnosis }

/** selectHost: the best total, ties broken by reservoir sampling. Returns an index. */
export function selectHost(totals: ArrayLike<number>, random: Random): number {
  let best = 0
  let ties = 1
  for (let i = 1; i < totals.length; i++) {
    if (totals[i]! > totals[best]!) {
      best = i
      ties = 1
    } else if (totals[i] === totals[best]) {
      ties++
      // random.int(0, ties − 1) without its argument checks: this runs once per tied node.
      if (Math.floor(random.next() * ties) === 0) best = i
    }
  }
  return best
}

/** A reusable Float64Array of at least `n` elements, viewed as exactly `n`. */
function scratch(buffers: Float64Array[], index: number, n: number): Float64Array {
  let buffer = buffers[index]
  if (buffer === undefined || buffer.length < n) {
    buffer = new Float64Array(Math.max(n, 2 * (buffer?.length ?? 0), 64))
    buffers[index] = buffer
  }
  return buffer.subarray(0, n)
}

/** The trace of a cycle that looked at no node (no nodes at all, or an error before Filter). */
export function emptyTrace(totalNodes: number): ScheduleTrace {
  return {
    totalNodes,
    evaluatedNodes: 0,
    feasible: [],
    scores: [],
    totals: NO_TOTALS,
    selected: -1,
  }
}

export class SchedulingAlgorithm {
  /** Where the next cycle's Filter starts in the node list. */
  nextStartNodeIndex = 0
  private readonly feasibleScratch: NodeInfo[] = []
  private readonly chunkScratch: NodeInfo[] = []
  private readonly statusScratch: (Status | null)[] = []
  private readonly scoreBuffers: Float64Array[] = []

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
    let nodes = fw.cache.nodes
    if (pre.nodeNames !== undefined) {
      nodes = [...pre.nodeNames].flatMap((name) => fw.cache.get(name) ?? [])
      const plugins = `[${pre.pluginsWithNodes.join(' ')}]`
      diagnosis.absentStatus = unresolvable(
        pre.pluginsWithNodes[0]!,
        `node(s) didn't satisfy plugin(s) ${plugins}`,
      )
    }
    const feasible = this.findNodesThatPassFilters(state, pod, nodes, diagnosis)
    if (typeof feasible === 'string') return { kind: 'Error', message: feasible }
    trace.feasible = feasible
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
   * findNodesThatPassFilters. Nodes are examined in chunks of (wanted − found): a chunk can at
   * most complete the wanted count, so exactly the nodes a one-by-one scan would examine are
   * examined, and each Filter plugin runs over a whole chunk at once (see filterNodes).
   */
  private findNodesThatPassFilters(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    diagnosis: Diagnosis,
  ): NodeInfo[] | string {
    const fw = this.framework
    const count = nodes.length
    const feasible = this.feasibleScratch
    feasible.length = 0
    if (count === 0) return feasible
    const wanted = numFeasibleNodesToFind(fw.percentageOfNodesToScore, count)
    const filters = fw.activeFilters(state)
    const start = this.nextStartNodeIndex
    const chunk = this.chunkScratch
    const statuses = this.statusScratch
    let processed = 0
    let error: string | undefined
    while (processed < count && feasible.length < wanted && error === undefined) {
      const size = Math.min(wanted - feasible.length, count - processed)
      chunk.length = size
      statuses.length = size
      for (let j = 0; j < size; j++) {
        chunk[j] = nodes[(start + processed + j) % count]!
        statuses[j] = null
      }
      for (const filter of filters) fw.runFilterBatch(filter, state, pod, chunk, size, statuses)
      for (let j = 0; j < size; j++) {
        const status = statuses[j]!
        if (status === null) feasible.push(chunk[j]!)
        else if (status.code === 'Error') {
          error ??= `running "${status.plugin}" filter plugin: ${status.message}`
        } else {
          diagnosis.nodeToStatus.set(chunk[j]!.name, status)
          diagnosis.unschedulablePlugins.add(status.plugin)
        }
      }
      processed += size
    }
    this.nextStartNodeIndex = (start + processed) % Math.max(1, fw.cache.numNodes)
    return error ?? feasible
  }

  /** prioritizeNodes: per plugin Score and NormalizeScore, weighted and summed. */
  private prioritizeNodes(state: CycleState, pod: PodInfo, trace: ScheduleTrace): void {
    const fw = this.framework
    const nodes = trace.feasible
    const totals = scratch(this.scoreBuffers, 0, nodes.length)
    totals.fill(fw.scorePlugins.length === 0 ? 1 : 0)
    let index = 1
    for (const scored of fw.runPreScorePlugins(state, pod, nodes)) {
      const scores = scratch(this.scoreBuffers, index++, nodes.length)
      fw.runScorePlugin(state, pod, scored, nodes, scores, totals)
      trace.scores.push({ plugin: scored.plugin.name, weight: scored.weight, scores })
    }
    trace.totals = totals
  }
}
