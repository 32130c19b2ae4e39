/**
 * NodeName: a pod that names a node (spec.nodeName) fits only that node. The scheduler never
 * sees such pods (they are already assigned), but the filter is part of the default profile
 * and of preemption's simulations.
 */
import { ActionType, type ClusterEvent } from '../clusterEvents'
import type { NodeInfo } from '../nodeInfo'
import type { NodeTable } from '../nodeTable'
import type { CycleState, EnqueueExtensions, FilterPlugin } from '../plugin'
import type { PodInfo } from '../podInfo'
import { unresolvable, type Status } from '../status'

export const NODE_NAME = 'NodeName'
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name"

export class NodeName implements FilterPlugin, EnqueueExtensions {
  readonly name = NODE_NAME
  private readonly rejected = unresolvable(NODE_NAME, ERR_REASON_NODE_NAME)

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const wanted = pod.pod.spec.nodeName
    return wanted === undefined || wanted === '' || wanted === node.name ? null : this.rejected
  }

  eventsToRegister(): readonly ClusterEvent[] {
    return [{ resource: 'Node', actions: ActionType.Add, label: 'Node' }]
  }

  /** A pod that names no node passes on every node without a look at them. */
  filterNodes(
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    rows: Int32Array,
    count: number,
    statuses: (Status | null)[],
  ): void {
    const wanted = pod.pod.spec.nodeName
    if (wanted === undefined || wanted === '') return
    for (let j = 0; j < count; j++) {
      if (statuses[j] === null) statuses[j] = this.filter(state, pod, table.infos[rows[j]!]!)
    }
  }
}
