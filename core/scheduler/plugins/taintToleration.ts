/**
 * TaintToleration: Filter rejects a node with a NoSchedule or NoExecute taint the pod does not
 * tolerate (the first one, in node order, is named in the reason, v1.25–1.34 wording of
 * FIDELITY.md §3.2); Score prefers nodes with fewer untolerated PreferNoSchedule taints.
 */
import type { Toleration } from '../../api/types'
import { ActionType, type ClusterEvent } from '../clusterEvents'
import type { NodeInfo } from '../nodeInfo'
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

  filterNodes(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    count: number,
    statuses: (Status | null)[],
  ): void {
    for (let j = 0; j < count; j++) {
      if (statuses[j] === null) statuses[j] = this.filter(state, pod, nodes[j]!)
    }
  }

  scoreNodes(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array): void {
    for (let i = 0; i < nodes.length; i++) out[i] = this.score(state, pod, nodes[i]!)
  }
}
