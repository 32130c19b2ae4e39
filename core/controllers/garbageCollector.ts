/**
 * The garbage collector (pkg/controller/garbagecollector): keeps a graph of ownerReferences
 * across the kinds it watches and deletes what has lost its owners. It is why deleting a
 * Deployment takes its ReplicaSets and pods with it, and why `--cascade=orphan` does not.
 *
 * Invariants:
 * 1. An object is deleted only when every owner is verifiably gone: absent from the graph and
 *    then not found by a live GET (or found with another uid). Owners of kinds it does not
 *    watch count as present: it never deletes on a guess.
 * 2. An object with at least one live owner is kept; references to its gone owners (and to
 *    owners waiting in foreground deletion) are removed from it instead.
 * 3. Foreground: an owner with deletionTimestamp and the foregroundDeletion finalizer has its
 *    dependents deleted (those with dependents of their own in foreground too); the finalizer
 *    is removed once no dependent with blockOwnerDeletion is left, and the owner goes.
 * 4. Orphan: an owner with the orphan finalizer has its uid removed from every dependent's
 *    ownerReferences, then the finalizer removed. The dependents live on.
 * 5. Deletions use a uid precondition and the propagation policy the object's own finalizers
 *    ask for (Background by default).
 */
import { resourceForKind } from '../apiserver/resources'
import { ApiError } from '../apiserver/status'
import type { KubeObject, OwnerReference } from '../api/types'
import type { ResourceName } from '../client/client'
import { removeOwnerReferences } from './claim'
import { QueueController, type ControllerEnv } from './controller'

export const FOREGROUND = 'foregroundDeletion'
export const ORPHAN = 'orphan'

/** The kinds the collector watches (in the real one: every kind that supports list and watch). */
export const GC_RESOURCES: readonly ResourceName[] = [
  'deployments',
  'replicasets',
  'daemonsets',
  'pods',
  'services',
  'endpointslices',
  'endpoints',
  'configmaps',
  'secrets',
  'leases',
  'nodes',
  'namespaces',
]

interface GraphNode {
  uid: string
  resource: ResourceName
  kind: string
  namespace: string | undefined
  name: string
  owners: OwnerReference[]
  deleting: boolean
  finalizers: string[]
}

type OwnerState = 'solid' | 'dangling' | 'waiting'

const deletingDependents = (n: GraphNode): boolean =>
  n.deleting && n.finalizers.includes(FOREGROUND)
const subject = (n: { kind: string; namespace?: string; name: string }): string =>
  `${n.kind} ${n.namespace === undefined ? n.name : `${n.namespace}/${n.name}`}`

export class GarbageCollector extends QueueController {
  private readonly graph = new Map<string, GraphNode>()
  private readonly dependents = new Map<string, Set<string>>()

  constructor(env: ControllerEnv) {
    super(env, 'garbage-collector', GC_RESOURCES)
    for (const resource of GC_RESOURCES) {
      env.informers.informer(resource).addHandlers({
        onAdd: (object) => this.upsert(resource, object),
        onUpdate: (_old, object) => this.upsert(resource, object),
        onDelete: (object) => this.removed(object),
      })
    }
  }

  private upsert(resource: ResourceName, object: KubeObject): void {
    const meta = object.metadata
    const uid = meta.uid!
    const old = this.graph.get(uid)
    const node: GraphNode = {
      uid,
      resource,
      kind: object.kind,
      namespace: meta.namespace,
      name: meta.name!,
      owners: meta.ownerReferences ?? [],
      deleting: meta.deletionTimestamp !== undefined,
      finalizers: meta.finalizers ?? [],
    }
    this.graph.set(uid, node)
    for (const ref of old?.owners ?? []) {
      if (node.owners.some((r) => r.uid === ref.uid)) continue
      this.dependents.get(ref.uid)?.delete(uid)
      const owner = this.graph.get(ref.uid)
      if (owner !== undefined && deletingDependents(owner)) this.queue.add(`delete:${ref.uid}`)
    }
    for (const ref of node.owners) {
      let set = this.dependents.get(ref.uid)
      if (set === undefined) this.dependents.set(ref.uid, (set = new Set()))
      set.add(uid)
    }
    if (node.deleting && node.finalizers.includes(ORPHAN)) this.queue.add(`orphan:${uid}`)
    if (deletingDependents(node)) {
      this.queue.add(`delete:${uid}`)
      for (const dep of this.dependents.get(uid) ?? []) this.queue.add(`delete:${dep}`)
    }
    if (node.owners.some((r) => !this.graph.has(r.uid))) this.queue.add(`delete:${uid}`)
  }

  private removed(object: KubeObject): void {
    const uid = object.metadata.uid!
    const node = this.graph.get(uid)
    if (node === undefined) return
    this.graph.delete(uid)
    for (const ref of node.owners) {
      this.dependents.get(ref.uid)?.delete(uid)
      const owner = this.graph.get(ref.uid)
      if (owner !== undefined && deletingDependents(owner)) this.queue.add(`delete:${ref.uid}`)
    }
    for (const dep of this.dependents.get(uid) ?? []) this.queue.add(`delete:${dep}`)
    if ((this.dependents.get(uid)?.size ?? 0) === 0) this.dependents.delete(uid)
  }

  protected sync(key: string): void {
    const [action, uid] = key.split(':') as ['delete' | 'orphan', string]
    const node = this.graph.get(uid)
    if (node === undefined) return
    if (action === 'orphan') return this.orphanDependents(node)
    this.attemptToDelete(node)
  }

  /** attemptToDeleteItem */
  private attemptToDelete(node: GraphNode): void {
    if (deletingDependents(node)) return this.processDeletingDependents(node)
    if (node.deleting || node.owners.length === 0) return
    const by: Record<OwnerState, OwnerReference[]> = { solid: [], dangling: [], waiting: [] }
    for (const ref of node.owners) by[this.ownerState(ref, node)].push(ref)
    if (by.solid.length > 0) {
      const drop = [...by.dangling, ...by.waiting]
      if (drop.length === 0) return
      this.ignoreGone(() =>
        removeOwnerReferences(
          this.client,
          node.resource,
          stub(node),
          drop.map((r) => r.uid),
        ),
      )
      const gone = drop.map(refSubject(node)).join(', ')
      this.explain(
        node,
        'OwnerReferencesRemoved',
        `removed references to ${gone}; it keeps a live owner`,
        refSubject(node)(drop[0]!),
      )
      return
    }
    const hasDependents = (this.dependents.get(node.uid)?.size ?? 0) > 0
    let policy: 'Background' | 'Foreground' | 'Orphan' = 'Background'
    if (by.waiting.length > 0 && hasDependents) policy = 'Foreground'
    else if (node.finalizers.includes(ORPHAN)) policy = 'Orphan'
    else if (node.finalizers.includes(FOREGROUND)) policy = 'Foreground'
    const owner = by.dangling[0] ?? by.waiting[0]!
    const why = by.dangling.length > 0 ? 'no longer exists' : 'is being deleted in the foreground'
    this.ignoreGone(() =>
      this.client.delete(node.resource, node.namespace, node.name, {
        propagationPolicy: policy,
        preconditions: { uid: node.uid },
      }),
    )
    const summary = `deleted by the garbage collector (propagationPolicy ${policy}): its owner ${refSubject(node)(owner)} ${why}`
    this.explain(node, 'GarbageCollected', summary, refSubject(node)(owner))
  }

  /** Whether an owner reference points at a live owner, verified by a GET when unknown. */
  private ownerState(ref: OwnerReference, dependent: GraphNode): OwnerState {
    const known = this.graph.get(ref.uid)
    if (known !== undefined) return deletingDependents(known) ? 'waiting' : 'solid'
    const def = resourceForKind(ref.apiVersion, ref.kind)
    if (def === undefined || !GC_RESOURCES.includes(def.resource as ResourceName)) return 'solid'
    const namespace = def.namespaced ? dependent.namespace : undefined
    const live = this.client.find(def.resource as ResourceName, namespace, ref.name)
    if (live === undefined || live.metadata.uid !== ref.uid) return 'dangling'
    const foreground = (live.metadata.finalizers ?? []).includes(FOREGROUND)
    return live.metadata.deletionTimestamp !== undefined && foreground ? 'waiting' : 'solid'
  }

  /** processDeletingDependentsItem */
  private processDeletingDependents(owner: GraphNode): void {
    const blocking = [...(this.dependents.get(owner.uid) ?? [])]
      .map((uid) => this.graph.get(uid))
      .filter((dep): dep is GraphNode => dep !== undefined)
      .filter((dep) => dep.owners.some((r) => r.uid === owner.uid && r.blockOwnerDeletion === true))
    if (blocking.length === 0) {
      this.removeFinalizer(owner, FOREGROUND, 'no dependent blocks its deletion any more')
      return
    }
    for (const dep of blocking) if (!deletingDependents(dep)) this.queue.add(`delete:${dep.uid}`)
  }

  /** attemptToOrphanWorker */
  private orphanDependents(owner: GraphNode): void {
    if (!owner.deleting || !owner.finalizers.includes(ORPHAN)) return
    for (const uid of [...(this.dependents.get(owner.uid) ?? [])]) {
      const dep = this.graph.get(uid)
      if (dep === undefined) continue
      this.ignoreGone(() =>
        removeOwnerReferences(this.client, dep.resource, stub(dep), [owner.uid]),
      )
      const summary = `its owner ${subject(owner)} was deleted with propagationPolicy Orphan; the reference to it was removed`
      this.explain(dep, 'Orphaned', summary, subject(owner))
    }
    this.removeFinalizer(owner, ORPHAN, 'its dependents were orphaned')
  }

  private removeFinalizer(node: GraphNode, finalizer: string, why: string): void {
    const live = this.client.find(node.resource, node.namespace, node.name)
    if (live === undefined || live.metadata.uid !== node.uid) return
    const finalizers = live.metadata.finalizers ?? []
    if (!finalizers.includes(finalizer)) return
    const remaining = finalizers.filter((f) => f !== finalizer)
    const patch = { metadata: { finalizers: remaining.length > 0 ? remaining : null } }
    this.ignoreGone(() => this.client.patch(node.resource, node.namespace, node.name, patch))
    this.explain(node, 'FinalizerRemoved', `removed the ${finalizer} finalizer: ${why}`)
  }

  private explain(node: GraphNode, code: string, summary: string, causedBy?: string): void {
    this.env.context.explain.record({
      component: 'kube-controller-manager/garbage-collector',
      subject: subject(node),
      code,
      summary: `${node.kind} ${node.name}: ${summary}`,
      ...(causedBy === undefined ? {} : { causedBy }),
    })
  }

  private ignoreGone(fn: () => unknown): void {
    try {
      fn()
    } catch (error) {
      if (error instanceof ApiError && (error.reason === 'NotFound' || error.reason === 'Conflict'))
        return
      throw error
    }
  }
}

/** The subject of an owner reference, in the dependent's namespace when the kind is namespaced. */
function refSubject(dependent: GraphNode): (ref: OwnerReference) => string {
  return (ref) => {
    const namespaced = resourceForKind(ref.apiVersion, ref.kind)?.namespaced ?? true
    return subject({
      kind: ref.kind,
      namespace: namespaced ? dependent.namespace : undefined,
      name: ref.name,
    })
  }
}

function stub(node: GraphNode): KubeObject {
  return {
    apiVersion: '',
    kind: node.kind,
    metadata: { namespace: node.namespace, name: node.name, uid: node.uid },
  }
}
