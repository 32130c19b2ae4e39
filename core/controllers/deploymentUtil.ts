/**
 * Deployment arithmetic and bookkeeping (pkg/controller/deployment/util/deployment_util.go):
 * surge and unavailability from percentages, the annotations ReplicaSets carry, which
 * ReplicaSet is "new", and the replica sums the rollout works with.
 *
 * Invariants:
 * 1. maxSurge rounds up and maxUnavailable rounds down (FIDELITY.md §6.1); if both come to 0,
 *    maxUnavailable is 1 so that a rollout can always proceed (ResolveFenceposts).
 * 2. The new ReplicaSet is the oldest one whose template equals the Deployment's, ignoring the
 *    pod-template-hash label: rolling back to an old template reuses its ReplicaSet.
 * 3. A ReplicaSet's revision only grows; a reused one remembers its old revisions in
 *    deployment.kubernetes.io/revision-history.
 */
import { deepEqual } from '../api/objects'
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../api/types'
import { byCreation } from './podUtil'

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash'
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision'
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history'
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas'
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas'
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'
const ROLLBACK_TO = 'deprecated.deployment.rollback.to'
const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000

const ANNOTATIONS_NOT_COPIED = new Set([
  LAST_APPLIED,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  ROLLBACK_TO,
])

/** intstr.GetScaledValueFromIntOrPercent: an int as is, "25%" of total rounded as asked. */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean) {
  if (value === undefined) return 0
  if (typeof value === 'number') return value
  const match = /^(\d+)%$/.exec(value)
  if (match === null) {
    if (/^\d+$/.test(value)) return Number(value)
    throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`)
  }
  const scaled = (Number(match[1]) * total) / 100
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled)
}

export function replicasOf(object: Deployment | ReplicaSet): number {
  return object.spec.replicas ?? 1
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate'
}

/** ResolveFenceposts: [maxSurge, maxUnavailable] for the Deployment's replicas. */
export function resolveFenceposts(d: Deployment): [number, number] {
  const rolling = d.spec.strategy?.rollingUpdate ?? {}
  const desired = replicasOf(d)
  const surge = scaledValue(rolling.maxSurge ?? '25%', desired, true)
  let unavailable = scaledValue(rolling.maxUnavailable ?? '25%', desired, false)
  if (surge === 0 && unavailable === 0) unavailable = 1
  return [surge, unavailable]
}

export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? resolveFenceposts(d)[0] : 0
}

export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0
  return Math.min(resolveFenceposts(d)[1], replicasOf(d))
}

function withoutHash(template: PodTemplateSpec): PodTemplateSpec {
  const labels = { ...template.metadata?.labels }
  delete labels[POD_TEMPLATE_HASH_LABEL]
  return { ...template, metadata: { ...template.metadata, labels } }
}

/** EqualIgnoreHash: the templates are equal apart from the pod-template-hash label. */
export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return deepEqual(withoutHash(a), withoutHash(b))
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's. */
export function findNewReplicaSet(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | undefined {
  return [...rsList]
    .sort(byCreation)
    .find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template))
}

export function revisionOf(rs: ReplicaSet): number {
  const text = rs.metadata.annotations?.[REVISION_ANNOTATION]
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : 0
}

export function maxRevision(replicaSets: ReplicaSet[]): number {
  return Math.max(0, ...replicaSets.map(revisionOf))
}

export function annotationNumber(rs: ReplicaSet, key: string): number | undefined {
  const text = rs.metadata.annotations?.[key]
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined
}

/** SetReplicasAnnotations: desired-replicas and max-replicas (replicas + maxSurge). */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const annotations = (rs.metadata.annotations ??= {})
  let changed = false
  for (const [key, value] of [
    [DESIRED_REPLICAS_ANNOTATION, String(desired)],
    [MAX_REPLICAS_ANNOTATION, String(max)],
  ] as const) {
    if (annotations[key] !== value) {
      annotations[key] = value
      changed = true
    }
  }
  return changed
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number) {
  const annotations = rs.metadata.annotations ?? {}
  return (
    annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired) ||
    annotations[MAX_REPLICAS_ANNOTATION] !== String(max)
  )
}

/** SetNewReplicaSetAnnotations: copied Deployment annotations, revision, its history. */
export function setNewReplicaSetAnnotations(
  d: Deployment,
  rs: ReplicaSet,
  newRevision: number,
  exists: boolean,
): boolean {
  const annotations = (rs.metadata.annotations ??= {})
  let changed = false
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_NOT_COPIED.has(key) || annotations[key] === value) continue
    annotations[key] = value
    changed = true
  }
  const oldText = annotations[REVISION_ANNOTATION]
  const oldRevision = oldText === undefined ? 0 : Number(oldText)
  if (!Number.isInteger(oldRevision)) return false
  if (oldRevision < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision)
    changed = true
    if (oldText !== undefined) appendRevisionHistory(annotations, oldText)
  }
  const desired = replicasOf(d)
  if (!exists && setReplicasAnnotations(rs, desired, desired + maxSurge(d))) changed = true
  return changed
}

function appendRevisionHistory(annotations: Record<string, string>, oldRevision: string): void {
  const history = annotations[REVISION_HISTORY_ANNOTATION] ?? ''
  if (history === '') {
    annotations[REVISION_HISTORY_ANNOTATION] = oldRevision
    return
  }
  const revisions = history.split(',')
  let total = history.length + oldRevision.length + 1
  let start = 0
  while (total > MAX_REV_HISTORY_LENGTH_IN_CHARS && start < revisions.length) {
    total -= revisions[start]!.length + 1
    start++
  }
  if (total <= MAX_REV_HISTORY_LENGTH_IN_CHARS) {
    annotations[REVISION_HISTORY_ANNOTATION] = [...revisions.slice(start), oldRevision].join(',')
  }
}

export const sumSpec = (rss: ReplicaSet[]): number => rss.reduce((n, rs) => n + replicasOf(rs), 0)
export const sumActual = (rss: ReplicaSet[]): number =>
  rss.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0)
export const sumReady = (rss: ReplicaSet[]): number =>
  rss.reduce((n, rs) => n + (rs.status?.readyReplicas ?? 0), 0)
export const sumAvailable = (rss: ReplicaSet[]): number =>
  rss.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0)

/** FilterActiveReplicaSets: those with spec.replicas > 0. */
export function activeReplicaSets(rss: (ReplicaSet | undefined)[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => rs !== undefined && replicasOf(rs) > 0)
}

/** IsSaturated: the new ReplicaSet runs all the Deployment's replicas, all available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (rs === undefined) return false
  const desired = annotationNumber(rs, DESIRED_REPLICAS_ANNOTATION)
  return (
    replicasOf(rs) === replicasOf(d) &&
    desired === replicasOf(d) &&
    (rs.status?.availableReplicas ?? 0) === replicasOf(d)
  )
}
