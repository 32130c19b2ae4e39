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
 */
import { frozenClone } from '../api/objects'
import type { KubeObject } from '../api/types'
import type { ObjectStore, StoreEvent } from '../store/objectStore'
import { RESOURCES } from './resources'

export interface CacheWatcher {
  /** The etcd prefix the watcher listens under (resource, and namespace when given). */
  prefix: string
  /** Gets the change; `shared` is a frozen copy of its object, the same for every watcher. */
  deliver(change: StoreEvent<KubeObject>, shared: KubeObject): void
}

/** Longest prefix first, so /registry/services/specs wins over a shorter look-alike. */
const PREFIXES = RESOURCES.map((r) => `${r.etcdPrefix}/`).sort((a, b) => b.length - a.length)
const PODS_PREFIX = '/registry/pods/'

export class WatchCache {
  private readonly byResource = new Map<string, Set<CacheWatcher>>()
  private readonly byNode = new Map<string, Set<CacheWatcher>>()

  constructor(private readonly kv: ObjectStore<KubeObject>) {
    kv.watch(kv.revision, (change) => this.dispatch(change))
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
    for (const change of replay) watcher.deliver(change, frozenClone(change.object))
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
    const prefix = PREFIXES.find((p) => change.key.startsWith(p))
    if (prefix === undefined) return
    const shared = new SharedCopy(change.object)
    this.notify(this.byResource.get(prefix), change, shared)
    if (prefix !== PODS_PREFIX || this.byNode.size === 0) return
    const node = nodeNameOf(change.object)
    const before = change.previous === undefined ? undefined : nodeNameOf(change.previous)
    if (node !== undefined) this.notify(this.byNode.get(node), change, shared)
    if (before !== undefined && before !== node)
      this.notify(this.byNode.get(before), change, shared)
  }

  private notify(
    watchers: Set<CacheWatcher> | undefined,
    change: StoreEvent<KubeObject>,
    shared: SharedCopy,
  ): void {
    if (watchers === undefined) return
    for (const watcher of [...watchers]) {
      if (change.key.startsWith(watcher.prefix)) watcher.deliver(change, shared.get())
    }
  }
}

/** One frozen copy of a changed object, made only if some watcher wants it. */
class SharedCopy {
  private copy: KubeObject | undefined
  constructor(private readonly object: KubeObject) {}
  get(): KubeObject {
    this.copy ??= frozenClone(this.object)
    return this.copy
  }
}

function nodeNameOf(object: KubeObject): string | undefined {
  const name = (object['spec'] as { nodeName?: string } | undefined)?.nodeName
  return name === undefined || name === '' ? undefined : name
}
