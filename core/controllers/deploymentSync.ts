/**
 * One sync of one Deployment (sync.go, rolling.go, recreate.go, progress.go): finds or creates
 * the new ReplicaSet, runs the strategy's step, cleans up history, writes status. It lives for
 * one reconcile and keeps the ReplicaSets it wrote, so later steps see their new sizes.
 *
 * Invariants:
 * 1. Every write starts from the latest version this sync holds (the cache's, or what the API
 *    returned for an earlier write of this sync), so one sync never conflicts with itself.
 * 2. The Deployment's revision annotation is written with a metadata patch (which does not
 *    raise generation); its status with a PUT of the status subresource.
 * 3. Nothing here reads pods except Recreate's "are old pods gone?" check.
 */
import { clone, deepEqual } from '../api/objects'
import type { Deployment, Pod, ReplicaSet } from '../api/types'
import type { ComponentContext } from '../components/component'
import type { DeploymentController } from './deployment'
import {
  buildNewReplicaSet,
  oldPodsRunning,
  reconcileNewReplicaSet,
  reconcileOldReplicaSets,
  scaleDeployment,
  scaleDownOldForRecreate,
  type RolloutOps,
} from './deploymentRollout'
import {
  calculateStatus,
  deploymentComplete,
  getCondition,
  hasProgressDeadline,
  newCondition,
  omitZeroCounts,
  REASON,
  rolloutStatus,
  setCondition,
  stuckRequeueMs,
  type DeploymentStatus,
} from './deploymentStatus'
import {
  activeReplicaSets,
  annotationNumber,
  DESIRED_REPLICAS_ANNOTATION,
  findNewReplicaSet,
  maxRevision,
  maxSurge,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  revisionOf,
  REVISION_ANNOTATION,
  setNewReplicaSetAnnotations,
} from './deploymentUtil'
import { byCreation } from './podUtil'

interface Split {
  newRS: ReplicaSet | undefined
  oldRSs: ReplicaSet[]
}

export class DeploymentSync {
  private readonly latest = new Map<string, ReplicaSet>()
  private readonly ops: RolloutOps = { scale: (rs, n, op) => this.scale(rs, n, op) }

  constructor(
    private readonly controller: DeploymentController,
    private readonly context: ComponentContext,
    private readonly d: Deployment,
  ) {}

  private get nowMs(): number {
    return this.context.clock.nowMs
  }

  /** A Deployment selecting everything: only note that its generation was seen. */
  observeGenerationOnly(): void {
    if ((this.d.status?.observedGeneration ?? 0) >= (this.d.metadata.generation ?? 0)) return
    this.writeStatus({ ...this.d.status, observedGeneration: this.d.metadata.generation })
  }

  syncStatusOnly(rsList: ReplicaSet[]): void {
    const { newRS, oldRSs } = this.split(rsList, false)
    this.syncDeploymentStatus([...oldRSs, ...present(newRS)], newRS)
  }

  /** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed. */
  checkPausedConditions(): void {
    if (!hasProgressDeadline(this.d)) return
    const current = getCondition(this.d.status, 'Progressing')
    if (current?.reason === REASON.timedOut) return
    const paused = this.d.spec.paused === true
    if (paused === (current?.reason === REASON.paused)) return
    if (paused) this.noteProgressing('Unknown', REASON.paused, 'Deployment is paused')
    else this.noteProgressing('Unknown', REASON.resumed, 'Deployment is resumed')
  }

  /** isScalingEvent: an active ReplicaSet was sized for a different spec.replicas. */
  isScalingEvent(rsList: ReplicaSet[]): boolean {
    const { newRS, oldRSs } = this.split(rsList, false)
    return activeReplicaSets([...oldRSs, newRS]).some((rs) => {
      const desired = annotationNumber(rs, DESIRED_REPLICAS_ANNOTATION)
      return desired !== undefined && desired !== replicasOf(this.d)
    })
  }

  /** sync: scale (paused or a replicas change), history cleanup when paused, status. */
  syncScale(rsList: ReplicaSet[]): void {
    const { newRS, oldRSs } = this.split(rsList, false)
    scaleDeployment(this.ops, this.d, newRS, oldRSs)
    if (this.d.spec.paused) this.cleanup(this.fresh(oldRSs))
    const n = newRS && this.fresh([newRS])[0]
    this.syncDeploymentStatus([...this.fresh(oldRSs), ...present(n)], n)
  }

  /** rolloutRolling; returns ms after which to requeue a stuck rollout, if any. */
  rolloutRolling(rsList: ReplicaSet[]): number | undefined {
    const { newRS, oldRSs } = this.split(rsList, true)
    const all = [...oldRSs, newRS!]
    if (reconcileNewReplicaSet(this.ops, this.d, all, newRS!)) return this.syncRolloutStatus(all)
    const active = activeReplicaSets(oldRSs)
    if (reconcileOldReplicaSets(this.ops, this.d, all, active, this.fresh([newRS!])[0]!)) {
      return this.syncRolloutStatus(all)
    }
    if (deploymentComplete(this.d, this.d.status ?? {})) this.cleanup(oldRSs)
    return this.syncRolloutStatus(all)
  }

  /** rolloutRecreate; returns ms after which to requeue a stuck rollout, if any. */
  rolloutRecreate(rsList: ReplicaSet[], podsOf: (rs: ReplicaSet) => Pod[]): number | undefined {
    let { newRS, oldRSs } = this.split(rsList, false)
    const all = (): ReplicaSet[] => [...oldRSs, ...present(newRS)]
    if (scaleDownOldForRecreate(this.ops, activeReplicaSets(oldRSs))) {
      return this.syncRolloutStatus(all())
    }
    if (oldPodsRunning(newRS, this.fresh(oldRSs), podsOf)) return this.syncRolloutStatus(all())
    if (newRS === undefined) ({ newRS, oldRSs } = this.split(rsList, true))
    this.ops.scale(newRS!, replicasOf(this.d))
    if (deploymentComplete(this.d, this.d.status ?? {})) this.cleanup(oldRSs)
    return this.syncRolloutStatus(all())
  }

  private scale(
    rs: ReplicaSet,
    newScale: number,
    operation?: 'up' | 'down',
  ): [boolean, ReplicaSet] {
    const current = this.fresh([rs])[0]!
    const desired = replicasOf(this.d)
    const max = desired + maxSurge(this.d)
    const resize = replicasOf(current) !== newScale
    if (operation === undefined) {
      if (!resize) return [false, current]
      operation = replicasOf(current) < newScale ? 'up' : 'down'
    } else if (!resize && !replicasAnnotationsNeedUpdate(current, desired, max)) {
      return [false, current]
    }
    const updated = this.controller.scaleReplicaSet(
      this.d,
      current,
      newScale,
      desired,
      max,
      operation,
    )
    this.latest.set(updated.metadata.uid!, updated)
    return [resize, updated]
  }

  private fresh(rss: ReplicaSet[]): ReplicaSet[] {
    return rss.map((rs) => this.latest.get(rs.metadata.uid!) ?? rs)
  }

  /** getAllReplicaSetsAndSyncRevision */
  private split(rsList: ReplicaSet[], create: boolean): Split {
    const list = this.fresh(rsList)
    const existing = findNewReplicaSet(this.d, list)
    const oldRSs = list.filter((rs) => rs.metadata.uid !== existing?.metadata.uid)
    const newRS = existing
      ? this.syncExistingNewReplicaSet(existing, oldRSs)
      : create
        ? this.createNewReplicaSet(oldRSs)
        : undefined
    return { newRS, oldRSs }
  }

  private syncExistingNewReplicaSet(existing: ReplicaSet, oldRSs: ReplicaSet[]): ReplicaSet {
    const copy = clone(existing)
    const annotationsUpdated = setNewReplicaSetAnnotations(
      this.d,
      copy,
      maxRevision(oldRSs) + 1,
      true,
    )
    if (
      annotationsUpdated ||
      (copy.spec.minReadySeconds ?? 0) !== (this.d.spec.minReadySeconds ?? 0)
    ) {
      copy.spec.minReadySeconds = this.d.spec.minReadySeconds ?? 0
      const updated = this.context.client.update<ReplicaSet>('replicasets', copy)
      this.latest.set(updated.metadata.uid!, updated)
      return updated
    }
    this.setRevision(copy.metadata.annotations?.[REVISION_ANNOTATION])
    if (hasProgressDeadline(this.d) && getCondition(this.d.status, 'Progressing') === undefined) {
      const message = `Found new replica set "${copy.metadata.name}"`
      this.noteProgressing('True', REASON.foundNewReplicaSet, message)
    }
    return copy
  }

  private createNewReplicaSet(oldRSs: ReplicaSet[]): ReplicaSet {
    const { rs, revision, hash } = buildNewReplicaSet(this.d, oldRSs)
    const created = this.controller.createReplicaSet(this.d, rs)
    if (created === 'collision') {
      // Another object holds the name: hash again with the next collisionCount.
      const status: DeploymentStatus = clone(this.d.status ?? {})
      status.collisionCount = (status.collisionCount ?? 0) + 1
      this.writeStatus(status)
      throw new Error(`hash collision for ReplicaSet ${rs.metadata.name}`)
    }
    if (!created.existed) this.controller.recordNewReplicaSet(this.d, created.rs, revision, hash)
    this.setRevision(String(revision))
    if (!created.existed && hasProgressDeadline(this.d)) {
      const message = `Created new replica set "${created.rs.metadata.name}"`
      this.noteProgressing('True', REASON.newReplicaSetCreated, message)
    }
    this.latest.set(created.rs.metadata.uid!, created.rs)
    return created.rs
  }

  /** SetDeploymentRevision, written as a metadata patch. */
  private setRevision(revision: string | undefined): void {
    if (revision === undefined || this.d.metadata.annotations?.[REVISION_ANNOTATION] === revision)
      return
    const patch = { metadata: { annotations: { [REVISION_ANNOTATION]: revision } } }
    const { namespace, name } = this.d.metadata
    const updated = this.context.client.patch<Deployment>('deployments', namespace, name!, patch)
    this.d.metadata.annotations = updated.metadata.annotations!
    this.d.metadata.resourceVersion = updated.metadata.resourceVersion!
  }

  /** Sets the Progressing condition and writes status at once, as getNewReplicaSet does. */
  private noteProgressing(status: 'True' | 'Unknown', reason: string, message: string): void {
    const next: DeploymentStatus = clone(this.d.status ?? {})
    setCondition(next, newCondition('Progressing', status, reason, message, this.nowMs))
    this.writeStatus(next)
  }

  private writeStatus(status: DeploymentStatus): void {
    const body = { ...this.d, status: omitZeroCounts(status) }
    const updated = this.context.client.updateStatus<Deployment>('deployments', body)
    this.d.metadata.resourceVersion = updated.metadata.resourceVersion!
    this.d.status = updated.status!
  }

  private syncDeploymentStatus(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): void {
    const status = calculateStatus(
      this.fresh(allRSs),
      newRS && this.fresh([newRS])[0],
      this.d,
      this.nowMs,
    )
    if (!deepEqual(omitZeroCounts(this.d.status ?? {}), omitZeroCounts(status)))
      this.writeStatus(status)
  }

  private syncRolloutStatus(allRSs: ReplicaSet[]): number | undefined {
    const all = this.fresh(allRSs)
    const newRS = findNewReplicaSet(this.d, all)
    const status = rolloutStatus(all, newRS, this.d, this.nowMs)
    if (deepEqual(omitZeroCounts(this.d.status ?? {}), omitZeroCounts(status))) {
      // 0 asks for a rate-limited requeue (requeueStuckDeployment's enqueueRateLimited).
      return stuckRequeueMs(this.d, status, this.nowMs)
    }
    this.writeStatus(status)
    return undefined
  }

  /** cleanupDeployment: old ReplicaSets beyond revisionHistoryLimit, oldest revision first. */
  private cleanup(oldRSs: ReplicaSet[]): void {
    const limit = this.d.spec.revisionHistoryLimit
    if (limit === undefined || limit === 2147483647) return
    const cleanable = this.fresh(oldRSs).filter((rs) => rs.metadata.deletionTimestamp === undefined)
    const diff = cleanable.length - limit
    if (diff <= 0) return
    cleanable.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b))
    for (const rs of cleanable.slice(0, diff)) {
      const settled = (rs.status?.observedGeneration ?? 0) >= (rs.metadata.generation ?? 0)
      if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || !settled) continue
      this.controller.deleteOldReplicaSet(this.d, rs)
    }
  }
}

function present(rs: ReplicaSet | undefined): ReplicaSet[] {
  return rs === undefined ? [] : [rs]
}
