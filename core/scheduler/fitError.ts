/**
 * Why a pod fits no node (framework.Diagnosis and FitError), and the message kubectl shows in
 * the pod's PodScheduled condition and FailedScheduling event (FIDELITY.md §3.1):
 *
 *   0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: },
 *   2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for
 *   scheduling, 2 No preemption victims found for incoming pod.
 *
 * Invariants:
 * 1. Every reason of every node's status is counted once per node; the "<count> <reason>"
 *    strings are sorted as whole strings (so "10 …" sorts before "2 …", as Go's sort.Strings).
 * 2. When PreFilter rejected the pod, its message replaces the per-node histogram.
 * 3. Nodes absent from the map (outside a PreFilter node set) count with `absentStatus`.
 */
import type { Status } from './status'

export const NO_NODE_AVAILABLE = (n: number): string => `0/${n} nodes are available`

/** ErrNoNodesAvailable: the cluster has no node at all. */
export const NO_NODES_AVAILABLE_MESSAGE = 'no nodes available to schedule pods'

export interface Diagnosis {
  /** The rejection of each node that was examined and failed. */
  readonly nodeToStatus: Map<string, Status>
  /** The status of nodes absent from nodeToStatus (all nodes, when PreFilter rejected). */
  absentStatus: Status | undefined
  /** Plugins that rejected the pod somewhere: the queue requeues it on their events. */
  readonly unschedulablePlugins: Set<string>
  preFilterMsg: string
  postFilterMsg: string
}

export function newDiagnosis(): Diagnosis {
  return {
    nodeToStatus: new Map(),
    absentStatus: undefined,
    unschedulablePlugins: new Set(),
    preFilterMsg: '',
    postFilterMsg: '',
  }
}

/** The status of a node for PostFilter: its own, or the absent-node status. */
export function statusOf(diagnosis: Diagnosis, node: string): Status | undefined {
  return diagnosis.nodeToStatus.get(node) ?? diagnosis.absentStatus
}

/** "<count> <reason>" strings, sorted as FitError.Error() sorts them. */
export function reasonHistogram(
  statuses: Iterable<Status>,
  absent?: { status: Status; count: number },
): string[] {
  const counts = new Map<string, number>()
  for (const status of statuses) {
    for (const reason of status.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1)
  }
  if (absent !== undefined && absent.count > 0) {
    for (const reason of absent.status.reasons) {
      counts.set(reason, (counts.get(reason) ?? 0) + absent.count)
    }
  }
  return [...counts].map(([reason, count]) => `${count} ${reason}`).sort(compareBytes)
}

/** Go's sort.Strings order (bytewise; for these ASCII strings, code-unit order). */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** FitError.Error(). */
export function fitErrorMessage(numAllNodes: number, diagnosis: Diagnosis): string {
  let message = `${NO_NODE_AVAILABLE(numAllNodes)}:`
  if (diagnosis.preFilterMsg !== '') {
    message += ` ${diagnosis.preFilterMsg}.`
  } else {
    const explicit = diagnosis.nodeToStatus.size
    const absent =
      diagnosis.absentStatus === undefined || explicit >= numAllNodes
        ? undefined
        : { status: diagnosis.absentStatus, count: numAllNodes - explicit }
    const histogram = reasonHistogram(diagnosis.nodeToStatus.values(), absent)
    if (histogram.length > 0) message += ` ${histogram.join(', ')}.`
  }
  if (diagnosis.postFilterMsg !== '') message += ` ${diagnosis.postFilterMsg}`
  return message
}
