/**
 * NodePorts: a pod asking for a hostPort fits only nodes where no other pod holds the same
 * protocol and port on an overlapping host IP (FIDELITY.md §3.2).
 */
import { ActionType, type ClusterEvent } from '../clusterEvents'
import type { NodeInfo } from '../nodeInfo'
import { USED_PORTS, type NodeTable } from '../nodeTable'
import type { CycleState, EnqueueExtensions, FilterPlugin, PreFilterPlugin } from '../plugin'
import type { PodInfo } from '../podInfo'
import { skip, unschedulable, type Status } from '../status'

export const NODE_PORTS = 'NodePorts'
export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports"

export class NodePorts implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = NODE_PORTS
  private readonly rejected = unschedulable(NODE_PORTS, ERR_REASON_NODE_PORTS)
  private readonly skipped = skip(NODE_PORTS)

  preFilter(_state: CycleState, pod: PodInfo): Status | null {
    return pod.hostPorts.length === 0 ? this.skipped : null
  }

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    return node.portConflict(pod.hostPorts) ? this.rejected : null
  }

  eventsToRegister(): readonly ClusterEvent[] {
    return [
      { resource: 'AssignedPod', actions: ActionType.Delete, label: 'Pod' },
      { resource: 'Node', actions: ActionType.Add, label: 'Node' },
    ]
  }

  /** Only nodes where some pod holds a host port can conflict. */
  filterNodes(
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    rows: Int32Array,
    count: number,
    statuses: (Status | null)[],
  ): void {
    if (!table.anyRow(USED_PORTS)) return
    const { flags, infos } = table
    for (let j = 0; j < count; j++) {
      const r = rows[j]!
      if (statuses[j] === null && (flags[r]! & USED_PORTS) !== 0)
        statuses[j] = this.filter(state, pod, infos[r]!)
    }
  }
}
