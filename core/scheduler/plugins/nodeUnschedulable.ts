/**
 * NodeUnschedulable: a cordoned node (spec.unschedulable) takes no new pods, unless the pod
 * tolerates the node.kubernetes.io/unschedulable:NoSchedule taint (FIDELITY.md §3.2).
 */
import { ActionType, type ClusterEvent } from '../clusterEvents'
import type { NodeInfo } from '../nodeInfo'
import { UNSCHEDULABLE, type NodeTable } from '../nodeTable'
import type { CycleState, EnqueueExtensions, FilterPlugin } from '../plugin'
import type { PodInfo } from '../podInfo'
import { unresolvable, type Status } from '../status'
import { UNSCHEDULABLE_TAINT, tolerationsTolerateTaint } from '../taints'

export const NODE_UNSCHEDULABLE = 'NodeUnschedulable'
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable'

export class NodeUnschedulable implements FilterPlugin, EnqueueExtensions {
  readonly name = NODE_UNSCHEDULABLE
  private readonly rejected = unresolvable(NODE_UNSCHEDULABLE, ERR_REASON_UNSCHEDULABLE)

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    if (!node.unschedulable) return null
    return tolerationsTolerateTaint(pod.tolerations, UNSCHEDULABLE_TAINT) ? null : this.rejected
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
    table: NodeTable,
    rows: Int32Array,
    count: number,
    statuses: (Status | null)[],
  ): void {
    if (!table.anyRow(UNSCHEDULABLE)) return
    const { flags, infos } = table
    for (let j = 0; j < count; j++) {
      const r = rows[j]!
      if (statuses[j] === null && (flags[r]! & UNSCHEDULABLE) !== 0)
        statuses[j] = this.filter(state, pod, infos[r]!)
    }
  }
}
