/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go): keeps spec.replicas
 * active pods for each ReplicaSet and reports what it sees in status.
 *
 * Invariants:
 * 1. Active pods are those not terminal and not being deleted; a pod that gets a
 *    deletionTimestamp is replaced at once, without waiting for the kubelet to finish with it.
 * 2. It acts only when its expectations are satisfied (expectations.ts): it never creates twice
 *    for one missing replica while its pod informer lags behind its own writes.
 * 3. At most 500 creations or deletions per reconcile (burstReplicas); creations go in slow-start
 *    batches 1, 2, 4, … and stop at the first batch with a failure.
 * 4. Scale-down deletes the best-ranked pods first (podRanking.ts, FIDELITY.md §6.3), ranking
 *    colocation against the pods of every ReplicaSet with the same controller (the Deployment's).
 * 5. status.observedGeneration is written with the counts; a ReplicaSet with minReadySeconds is
 *    requeued for the moment its ready pods become available.
 */
import { requirementsOf, selectorMatches } from '../api/labels'
import { controllerOf, deepEqual } from '../api/objects'
import type { Pod, ReplicaSet } from '../api/types'
import { cacheKey, type Informer } from '../client/informer'
import { ApiError } from '../apiserver/status'
import { claim } from './claim'
import { QueueController, splitKey, type ControllerEnv } from './controller'
import { Expectations } from './expectations'
import type { OwnerIndex } from './informers'
import { PodControl, SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './podControl'
import { podsToDelete, rankReason } from './podRanking'
import { isPodActive, isPodAvailable, isPodReady, sameLabels } from './podUtil'
import { ReplicaSetPodCounter, type ReplicaSetPodTally } from './replicaSetPods'
import { compiledSelector } from './selectorCache'

/** --concurrent-… burstReplicas: the most pods one reconcile creates or deletes. */
export const BURST_REPLICAS = 500

type RSStatus = NonNullable<ReplicaSet['status']>

/** The outcome of claim: how many pods, their tally when it applies, the list on demand. */
interface ClaimedPods {
  count: number
  tally: ReplicaSetPodTally | undefined
  list(): Pod[]
}

export class ReplicaSetController extends QueueController {
  readonly expectations: Expectations
  private readonly replicaSets: Informer<ReplicaSet>
  private readonly pods: Informer<Pod>
  private readonly podsByOwner: OwnerIndex<Pod>
  private readonly rsByOwner: OwnerIndex<ReplicaSet>
  private readonly podControl: PodControl
  private readonly podCounts: ReplicaSetPodCounter

  constructor(env: ControllerEnv) {
    super(env, 'replicaset', ['replicasets', 'pods'])
    this.expectations = new Expectations(() => this.nowMs)
    this.replicaSets = env.informers.informer('replicasets')
    this.pods = env.informers.informer('pods')
    this.podsByOwner = env.informers.owners('pods')
    this.rsByOwner = env.informers.owners('replicasets')
    this.podCounts = new ReplicaSetPodCounter(this.podsByOwner, this.pods)
    this.podControl = new PodControl(
      env.context,
      env.recorder('replicaset-controller'),
      'replicaset',
    )
    this.replicaSets.addHandlers({
      onAdd: (rs) => this.queue.add(cacheKey(rs)),
      onUpdate: (_old, rs) => this.queue.add(cacheKey(rs)),
      onDelete: (rs) => {
        this.expectations.forget(cacheKey(rs))
        this.podCounts.forget(rs.metadata.uid!)
        this.queue.add(cacheKey(rs))
      },
    })
    this.pods.addHandlers({
      onAdd: (pod) => this.podAdded(pod),
      onUpdate: (old, pod) => this.podUpdated(old, pod),
      onDelete: (pod) => this.podDeleted(pod),
    })
  }

  /** The ReplicaSet a pod's controller reference names, if it exists with that uid. */
  private ownerOf(pod: Pod): ReplicaSet | undefined {
    const ref = controllerOf(pod)
    if (ref?.kind !== 'ReplicaSet') return undefined
    const rs = this.replicaSets.get(pod.metadata.namespace, ref.name)
    return rs?.metadata.uid === ref.uid ? rs : undefined
  }

  private podAdded(pod: Pod): void {
    if (pod.metadata.deletionTimestamp !== undefined) return this.podDeleted(pod)
    const rs = this.ownerOf(pod)
    if (rs !== undefined) {
      this.expectations.creationObserved(cacheKey(rs))
      this.queue.add(cacheKey(rs))
    } else if (controllerOf(pod) === undefined) {
      for (const candidate of this.matchingReplicaSets(pod)) this.queue.add(cacheKey(candidate))
    }
  }

  private podUpdated(old: Pod, pod: Pod): void {
    if (
      pod.metadata.deletionTimestamp !== undefined &&
      old.metadata.deletionTimestamp === undefined
    ) {
      // Graceful deletion: count it as deleted now, so its replacement starts at once.
      this.podDeleted(pod)
    }
    const oldRef = controllerOf(old)
    if (oldRef !== undefined && oldRef.uid !== controllerOf(pod)?.uid) {
      const previous = this.ownerOf(old)
      if (previous !== undefined) this.queue.add(cacheKey(previous))
    }
    const rs = this.ownerOf(pod)
    if (rs !== undefined) {
      this.queue.add(cacheKey(rs))
      const minReady = rs.spec.minReadySeconds ?? 0
      if (minReady > 0 && !isPodReady(old) && isPodReady(pod)) {
        this.queue.addAfter(cacheKey(rs), minReady * 1000 + 1000)
      }
    } else if (
      controllerOf(pod) === undefined &&
      !sameLabels(old.metadata.labels, pod.metadata.labels)
    ) {
      for (const candidate of this.matchingReplicaSets(pod)) this.queue.add(cacheKey(candidate))
    }
  }

  private podDeleted(pod: Pod): void {
    const rs = this.ownerOf(pod)
    if (rs === undefined) return
    this.expectations.deletionObserved(cacheKey(rs), cacheKey(pod))
    this.queue.add(cacheKey(rs))
  }

  /** ReplicaSets in the pod's namespace whose selector matches it (orphans only; rare). */
  private matchingReplicaSets(pod: Pod): ReplicaSet[] {
    return this.replicaSets
      .list()
      .filter(
        (rs) =>
          rs.metadata.namespace === pod.metadata.namespace &&
          requirementsOf(rs.spec.selector).length > 0 &&
          selectorMatches(rs.spec.selector, pod.metadata.labels),
      )
  }

  protected sync(key: string): void {
    const [namespace, name] = splitKey(key)
    const cached = this.replicaSets.get(namespace, name)
    if (cached === undefined) {
      this.expectations.forget(key)
      return
    }
    // Read-only: every write copies what it changes (updateStatus sends a new object).
    const rs = cached
    const needsSync = this.expectations.satisfied(key)
    const claimed = this.claimPods(rs, namespace!)
    let manageError: unknown
    if (needsSync && rs.metadata.deletionTimestamp === undefined) {
      try {
        this.manageReplicas(claimed, rs, key)
      } catch (error) {
        manageError = error
      }
    }
    const updated = this.updateStatus(rs, this.calculateStatus(rs, claimed))
    // Resync after minReadySeconds, when the ready pods should have become available.
    const minReady = updated.spec.minReadySeconds ?? 0
    const wanted = updated.spec.replicas ?? 1
    const { readyReplicas = 0, availableReplicas = 0 } = updated.status ?? { replicas: 0 }
    if (
      manageError === undefined &&
      minReady > 0 &&
      readyReplicas === wanted &&
      availableReplicas !== wanted
    ) {
      this.queue.addAfter(key, minReady * 1000)
    }
    if (manageError !== undefined) throw manageError
  }

  /**
   * The pods the ReplicaSet controls after claim (adopting and releasing). When there is nothing
   * to adopt or release, claim would only filter its owned pods: the tally answers without
   * walking them, and the list is built only if scale-down needs it.
   */
  private claimPods(rs: ReplicaSet, namespace: string): ClaimedPods {
    const uid = rs.metadata.uid!
    const tally = this.podCounts.of(rs)
    const orphans = this.podsByOwner.hasOrphansIn(namespace)
      ? this.podsByOwner.orphansIn(namespace).filter(isPodActive)
      : []
    const deleting = rs.metadata.deletionTimestamp !== undefined
    if (deleting || (tally.mismatched === 0 && orphans.length === 0)) {
      const matches = compiledSelector(rs.spec.selector)
      return {
        count: tally.active,
        tally,
        list: () =>
          this.podsByOwner
            .owned(uid)
            .filter((pod) => isPodActive(pod) && matches(pod.metadata.labels)),
      }
    }
    const pods = claim({
      client: this.client,
      resource: 'pods',
      owner: rs,
      selector: rs.spec.selector,
      owned: this.podsByOwner.owned(uid).filter(isPodActive),
      orphans,
    })
    return { count: pods.length, tally: undefined, list: () => pods }
  }

  private manageReplicas(claimed: ClaimedPods, rs: ReplicaSet, key: string): void {
    const wanted = rs.spec.replicas ?? 1
    const had = claimed.count
    const diff = had - wanted
    if (diff < 0) {
      const count = Math.min(-diff, BURST_REPLICAS)
      this.expectations.expectCreations(key, count)
      const why = `it wants ${wanted} replicas and had ${had}`
      const result = slowStartBatch(count, SLOW_START_INITIAL_BATCH_SIZE, () => {
        this.podControl.createPod(rs.spec.template, rs, why)
      })
      for (let skipped = count - result.successes; skipped > 0; skipped--) {
        this.expectations.creationObserved(key)
      }
      if (result.error !== undefined) throw result.error
    } else if (diff > 0) {
      const count = Math.min(diff, BURST_REPLICAS)
      const victims = podsToDelete(claimed.list(), this.relatedPods(rs), count, this.nowMs)
      this.expectations.expectDeletions(key, victims.map(cacheKey))
      let firstError: unknown
      for (const pod of victims) {
        const why = `it wants ${wanted} replicas and had ${had}; this pod went first because ${rankReason(pod)}`
        try {
          this.podControl.deletePod(pod, rs, why)
        } catch (error) {
          this.expectations.deletionObserved(key, cacheKey(pod))
          if (!(error instanceof ApiError && error.reason === 'NotFound')) firstError ??= error
        }
      }
      if (firstError !== undefined) throw firstError
    }
  }

  /** Pods of every ReplicaSet controlled by this one's controller (getIndirectlyRelatedPods). */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const ref = controllerOf(rs)
    if (ref === undefined) return this.podsByOwner.owned(rs.metadata.uid!)
    return this.rsByOwner
      .owned(ref.uid)
      .flatMap((sibling) => this.podsByOwner.owned(sibling.metadata.uid!))
  }

  private calculateStatus(rs: ReplicaSet, claimed: ClaimedPods): RSStatus {
    const minReadySeconds = rs.spec.minReadySeconds ?? 0
    const observedGeneration = rs.metadata.generation
    const tally = claimed.tally
    if (tally !== undefined && minReadySeconds === 0) {
      // Without minReadySeconds a ready pod is available: the tally has every count.
      const { active, fullyLabeled, ready } = tally
      return omitZero({
        replicas: active,
        fullyLabeledReplicas: fullyLabeled,
        readyReplicas: ready,
        availableReplicas: ready,
        observedGeneration,
      })
    }
    const templateLabels = rs.spec.template.metadata?.labels ?? {}
    let fullyLabeled = 0
    let ready = 0
    let available = 0
    const pods = claimed.list()
    for (const pod of pods) {
      const labels = pod.metadata.labels ?? {}
      if (Object.entries(templateLabels).every(([k, v]) => labels[k] === v)) fullyLabeled++
      if (isPodReady(pod)) {
        ready++
        if (isPodAvailable(pod, minReadySeconds, this.nowMs)) available++
      }
    }
    return omitZero({
      replicas: pods.length,
      fullyLabeledReplicas: fullyLabeled,
      readyReplicas: ready,
      availableReplicas: available,
      observedGeneration,
    })
  }

  /** updateReplicaSetStatus: a PUT of status when it changed, retried once on a conflict. */
  private updateStatus(rs: ReplicaSet, status: RSStatus): ReplicaSet {
    if (deepEqual(rs.status ?? {}, status)) return rs
    try {
      return this.client.updateStatus<ReplicaSet>('replicasets', { ...rs, status })
    } catch (error) {
      if (!(error instanceof ApiError && error.reason === 'Conflict')) throw error
      const fresh = this.client.get<ReplicaSet>(
        'replicasets',
        rs.metadata.namespace,
        rs.metadata.name!,
      )
      const retried = { ...status, observedGeneration: fresh.metadata.generation }
      return this.client.updateStatus<ReplicaSet>('replicasets', {
        ...fresh,
        status: omitZero(retried),
      })
    }
  }
}

/** Go's omitempty on ReplicaSetStatus: zero counts are left out, `replicas` always kept. */
function omitZero(status: {
  replicas: number
  fullyLabeledReplicas?: number
  readyReplicas?: number
  availableReplicas?: number
  observedGeneration?: number
}): RSStatus {
  const out: RSStatus = { replicas: status.replicas }
  if (status.fullyLabeledReplicas) out.fullyLabeledReplicas = status.fullyLabeledReplicas
  if (status.readyReplicas) out.readyReplicas = status.readyReplicas
  if (status.availableReplicas) out.availableReplicas = status.availableReplicas
  if (status.observedGeneration) out.observedGeneration = status.observedGeneration
  return out
}
