/**
 * The DaemonSet controller (pkg/controller/daemon/daemon_controller.go, update.go): one pod per
 * eligible node (daemonsetUtil.ts), each pinned to its node by node affinity and bound by the
 * default scheduler, rolled to a new template at most maxUnavailable nodes at a time.
 *
 * Invariants:
 * 1. A node that should run the daemon and has none gets one; a node that must not keep it
 *    (an untolerated NoExecute taint, a label no longer selected) loses it, and so does an
 *    unscheduled pod pinned to a Node that is gone (bound ones are the pod GC's); of
 *    several running on one node, the oldest stays.
 * 2. A Failed daemon pod is deleted (Warning FailedDaemonPod) with a per-node back-off from 1 s
 *    doubling to 15 min, so a kubelet that keeps rejecting it is not hammered.
 * 3. A pod counts for the node it is pinned to even before the scheduler binds it, and a
 *    terminating pod blocks its replacement until it is gone.
 * 4. Expectations as in the ReplicaSet controller; the rolling update runs only when they are
 *    satisfied, and status.observedGeneration is written only then.
 */
import { requirementsOf, selectorMatches } from '../api/labels'
import { clone, controllerOf, deepEqual } from '../api/objects'
import type { DaemonSet, Node, Pod, PodTemplateSpec } from '../api/types'
import { ApiError } from '../apiserver/status'
import type { EventRecorder } from '../client/events'
import { cacheKey, type Informer } from '../client/informer'
import { claim } from './claim'
import { QueueController, splitKey, type ControllerEnv } from './controller'
import { DaemonSetTallies, DaemonSetTally } from './daemonsetNodes'
import {
  daemonSetStatus,
  minReadySecondsOf,
  podsToRollOut,
  rolloutVictims,
  statusFromCounts,
} from './daemonsetStatus'
import {
  addDaemonPodTolerations,
  byScheduledThenAge,
  nodeShouldRunDaemonPod,
  nodeUpdateIrrelevant,
  pinToNode,
  REVISION_HASH_LABEL,
  targetNodeName,
  TEMPLATE_GENERATION_LABEL,
  templateGeneration,
} from './daemonsetUtil'
import { Expectations } from './expectations'
import { computeHash } from './hash'
import type { OwnerIndex } from './informers'
import { PodControl, SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './podControl'

export const DAEMONSET_BURST_REPLICAS = 250
const BACKOFF_INITIAL_MS = 1000
const BACKOFF_MAX_MS = 15 * 60 * 1000

export class DaemonSetController extends QueueController {
  readonly expectations: Expectations
  private readonly daemonSets: Informer<DaemonSet>
  private readonly nodes: Informer<Node>
  private readonly podsByOwner: OwnerIndex<Pod>
  private readonly podControl: PodControl
  private readonly recorder: EventRecorder
  private readonly backoff = new Map<string, { delayMs: number; atMs: number }>()
  private readonly tallies: DaemonSetTallies
  private readonly hashes = new WeakMap<PodTemplateSpec, string>()

  constructor(env: ControllerEnv) {
    super(env, 'daemonset', ['daemonsets', 'pods', 'nodes'])
    this.expectations = new Expectations(() => this.nowMs)
    this.daemonSets = env.informers.informer('daemonsets')
    this.nodes = env.informers.informer('nodes')
    this.podsByOwner = env.informers.owners('pods')
    this.recorder = env.recorder('daemonset-controller')
    this.podControl = new PodControl(env.context, this.recorder, 'daemonset')
    this.tallies = new DaemonSetTallies(
      this.podsByOwner,
      env.informers.informer('pods'),
      this.nodes,
    )
    this.daemonSets.addHandlers({
      onAdd: (ds) => this.queue.add(cacheKey(ds)),
      onUpdate: (_old, ds) => this.queue.add(cacheKey(ds)),
      onDelete: (ds) => {
        this.expectations.forget(cacheKey(ds))
        this.tallies.forget(ds.metadata.uid!)
        this.queue.add(cacheKey(ds))
      },
    })
    env.informers.informer<Pod>('pods').addHandlers({
      onAdd: (pod) => this.podEvent(pod, pod.metadata.deletionTimestamp ? 'delete' : 'add'),
      onUpdate: (old, pod) => {
        if (controllerOf(old)?.uid !== controllerOf(pod)?.uid) this.podEvent(old, 'other')
        const deleting = !old.metadata.deletionTimestamp && !!pod.metadata.deletionTimestamp
        this.podEvent(pod, deleting ? 'delete' : 'other')
      },
      onDelete: (pod) => this.podEvent(pod, 'delete'),
    })
    this.nodes.addHandlers({
      onAdd: () => this.enqueueAll(),
      onUpdate: (old, node) => this.nodeUpdated(old, node),
      onDelete: () => this.enqueueAll(),
    })
  }

  private ownerOf(pod: Pod): DaemonSet | undefined {
    const ref = controllerOf(pod)
    if (ref?.kind !== 'DaemonSet') return undefined
    const ds = this.daemonSets.get(pod.metadata.namespace, ref.name)
    return ds?.metadata.uid === ref.uid ? ds : undefined
  }

  private podEvent(pod: Pod, kind: 'add' | 'delete' | 'other'): void {
    const ds = this.ownerOf(pod)
    if (ds !== undefined) {
      const key = cacheKey(ds)
      if (kind === 'add') this.expectations.creationObserved(key)
      if (kind === 'delete') this.expectations.deletionObserved(key, cacheKey(pod))
      this.queue.add(key)
      return
    }
    if (controllerOf(pod) !== undefined) return
    for (const candidate of this.daemonSets.list()) {
      if (candidate.metadata.namespace !== pod.metadata.namespace) continue
      if (requirementsOf(candidate.spec.selector).length === 0) continue
      if (selectorMatches(candidate.spec.selector, pod.metadata.labels)) {
        this.queue.add(cacheKey(candidate))
      }
    }
  }

  private enqueueAll(): void {
    for (const ds of this.daemonSets.list()) this.queue.add(cacheKey(ds))
  }

  private nodeUpdated(old: Node, node: Node): void {
    if (nodeUpdateIrrelevant(old, node)) return
    for (const ds of this.daemonSets.list()) {
      if (!deepEqual(nodeShouldRunDaemonPod(old, ds), nodeShouldRunDaemonPod(node, ds))) {
        this.queue.add(cacheKey(ds))
      }
    }
  }

  protected sync(key: string): void {
    const [namespace, name] = splitKey(key)
    const cached = this.daemonSets.get(namespace, name)
    if (cached === undefined) {
      this.expectations.forget(key)
      return
    }
    const hash = this.hashOf(cached)
    const tally = this.tallyFor(cached, hash)
    if (tally !== undefined) return this.syncTallied(cached, tally, hash, key)
    const ds = clone(cached)
    const nodes = this.nodes.list().sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
    if (ds.metadata.deletionTimestamp !== undefined || !this.expectations.satisfied(key)) {
      return this.writeStatus(ds, nodes, hash, false)
    }
    this.manage(ds, nodes, this.podsByNode(ds), hash, key)
    if (this.expectations.satisfied(key) && ds.spec.updateStrategy?.type !== 'OnDelete') {
      const victims = podsToRollOut(ds, nodes, this.podsByNode(ds), hash, this.nowMs)
      this.syncNodes(ds, [], victims, hash, key, 'its template is out of date (rolling update)')
    }
    this.writeStatus(ds, nodes, hash, true)
  }

  /** The template's hash, computed once per cached template (frozen objects never change). */
  private hashOf(ds: DaemonSet): string {
    const template = ds.spec.template
    const known = this.hashes.get(template)
    if (known !== undefined) return known
    const hash = computeHash(template)
    if (Object.isFrozen(template)) this.hashes.set(template, hash)
    return hash
  }

  /**
   * The DaemonSet's tally (daemonsetNodes.ts) when it answers exactly what the walk over nodes
   * and pods would: no minReadySeconds (availability would depend on the clock), nothing to
   * adopt or release, no pod pinned to a missing node.
   */
  private tallyFor(ds: DaemonSet, hash: string): DaemonSetTally | undefined {
    if (minReadySecondsOf(ds) !== 0) return undefined
    if (this.podsByOwner.hasOrphansIn(ds.metadata.namespace!)) return undefined
    const tally = this.tallies.of(ds, hash)
    return tally.exact ? tally : undefined
  }

  /** sync, with every node's part read from the tally instead of walking nodes and pods. */
  private syncTallied(ds: DaemonSet, tally: DaemonSetTally, hash: string, key: string): void {
    if (ds.metadata.deletionTimestamp !== undefined || !this.expectations.satisfied(key)) {
      return this.writeCounts(ds, tally, false)
    }
    const toDelete: Pod[] = []
    for (const nodeName of DaemonSetTally.sorted(tally.deletes)) {
      const manage = tally.manageOf(nodeName)
      if (manage.kind === 'delete') toDelete.push(...manage.pods)
      else if (manage.kind === 'failed') {
        toDelete.push(...this.failedOrExtra(ds, nodeName, tally.podsOn(nodeName), key))
      }
    }
    const needing = DaemonSetTally.sorted(tally.creates)
    this.syncNodes(ds, needing, toDelete, hash, key, 'its node should not run it')
    if (this.expectations.satisfied(key) && ds.spec.updateStrategy?.type !== 'OnDelete') {
      const oldPods = (names: Set<string>): Pod[] =>
        DaemonSetTally.sorted(names).map((n) => tally.oldPodOf(n))
      const victims = rolloutVictims(
        ds,
        tally.counts.desired,
        tally.unavailable,
        oldPods(tally.replace),
        oldPods(tally.candidates),
      )
      this.syncNodes(ds, [], victims, hash, key, 'its template is out of date (rolling update)')
    }
    this.writeCounts(ds, tally, true)
  }

  private writeCounts(ds: DaemonSet, tally: DaemonSetTally, observe: boolean): void {
    const status = statusFromCounts(ds, tally.counts)
    if (observe && ds.metadata.generation) status.observedGeneration = ds.metadata.generation
    if (deepEqual(ds.status ?? {}, status)) return
    this.client.updateStatus<DaemonSet>('daemonsets', { ...ds, status })
  }

  /** getNodesToDaemonPods: claimed pods (terminating ones included) by target node. */
  private podsByNode(ds: DaemonSet): Map<string, Pod[]> {
    const pods = claim({
      client: this.client,
      resource: 'pods',
      owner: ds,
      selector: ds.spec.selector,
      owned: this.podsByOwner.owned(ds.metadata.uid!),
      orphans: this.podsByOwner.orphansIn(ds.metadata.namespace!),
    })
    const byNode = new Map<string, Pod[]>()
    for (const pod of pods) {
      const node = targetNodeName(pod)
      if (node !== undefined) byNode.set(node, [...(byNode.get(node) ?? []), pod])
    }
    return byNode
  }

  /** manage: podsShouldBeOnNode for every node, then syncNodes. */
  private manage(
    ds: DaemonSet,
    nodes: Node[],
    byNode: Map<string, Pod[]>,
    hash: string,
    key: string,
  ) {
    const needing: string[] = []
    const toDelete: Pod[] = []
    const live = (pods: Pod[]) => pods.filter((p) => p.metadata.deletionTimestamp === undefined)
    for (const node of nodes) {
      const nodeName = node.metadata.name!
      const [shouldRun, shouldContinue] = nodeShouldRunDaemonPod(node, ds)
      const pods = byNode.get(nodeName) ?? []
      if (shouldRun && pods.length === 0) needing.push(nodeName)
      else if (shouldContinue) toDelete.push(...this.failedOrExtra(ds, nodeName, pods, key))
      else toDelete.push(...live(pods))
    }
    // getUnscheduledPodsWithoutNode: a pod pinned to a Node that is gone can never be scheduled,
    // and the pod GC only removes bound pods; a bound one is left to it.
    const known = new Set(nodes.map((n) => n.metadata.name!))
    for (const [nodeName, pods] of byNode) {
      if (!known.has(nodeName)) toDelete.push(...live(pods).filter((p) => !p.spec.nodeName))
    }
    this.syncNodes(ds, needing, toDelete, hash, key, 'its node should not run it')
  }

  private failedOrExtra(ds: DaemonSet, nodeName: string, pods: Pod[], key: string): Pod[] {
    const out: Pod[] = []
    const running: Pod[] = []
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp !== undefined) continue
      const phase = pod.status?.phase
      if (phase === 'Succeeded') out.push(pod)
      else if (phase !== 'Failed') running.push(pod)
      else if (this.failedPodMayGo(ds, nodeName, key)) {
        const { namespace, name } = pod.metadata
        const message = `Found failed daemon pod ${namespace}/${name} on node ${nodeName}, will try to kill it`
        this.recorder.event(ds, 'Warning', 'FailedDaemonPod', message)
        out.push(pod)
      }
    }
    if (running.length > 1) out.push(...running.sort(byScheduledThenAge).slice(1))
    return out
  }

  /** failedPodsBackoff: 1 s doubling to 15 min per DaemonSet and node. */
  private failedPodMayGo(ds: DaemonSet, nodeName: string, key: string): boolean {
    const backoffKey = `${ds.metadata.uid}/${nodeName}`
    const entry = this.backoff.get(backoffKey)
    if (entry !== undefined && this.nowMs - entry.atMs < entry.delayMs) {
      this.queue.addAfter(key, entry.delayMs)
      return false
    }
    const reset = entry === undefined || this.nowMs - entry.atMs > 2 * BACKOFF_MAX_MS
    const delayMs = reset ? BACKOFF_INITIAL_MS : Math.min(entry.delayMs * 2, BACKOFF_MAX_MS)
    this.backoff.set(backoffKey, { delayMs, atMs: this.nowMs })
    return true
  }

  private syncNodes(
    ds: DaemonSet,
    needing: string[],
    toDelete: Pod[],
    hash: string,
    key: string,
    deleteWhy: string,
  ): void {
    const creates = needing.slice(0, DAEMONSET_BURST_REPLICAS)
    const deletes = toDelete.slice(0, DAEMONSET_BURST_REPLICAS)
    if (creates.length === 0 && deletes.length === 0) return
    this.expectations.expect(key, creates.length, deletes.map(cacheKey))
    const template = clone(ds.spec.template)
    addDaemonPodTolerations(template.spec)
    const labels = { ...template.metadata?.labels }
    labels[TEMPLATE_GENERATION_LABEL] = templateGeneration(ds)
    labels[REVISION_HASH_LABEL] = hash
    template.metadata = { ...template.metadata, labels }
    let next = 0
    const result = slowStartBatch(creates.length, SLOW_START_INITIAL_BATCH_SIZE, () => {
      const nodeName = creates[next++]!
      const pinned = clone(template)
      pinToNode(pinned.spec, nodeName)
      this.podControl.createPod(pinned, ds, `node ${nodeName} should run it and had none`)
    })
    for (let skipped = creates.length - result.successes; skipped > 0; skipped--) {
      this.expectations.creationObserved(key)
    }
    let firstError = result.error
    for (const pod of deletes) {
      try {
        this.podControl.deletePod(pod, ds, `${deleteWhy} (node ${targetNodeName(pod)})`)
      } catch (error) {
        this.expectations.deletionObserved(key, cacheKey(pod))
        if (!(error instanceof ApiError && error.reason === 'NotFound')) firstError ??= error
      }
    }
    if (firstError !== undefined) throw firstError
  }

  private writeStatus(ds: DaemonSet, nodes: Node[], hash: string, observe: boolean): void {
    const status = daemonSetStatus(ds, nodes, this.podsByNode(ds), hash, this.nowMs)
    if (observe && ds.metadata.generation) status.observedGeneration = ds.metadata.generation
    if (deepEqual(ds.status ?? {}, status)) return
    this.client.updateStatus<DaemonSet>('daemonsets', { ...ds, status })
  }
}
