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

export function daemonSetStatus(
  ds: DaemonSet,
  nodes: Node[],
  byNode: Map<string, Pod[]>,
  hash: string,
  nowMs: number,
): DSStatus {
  let desired = 0
  let current = 0
  let misscheduled = 0
  let ready = 0
  let available = 0
  let updated = 0
  const minReady = (ds.spec as { minReadySeconds?: number }).minReadySeconds ?? 0
  for (const node of nodes) {
    const [shouldRun] = nodeShouldRunDaemonPod(node, ds)
    const pods = byNode.get(node.metadata.name!) ?? []
    if (!shouldRun) {
      if (pods.length > 0) misscheduled++
      continue
    }
    desired++
    if (pods.length === 0) continue
    current++
    const pod = [...pods].sort(byScheduledThenAge)[0]!
    if (isPodReady(pod)) {
      ready++
      if (isPodAvailable(pod, minReady, nowMs)) available++
    }
    if (pod.metadata.labels?.[REVISION_HASH_LABEL] === hash) updated++
  }
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
  const desiredNodes = nodes
    .filter((n) => nodeShouldRunDaemonPod(n, ds)[0])
    .map((n) => n.metadata.name!)
  const rolling = ds.spec.updateStrategy?.rollingUpdate ?? {}
  let maxUnavailable = scaledValue(rolling.maxUnavailable ?? 1, desiredNodes.length, true)
  const maxSurge = scaledValue(rolling.maxSurge ?? 0, desiredNodes.length, true)
  if (desiredNodes.length > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1
  const minReady = (ds.spec as { minReadySeconds?: number }).minReadySeconds ?? 0
  const nodeNames = [...new Set([...byNode.keys(), ...desiredNodes])].sort()
  let unavailable = 0
  const replace: Pod[] = []
  const candidates: Pod[] = []
  for (const nodeName of nodeNames) {
    const live = (byNode.get(nodeName) ?? []).filter(
      (p) => p.metadata.deletionTimestamp === undefined,
    )
    const fresh = live.filter((p) => p.metadata.labels?.[REVISION_HASH_LABEL] === hash)
    const old = live.filter((p) => p.metadata.labels?.[REVISION_HASH_LABEL] !== hash)
    if (fresh.length > 1 || old.length > 1 || fresh.length === old.length) {
      unavailable++
    } else if (fresh.length === 1) {
      if (!isPodAvailable(fresh[0]!, minReady, nowMs)) unavailable++
    } else if (!isPodAvailable(old[0]!, minReady, nowMs)) {
      replace.push(old[0]!)
    } else if (unavailable < maxUnavailable) {
      candidates.push(old[0]!)
    }
  }
  const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length)
  return [...replace, ...candidates.slice(0, room)]
}
