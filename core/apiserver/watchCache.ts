/**
 * The API server's watch fan-out, as kube-apiserver's watch cache does it: one subscription to
 * etcd, and watchers indexed by resource and, for pods, by spec.nodeName, so that a pod write
 * reaches the kubelet of its node and not the 4,999 others.
 *
 * Invariants:
 * 1. A watcher sees every change of its resource after its start revision, in revision order:
 *    the history is replayed first, then live changes follow with no gap (single-threaded).
 * 2. A pod watcher indexed by node hears about a pod whose nodeName is, or was, its node; the
 *    watcher's own selector filtering then decides what it is told (watchType in apiserver.ts).
 * 3. The keys of the pods bound to each node are indexed too (the real watch cache's
 *    spec.nodeName indexer), so a kubelet's list costs its own pods, not the cluster's.
 * 4. When etcd's history is compacted under the cache's own watch (a restored snapshot), the
 *    cache lists again and ends every watch it serves, as the Cacher does when its reflector
 *    relists (terminateAllWatchers): clients list again and converge on the restored state.
 */
import type { KubeObject } from '../api/types'
import { deepFreeze } from '../store/immutable'
import type { ObjectStore, StoreEvent } from '../store/objectStore'
import { RESOURCES } from './resources'

export interface CacheWatcher {
  /** The etcd prefix the watcher listens under (resource, and namespace when given). */
  prefix: string
  /** Gets the change; `shared` is its object, frozen, the same for every watcher. */
  deliver(change: StoreEvent<KubeObject>, shared: KubeObject): void
}

/** Longest prefix first, so /registry/services/specs wins over a shorter look-alike. */
const PREFIXES = RESOURCES.map((r) => `${r.etcdPrefix}/`).sort((a, b) => b.length - a.length)
const PODS_PREFIX = '/registry/pods/'

export class WatchCache {
  private readonly byResource = new Map<string, Set<CacheWatcher>>()
  private readonly byNode = new Map<string, Set<CacheWatcher>>()
  /** nodeName → keys of the pods bound to it. */
  private readonly podKeysByNode = new Map<string, Set<string>>()

  constructor(
    private readonly kv: ObjectStore<KubeObject>,
    /** Ends the watches the API server serves from this cache (invariant 4). */
    private readonly terminateAllWatchers: () => void = () => undefined,
  ) {
    this.listAndWatch()
  }

  private listAndWatch(): void {
    this.podKeysByNode.clear()
    for (const pod of this.kv.list(PODS_PREFIX)) {
      const node = nodeNameOf(pod)
      if (node !== undefined) this.indexPod(node, etcdKeyOf(pod))
    }
    this.kv.watch(
      this.kv.revision,
      (change) => this.dispatch(change),
      () => {
        this.terminateAllWatchers()
        this.listAndWatch()
      },
    )
  }

  /** Keys of the pods whose spec.nodeName is `nodeName`, in no particular order. */
  podKeysOn(nodeName: string): Iterable<string> {
    return this.podKeysByNode.get(nodeName) ?? []
  }

  /**
   * Replays history after `fromRevision` to the watcher, then registers it for live changes.
   * `resourcePrefix` is the resource's etcd prefix ("/registry/pods/"); `nodeName` indexes a pod
   * watcher by node. Returns the function that removes it.
   */
  add(
    watcher: CacheWatcher,
    fromRevision: number,
    resourcePrefix: string,
    nodeName?: string,
  ): () => void {
    const replay: StoreEvent<KubeObject>[] = []
    const stop = this.kv.watch(fromRevision, (change) => {
      if (change.key.startsWith(watcher.prefix)) replay.push(change)
    })
    stop()
    for (const change of replay) watcher.deliver(change, deepFreeze(change.object))
    const index =
      nodeName !== undefined && resourcePrefix === PODS_PREFIX ? this.byNode : this.byResource
    const key = index === this.byNode ? nodeName! : resourcePrefix
    const set = index.get(key) ?? new Set<CacheWatcher>()
    set.add(watcher)
    index.set(key, set)
    return () => {
      set.delete(watcher)
      if (set.size === 0) index.delete(key)
    }
  }

  private dispatch(change: StoreEvent<KubeObject>): void {
    const prefix = resourcePrefixOf(change.key)
    if (prefix === undefined) return
    // The stored object itself, frozen (store/immutable.ts): no copy per change or per watcher.
    const shared = deepFreeze(change.object)
    this.notify(this.byResource.get(prefix), change, shared)
    if (prefix !== PODS_PREFIX) return
    const node = change.type === 'DELETED' ? undefined : nodeNameOf(change.object)
    const before = change.previous === undefined ? undefined : nodeNameOf(change.previous)
    if (before !== node) {
      if (before !== undefined) this.unindexPod(before, change.key)
      if (node !== undefined) this.indexPod(node, change.key)
    }
    if (this.byNode.size === 0) return
    const notified = change.type === 'DELETED' ? nodeNameOf(change.object) : node
    if (notified !== undefined) this.notify(this.byNode.get(notified), change, shared)
    if (before !== undefined && before !== notified)
      this.notify(this.byNode.get(before), change, shared)
  }

  private indexPod(nodeName: string, key: string): void {
    let keys = this.podKeysByNode.get(nodeName)
    if (keys === undefined) this.podKeysByNode.set(nodeName, (keys = new Set()))
    keys.add(key)
  }

  private unindexPod(nodeName: string, key: string): void {
    const keys = this.podKeysByNode.get(nodeName)
    keys?.delete(key)
    if (keys?.size === 0) this.podKeysByNode.delete(nodeName)
  }

  private notify(
    watchers: Set<CacheWatcher> | undefined,
    change: StoreEvent<KubeObject>,
    shared: KubeObject,
  ): void {
    if (watchers === undefined) return
    for (const watcher of [...watchers]) {
      if (change.key.startsWith(watcher.prefix)) watcher.deliver(change, shared)
    }
  }
}

/** "/registry/pods/" → the resource prefixes under it, longest first. */
const PREFIXES_BY_SEGMENT = new Map<string, string[]>()
for (const prefix of PREFIXES) {
  const segment = prefix.slice(0, prefix.indexOf('/', '/registry/'.length) + 1)
  PREFIXES_BY_SEGMENT.set(segment, [...(PREFIXES_BY_SEGMENT.get(segment) ?? []), prefix])
}

/** The resource prefix of an etcd key, found by its second segment (one map lookup per write). */
function resourcePrefixOf(key: string): string | undefined {
  const slash = key.indexOf('/', '/registry/'.length)
  const candidates = slash < 0 ? undefined : PREFIXES_BY_SEGMENT.get(key.slice(0, slash + 1))
  if (candidates !== undefined) return candidates.find((p) => key.startsWith(p))
  return PREFIXES.find((p) => key.startsWith(p))
}

function etcdKeyOf(pod: KubeObject): string {
  return `${PODS_PREFIX}${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`
}

function nodeNameOf(object: KubeObject): string | undefined {
  const name = (object['spec'] as { nodeName?: string } | undefined)?.nodeName
  return name === undefined || name === '' ? undefined : name
}
