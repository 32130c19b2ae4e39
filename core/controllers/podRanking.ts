/**
 * Which pods a ReplicaSet deletes first when it scales down: controller.ActivePodsWithRanks
 * (FIDELITY.md §6.3), with the LogarithmicScaleDown gate on (beta 1.22, GA 1.31).
 *
 * Invariants (the order of Less, each rule deciding only when the earlier ones tie):
 * 1. Unassigned (no spec.nodeName) before assigned.
 * 2. Pending before Unknown before Running.
 * 3. Not ready before ready.
 * 4. Lower controller.kubernetes.io/pod-deletion-cost first.
 * 5. More active pods of the same owner family on the same node first ("doubled up").
 * 6. Both ready: ready more recently first, in log2 buckets of nanoseconds since "now"; same
 *    bucket → lower uid first.
 * 7. More container restarts first.
 * 8. Created more recently first, bucketed the same way; same bucket → lower uid first.
 * Times are metav1.Time (whole seconds); "now" is the controller's clock in full precision.
 */
import type { Pod } from '../api/types'
import { creationMs, isPodActive, isPodReady, maxContainerRestarts, readySinceMs } from './podUtil'

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost'

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 }

interface Ranked {
  pod: Pod
  /** Active pods of the family on this pod's node (controller's podsOnNode). */
  rank: number
  ready: boolean
  readyMs: number | undefined
  createdMs: number | undefined
  cost: number
  restarts: number
}

/** The pods to delete, best candidates first (getPodsToDelete + getPodsRankedByRelatedPodsOnSameNode). */
export function podsToDelete(pods: Pod[], related: Pod[], diff: number, nowMs: number): Pod[] {
  if (diff >= pods.length) return pods.slice(0, diff)
  return rankPods(pods, related, nowMs).slice(0, diff)
}

/** Every pod, best candidate for deletion first. */
export function rankPods(pods: Pod[], related: Pod[], nowMs: number): Pod[] {
  const onNode = new Map<string, number>()
  for (const pod of related) {
    if (!isPodActive(pod)) continue
    const node = pod.spec.nodeName ?? ''
    onNode.set(node, (onNode.get(node) ?? 0) + 1)
  }
  const ranked: Ranked[] = pods.map((pod) => ({
    pod,
    rank: onNode.get(pod.spec.nodeName ?? '') ?? 0,
    ready: isPodReady(pod),
    readyMs: readySinceMs(pod),
    createdMs: creationMs(pod),
    cost: deletionCost(pod),
    restarts: maxContainerRestarts(pod),
  }))
  ranked.sort((a, b) => (less(a, b, nowMs) ? -1 : less(b, a, nowMs) ? 1 : 0))
  return ranked.map((r) => r.pod)
}

/** Why a pod ranks where it does, in the words of the rule that usually decides it. */
export function rankReason(pod: Pod): string {
  if (!pod.spec.nodeName) return 'it is not assigned to a node'
  if (pod.status?.phase !== 'Running') return `it is ${pod.status?.phase ?? 'Pending'}`
  if (!isPodReady(pod)) return 'it is not ready'
  return 'it is the most recent by the logarithmic ranking of ready and creation times'
}

function deletionCost(pod: Pod): number {
  const text = pod.metadata.annotations?.[POD_DELETION_COST]
  if (text === undefined || !/^-?\d+$/.test(text)) return 0
  const value = Number(text)
  return value >= -2147483648 && value <= 2147483647 ? value : 0
}

function less(a: Ranked, b: Ranked, nowMs: number): boolean {
  const na = a.pod.spec.nodeName ?? ''
  const nb = b.pod.spec.nodeName ?? ''
  if (na !== nb && (na === '' || nb === '')) return na === ''
  const pa = PHASE_ORDINAL[a.pod.status?.phase ?? ''] ?? 0
  const pb = PHASE_ORDINAL[b.pod.status?.phase ?? ''] ?? 0
  if (pa !== pb) return pa < pb
  if (a.ready !== b.ready) return !a.ready
  if (a.cost !== b.cost) return a.cost < b.cost
  if (a.rank !== b.rank) return a.rank > b.rank
  if (a.ready && b.ready && a.readyMs !== b.readyMs) {
    return byTime(a, b, a.readyMs, b.readyMs, nowMs)
  }
  if (a.restarts !== b.restarts) return a.restarts > b.restarts
  if (a.createdMs !== b.createdMs) return byTime(a, b, a.createdMs, b.createdMs, nowMs)
  return false
}

/** Newer first, in logarithmic buckets; a zero time counts as newest (afterOrZero). */
function byTime(
  a: Ranked,
  b: Ranked,
  ta: number | undefined,
  tb: number | undefined,
  nowMs: number,
) {
  if (ta === undefined || tb === undefined) return ta === undefined
  const diff = logRank(nowMs, ta) - logRank(nowMs, tb)
  if (diff === 0) return (a.pod.metadata.uid ?? '') < (b.pod.metadata.uid ?? '')
  return diff < 0
}

/** logarithmicRankDiff's rank: floor(log2(now − t in nanoseconds)), or −1 when not in the past. */
function logRank(nowMs: number, tMs: number): number {
  const nanos = (nowMs - tMs) * 1_000_000
  return nanos > 0 ? Math.floor(Math.log2(nanos)) : -1
}
