/**
 * An informer: a local cache of one resource kept in sync by list + watch, calling handlers on
 * changes, as client-go's SharedInformer does.
 *
 * Invariants:
 * 1. Between lists the cache only moves forward: it applies watch events in resourceVersion
 *    order and ignores one older than what it holds.
 * 2. When the API server is unreachable or ends the watch, the informer lists again after a
 *    back-off (1 s doubling to 30 s), and reconciles the cache with what it finds, calling
 *    handlers for what changed meanwhile (as a relist does). A list is the truth: an object it
 *    returns at an older resourceVersion than the cached one replaces it (etcd restored from a
 *    snapshot), and handlers see an update whose resourceVersion went back.
 * 3. Handlers run on the clock, never inside the write that caused them.
 */
import type { KubeObject } from '../api/types'
import type { Clock, ScheduledTask } from '../clock'
import type { ApiClient, ResourceName } from './client'

export interface InformerHandlers<T> {
  onAdd?(object: T): void
  onUpdate?(old: T, object: T): void
  onDelete?(object: T): void
}

const RETRY_MIN_MS = 1000
const RETRY_MAX_MS = 30_000

export function cacheKey(object: KubeObject): string {
  const { namespace, name } = object.metadata
  return namespace === undefined ? name! : `${namespace}/${name!}`
}

export class Informer<T extends KubeObject> {
  private readonly cache = new Map<string, T>()
  private readonly handlers: InformerHandlers<T>[] = []
  private stopWatch: (() => void) | undefined
  private retry: ScheduledTask | undefined
  private retryMs = RETRY_MIN_MS
  private synced = false
  private running = false

  constructor(
    private readonly clock: Clock,
    private readonly client: ApiClient,
    readonly resource: ResourceName,
    private readonly options: {
      namespace?: string
      labelSelector?: string
      fieldSelector?: string
    } = {},
  ) {}

  addHandlers(handlers: InformerHandlers<T>): void {
    this.handlers.push(handlers)
  }

  get hasSynced(): boolean {
    return this.synced
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.listAndWatch()
  }

  stop(): void {
    this.running = false
    this.stopWatch?.()
    this.stopWatch = undefined
    this.retry?.cancel()
    this.retry = undefined
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.cache.get(namespace === undefined ? name : `${namespace}/${name}`)
  }

  list(): T[] {
    return [...this.cache.values()]
  }

  private listAndWatch(): void {
    this.retry = undefined
    if (!this.running) return
    const { namespace, ...selectors } = this.options
    try {
      const { items, resourceVersion } = this.client.list<T>(this.resource, namespace, selectors)
      this.replace(items)
      this.stopWatch = this.client.watch(
        this.resource,
        namespace,
        selectors,
        resourceVersion,
        (event) => this.apply(event.type, event.object as T),
        () => this.retryLater(),
      )
      this.synced = true
      this.retryMs = RETRY_MIN_MS
    } catch {
      this.retryLater()
    }
  }

  private retryLater(): void {
    this.stopWatch = undefined
    if (!this.running || this.retry !== undefined) return
    this.retry = this.clock.schedule(this.retryMs, `informer ${this.resource} relist`, () =>
      this.listAndWatch(),
    )
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS)
  }

  /** A relist, as the Reflector's syncWith replaces the store (invariant 2). */
  private replace(items: T[]): void {
    const seen = new Set<string>()
    for (const item of items) {
      seen.add(cacheKey(item))
      this.apply('ADDED', item, true)
    }
    for (const [key, old] of [...this.cache]) if (!seen.has(key)) this.apply('DELETED', old)
  }

  private apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: T, listed = false): void {
    const key = cacheKey(object)
    const old = this.cache.get(key)
    if (type === 'DELETED') {
      if (old === undefined) return
      this.cache.delete(key)
      for (const h of this.handlers) h.onDelete?.(object)
      return
    }
    if (old !== undefined) {
      const held = Number(old.metadata.resourceVersion)
      const given = Number(object.metadata.resourceVersion)
      // An unchanged object is no news; only a list may take the cache back (invariant 2).
      if (listed ? held === given : held >= given) return
    }
    this.cache.set(key, object)
    for (const h of this.handlers) {
      if (old === undefined) h.onAdd?.(object)
      else h.onUpdate?.(old, object)
    }
  }
}
