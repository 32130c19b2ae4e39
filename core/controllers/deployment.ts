/**
 * The Deployment controller (pkg/controller/deployment/deployment_controller.go, sync.go):
 * turns a Deployment into ReplicaSets named `<deployment>-<pod-template-hash>` and drives the
 * rollout between them (deploymentRollout.ts), recording each scale as a ScalingReplicaSet Event
 * with the v1.32 text "Scaled up replica set web-7d4b9c from 0 to 3" (FIDELITY.md §6.4).
 *
 * Invariants:
 * 1. The order of a sync is the real one: claim ReplicaSets; a Deployment being deleted only gets
 *    status; paused conditions; paused or a scaling event → scale only; else the strategy.
 * 2. A new ReplicaSet is created only by a rollout, never while paused: its labels and selector
 *    carry pod-template-hash, its annotations revision = max old revision + 1, desired-replicas
 *    and max-replicas. `kubectl rollout undo` (a template change made by kubectl) finds the old
 *    ReplicaSet again and gives it the next revision.
 * 3. Old ReplicaSets beyond revisionHistoryLimit are deleted oldest revision first, only once
 *    they are at 0 replicas and their status says so, and only when the rollout is complete.
 * 4. status.observedGeneration is the generation this sync saw; status is written only when it
 *    changed, and a stuck rollout is requeued for its progress deadline.
 */
import { requirementsOf, selectorMatches } from '../api/labels'
import { clone, controllerOf } from '../api/objects'
import type { Deployment, Pod, ReplicaSet } from '../api/types'
import type { EventRecorder } from '../client/events'
import { cacheKey, type Informer } from '../client/informer'
import { ApiError } from '../apiserver/status'
import { claim } from './claim'
import { QueueController, splitKey, type ControllerEnv } from './controller'
import { DeploymentSync } from './deploymentSync'
import { equalIgnoreHash, replicasOf, setReplicasAnnotations } from './deploymentUtil'
import type { OwnerIndex } from './informers'
import { subjectOf } from './podUtil'

export class DeploymentController extends QueueController {
  private readonly deployments: Informer<Deployment>
  private readonly replicaSets: Informer<ReplicaSet>
  private readonly rsByOwner: OwnerIndex<ReplicaSet>
  private readonly podsByOwner: OwnerIndex<Pod>
  readonly recorder: EventRecorder

  constructor(env: ControllerEnv) {
    super(env, 'deployment', ['deployments', 'replicasets', 'pods'])
    this.deployments = env.informers.informer('deployments')
    this.replicaSets = env.informers.informer('replicasets')
    this.rsByOwner = env.informers.owners('replicasets')
    this.podsByOwner = env.informers.owners('pods')
    this.recorder = env.recorder('deployment-controller')
    this.deployments.addHandlers({
      onAdd: (d) => this.queue.add(cacheKey(d)),
      onUpdate: (_old, d) => this.queue.add(cacheKey(d)),
      onDelete: (d) => this.queue.add(cacheKey(d)),
    })
    this.replicaSets.addHandlers({
      onAdd: (rs) => this.replicaSetChanged(rs),
      onUpdate: (old, rs) => {
        if (controllerOf(old)?.uid !== controllerOf(rs)?.uid) this.replicaSetChanged(old)
        this.replicaSetChanged(rs)
      },
      onDelete: (rs) => this.replicaSetChanged(rs),
    })
    env.informers.informer<Pod>('pods').addHandlers({ onDelete: (pod) => this.podDeleted(pod) })
  }

  /** The Deployment a ReplicaSet's controller reference names, if it exists with that uid. */
  ownerOf(rs: ReplicaSet): Deployment | undefined {
    const ref = controllerOf(rs)
    if (ref?.kind !== 'Deployment') return undefined
    const d = this.deployments.get(rs.metadata.namespace, ref.name)
    return d?.metadata.uid === ref.uid ? d : undefined
  }

  private replicaSetChanged(rs: ReplicaSet): void {
    const owner = this.ownerOf(rs)
    if (owner !== undefined) return this.queue.add(cacheKey(owner))
    if (controllerOf(rs) !== undefined) return
    for (const d of this.deployments.list()) {
      if (d.metadata.namespace !== rs.metadata.namespace) continue
      if (requirementsOf(d.spec.selector).length === 0) continue
      if (selectorMatches(d.spec.selector, rs.metadata.labels)) this.queue.add(cacheKey(d))
    }
  }

  /** A Recreate rollout waits for old pods to be gone: their deletion may unblock it. */
  private podDeleted(pod: Pod): void {
    const ref = controllerOf(pod)
    if (ref?.kind !== 'ReplicaSet') return
    const rs = this.replicaSets.get(pod.metadata.namespace, ref.name)
    const d = rs === undefined ? undefined : this.ownerOf(rs)
    if (d?.spec.strategy?.type === 'Recreate') this.queue.add(cacheKey(d))
  }

  protected sync(key: string): void {
    const [namespace, name] = splitKey(key)
    const cached = this.deployments.get(namespace, name)
    if (cached === undefined) return
    const d = clone(cached)
    const rollouts = new DeploymentSync(this, this.env.context, d)
    if (requirementsOf(d.spec.selector).length === 0) {
      const message = 'This deployment is selecting all pods. A non-empty selector is required.'
      this.recorder.event(d, 'Warning', 'SelectingAll', message)
      return rollouts.observeGenerationOnly()
    }
    const rsList = this.claimReplicaSets(d)
    if (d.metadata.deletionTimestamp !== undefined) return rollouts.syncStatusOnly(rsList)
    rollouts.checkPausedConditions()
    if (d.spec.paused) return rollouts.syncScale(rsList)
    if (rollouts.isScalingEvent(rsList)) return rollouts.syncScale(rsList)
    const requeueMs =
      d.spec.strategy?.type === 'Recreate'
        ? rollouts.rolloutRecreate(rsList, (rs) => this.podsByOwner.owned(rs.metadata.uid!))
        : rollouts.rolloutRolling(rsList)
    // requeueStuckDeployment: due now means a rate-limited requeue (10 per second at most).
    if (requeueMs === 0) this.queue.addRateLimited(key)
    else if (requeueMs !== undefined) this.queue.addAfter(key, requeueMs)
  }

  /** getReplicaSetsForDeployment: owned ReplicaSets after adoption and release. */
  private claimReplicaSets(d: Deployment): ReplicaSet[] {
    return claim({
      client: this.client,
      resource: 'replicasets',
      owner: d,
      selector: d.spec.selector,
      owned: this.rsByOwner.owned(d.metadata.uid!),
      orphans: this.rsByOwner.orphansIn(d.metadata.namespace!),
    })
  }

  /** scaleReplicaSet: PUT the new size and annotations; an Event when the size changed. */
  scaleReplicaSet(
    d: Deployment,
    rs: ReplicaSet,
    newScale: number,
    desired: number,
    max: number,
    operation: 'up' | 'down',
  ): ReplicaSet {
    const copy = clone(rs)
    const oldScale = replicasOf(rs)
    copy.spec.replicas = newScale
    setReplicasAnnotations(copy, desired, max)
    const updated = this.client.update<ReplicaSet>('replicasets', copy)
    if (oldScale !== newScale) {
      const message = `Scaled ${operation} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`
      this.recorder.event(d, 'Normal', 'ScalingReplicaSet', message)
      this.env.context.explain.record({
        component: 'kube-controller-manager/deployment',
        subject: subjectOf(rs),
        code: 'ScalingReplicaSet',
        summary: message,
        causedBy: subjectOf(d),
      })
    }
    return updated
  }

  /**
   * Creates the new ReplicaSet. If the name is taken by our own ReplicaSet with this template
   * (an earlier sync's create we have not seen yet), that one is the new ReplicaSet; anything
   * else holding the name is a hash collision.
   */
  createReplicaSet(
    d: Deployment,
    rs: ReplicaSet,
  ): { rs: ReplicaSet; existed: boolean } | 'collision' {
    try {
      return {
        rs: this.client.create<ReplicaSet>('replicasets', rs.metadata.namespace, rs),
        existed: false,
      }
    } catch (error) {
      if (!(error instanceof ApiError && error.reason === 'AlreadyExists')) throw error
      const found = this.client.get<ReplicaSet>(
        'replicasets',
        rs.metadata.namespace,
        rs.metadata.name!,
      )
      const ours = controllerOf(found)?.uid === d.metadata.uid
      if (ours && equalIgnoreHash(d.spec.template, found.spec.template))
        return { rs: found, existed: true }
      return 'collision'
    }
  }

  /** The Event and causes of a new ReplicaSet ("Scaled up replica set web-… from 0 to 3"). */
  recordNewReplicaSet(d: Deployment, rs: ReplicaSet, revision: number, hash: string): void {
    const component = 'kube-controller-manager/deployment'
    const subject = subjectOf(rs)
    const causedBy = subjectOf(d)
    this.env.context.explain.record({
      component,
      subject,
      code: 'NewReplicaSetCreated',
      summary: `Created for revision ${revision} of Deployment ${d.metadata.name}: no ReplicaSet had its pod template (pod-template-hash ${hash})`,
      causedBy,
    })
    if (replicasOf(rs) === 0) return
    const message = `Scaled up replica set ${rs.metadata.name} from 0 to ${replicasOf(rs)}`
    this.recorder.event(d, 'Normal', 'ScalingReplicaSet', message)
    this.env.context.explain.record({
      component,
      subject,
      code: 'ScalingReplicaSet',
      summary: message,
      causedBy,
    })
  }

  /** Deletes an old ReplicaSet beyond revisionHistoryLimit (cleanupDeployment). */
  deleteOldReplicaSet(d: Deployment, rs: ReplicaSet): void {
    try {
      this.client.delete('replicasets', rs.metadata.namespace, rs.metadata.name!)
    } catch (error) {
      if (!(error instanceof ApiError && error.reason === 'NotFound')) throw error
    }
    this.env.context.explain.record({
      component: 'kube-controller-manager/deployment',
      subject: subjectOf(rs),
      code: 'RevisionHistoryLimit',
      summary: `Deleted: Deployment ${d.metadata.name} keeps ${d.spec.revisionHistoryLimit} old ReplicaSets (revisionHistoryLimit)`,
      causedBy: subjectOf(d),
    })
  }
}
