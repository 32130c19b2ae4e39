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
import type { PluginScores, ScheduleTrace } from './schedulePod'
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
  for (let i = 0; i < totals.length; i++) {
    if (i === except) continue
    const t = totals[i]!
    if (top.length === k && t <= totals[top[k - 1]!]!) continue
    if (top.length < k) top.push(i)
    else top[k - 1] = i
    for (let j = top.length - 1; j > 0 && totals[top[j - 1]!]! < t; j--) {
      ;[top[j - 1], top[j]] = [top[j]!, top[j - 1]!]
    }
  }
  return top
}

export interface DecisionInput {
  pod: string
  result: SchedulingDecision['result']
  message: string
  selectedNode?: string
  trace: ScheduleTrace
  diagnosis: Diagnosis
  filterPlugins: string[]
  skippedFilterPlugins: string[]
  scorePlugins: { plugin: string; weight: number }[]
  postFilter?: { message: string; nominatedNodeName?: string }
  preemption?: ReadonlyMap<string, string>
  limit: number
}

function feasibleRow(
  name: string,
  i: number,
  scores: PluginScores[],
  totals: Float64Array,
): NodeDecision {
  if (totals.length === 0) return { node: name, filter: null }
  return { node: name, filter: null, scores: scores.map((s) => s.scores[i]!), total: totals[i]! }
}

export function buildDecision(input: DecisionInput): SchedulingDecision {
  const { trace, diagnosis, limit } = input
  const nodes: NodeDecision[] = []
  const feasible = trace.feasible
  const chosen = input.selectedNode === undefined ? -1 : trace.selected
  if (chosen >= 0) {
    nodes.push({
      ...feasibleRow(feasible[chosen]!.name, chosen, trace.scores, trace.totals),
      selected: true,
    })
  }
  const others =
    trace.totals.length > 0
      ? topIndices(trace.totals, limit - nodes.length, chosen)
      : feasible
          .map((_, i) => i)
          .filter((i) => i !== chosen)
          .slice(0, Math.max(0, limit - nodes.length))
  for (const i of others) nodes.push(feasibleRow(feasible[i]!.name, i, trace.scores, trace.totals))
  for (const [node, status] of diagnosis.nodeToStatus) {
    if (nodes.length >= limit) break
    const row: NodeDecision = { node, filter: verdict(status) }
    const preemption = input.preemption?.get(node)
    if (preemption !== undefined) row.preemption = preemption
    nodes.push(row)
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
