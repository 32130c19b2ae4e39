/**
 * NodeAffinity: Filter keeps the nodes matching the pod's nodeSelector and required node
 * affinity; PreFilter narrows the search to named nodes (matchFields metadata.name, as
 * DaemonSet pods use); Score sums the weights of the preferred terms a node matches.
 */
import { ActionType, type ClusterEvent } from '../clusterEvents'
import type { NodeInfo } from '../nodeInfo'
import type { NodeTable } from '../nodeTable'
import { matchesRequired, requiredNodeNames, termMatches } from '../nodeSelector'
import { defaultNormalizeScore } from '../normalize'
import {
  MAX_NODE_SCORE,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type ScorePlugin,
} from '../plugin'
import type { PodInfo } from '../podInfo'
import { skip, unresolvable, type Status } from '../status'

export const NODE_AFFINITY = 'NodeAffinity'
/** ErrReasonPod (FIDELITY.md §3.2). */
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector"
/** errReasonConflict: every required term names nodes, and no node is in all of them. */
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict'

export class NodeAffinity
  implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions
{
  readonly name = NODE_AFFINITY
  private readonly rejected = unresolvable(NODE_AFFINITY, ERR_REASON_POD)
  private readonly skipped = skip(NODE_AFFINITY)

  preFilter(_state: CycleState, pod: PodInfo): Status | PreFilterResult | null {
    if (pod.required === undefined) return this.skipped
    const names = requiredNodeNames(pod.required)
    if (names === undefined) return null
    if (names.size === 0) return unresolvable(NODE_AFFINITY, ERR_REASON_CONFLICT)
    return { nodeNames: names }
  }

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    if (pod.required === undefined || matchesRequired(pod.required, node)) return null
    return this.rejected
  }

  preScore(_state: CycleState, pod: PodInfo): Status | null {
    return pod.preferred.length === 0 ? this.skipped : null
  }

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    let count = 0
    for (const { weight, term } of pod.preferred) if (termMatches(term, node)) count += weight
    return count
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, scores: Float64Array): void {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores)
  }

  eventsToRegister(): readonly ClusterEvent[] {
    return [
      { resource: 'Node', actions: ActionType.Add | ActionType.UpdateNodeLabel, label: 'Node' },
    ]
  }

  /** A pod without nodeSelector or required affinity passes everywhere (PreFilter skips it). */
  filterNodes(
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    rows: Int32Array,
    count: number,
    statuses: (Status | null)[],
  ): void {
    if (pod.required === undefined) return
    for (let j = 0; j < count; j++) {
      if (statuses[j] === null) statuses[j] = this.filter(state, pod, table.infos[rows[j]!]!)
    }
  }

  scoreNodes(
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    rows: Int32Array,
    out: Float64Array,
  ): void {
    for (let i = 0; i < out.length; i++) out[i] = this.score(state, pod, table.infos[rows[i]!]!)
  }
}
