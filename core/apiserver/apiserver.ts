/**
 * kube-apiserver's storage semantics: the generic registry every resource goes through.
 *
 * Invariants:
 * 1. The API server is the only writer to etcd. Each write raises etcd's revision by one, and
 *    the object's resourceVersion is that revision (as a string).
 * 2. An update carrying a stale resourceVersion fails with 409 Conflict; patches carry none.
 * 3. metadata.generation starts at 1 and rises on spec changes only, never on status writes.
 * 4. Deletion is graceful where the kind says so (pods on a node) and waits for finalizers: the
 *    object gets a deletionTimestamp and stays until the last finalizer is removed.
 * 5. Watchers get events asynchronously, after the writing task, in revision order: components
 *    never run inside each other's writes.
 * 6. When etcd cannot serve (no quorum, member down), requests fail with the storage error the
 *    real server passes through, after the time the real one would wait.
 */
import { parseFieldSelector, matchesFields, type FieldRequirement } from '../api/fields'
import { matchesAll, parseLabelSelector, type Requirement } from '../api/labels'
import { clone, deepEqual, generateName, uuid } from '../api/objects'
import { rfc3339 } from '../api/time'
import type { KubeObject } from '../api/types'
import type { Clock } from '../clock'
import { EtcdUnavailable, type EtcdCluster } from '../etcd/etcd'
import type { Random } from '../random'
import type { StoreEvent, WatchEventType } from '../store/objectStore'
import { StoreError } from '../store/objectStore'
import { flat, Interner, StringInterner } from '../store/interner'
import { ClusterIPAllocator, NodePortAllocator } from './allocators'
import { applyPatch, type PatchType } from './patch'
import { apiVersionOf, etcdKey, etcdListPrefix, findResource, type ResourceDef } from './resources'
import { ApiError, errors } from './status'
import { strategyFor } from './strategies/index'
import { WatchCache } from './watchCache'
import type { StrategyContext } from './strategies/strategy'

export interface ListOptions {
  labelSelector?: string
  fieldSelector?: string
}

export interface DeleteOptions {
  gracePeriodSeconds?: number
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'
  preconditions?: { uid?: string; resourceVersion?: string }
}

export interface WatchEvent {
  type: WatchEventType
  object: KubeObject
}

const NAMESPACES = findResource('', 'namespaces')!

/** The string fields of an Event that repeat from one Event to the next. */
const EVENT_STRINGS = [
  'reason',
  'message',
  'type',
  'firstTimestamp',
  'lastTimestamp',
  'reportingComponent',
  'reportingInstance',
  'action',
] as const

/** Namespaces NamespaceLifecycle refuses to delete (plugin/pkg/admission/namespace/lifecycle). */
const IMMORTAL_NAMESPACES = ['default', 'kube-system', 'kube-public']

export class ApiServer {
  readonly clusterIPs: ClusterIPAllocator
  readonly nodePorts: NodePortAllocator
  private readonly openWatches = new Set<{ stop(): void; onClose: (() => void) | undefined }>()
  private readonly watchCache: WatchCache
  private readonly uidRandom: Random
  /** Pod specs shared among the pods of one template; strings shared among Events. */
  private readonly specs = new Interner<unknown>(256)
  private readonly strings = new StringInterner(4096)
  private readonly nameRandom: Random

  constructor(
    private readonly clock: Clock,
    random: Random,
    readonly etcd: EtcdCluster<KubeObject>,
    /** The etcd member this API server talks to (kubeadm: the one on its own node). */
    private readonly etcdMember: string,
    /**
     * The allocators of Service IPs and NodePorts. Real ones keep their bitmaps in etcd, so every
     * API server of a cluster shares them; pass the cluster's when there are several.
     */
    allocators?: { clusterIPs: ClusterIPAllocator; nodePorts: NodePortAllocator },
  ) {
    this.watchCache = new WatchCache(etcd.kv, () => this.closeWatches())
    this.uidRandom = random.fork('apiserver/uid')
    this.nameRandom = random.fork('apiserver/generateName')
    this.clusterIPs =
      allocators?.clusterIPs ?? new ClusterIPAllocator(random.fork('apiserver/clusterip'))
    this.nodePorts =
      allocators?.nodePorts ?? new NodePortAllocator(random.fork('apiserver/nodeport'))
  }

  get revision(): number {
    return this.etcd.kv.revision
  }

  create(
    def: ResourceDef,
    namespace: string | undefined,
    input: KubeObject,
    dryRun = false,
  ): KubeObject {
    this.storageReady()
    const object = this.normalize(def, namespace, input)
    const strategy = strategyFor(def.kind)
    if (object.metadata.name === undefined && object.metadata.generateName) {
      object.metadata.name = generateName(object.metadata.generateName, this.nameRandom)
    }
    const name = object.metadata.name ?? ''
    if (def.namespaced) this.requireLiveNamespace(def, object.metadata.namespace!, name)
    const problems = strategy.validate?.(object) ?? []
    if (problems.length > 0) throw errors.invalid(def.kind, def.group, name, problems)
    const key = etcdKey(def, object.metadata.namespace, name)
    if (this.etcd.kv.get(key) !== undefined)
      throw errors.alreadyExists(def.resource, def.group, name)
    strategy.prepareForCreate?.(object, this.context())
    Object.assign(object.metadata, {
      ...(object.metadata.name === undefined ? {} : { name: flat(object.metadata.name) }),
      uid: flat(uuid(this.uidRandom)),
      creationTimestamp: this.strings.intern(rfc3339(this.clock.nowMs)),
      ...(strategy.tracksGeneration ? { generation: 1 } : {}),
    })
    delete object.metadata.resourceVersion
    delete object.metadata.deletionTimestamp
    if (dryRun) {
      // A dry run allocates on an operation it never commits: give back what it took.
      strategy.afterDelete?.(object, this.context())
      return object
    }
    this.share(def, object)
    return clone(this.etcd.kv.create(key, object))
  }

  /**
   * Lets a new object share what it has in common with others (store/interner.ts): a pod its
   * spec with the other pods of its template, an Event its timestamps and message with the
   * Events around it. The stored object is equal either way.
   */
  private share(def: ResourceDef, object: KubeObject): void {
    if (def.resource === 'pods' && object['spec'] !== undefined) {
      object['spec'] = this.specs.intern(JSON.stringify(object['spec']), object['spec'])
    } else if (def.resource === 'events') {
      const event = object as KubeObject & Record<string, unknown>
      this.strings.fields(event, EVENT_STRINGS)
      const involved = event['involvedObject']
      if (typeof involved === 'object' && involved !== null)
        this.strings.fields(involved as Record<string, unknown>, [
          'kind',
          'namespace',
          'apiVersion',
        ])
    }
  }

  get(def: ResourceDef, namespace: string | undefined, name: string): KubeObject {
    this.storageReady()
    const object = this.etcd.kv.get(etcdKey(def, namespace, name))
    if (object === undefined) throw errors.notFound(def.resource, def.group, name)
    return clone(object)
  }

  list(
    def: ResourceDef,
    namespace: string | undefined,
    options: ListOptions = {},
  ): { items: KubeObject[]; resourceVersion: string } {
    this.storageReady()
    const { labels, fields } = this.selectors(def, options)
    const items = this.candidates(def, namespace, fields).filter(
      (o) => matchesAll(o.metadata.labels, labels) && matchesFields(o, fields),
    )
    return { items: items.map(clone), resourceVersion: String(this.etcd.kv.revision) }
  }

  /**
   * What a list has to look at, in key order: a kubelet's pods (spec.nodeName=<node>) from the
   * watch cache's node index, anything else from a range over the prefix.
   */
  private candidates(
    def: ResourceDef,
    namespace: string | undefined,
    fields: FieldRequirement[],
  ): KubeObject[] {
    const prefix = etcdListPrefix(def, namespace)
    const node = fields.find((f) => f.field === 'spec.nodeName' && f.operator === '=')?.value
    if (def.resource !== 'pods' || node === undefined || node === '') {
      return this.etcd.kv.list(prefix)
    }
    const keys = [...this.watchCache.podKeysOn(node)].filter((k) => k.startsWith(prefix)).sort()
    return keys.flatMap((key) => this.etcd.kv.get(key) ?? [])
  }

  /**
   * PUT: replaces the object, or only its status (the status subresource), or only a
   * namespace's spec.finalizers (namespaces/finalize, used by the namespace controller).
   */
  update(
    def: ResourceDef,
    namespace: string | undefined,
    input: KubeObject,
    subresource?: 'status' | 'finalize',
  ): KubeObject {
    this.storageReady()
    const object = this.normalize(def, namespace, input)
    const name = object.metadata.name ?? ''
    const key = etcdKey(def, object.metadata.namespace, name)
    const old = this.etcd.kv.get(key)
    if (old === undefined) throw errors.notFound(def.resource, def.group, name)
    const expected = object.metadata.resourceVersion
    if (expected !== undefined && expected !== '' && expected !== old.metadata.resourceVersion) {
      throw errors.conflict(def.resource, def.group, name)
    }
    const next =
      subresource === 'status'
        ? this.withStatusOnly(old, object)
        : subresource === 'finalize'
          ? withFinalizersOnly(old, object)
          : this.prepareUpdate(def, object, old)
    return this.commitUpdate(def, key, next, old)
  }

  patch(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    type: PatchType,
    subresource?: 'status',
  ): KubeObject {
    this.storageReady()
    const key = etcdKey(def, namespace, name)
    const old = this.etcd.kv.get(key)
    if (old === undefined) throw errors.notFound(def.resource, def.group, name)
    let patched: KubeObject
    try {
      // applyPatch never mutates its target: a status patch may share the stored (frozen) object's
      // parts; a full patch goes through the strategy's prepareForUpdate, which edits its object.
      // The body is copied, as the real server decodes its own: the caller keeps its objects.
      patched =
        subresource === 'status'
          ? applyPatch(old, clone(patch), type)
          : applyPatch(clone(old), patch, type)
    } catch (error) {
      throw errors.badRequest(error instanceof Error ? error.message : String(error))
    }
    patched.metadata = { ...patched.metadata, name, resourceVersion: old.metadata.resourceVersion! }
    if (def.namespaced) patched.metadata.namespace = namespace!
    const next =
      subresource === 'status'
        ? this.withStatusOnly(old, patched)
        : this.prepareUpdate(def, patched, old)
    return this.commitUpdate(def, key, next, old)
  }

  /**
   * pods/binding: assigns a pod to a node (the only way spec.nodeName changes after creation) and
   * sets its PodScheduled condition, as the binding registry's assignPod does.
   */
  bindPod(namespace: string, name: string, nodeName: string): KubeObject {
    this.storageReady()
    const def = findResource('', 'pods')!
    const key = etcdKey(def, namespace, name)
    const old = this.etcd.kv.get(key)
    if (old === undefined) throw errors.notFound('pods', '', name)
    const spec = old['spec'] as { nodeName?: string }
    if (spec.nodeName) {
      throw new ApiError({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${spec.nodeName}"`,
        reason: 'Conflict',
        details: { name, kind: 'pods/binding' },
        code: 409,
      })
    }
    if (old.metadata.deletionTimestamp !== undefined)
      throw errors.conflict('pods/binding', '', name)
    // Copy on write: the new version shares what did not change with the stored one.
    const status = (old['status'] ?? {}) as { conditions?: { type: string }[] }
    const next: KubeObject = {
      ...old,
      spec: { ...spec, nodeName },
      status: {
        ...status,
        conditions: [
          ...(status.conditions ?? []).filter((c) => c.type !== 'PodScheduled'),
          {
            type: 'PodScheduled',
            status: 'True',
            lastProbeTime: null,
            lastTransitionTime: rfc3339(this.clock.nowMs),
          },
        ],
      },
    }
    return clone(this.etcd.kv.update(key, next, old.metadata.resourceVersion))
  }

  /**
   * DELETE. Returns the object and whether it is gone or only marked for deletion
   * (graceful deletion or finalizers pending).
   */
  delete(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): { object: KubeObject; gone: boolean } {
    this.storageReady()
    // The NamespaceLifecycle admission plugin keeps the system namespaces.
    if (def.resource === 'namespaces' && IMMORTAL_NAMESPACES.includes(name))
      throw errors.forbidden('namespaces', '', name, 'this namespace may not be deleted')
    const key = etcdKey(def, namespace, name)
    const old = this.etcd.kv.get(key)
    if (old === undefined) throw errors.notFound(def.resource, def.group, name)
    const pre = options.preconditions
    if (
      (pre?.uid && pre.uid !== old.metadata.uid) ||
      (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion)
    ) {
      throw errors.conflict(def.resource, def.group, name)
    }
    const strategy = strategyFor(def.kind)
    const grace = strategy.gracePeriodSeconds?.(old, options.gracePeriodSeconds) ?? 0
    const finalizers = this.finalizersFor(old, options)
    const blocked = finalizers.length > 0 || namespaceFinalizers(def, old).length > 0
    if (grace === 0 && !blocked) return { object: this.remove(def, key), gone: true }
    const already = old.metadata.deletionTimestamp !== undefined
    const shortened = already && grace < (old.metadata.deletionGracePeriodSeconds ?? Infinity)
    if (already && !shortened && deepEqual(finalizers, old.metadata.finalizers ?? [])) {
      return { object: clone(old), gone: false }
    }
    const next = clone(old)
    next.metadata.deletionTimestamp = rfc3339(this.clock.nowMs + grace * 1000)
    next.metadata.deletionGracePeriodSeconds = grace
    if (finalizers.length > 0) next.metadata.finalizers = finalizers
    if (def.kind === 'Namespace') next['status'] = { phase: 'Terminating' }
    return { object: clone(this.etcd.kv.update(key, next)), gone: false }
  }

  /**
   * Watches a resource from a resourceVersion. Events arrive on the clock after the writing
   * task. Returns a function that stops the watch.
   */
  watch(
    def: ResourceDef,
    namespace: string | undefined,
    options: ListOptions,
    fromResourceVersion: string,
    handler: (event: WatchEvent) => void,
    /** Called if the server ends the watch (its process stopped); clients then list again. */
    onClose?: () => void,
  ): () => void {
    const { labels, fields } = this.selectors(def, options)
    const prefix = etcdListPrefix(def, namespace)
    const from = Number(fromResourceVersion)
    if (!Number.isInteger(from) || from < 0)
      throw errors.badRequest(`invalid resource version: ${fromResourceVersion}`)
    if (from < this.etcd.kv.compactedRevision) {
      // The Cacher names the newest revision it no longer has (watch_cache.go: oldest-1).
      throw errors.expired(`too old resource version: ${from} (${this.etcd.kv.compactedRevision})`)
    }
    const pending: WatchEvent[] = []
    let scheduled = false
    let stopped = false
    const flush = (): void => {
      scheduled = false
      for (const event of pending.splice(0)) if (!stopped) handler(event)
    }
    const matches = (o: KubeObject): boolean =>
      matchesAll(o.metadata.labels, labels) && matchesFields(o, fields)
    const nodeName = fields.find((f) => f.field === 'spec.nodeName' && f.operator === '=')?.value
    const stop = this.watchCache.add(
      {
        prefix,
        deliver: (change: StoreEvent<KubeObject>, shared: KubeObject) => {
          const type = watchType(change, matches)
          if (type === undefined) return
          pending.push({ type, object: shared })
          if (!scheduled) {
            scheduled = true
            this.clock.schedule(0, `watch ${def.resource}`, flush)
          }
        },
      },
      from,
      `${def.etcdPrefix}/`,
      nodeName === '' ? undefined : nodeName,
    )
    const entry = { stop: () => ((stopped = true), stop()), onClose }
    this.openWatches.add(entry)
    return () => {
      this.openWatches.delete(entry)
      entry.stop()
    }
  }

  /**
   * The process stops, or its watch cache lists again (etcd restored): every open watch ends,
   * and its client hears about it on the clock.
   */
  closeWatches(): void {
    for (const entry of [...this.openWatches]) {
      this.openWatches.delete(entry)
      entry.stop()
      if (entry.onClose) this.clock.schedule(0, 'watch closed', entry.onClose)
    }
  }

  private prepareUpdate(def: ResourceDef, object: KubeObject, old: KubeObject): KubeObject {
    const strategy = strategyFor(def.kind)
    // What the server owns cannot be changed by a client.
    object.metadata.uid = old.metadata.uid!
    object.metadata.creationTimestamp = old.metadata.creationTimestamp!
    if (old.metadata.deletionTimestamp !== undefined) {
      object.metadata.deletionTimestamp = old.metadata.deletionTimestamp
      object.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds!
    } else delete object.metadata.deletionTimestamp
    strategy.prepareForUpdate?.(object, old, this.context())
    const problems = strategy.validateUpdate?.(object, old) ?? strategy.validate?.(object) ?? []
    if (problems.length > 0)
      throw errors.invalid(def.kind, def.group, object.metadata.name ?? '', problems)
    if (strategy.tracksGeneration) {
      const changed = !deepEqual(withoutMetaAndStatus(object), withoutMetaAndStatus(old))
      object.metadata.generation = (old.metadata.generation ?? 1) + (changed ? 1 : 0)
    }
    return object
  }

  /** The stored object with the input's status; the rest is shared with it (copy on write). */
  private withStatusOnly(old: KubeObject, input: KubeObject): KubeObject {
    return { ...old, status: input['status'] }
  }

  private commitUpdate(
    def: ResourceDef,
    key: string,
    next: KubeObject,
    old: KubeObject,
  ): KubeObject {
    // An object marked for deletion goes once its last finalizer is removed.
    const blocked =
      (next.metadata.finalizers ?? []).length > 0 || namespaceFinalizers(def, next).length > 0
    if (
      old.metadata.deletionTimestamp !== undefined &&
      !blocked &&
      (old.metadata.deletionGracePeriodSeconds ?? 0) === 0
    ) {
      return this.remove(def, key)
    }
    if (deepEqual(next, old)) return clone(old)
    try {
      return clone(this.etcd.kv.update(key, next, old.metadata.resourceVersion))
    } catch (error) {
      if (error instanceof StoreError && error.reason === 'Conflict')
        throw errors.conflict(def.resource, def.group, old.metadata.name ?? '')
      throw error
    }
  }

  private remove(def: ResourceDef, key: string): KubeObject {
    const removed = this.etcd.kv.delete(key)
    strategyFor(def.kind).afterDelete?.(removed, this.context())
    return clone(removed)
  }

  /** metadata.finalizers, plus the one a propagation policy asks the garbage collector for. */
  private finalizersFor(object: KubeObject, options: DeleteOptions): string[] {
    const finalizers = [...(object.metadata.finalizers ?? [])]
    const wanted = { Foreground: 'foregroundDeletion', Orphan: 'orphan', Background: undefined }[
      options.propagationPolicy ?? 'Background'
    ]
    if (wanted !== undefined && !finalizers.includes(wanted)) finalizers.push(wanted)
    return finalizers
  }

  /** Fills in apiVersion, kind and namespace from the request, and checks they agree. */
  private normalize(
    def: ResourceDef,
    namespace: string | undefined,
    input: KubeObject,
  ): KubeObject {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw errors.badRequest(
        'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
      )
    }
    const object = clone(input)
    object.metadata =
      typeof object.metadata === 'object' && object.metadata !== null ? object.metadata : {}
    object.apiVersion ??= apiVersionOf(def)
    object.kind ??= def.kind
    if (object.kind !== def.kind) {
      throw errors.badRequest(
        `the API version in the data (${object.apiVersion}) does not match the expected API version (${apiVersionOf(def)})`,
      )
    }
    if (def.namespaced) {
      const ns = object.metadata.namespace ?? namespace ?? 'default'
      if (namespace !== undefined && ns !== namespace) {
        throw errors.badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        )
      }
      object.metadata.namespace = ns
    } else delete object.metadata.namespace
    return object
  }

  private requireLiveNamespace(def: ResourceDef, namespace: string, name: string): void {
    const ns = this.etcd.kv.get(etcdKey(NAMESPACES, undefined, namespace))
    if (ns === undefined) throw errors.notFound('namespaces', '', namespace)
    if (ns.metadata.deletionTimestamp !== undefined) {
      throw errors.forbidden(
        def.resource,
        def.group,
        name,
        `unable to create new content in namespace ${namespace} because it is being terminated`,
      )
    }
  }

  private selectors(
    def: ResourceDef,
    options: ListOptions,
  ): { labels: Requirement[]; fields: FieldRequirement[] } {
    const labels = parseLabelSelector(options.labelSelector ?? '')
    if (!labels.ok) throw errors.badRequest(labels.error)
    const fields = parseFieldSelector(options.fieldSelector ?? '')
    if (!fields.ok) throw errors.badRequest(fields.error)
    for (const r of fields.requirements) {
      if (!supportedFields(def).includes(r.field)) {
        throw errors.badRequest(`field label not supported: ${r.field}`)
      }
    }
    return { labels: labels.requirements, fields: fields.requirements }
  }

  /** Fails as the real server does when its etcd cannot serve. */
  private storageReady(): void {
    try {
      this.etcd.ensureAvailable(this.etcdMember)
    } catch (error) {
      if (!(error instanceof EtcdUnavailable)) throw error
      const apiError = errors.storage(error.message)
      apiError.waitedMs = error.waitedMs
      throw apiError
    }
  }

  private context(): StrategyContext {
    return {
      nowMs: this.clock.nowMs,
      random: this.uidRandom,
      clusterIPs: this.clusterIPs,
      nodePorts: this.nodePorts,
    }
  }
}

/**
 * What a filtered watch sees of a change: an object that starts matching the selector is ADDED,
 * one that stops matching is DELETED (as the real watch cache reports it), others as they are.
 */
function watchType(
  change: StoreEvent<KubeObject>,
  matches: (o: KubeObject) => boolean,
): WatchEventType | undefined {
  const now = change.type !== 'DELETED' && matches(change.object)
  const before =
    change.previous !== undefined && change.type !== 'ADDED' && matches(change.previous)
  if (change.type === 'DELETED') return before || matches(change.object) ? 'DELETED' : undefined
  if (now && before) return 'MODIFIED'
  if (now) return 'ADDED'
  return before ? 'DELETED' : undefined
}

function withFinalizersOnly(old: KubeObject, input: KubeObject): KubeObject {
  const next = clone(old)
  const finalizers = (input['spec'] as { finalizers?: string[] } | undefined)?.finalizers ?? []
  next['spec'] = { ...(next['spec'] as object), finalizers }
  return next
}

function withoutMetaAndStatus(object: KubeObject): unknown {
  const { metadata: _m, status: _s, ...rest } = object
  return rest
}

function namespaceFinalizers(def: ResourceDef, object: KubeObject): string[] {
  if (def.kind !== 'Namespace') return []
  return ((object['spec'] as { finalizers?: string[] } | undefined)?.finalizers ?? []).filter(
    (f) => f !== '',
  )
}

/** Field selectors each resource supports (the real registries' GetAttrs). */
const FIELDS: Record<string, string[]> = {
  pods: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  events: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  nodes: ['spec.unschedulable'],
  namespaces: ['status.phase'],
  secrets: ['type'],
  replicasets: ['status.replicas'],
}

function supportedFields(def: ResourceDef): string[] {
  return [
    'metadata.name',
    ...(def.namespaced ? ['metadata.namespace'] : []),
    ...(FIELDS[def.resource] ?? []),
  ]
}
