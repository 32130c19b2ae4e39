/**
 * TaintToleration: Filter rejects a node with a NoSchedule or NoExecute taint the pod does not
 * tolerate (the first one, in node order, is named in the reason, v1.25–1.34 wording of
 * FIDELITY.md §3.2); Score prefers nodes with fewer untolerated PreferNoSchedule taints.
 */
import type { Toleration } from '../../api/types'
import { ActionType, type ClusterEvent } from '../clusterEvents'
import type { NodeInfo } from '../nodeInfo'
import { FILTER_TAINTS, PREFER_TAINTS, type NodeTable } from '../nodeTable'
import { defaultNormalizeScore } from '../normalize'
import {
  MAX_NODE_SCORE,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
} from '../plugin'
import type { PodInfo } from '../podInfo'
import { unresolvable, type Status } from '../status'
import { findUntoleratedTaint, tolerationsTolerateTaint } from '../taints'

export const TAINT_TOLERATION = 'TaintToleration'
const PRE_SCORE_KEY = 'PreScoreTaintToleration'

/** The v1.32 reason: `node(s) had untolerated taint {key: value}`. */
export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`
}

export class TaintToleration
  implements FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions
{
  readonly name = TAINT_TOLERATION

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    if (node.filterTaints.length === 0) return null
    const taint = findUntoleratedTaint(node.filterTaints, pod.tolerations)
    if (taint === undefined) return null
    return unresolvable(TAINT_TOLERATION, untoleratedTaintReason(taint.key, taint.value))
  }

  preScore(state: CycleState, pod: PodInfo): Status | null {
    const prefer = pod.tolerations.filter(
      (t) => (t.effect ?? '') === '' || t.effect === 'PreferNoSchedule',
    )
    state.write(PRE_SCORE_KEY, prefer)
    return null
  }

  /** How many PreferNoSchedule taints of the node the pod does not tolerate. */
  score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
    if (node.preferTaints.length === 0) return 0
    const tolerations = state.read<Toleration[]>(PRE_SCORE_KEY) ?? []
    let count = 0
    for (const taint of node.preferTaints) {
      if (!tolerationsTolerateTaint(tolerations, taint)) count++
    }
    return count
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, scores: Float64Array): void {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores)
  }

  eventsToRegister(): readonly ClusterEvent[] {
    return [
      { resource: 'Node', actions: ActionType.Add | ActionType.UpdateNodeTaint, label: 'Node' },
      { resource: 'UnscheduledPod', actions: ActionType.UpdatePodToleration, label: 'Pod' },
    ]
  }

  /** Only nodes with NoSchedule or NoExecute taints can reject the pod. */
  filterNodes(
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    rows: Int32Array,
    count: number,
    statuses: (Status | null)[],
  ): void {
    if (!table.anyRow(FILTER_TAINTS)) return
    const { flags, infos } = table
    for (let j = 0; j < count; j++) {
      const r = rows[j]!
      if (statuses[j] === null && (flags[r]! & FILTER_TAINTS) !== 0)
        statuses[j] = this.filter(state, pod, infos[r]!)
    }
  }

  /** Nodes without PreferNoSchedule taints score 0 untolerated taints. */
  scoreNodes(
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    rows: Int32Array,
    out: Float64Array,
  ): void {
    if (!table.anyRow(PREFER_TAINTS)) {
      out.fill(0)
      return
    }
    const { flags, infos } = table
    for (let i = 0; i < out.length; i++) {
      const r = rows[i]!
      out[i] = (flags[r]! & PREFER_TAINTS) === 0 ? 0 : this.score(state, pod, infos[r]!)
    }
  }
}
