/**
 * The "why?" of one scheduling attempt, as recorded in the ExplainLog under `Pod ns/name`
 * (codes Scheduled / FailedScheduling): which plugin rejected which node and with what reason,
 * and how each plugin scored the feasible nodes.
 *
 * Invariants:
 * 1. Rows are bounded (`limit`): the chosen node first, then the best-scored feasible nodes,
 *    then rejected nodes in the order they were examined. `omittedNodes` counts the rest, so a
 *    5,000-node cluster costs as much memory per decision as a 10-node one.
 * 2. A row's `filter` is null when the node passed every Filter plugin; otherwise it is the
 *    first plugin that rejected it (plugins after it in `filterPlugins` did not run).
 * 3. `scores[i]` is the normalized score of `scorePlugins[i]`, before its weight; `total` is
 *    the weighted sum that selectHost compared.
 */
import type { Diagnosis } from './fitError'
import type { ScheduleTrace } from './schedulePod'
import type { ScoreLists } from './scoreLists'
import type { Code, Status } from './status'

export interface FilterVerdict {
  plugin: string
  code: Code
  reasons: string[]
}

export interface NodeDecision {
  node: string
  /** null: passed every Filter plugin. Otherwise the plugin that rejected the node. */
  filter: FilterVerdict | null
  /** Normalized score per plugin, aligned with SchedulingDecision.scorePlugins. */
  scores?: number[]
  /** Weighted total over the score plugins. */
  total?: number
  /** What preemption (PostFilter) concluded for this node, when it ran. */
  preemption?: string
  selected?: true
}

export interface SchedulingDecision {
  /** "namespace/name" */
  pod: string
  result: 'Scheduled' | 'Unschedulable' | 'Error'
  /** The FitError text, the binding error, or "Successfully assigned …". */
  message: string
  selectedNode?: string
  totalNodes: number
  evaluatedNodes: number
  feasibleNodes: number
  /** Filter plugins in the order they ran; those PreFilter skipped are listed apart. */
  filterPlugins: string[]
  skippedFilterPlugins: string[]
  scorePlugins: { plugin: string; weight: number }[]
  /** Set when a PreFilter plugin rejected the pod before any node was looked at. */
  preFilter?: FilterVerdict
  /** The PostFilter (preemption) message and nomination, when it ran. */
  postFilter?: { message: string; nominatedNodeName?: string }
  nodes: NodeDecision[]
  /** Examined nodes left out of `nodes` to keep the record small. */
  omittedNodes: number
}

export const DEFAULT_DECISION_NODE_LIMIT = 8

function verdict(status: Status): FilterVerdict {
  return { plugin: status.plugin, code: status.code, reasons: [...status.reasons] }
}

/** Indices of the `k` highest totals (ties: first seen), skipping `except`; O(n) when tied. */
function topIndices(totals: ArrayLike<number>, k: number, except: number): number[] {
  const top: number[] = []
  if (k <= 0) return top
  // Once there are k, `floor` is the k-th best total so far, and most totals fall at or below
  // it. (A flag, not top.length: V8 reloads an array's length on every pass of the loop.)
  let full = false
  let floor = 0
  for (let i = 0; i < totals.length; i++) {
    const t = totals[i]!
    if ((full && t <= floor) || i === except) continue
    if (full) top[k - 1] = i
    else top.push(i)
    for (let j = top.length - 1; j > 0 && totals[top[j - 1]!]! < t; j--) {
      const swapped = top[j - 1]!
      top[j - 1] = top[j]!
      top[j] = swapped
    }
    if (top.length === k) {
      full = true
      floor = totals[top[k - 1]!]!
    }
  }
  return top
}

export interface DecisionInput {
  pod: string
  result: SchedulingDecision['result']
  message: string
  selectedNode: string | undefined
  trace: ScheduleTrace
  diagnosis: Diagnosis
  filterPlugins: string[]
  skippedFilterPlugins: string[]
  scorePlugins: { plugin: string; weight: number }[]
  postFilter: { message: string; nominatedNodeName?: string } | undefined
  preemption: ReadonlyMap<string, string> | undefined
  limit: number
  /** Where the rows' score lists come from (shared between records). */
  scoreLists: ScoreLists
}

function feasibleRow(
  name: string,
  i: number,
  trace: ScheduleTrace,
  lists: ScoreLists,
): NodeDecision {
  if (trace.totals.length === 0) return { node: name, filter: null }
  return { node: name, filter: null, scores: lists.get(trace.scores, i), total: trace.totals[i]! }
}

export function buildDecision(input: DecisionInput): SchedulingDecision {
  const { trace, diagnosis, limit, scoreLists } = input
  const feasible = trace.feasible
  const chosen = input.selectedNode === undefined ? -1 : trace.selected
  const first = chosen >= 0 ? 1 : 0
  const others =
    trace.totals.length > 0
      ? topIndices(trace.totals, limit - first, chosen)
      : feasible
          .map((_, i) => i)
          .filter((i) => i !== chosen)
          .slice(0, Math.max(0, limit - first))
  const rejected = Math.max(0, Math.min(diagnosis.nodeToStatus.size, limit - first - others.length))
  // Sized up front: a decision is kept for every pod, and an array grown by push keeps spare room.
  const nodes = new Array<NodeDecision>(first + others.length + rejected)
  let n = 0
  if (chosen >= 0) {
    const row = feasibleRow(feasible[chosen]!.name, chosen, trace, scoreLists)
    row.selected = true
    nodes[n++] = row
  }
  for (const i of others) nodes[n++] = feasibleRow(feasible[i]!.name, i, trace, scoreLists)
  for (const [node, status] of diagnosis.nodeToStatus) {
    if (n === nodes.length) break
    const row: NodeDecision = { node, filter: verdict(status) }
    const preemption = input.preemption?.get(node)
    if (preemption !== undefined) row.preemption = preemption
    nodes[n++] = row
  }
  const decision: SchedulingDecision = {
    pod: input.pod,
    result: input.result,
    message: input.message,
    totalNodes: trace.totalNodes,
    evaluatedNodes: trace.evaluatedNodes,
    feasibleNodes: feasible.length,
    filterPlugins: input.filterPlugins,
    skippedFilterPlugins: input.skippedFilterPlugins,
    scorePlugins: input.scorePlugins,
    nodes,
    omittedNodes: Math.max(0, feasible.length + diagnosis.nodeToStatus.size - nodes.length),
  }
  if (input.selectedNode !== undefined) decision.selectedNode = input.selectedNode
  if (diagnosis.preFilterMsg !== '' && diagnosis.absentStatus !== undefined) {
    decision.preFilter = verdict(diagnosis.absentStatus)
  }
  if (input.postFilter !== undefined) decision.postFilter = input.postFilter
  return decision
}
