/**
 * kube-controller-manager's shared informers (client-go's SharedInformerFactory) and the indexes
 * the controllers query, so that no reconcile scans every pod of the cluster.
 *
 * Invariants:
 * 1. One informer per resource, shared by every controller of one leadership term.
 * 2. Indexes are maintained by informer handlers, so they always agree with the cache they index
 *    (an index created late is filled from the cache first).
 * 3. Index lookups cost what they return, not what the cluster holds: pods are found by their
 *    controller's uid (as the real controllers' "controllerUID" indexer) or by one label pair.
 */
import { controllerOf } from '../api/objects'
import type { KubeObject } from '../api/types'
import type { Clock } from '../clock'
import type { ApiClient, ResourceName } from '../client/client'
import { Informer, cacheKey } from '../client/informer'

export class SharedInformers {
  private readonly informers = new Map<ResourceName, Informer<KubeObject>>()
  private readonly ownerIndexes = new Map<ResourceName, OwnerIndex<KubeObject>>()
  private readonly labelIndexes = new Map<ResourceName, LabelIndex<KubeObject>>()
  private started = false

  constructor(
    private readonly clock: Clock,
    private readonly client: ApiClient,
  ) {}

  /** The informer of a resource, created on first use (and started if the factory runs). */
  informer<T extends KubeObject>(resource: ResourceName): Informer<T> {
    let informer = this.informers.get(resource)
    if (informer === undefined) {
      informer = new Informer<KubeObject>(this.clock, this.client, resource)
      this.informers.set(resource, informer)
      if (this.started) informer.start()
    }
    return informer as unknown as Informer<T>
  }

  /** Objects of a resource by the uid of their controller (ownerReference with controller: true). */
  owners<T extends KubeObject>(resource: ResourceName): OwnerIndex<T> {
    let index = this.ownerIndexes.get(resource)
    if (index === undefined) {
      index = new OwnerIndex(this.informer(resource))
      this.ownerIndexes.set(resource, index)
    }
    return index as unknown as OwnerIndex<T>
  }

  /** Objects of a resource by namespace and label pair. */
  labels<T extends KubeObject>(resource: ResourceName): LabelIndex<T> {
    let index = this.labelIndexes.get(resource)
    if (index === undefined) {
      index = new LabelIndex(this.informer(resource))
      this.labelIndexes.set(resource, index)
    }
    return index as unknown as LabelIndex<T>
  }

  start(): void {
    this.started = true
    for (const informer of this.informers.values()) informer.start()
  }

  stop(): void {
    this.started = false
    for (const informer of this.informers.values()) informer.stop()
  }

  synced(resources: readonly ResourceName[]): boolean {
    return resources.every((r) => this.informers.get(r)?.hasSynced === true)
  }
}

/** Objects grouped by their controller's uid; those without a controller, by namespace. */
export class OwnerIndex<T extends KubeObject> {
  private readonly byOwner = new Map<string, Map<string, T>>()
  private readonly orphans = new Map<string, Map<string, T>>()

  constructor(informer: Informer<T>) {
    for (const object of informer.list()) this.add(object)
    informer.addHandlers({
      onAdd: (object) => this.add(object),
      onUpdate: (old, object) => {
        this.remove(old)
        this.add(object)
      },
      onDelete: (object) => this.remove(object),
    })
  }

  /** Objects whose controller has this uid (live cache objects: do not mutate). */
  owned(ownerUid: string): T[] {
    const group = this.byOwner.get(ownerUid)
    return group === undefined ? [] : [...group.values()]
  }

  countOwned(ownerUid: string): number {
    return this.byOwner.get(ownerUid)?.size ?? 0
  }

  hasOrphansIn(namespace: string): boolean {
    return this.orphans.has(namespace)
  }

  /** Objects in a namespace that no controller owns, candidates for adoption. */
  orphansIn(namespace: string): T[] {
    const group = this.orphans.get(namespace)
    return group === undefined ? [] : [...group.values()]
  }

  private groupOf(object: T): [Map<string, Map<string, T>>, string] {
    const ref = controllerOf(object)
    return ref === undefined
      ? [this.orphans, object.metadata.namespace ?? '']
      : [this.byOwner, ref.uid]
  }

  private add(object: T): void {
    const [map, id] = this.groupOf(object)
    let group = map.get(id)
    if (group === undefined) map.set(id, (group = new Map()))
    group.set(cacheKey(object), object)
  }

  private remove(object: T): void {
    const [map, id] = this.groupOf(object)
    const group = map.get(id)
    if (group === undefined) return
    group.delete(cacheKey(object))
    if (group.size === 0) map.delete(id)
  }
}

/** Objects by namespace and `key=value` label pair, to answer "which pods does this selector pick?". */
export class LabelIndex<T extends KubeObject> {
  /** namespace → "key=value" (or "" for all) → names */
  private readonly index = new Map<string, Map<string, Set<string>>>()

  constructor(private readonly informer: Informer<T>) {
    for (const object of informer.list()) this.add(object)
    informer.addHandlers({
      onAdd: (object) => this.add(object),
      onUpdate: (old, object) => {
        this.remove(old)
        this.add(object)
      },
      onDelete: (object) => this.remove(object),
    })
  }

  /** Objects in a namespace carrying every label of `selector` (an empty selector picks all). */
  select(namespace: string, selector: Record<string, string>): T[] {
    const byPair = this.index.get(namespace)
    if (byPair === undefined) return []
    let smallest = byPair.get('') ?? new Set<string>()
    for (const [key, value] of Object.entries(selector)) {
      const keys = byPair.get(`${key}=${value}`)
      if (keys === undefined) return []
      if (keys.size < smallest.size) smallest = keys
    }
    const out: T[] = []
    for (const name of smallest) {
      const object = this.informer.get(namespace === '' ? undefined : namespace, name)
      const labels = object?.metadata.labels ?? {}
      if (object && Object.entries(selector).every(([k, v]) => labels[k] === v)) out.push(object)
    }
    return out
  }

  private pairs(object: T): string[] {
    return ['', ...Object.entries(object.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`)]
  }

  private add(object: T): void {
    const namespace = object.metadata.namespace ?? ''
    let byPair = this.index.get(namespace)
    if (byPair === undefined) this.index.set(namespace, (byPair = new Map()))
    for (const pair of this.pairs(object)) {
      let keys = byPair.get(pair)
      if (keys === undefined) byPair.set(pair, (keys = new Set()))
      keys.add(object.metadata.name!)
    }
  }

  private remove(object: T): void {
    const byPair = this.index.get(object.metadata.namespace ?? '')
    if (byPair === undefined) return
    for (const pair of this.pairs(object)) {
      const keys = byPair.get(pair)
      keys?.delete(object.metadata.name!)
      if (keys?.size === 0) byPair.delete(pair)
    }
  }
}

/**
 * Pods by spec.nodeName (the real controllers' "spec.nodeName" pod indexer), listed in the
 * informer cache's order, so that a node's pods come out as a filter over the whole cache
 * would give them, at the cost of that node's pods only.
 */
export class NodeNameIndex<T extends KubeObject & { spec: { nodeName?: string } }> {
  /** nodeName → cache key → [position in the cache, object] */
  private readonly byNode = new Map<string, Map<string, [number, T]>>()
  /** The position of each key in the cache: its insertion order (an update keeps its place). */
  private readonly position = new Map<string, number>()
  private next = 0

  constructor(informer: Informer<T>) {
    for (const object of informer.list()) this.add(object)
    informer.addHandlers({
      onAdd: (object) => this.add(object),
      onUpdate: (old, object) => {
        this.remove(old, false)
        this.add(object)
      },
      onDelete: (object) => this.remove(object, true),
    })
  }

  /** Objects whose spec.nodeName is `nodeName`, in cache order (live objects: do not mutate). */
  on(nodeName: string): T[] {
    const group = this.byNode.get(nodeName)
    if (group === undefined) return []
    return [...group.values()].sort((a, b) => a[0] - b[0]).map(([, object]) => object)
  }

  private add(object: T): void {
    const key = cacheKey(object)
    let position = this.position.get(key)
    if (position === undefined) this.position.set(key, (position = this.next++))
    const nodeName = object.spec.nodeName
    if (!nodeName) return
    let group = this.byNode.get(nodeName)
    if (group === undefined) this.byNode.set(nodeName, (group = new Map()))
    group.set(key, [position, object])
  }

  private remove(object: T, gone: boolean): void {
    const key = cacheKey(object)
    if (gone) this.position.delete(key)
    const nodeName = object.spec.nodeName
    if (!nodeName) return
    const group = this.byNode.get(nodeName)
    group?.delete(key)
    if (group?.size === 0) this.byNode.delete(nodeName)
  }
}
