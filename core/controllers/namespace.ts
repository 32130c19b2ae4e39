/**
 * The namespace controller (pkg/controller/namespace, deletion/namespaced_resources_deleter.go):
 * `kubectl delete namespace lab` only marks the Namespace (deletionTimestamp, phase Terminating,
 * spec.finalizers [kubernetes]); this controller deletes everything in it and then removes the
 * "kubernetes" finalizer, after which the API server deletes the Namespace itself.
 *
 * Invariants:
 * 1. Every namespaced resource the API serves is emptied, in discovery order, each object with
 *    propagationPolicy Background. Objects already terminating are left to finish.
 * 2. While content remains (pods in their grace period, objects with finalizers) the namespace
 *    is retried after estimate/2 + 1 seconds, the estimate being the longest remaining pod
 *    grace period; its status conditions say what remains, in the real words.
 * 3. Only an empty namespace is finalized. A namespace whose spec.finalizers no longer holds
 *    "kubernetes" is not touched again.
 */
import { RESOURCES } from '../apiserver/resources'
import { ApiError } from '../apiserver/status'
import { rfc3339 } from '../api/time'
import type { KubeObject, Namespace, Pod } from '../api/types'
import { resourceDef, type ApiClient, type ResourceName } from '../client/client'
import type { Informer } from '../client/informer'
import { QueueController, type ControllerEnv } from './controller'
import { subjectOf } from './podUtil'

export const FINALIZER_KUBERNETES = 'kubernetes'

/** The namespaced resources the API server serves and the client knows, in discovery order. */
export const NAMESPACED_RESOURCES: readonly ResourceName[] = RESOURCES.filter(
  (r) => r.namespaced && resourceDef(r.resource as ResourceName) !== undefined,
).map((r) => r.resource as ResourceName)

interface NamespaceCondition {
  type: string
  status: 'True' | 'False'
  lastTransitionTime?: string
  reason: string
  message: string
}

interface Remaining {
  /** "pods has 3 resource instances", by group-resource */
  resources: string[]
  /** "example.com/block in 1 resource instances" */
  finalizers: string[]
  /** Longest terminationGracePeriodSeconds of a pod still there. */
  estimateSeconds: number
}

/** PUT namespaces/{name}/finalize with "kubernetes" removed from spec.finalizers. */
export function finalizeNamespace(client: ApiClient, namespace: Namespace): Namespace {
  const finalizers = (namespace.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES)
  return client.finalizeNamespace(namespace.metadata.name!, finalizers) as Namespace
}

export class NamespaceController extends QueueController {
  private readonly namespaces: Informer<Namespace>

  constructor(env: ControllerEnv) {
    super(env, 'namespace', ['namespaces'])
    this.namespaces = env.informers.informer('namespaces')
    const enqueue = (ns: Namespace): void => {
      if (ns.metadata.deletionTimestamp !== undefined) this.queue.add(ns.metadata.name!)
    }
    this.namespaces.addHandlers({ onAdd: enqueue, onUpdate: (_old, ns) => enqueue(ns) })
  }

  protected sync(name: string): void {
    if (this.namespaces.get(undefined, name)?.metadata.deletionTimestamp === undefined) return
    const ns = this.client.find<Namespace>('namespaces', undefined, name)
    if (ns?.metadata.deletionTimestamp === undefined) return
    if (!(ns.spec?.finalizers ?? []).includes(FINALIZER_KUBERNETES)) return
    this.deleteAllContent(name)
    const remaining = this.remaining(name)
    const current = this.updateConditions(ns, remaining)
    if (remaining.resources.length > 0) {
      this.queue.addAfter(name, (Math.floor(remaining.estimateSeconds / 2) + 1) * 1000)
      return
    }
    finalizeNamespace(this.client, current)
    this.env.context.explain.record({
      component: 'kube-controller-manager/namespace',
      subject: `Namespace ${name}`,
      code: 'NamespaceFinalized',
      summary: `Namespace ${name} is empty: the namespace controller removed its "kubernetes" finalizer`,
    })
  }

  private deleteAllContent(namespace: string): void {
    for (const resource of NAMESPACED_RESOURCES) {
      for (const item of this.client.list(resource, namespace).items) {
        if (item.metadata.deletionTimestamp !== undefined) continue
        try {
          this.client.delete(resource, namespace, item.metadata.name!, {
            propagationPolicy: 'Background',
          })
        } catch (error) {
          if (
            error instanceof ApiError &&
            (error.reason === 'NotFound' || error.reason === 'Conflict')
          )
            continue
          throw error
        }
        if (resource === 'events') continue
        this.env.context.explain.record({
          component: 'kube-controller-manager/namespace',
          subject: subjectOf(item),
          code: 'NamespaceDeletion',
          summary: `Deleted because its namespace ${namespace} is being deleted`,
          causedBy: `Namespace ${namespace}`,
        })
      }
    }
  }

  private remaining(namespace: string): Remaining {
    const out: Remaining = { resources: [], finalizers: [], estimateSeconds: 0 }
    const finalizerCounts = new Map<string, number>()
    for (const resource of NAMESPACED_RESOURCES) {
      const items: KubeObject[] = this.client.list(resource, namespace).items
      if (items.length === 0) continue
      const def = RESOURCES.find((r) => r.resource === resource)!
      const groupResource = def.group === '' ? resource : `${resource}.${def.group}`
      out.resources.push(`${groupResource} has ${items.length} resource instances`)
      for (const item of items) {
        for (const f of item.metadata.finalizers ?? [])
          finalizerCounts.set(f, (finalizerCounts.get(f) ?? 0) + 1)
        if (resource !== 'pods') continue
        const pod = item as Pod
        if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue
        out.estimateSeconds = Math.max(
          out.estimateSeconds,
          pod.spec.terminationGracePeriodSeconds ?? 0,
        )
      }
    }
    out.resources.sort()
    out.finalizers = [...finalizerCounts].map(([f, n]) => `${f} in ${n} resource instances`).sort()
    return out
  }

  /** The five NamespaceDeletion* / Namespace*Remaining conditions of a terminating namespace. */
  private updateConditions(ns: Namespace, remaining: Remaining): Namespace {
    const now = rfc3339(this.nowMs)
    const wanted: NamespaceCondition[] = [
      cond(
        'NamespaceDeletionDiscoveryFailure',
        false,
        'ResourcesDiscovered',
        'All resources successfully discovered',
      ),
      cond(
        'NamespaceDeletionGroupVersionParsingFailure',
        false,
        'ParsedGroupVersions',
        'All legacy kube types successfully parsed',
      ),
      cond(
        'NamespaceDeletionContentFailure',
        false,
        'ContentDeleted',
        'All content successfully deleted, may be waiting on finalization',
      ),
      remaining.resources.length > 0
        ? cond(
            'NamespaceContentRemaining',
            true,
            'SomeResourcesRemain',
            `Some resources are remaining: ${remaining.resources.join(', ')}`,
          )
        : cond(
            'NamespaceContentRemaining',
            false,
            'ContentRemoved',
            'All content successfully removed',
          ),
      remaining.finalizers.length > 0
        ? cond(
            'NamespaceFinalizersRemaining',
            true,
            'SomeFinalizersRemain',
            `Some content in the namespace has finalizers remaining: ${remaining.finalizers.join(', ')}`,
          )
        : cond(
            'NamespaceFinalizersRemaining',
            false,
            'ContentHasNoFinalizers',
            'All content-preserving finalizers finished',
          ),
    ]
    const status = (ns.status ?? {}) as { phase?: string; conditions?: NamespaceCondition[] }
    const existing = status.conditions ?? []
    const conditions = wanted.map((c) => {
      const old = existing.find((e) => e.type === c.type)
      const same = old?.status === c.status && old.reason === c.reason && old.message === c.message
      return same ? old : { ...c, lastTransitionTime: now }
    })
    if (conditions.every((c, i) => c === existing.find((e) => e.type === wanted[i]!.type)))
      return ns
    const next = { ...ns, status: { ...status, phase: 'Terminating', conditions } } as Namespace
    return this.client.updateStatus<Namespace>('namespaces', next)
  }
}

function cond(type: string, status: boolean, reason: string, message: string): NamespaceCondition {
  return { type, status: status ? 'True' : 'False', reason, message }
}
