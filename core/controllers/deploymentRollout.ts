/**
 * How a Deployment moves replicas between its ReplicaSets (pkg/controller/deployment/rolling.go,
 * recreate.go, sync.go's scale): pure decisions over the ReplicaSets, acting through `scale`.
 *
 * Invariants (RollingUpdate):
 * 1. Pods of all ReplicaSets never exceed replicas + maxSurge (counted on spec.replicas).
 * 2. Old ReplicaSets shrink only while available pods stay at least replicas − maxUnavailable;
 *    their unhealthy (unavailable) pods go first, since removing them costs no availability.
 * 3. The new ReplicaSet grows before old ones shrink within one reconcile; the next step waits
 *    for the ReplicaSet controller to report new pods available.
 * Recreate: old ReplicaSets go to 0, the new one grows only when no old pod is left at all.
 * Scaling (spec.replicas changed mid-rollout): every active ReplicaSet grows or shrinks in
 * proportion to its size, leftovers to the largest.
 */
import { clone, ownerReference } from '../api/objects'
import type { Deployment, Pod, ReplicaSet } from '../api/types'
import {
  activeReplicaSets,
  annotationNumber,
  isRollingUpdate,
  isSaturated,
  MAX_REPLICAS_ANNOTATION,
  maxRevision,
  maxSurge,
  maxUnavailable,
  POD_TEMPLATE_HASH_LABEL,
  replicasOf,
  scaledValue,
  setNewReplicaSetAnnotations,
  sumAvailable,
  sumSpec,
} from './deploymentUtil'
import { computeHash } from './hash'
import { byCreation } from './podUtil'

export interface RolloutOps {
  /** scaleReplicaSetAndRecordEvent: [whether the size changed, the ReplicaSet as now stored]. */
  scale(rs: ReplicaSet, newScale: number, operation?: 'up' | 'down'): [boolean, ReplicaSet]
}

/** NewRSNewReplicas: how big the new ReplicaSet may be now. */
export function newRSNewReplicas(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet): number {
  if (!isRollingUpdate(d)) return replicasOf(d)
  const surge = scaledValue(d.spec.strategy?.rollingUpdate?.maxSurge ?? '25%', replicasOf(d), true)
  const current = sumSpec(allRSs)
  const maxTotal = replicasOf(d) + surge
  if (current >= maxTotal) return replicasOf(newRS)
  const up = Math.min(maxTotal - current, replicasOf(d) - replicasOf(newRS))
  return replicasOf(newRS) + up
}

/**
 * The new ReplicaSet of a rollout (getNewReplicaSet's create branch): named and labelled by the
 * template's hash, sized by NewRSNewReplicas, annotated with the next revision.
 */
export function buildNewReplicaSet(d: Deployment, oldRSs: ReplicaSet[]) {
  const collisionCount = (d.status as { collisionCount?: number } | undefined)?.collisionCount
  const template = clone(d.spec.template)
  const hash = computeHash(template, collisionCount)
  const labels = { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash }
  template.metadata = { ...template.metadata, labels }
  const selector = clone(d.spec.selector)
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash }
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace!,
      labels: { ...labels },
      ownerReferences: [ownerReference(d)],
    },
    spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
  }
  rs.spec.replicas = newRSNewReplicas(d, [...oldRSs, rs], rs)
  const revision = maxRevision(oldRSs) + 1
  setNewReplicaSetAnnotations(d, rs, revision, false)
  return { rs, revision, hash }
}

export function reconcileNewReplicaSet(
  ops: RolloutOps,
  d: Deployment,
  allRSs: ReplicaSet[],
  newRS: ReplicaSet,
): boolean {
  if (replicasOf(newRS) === replicasOf(d)) return false
  if (replicasOf(newRS) > replicasOf(d)) return ops.scale(newRS, replicasOf(d))[0]
  return ops.scale(newRS, newRSNewReplicas(d, allRSs, newRS))[0]
}

export function reconcileOldReplicaSets(
  ops: RolloutOps,
  d: Deployment,
  allRSs: ReplicaSet[],
  oldRSs: ReplicaSet[],
  newRS: ReplicaSet,
): boolean {
  if (sumSpec(oldRSs) === 0) return false
  const minAvailable = replicasOf(d) - maxUnavailable(d)
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0)
  const maxScaledDown = sumSpec(allRSs) - minAvailable - newUnavailable
  if (maxScaledDown <= 0) return false
  const [cleaned, cleanedUp] = cleanupUnhealthyReplicas(ops, oldRSs, maxScaledDown)
  const scaledDown = scaleDownOldForRollingUpdate(ops, d, [...cleaned, newRS], cleaned)
  return cleanedUp + scaledDown > 0
}

function cleanupUnhealthyReplicas(
  ops: RolloutOps,
  oldRSs: ReplicaSet[],
  maxCleanup: number,
): [ReplicaSet[], number] {
  const sorted = [...oldRSs].sort(byCreation)
  let total = 0
  for (let i = 0; i < sorted.length && total < maxCleanup; i++) {
    const rs = sorted[i]!
    const available = rs.status?.availableReplicas ?? 0
    if (replicasOf(rs) === 0 || replicasOf(rs) === available) continue
    const count = Math.min(maxCleanup - total, replicasOf(rs) - available)
    sorted[i] = ops.scale(rs, replicasOf(rs) - count)[1]
    total += count
  }
  return [sorted, total]
}

function scaleDownOldForRollingUpdate(
  ops: RolloutOps,
  d: Deployment,
  allRSs: ReplicaSet[],
  oldRSs: ReplicaSet[],
): number {
  const minAvailable = replicasOf(d) - maxUnavailable(d)
  const available = sumAvailable(allRSs)
  if (available <= minAvailable) return 0
  const toScaleDown = available - minAvailable
  let total = 0
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= toScaleDown) break
    if (replicasOf(rs) === 0) continue
    const count = Math.min(replicasOf(rs), toScaleDown - total)
    ops.scale(rs, replicasOf(rs) - count)
    total += count
  }
  return total
}

/** Recreate, step 1: every old ReplicaSet to 0. */
export function scaleDownOldForRecreate(ops: RolloutOps, activeOldRSs: ReplicaSet[]): boolean {
  let scaled = false
  for (const rs of activeOldRSs) if (replicasOf(rs) !== 0 && ops.scale(rs, 0)[0]) scaled = true
  return scaled
}

/** oldPodsRunning: an old ReplicaSet still reports pods, or a pod of one is not terminal yet. */
export function oldPodsRunning(
  newRS: ReplicaSet | undefined,
  oldRSs: ReplicaSet[],
  podsOf: (rs: ReplicaSet) => Pod[],
): boolean {
  if (oldRSs.some((rs) => (rs.status?.replicas ?? 0) > 0)) return true
  return oldRSs.some(
    (rs) =>
      rs.metadata.uid !== newRS?.metadata.uid &&
      podsOf(rs).some((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded'),
  )
}

/** FindActiveOrLatest: the one active ReplicaSet, or the newest when none is active. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]) {
  if (newRS === undefined && oldRSs.length === 0) return undefined
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a))
  const active = activeReplicaSets([...newestFirst, newRS])
  if (active.length === 0) return newRS ?? newestFirst[0]
  return active.length === 1 ? active[0] : undefined
}

/** dc.scale: a spec.replicas change applied to the ReplicaSets (proportionally mid-rollout). */
export function scaleDeployment(
  ops: RolloutOps,
  d: Deployment,
  newRS: ReplicaSet | undefined,
  oldRSs: ReplicaSet[],
): void {
  const only = findActiveOrLatest(newRS, oldRSs)
  if (only !== undefined) {
    if (replicasOf(only) !== replicasOf(d)) ops.scale(only, replicasOf(d))
    return
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) ops.scale(old, 0)
    return
  }
  if (!isRollingUpdate(d)) return
  const all = activeReplicaSets([...oldRSs, newRS])
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0
  const toAdd = allowed - sumSpec(all)
  const operation = toAdd > 0 ? 'up' : toAdd < 0 ? 'down' : undefined
  if (toAdd > 0) all.sort(bySizeThen((a, b) => byCreation(b, a)))
  else if (toAdd < 0) all.sort(bySizeThen(byCreation))
  const sizes = new Map<string, number>()
  let added = 0
  for (const rs of all) {
    const proportion = toAdd === 0 ? 0 : replicaSetProportion(rs, d, toAdd, added)
    sizes.set(rs.metadata.name!, replicasOf(rs) + proportion)
    added += proportion
  }
  all.forEach((rs, i) => {
    let size = sizes.get(rs.metadata.name!)!
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added)
    ops.scale(rs, size, operation)
  })
}

function bySizeThen(tie: (a: ReplicaSet, b: ReplicaSet) => number) {
  return (a: ReplicaSet, b: ReplicaSet): number =>
    replicasOf(a) === replicasOf(b) ? tie(a, b) : replicasOf(b) - replicasOf(a)
}

/** GetReplicaSetProportion: this ReplicaSet's share of the replicas to add (or remove). */
function replicaSetProportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number) {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0
  const fraction = replicaSetFraction(rs, d)
  const allowed = toAdd - added
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed)
}

function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -replicasOf(rs)
  const maxReplicas = replicasOf(d) + maxSurge(d)
  let before = annotationNumber(rs, MAX_REPLICAS_ANNOTATION) ?? 0
  if (before === 0) before = d.status?.replicas ?? 0
  if (before === 0) return 0
  const size = (replicasOf(rs) * maxReplicas) / before
  return Math.sign(size) * Math.round(Math.abs(size)) - replicasOf(rs)
}
