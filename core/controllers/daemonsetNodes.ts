/**
 * Per-DaemonSet, per-node bookkeeping kept current by the pod and node informers, so that a
 * DaemonSet sync costs what changed, not the cluster's size. The real controller walks every
 * node and every daemon pod on each sync; at 5,000 nodes, with a sync for every change of one of
 * its 5,000 pods, that walk is quadratic. Here each node's verdict (daemonsetStatus.ts
 * nodeVerdict: its status counts and its part in the rolling update) and its manage outcome are
 * recomputed when that node or one of its pods changes, and sums and sets are updated by the
 * difference.
 *
 * Invariants:
 * 1. A tally describes one DaemonSet spec (placement, selector, template hash) with no
 *    minReadySeconds (nothing then depends on the clock); a sync whose DaemonSet differs gets a
 *    fresh tally, built from the caches.
 * 2. Each node's pods are the claimed ones (controlled by the DaemonSet, matching its selector,
 *    terminating ones included) in the owner index's order, so lists come out as a walk would
 *    produce them.
 * 3. `exact` is false while a walk could differ from the tally: pods to release (no longer
 *    matching), pods pinned to a node that does not exist. The sync then takes the full walk.
 */
import { controllerOf, deepEqual } from '../api/objects'
import type { DaemonSet, LabelSelector, Node, Pod, PodSpec } from '../api/types'
import { cacheKey, type Informer } from '../client/informer'
import {
  COUNT_KEYS,
  minReadySecondsOf,
  nodeVerdict,
  type DaemonSetCounts,
  type NodeVerdict,
} from './daemonsetStatus'
import { byScheduledThenAge, nodeShouldRunDaemonPod, targetNodeName } from './daemonsetUtil'
import type { OwnerIndex } from './informers'
import { compiledSelector, type CompiledSelector } from './selectorCache'

/** What manage does about one node when none of its pods has Failed. */
type ManageVerdict =
  | { kind: 'none' }
  | { kind: 'create' }
  | { kind: 'delete'; pods: Pod[] }
  /** Failed pods: judged in the sync itself (back-off, a Warning event). */
  | { kind: 'failed' }

interface NodeEntry {
  node: Node | undefined
  /** Claimed pods targeting this node, by cache key, in owner-index order. */
  pods: Map<string, Pod>
  verdict: NodeVerdict | undefined
  manage: ManageVerdict
  shouldRun: boolean
  shouldContinue: boolean
}

interface Context {
  selector: LabelSelector
  placement: PodSpec
  hash: string
}

export class DaemonSetTally {
  readonly counts: DaemonSetCounts = {
    desired: 0,
    current: 0,
    misscheduled: 0,
    ready: 0,
    available: 0,
    updated: 0,
  }
  /** Nodes whose rollout verdict is 'unavailable'. */
  unavailable = 0
  /** Owned pods whose labels no longer match the selector (claim would release them). */
  mismatched = 0
  /** Nodes that do not exist but have pods pinned to them. */
  unknownNodes = 0
  private readonly entries = new Map<string, NodeEntry>()
  /** Node names by manage outcome and rollout part: the few that need action. */
  readonly creates = new Set<string>()
  readonly deletes = new Set<string>()
  readonly replace = new Set<string>()
  readonly candidates = new Set<string>()
  private readonly matches: CompiledSelector

  constructor(
    readonly ds: DaemonSet,
    private readonly context: Context,
  ) {
    this.matches = compiledSelector(context.selector)
  }

  /** True when the tally's answers are exactly what a walk over nodes and pods gives. */
  get exact(): boolean {
    return this.mismatched === 0 && this.unknownNodes === 0
  }

  fits(ds: DaemonSet, hash: string): boolean {
    const { context } = this
    if (minReadySecondsOf(ds) !== 0 || hash !== context.hash) return false
    const same = <T>(a: T, b: T): boolean => a === b || deepEqual(a, b)
    return (
      same(context.selector, ds.spec.selector) && same(context.placement, ds.spec.template.spec)
    )
  }

  /** A node's claimed pods, in owner-index order. */
  podsOn(nodeName: string): Pod[] {
    const entry = this.entries.get(nodeName)
    return entry === undefined ? [] : [...entry.pods.values()]
  }

  /** Sorted names of a set (etcd and the real controller walk nodes by name). */
  static sorted(names: Set<string>): string[] {
    return [...names].sort()
  }

  pod(pod: Pod, sign: 1 | -1): void {
    if (!this.matches(pod.metadata.labels)) {
      this.mismatched += sign
      return
    }
    const nodeName = targetNodeName(pod)
    if (nodeName === undefined) return
    const entry = this.entry(nodeName)
    this.retract(nodeName, entry)
    if (sign > 0) entry.pods.set(cacheKey(pod), pod)
    else entry.pods.delete(cacheKey(pod))
    this.judge(nodeName, entry)
  }

  node(nodeName: string, node: Node | undefined): void {
    const entry = this.entry(nodeName)
    this.retract(nodeName, entry)
    entry.node = node
    if (node !== undefined) {
      ;[entry.shouldRun, entry.shouldContinue] = nodeShouldRunDaemonPod(node, this.ds)
    }
    this.judge(nodeName, entry)
  }

  private entry(nodeName: string): NodeEntry {
    let entry = this.entries.get(nodeName)
    if (entry === undefined) {
      entry = {
        node: undefined,
        pods: new Map(),
        verdict: undefined,
        manage: { kind: 'none' },
        shouldRun: false,
        shouldContinue: false,
      }
      this.entries.set(nodeName, entry)
    }
    return entry
  }

  /** Takes a node's contribution out of the sums and sets. */
  private retract(nodeName: string, entry: NodeEntry): void {
    const verdict = entry.verdict
    if (verdict === undefined) return
    for (const key of COUNT_KEYS) this.counts[key] -= verdict[key]
    if (verdict.rollout === 'unavailable') this.unavailable--
    this.replace.delete(nodeName)
    this.candidates.delete(nodeName)
    this.creates.delete(nodeName)
    this.deletes.delete(nodeName)
    if (entry.node === undefined && entry.pods.size > 0) this.unknownNodes--
    entry.verdict = undefined
  }

  /** Judges a node afresh and adds its contribution. */
  private judge(nodeName: string, entry: NodeEntry): void {
    const known = entry.node !== undefined
    if (!known && entry.pods.size === 0) {
      this.entries.delete(nodeName)
      return
    }
    const pods = [...entry.pods.values()]
    const shouldRun = known && entry.shouldRun
    const verdict = nodeVerdict(shouldRun, known, pods, this.context.hash, 0, 0)
    entry.verdict = verdict
    for (const key of COUNT_KEYS) this.counts[key] += verdict[key]
    if (verdict.rollout === 'unavailable') this.unavailable++
    else if (verdict.rollout === 'replace') this.replace.add(nodeName)
    else if (verdict.rollout === 'candidate') this.candidates.add(nodeName)
    if (!known) {
      this.unknownNodes++
      entry.manage = { kind: 'none' }
      return
    }
    entry.manage = manageVerdict(shouldRun, entry.shouldContinue, pods)
    if (entry.manage.kind === 'create') this.creates.add(nodeName)
    else if (entry.manage.kind !== 'none') this.deletes.add(nodeName)
  }

  manageOf(nodeName: string): ManageVerdict {
    return this.entries.get(nodeName)?.manage ?? { kind: 'none' }
  }

  oldPodOf(nodeName: string): Pod {
    return this.entries.get(nodeName)!.verdict!.oldPod!
  }
}

/**
 * manage's decision for one existing node (podsShouldBeOnNode): a pod to create, pods to
 * delete, or Failed pods, which only the sync may judge (their deletion is rate-limited).
 */
function manageVerdict(shouldRun: boolean, shouldContinue: boolean, pods: Pod[]): ManageVerdict {
  if (shouldRun && pods.length === 0) return { kind: 'create' }
  const live = pods.filter((p) => p.metadata.deletionTimestamp === undefined)
  if (!shouldContinue) return live.length === 0 ? { kind: 'none' } : { kind: 'delete', pods: live }
  if (live.some((p) => p.status?.phase === 'Failed')) return { kind: 'failed' }
  const out = live.filter((p) => p.status?.phase === 'Succeeded')
  const running = live.filter((p) => p.status?.phase !== 'Succeeded')
  if (running.length > 1) out.push(...running.sort(byScheduledThenAge).slice(1))
  return out.length === 0 ? { kind: 'none' } : { kind: 'delete', pods: out }
}

/** The tallies of the DaemonSets the controller syncs, fed by its informers. */
export class DaemonSetTallies {
  private readonly tallies = new Map<string, DaemonSetTally>()

  constructor(
    private readonly podsByOwner: OwnerIndex<Pod>,
    pods: Informer<Pod>,
    private readonly nodes: Informer<Node>,
  ) {
    pods.addHandlers({
      onAdd: (pod) => this.pod(pod, 1),
      onUpdate: (old, pod) => {
        this.pod(old, -1)
        this.pod(pod, 1)
      },
      onDelete: (pod) => this.pod(pod, -1),
    })
    nodes.addHandlers({
      onAdd: (node) => this.node(node.metadata.name!, node),
      onUpdate: (_old, node) => this.node(node.metadata.name!, node),
      onDelete: (node) => this.node(node.metadata.name!, undefined),
    })
  }

  /** The tally for this DaemonSet and hash, built afresh if it has none that fits. */
  of(ds: DaemonSet, hash: string): DaemonSetTally {
    const uid = ds.metadata.uid!
    const known = this.tallies.get(uid)
    if (known !== undefined && known.fits(ds, hash)) return known
    const tally = new DaemonSetTally(ds, {
      selector: ds.spec.selector,
      placement: ds.spec.template.spec,
      hash,
    })
    for (const node of this.nodes.list()) tally.node(node.metadata.name!, node)
    for (const pod of this.podsByOwner.owned(uid)) tally.pod(pod, 1)
    this.tallies.set(uid, tally)
    return tally
  }

  forget(uid: string): void {
    this.tallies.delete(uid)
  }

  private pod(pod: Pod, sign: 1 | -1): void {
    const ref = controllerOf(pod)
    if (ref === undefined) return
    this.tallies.get(ref.uid)?.pod(pod, sign)
  }

  private node(nodeName: string, node: Node | undefined): void {
    for (const tally of this.tallies.values()) tally.node(nodeName, node)
  }
}
