/**
 * DaemonSet counting (daemon_controller.go updateDaemonSetStatus) and the RollingUpdate step
 * (update.go rollingUpdate, maxSurge 0), as pure functions over nodes and their daemon pods.
 *
 * Invariants:
 * 1. desiredNumberScheduled counts nodes that should run the daemon; currentNumberScheduled
 *    those of them with a pod; numberMisscheduled nodes with a pod that should not have one.
 *    Ready, available and updated are judged on each node's oldest pod.
 * 2. A rolling update deletes old pods so that at most maxUnavailable nodes (rounded up from a
 *    percentage of desiredNumberScheduled, at least 1) are without an available up-to-date
 *    pod; an old pod that is not available anyway is always replaced.
 */
import type { DaemonSet, Node, Pod } from '../api/types'
import { byScheduledThenAge, nodeShouldRunDaemonPod, REVISION_HASH_LABEL } from './daemonsetUtil'
import { scaledValue } from './deploymentUtil'
import { isPodAvailable, isPodReady } from './podUtil'

type DSStatus = NonNullable<DaemonSet['status']>

/** The numbers status is made of, summed over nodes (see nodeVerdict). */
export interface DaemonSetCounts {
  desired: number
  current: number
  misscheduled: number
  ready: number
  available: number
  updated: number
}

/**
 * What one node adds to a DaemonSet's status and rolling update, judged on the node alone:
 * `known` says whether the Node exists (pods pinned to a missing node count only for the
 * rolling update), `pods` are the daemon pods claimed for it (terminating ones included).
 */
export interface NodeVerdict extends DaemonSetCounts {
  /** Its part in the rolling update: not part of it, in the count of unavailable nodes, fine, or
   * with an old pod to replace now (unavailable anyway) or when there is room (a candidate). */
  rollout: 'none' | 'unavailable' | 'ok' | 'replace' | 'candidate'
  /** The old pod for 'replace' and 'candidate'. */
  oldPod: Pod | undefined
}

export function nodeVerdict(
  shouldRun: boolean,
  known: boolean,
  pods: readonly Pod[],
  hash: string,
  minReady: number,
  nowMs: number,
): NodeVerdict {
  const verdict: NodeVerdict = {
    desired: 0,
    current: 0,
    misscheduled: 0,
    ready: 0,
    available: 0,
    updated: 0,
    rollout: 'none',
    oldPod: undefined,
  }
  if (known && !shouldRun && pods.length > 0) verdict.misscheduled = 1
  if (known && shouldRun) {
    verdict.desired = 1
    if (pods.length > 0) {
      verdict.current = 1
      const pod = [...pods].sort(byScheduledThenAge)[0]!
      if (isPodReady(pod)) {
        verdict.ready = 1
        if (isPodAvailable(pod, minReady, nowMs)) verdict.available = 1
      }
      if (pod.metadata.labels?.[REVISION_HASH_LABEL] === hash) verdict.updated = 1
    }
  }
  if (pods.length > 0 || (known && shouldRun)) rolloutVerdict(verdict, pods, hash, minReady, nowMs)
  return verdict
}

/** One node of rollingUpdate's loop (maxSurge 0). */
function rolloutVerdict(
  verdict: NodeVerdict,
  pods: readonly Pod[],
  hash: string,
  minReady: number,
  nowMs: number,
): void {
  const live = pods.filter((p) => p.metadata.deletionTimestamp === undefined)
  const fresh = live.filter((p) => p.metadata.labels?.[REVISION_HASH_LABEL] === hash)
  const old = live.filter((p) => p.metadata.labels?.[REVISION_HASH_LABEL] !== hash)
  if (fresh.length > 1 || old.length > 1 || fresh.length === old.length) {
    verdict.rollout = 'unavailable'
  } else if (fresh.length === 1) {
    verdict.rollout = isPodAvailable(fresh[0]!, minReady, nowMs) ? 'ok' : 'unavailable'
  } else {
    verdict.oldPod = old[0]!
    verdict.rollout = isPodAvailable(old[0]!, minReady, nowMs) ? 'candidate' : 'replace'
  }
}

export function daemonSetStatus(
  ds: DaemonSet,
  nodes: Node[],
  byNode: Map<string, Pod[]>,
  hash: string,
  nowMs: number,
): DSStatus {
  const counts: DaemonSetCounts = {
    desired: 0,
    current: 0,
    misscheduled: 0,
    ready: 0,
    available: 0,
    updated: 0,
  }
  const minReady = minReadySecondsOf(ds)
  for (const node of nodes) {
    const [shouldRun] = nodeShouldRunDaemonPod(node, ds)
    const pods = byNode.get(node.metadata.name!) ?? []
    const verdict = nodeVerdict(shouldRun, true, pods, hash, minReady, nowMs)
    for (const key of COUNT_KEYS) counts[key] += verdict[key]
  }
  return statusFromCounts(ds, counts)
}

export const COUNT_KEYS = [
  'desired',
  'current',
  'misscheduled',
  'ready',
  'available',
  'updated',
] as const

export function minReadySecondsOf(ds: DaemonSet): number {
  return (ds.spec as { minReadySeconds?: number }).minReadySeconds ?? 0
}

/** updateDaemonSetStatus's fields, zero counts left out as Go's omitempty does. */
export function statusFromCounts(ds: DaemonSet, counts: DaemonSetCounts): DSStatus {
  const { desired, current, misscheduled, ready, available, updated } = counts
  const status: DSStatus = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
  }
  if (ds.status?.observedGeneration) status.observedGeneration = ds.status.observedGeneration
  if (updated) status.updatedNumberScheduled = updated
  if (available) status.numberAvailable = available
  if (desired - available) status.numberUnavailable = desired - available
  return status
}

/** rollingUpdate with maxSurge 0: the old pods to delete now. */
export function podsToRollOut(
  ds: DaemonSet,
  nodes: Node[],
  byNode: Map<string, Pod[]>,
  hash: string,
  nowMs: number,
): Pod[] {
  const shouldRun = new Map(nodes.map((n) => [n.metadata.name!, nodeShouldRunDaemonPod(n, ds)[0]]))
  const desiredNodes = nodes
    .filter((n) => shouldRun.get(n.metadata.name!))
    .map((n) => n.metadata.name!)
  const minReady = minReadySecondsOf(ds)
  const nodeNames = [...new Set([...byNode.keys(), ...desiredNodes])].sort()
  let unavailable = 0
  const replace: Pod[] = []
  const candidates: Pod[] = []
  for (const nodeName of nodeNames) {
    const known = shouldRun.has(nodeName)
    const pods = byNode.get(nodeName) ?? []
    const verdict = nodeVerdict(
      shouldRun.get(nodeName) === true,
      known,
      pods,
      hash,
      minReady,
      nowMs,
    )
    if (verdict.rollout === 'unavailable') unavailable++
    else if (verdict.rollout === 'replace') replace.push(verdict.oldPod!)
    else if (verdict.rollout === 'candidate') candidates.push(verdict.oldPod!)
  }
  return rolloutVictims(ds, desiredNodes.length, unavailable, replace, candidates)
}

/**
 * The victims of one rolling-update step: every old pod that is unavailable anyway, and as many
 * available old ones (in node order) as maxUnavailable leaves room for.
 */
export function rolloutVictims(
  ds: DaemonSet,
  desired: number,
  unavailable: number,
  replace: Pod[],
  candidates: Pod[],
): Pod[] {
  const rolling = ds.spec.updateStrategy?.rollingUpdate ?? {}
  let maxUnavailable = scaledValue(rolling.maxUnavailable ?? 1, desired, true)
  const maxSurge = scaledValue(rolling.maxSurge ?? 0, desired, true)
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1
  // The real loop stops collecting candidates once unavailable reaches maxUnavailable, but then
  // there is no room for any: the result is the same.
  const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length)
  return [...replace, ...candidates.slice(0, room)]
}
