/**
 * Deployment status and conditions (pkg/controller/deployment/sync.go calculateStatus,
 * progress.go syncRolloutStatus, util's condition helpers), with the real reasons and messages
 * `kubectl describe deployment` and `kubectl rollout status` show (FIDELITY.md §6.4).
 *
 * Invariants:
 * 1. Available is True (MinimumReplicasAvailable) when available pods ≥ replicas − maxUnavailable.
 * 2. Progressing moves NewReplicaSetCreated / FoundNewReplicaSet → ReplicaSetUpdated (on any
 *    progress) → NewReplicaSetAvailable (complete), or ProgressDeadlineExceeded when no progress
 *    was seen for progressDeadlineSeconds. Once complete it is not re-estimated until a new
 *    rollout changes the counts.
 * 3. Setting a condition with the same status and reason changes nothing; a changed reason with
 *    the same status keeps lastTransitionTime. A changed condition moves to the end of the list.
 * 4. Counts are omitted when zero, as Go's omitempty does.
 */
import { rfc3339, parseTimestamp } from '../api/time'
import type { Deployment, ReplicaSet, WorkloadCondition } from '../api/types'
import {
  maxUnavailable,
  replicasOf,
  sumActual,
  sumAvailable,
  sumReady,
  sumSpec,
} from './deploymentUtil'

export type DeploymentStatus = NonNullable<Deployment['status']> & { collisionCount?: number }

export const REASON = {
  minimumReplicasAvailable: 'MinimumReplicasAvailable',
  minimumReplicasUnavailable: 'MinimumReplicasUnavailable',
  newReplicaSetCreated: 'NewReplicaSetCreated',
  foundNewReplicaSet: 'FoundNewReplicaSet',
  replicaSetUpdated: 'ReplicaSetUpdated',
  newReplicaSetAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
} as const

export function newCondition(
  type: 'Available' | 'Progressing',
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message: string,
  nowMs: number,
): WorkloadCondition {
  const now = rfc3339(nowMs)
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message }
}

export function getCondition(status: DeploymentStatus | undefined, type: string) {
  return status?.conditions?.find((c) => c.type === type)
}

/** SetDeploymentCondition */
export function setCondition(status: DeploymentStatus, condition: WorkloadCondition): void {
  const current = getCondition(status, condition.type)
  if (current && current.status === condition.status && current.reason === condition.reason) return
  if (current && current.status === condition.status) {
    condition.lastTransitionTime = current.lastTransitionTime!
  }
  status.conditions = [
    ...(status.conditions ?? []).filter((c) => c.type !== condition.type),
    condition,
  ]
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  status.conditions = (status.conditions ?? []).filter((c) => c.type !== type)
}

/** calculateStatus: counts from the ReplicaSets' status, and the Available condition. */
export function calculateStatus(
  allRSs: ReplicaSet[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
  nowMs: number,
): DeploymentStatus {
  const available = sumAvailable(allRSs)
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: sumActual(allRSs),
    updatedReplicas: newRS === undefined ? 0 : sumActual([newRS]),
    readyReplicas: sumReady(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sumSpec(allRSs) - available),
    conditions: (d.status?.conditions ?? []).map((c) => ({ ...c })),
  }
  const collisions = (d.status as DeploymentStatus | undefined)?.collisionCount
  if (collisions !== undefined) status.collisionCount = collisions
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    const message = 'Deployment has minimum availability.'
    setCondition(
      status,
      newCondition('Available', 'True', REASON.minimumReplicasAvailable, message, nowMs),
    )
  } else {
    const message = 'Deployment does not have minimum availability.'
    setCondition(
      status,
      newCondition('Available', 'False', REASON.minimumReplicasUnavailable, message, nowMs),
    )
  }
  return status
}

export function hasProgressDeadline(d: Deployment): boolean {
  const seconds = d.spec.progressDeadlineSeconds
  return seconds !== undefined && seconds !== 2147483647
}

/** DeploymentComplete: every replica updated and available, and the spec observed. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const want = replicasOf(d)
  return (
    status.updatedReplicas === want &&
    status.replicas === want &&
    status.availableReplicas === want &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  )
}

/** DeploymentProgressing: any count moved the right way since the last status. */
export function deploymentProgressing(d: Deployment, next: DeploymentStatus): boolean {
  const old = d.status ?? {}
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0)
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0)
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0) ||
    oldOld > newOld
  )
}

/** DeploymentTimedOut: no progress reported for progressDeadlineSeconds. */
export function deploymentTimedOut(d: Deployment, status: DeploymentStatus, nowMs: number) {
  if (!hasProgressDeadline(d)) return false
  const condition = getCondition(status, 'Progressing')
  if (condition === undefined || condition.reason === REASON.newReplicaSetAvailable) return false
  if (condition.reason === REASON.timedOut) return true
  const from = parseTimestamp(condition.lastUpdateTime ?? condition.lastTransitionTime!)
  return from + d.spec.progressDeadlineSeconds! * 1000 < nowMs
}

/** syncRolloutStatus's new status: counts, Available, and the Progressing estimate. */
export function rolloutStatus(
  allRSs: ReplicaSet[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
  nowMs: number,
): DeploymentStatus {
  const status = calculateStatus(allRSs, newRS, d, nowMs)
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing')
  const current = getCondition(d.status, 'Progressing')
  const complete =
    status.replicas === status.updatedReplicas && current?.reason === REASON.newReplicaSetAvailable
  if (!hasProgressDeadline(d) || complete) return status
  const subject =
    newRS === undefined ? `Deployment "${d.metadata.name}"` : `ReplicaSet "${newRS.metadata.name}"`
  if (deploymentComplete(d, status)) {
    const message = `${subject} has successfully progressed.`
    setCondition(
      status,
      newCondition('Progressing', 'True', REASON.newReplicaSetAvailable, message, nowMs),
    )
  } else if (deploymentProgressing(d, status)) {
    const condition = newCondition(
      'Progressing',
      'True',
      REASON.replicaSetUpdated,
      `${subject} is progressing.`,
      nowMs,
    )
    if (current?.status === 'True') condition.lastTransitionTime = current.lastTransitionTime!
    removeCondition(status, 'Progressing')
    setCondition(status, condition)
  } else if (deploymentTimedOut(d, status, nowMs)) {
    const message = `${subject} has timed out progressing.`
    setCondition(status, newCondition('Progressing', 'False', REASON.timedOut, message, nowMs))
  }
  return status
}

/** requeueStuckDeployment: ms until the progress deadline should be checked, or undefined. */
export function stuckRequeueMs(d: Deployment, status: DeploymentStatus, nowMs: number) {
  const current = getCondition(d.status, 'Progressing')
  if (!hasProgressDeadline(d) || current === undefined) return undefined
  if (deploymentComplete(d, status) || current.reason === REASON.timedOut) return undefined
  const from = parseTimestamp(current.lastUpdateTime ?? current.lastTransitionTime!)
  const after = from + d.spec.progressDeadlineSeconds! * 1000 - nowMs
  return after < 1000 ? 0 : after + 1000
}

/** Go's omitempty on DeploymentStatus counts. */
export function omitZeroCounts(status: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {}
  for (const [key, value] of Object.entries(status) as [keyof DeploymentStatus, unknown][]) {
    if (value === 0 || value === undefined) continue
    if (Array.isArray(value) && value.length === 0) continue
    ;(out as Record<string, unknown>)[key] = value
  }
  return out
}
