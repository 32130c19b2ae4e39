/**
 * A versioned key → object store with watch, modelled on etcd's MVCC keyspace (and the API
 * server's watch cache on top of it).
 *
 * Invariants:
 * 1. Every successful write (create, update, delete) raises the store's revision by exactly one,
 *    and the written object carries that revision as `metadata.resourceVersion`.
 * 2. An update or delete that names an expected resourceVersion fails with a Conflict unless it
 *    matches the stored one (optimistic concurrency).
 * 3. A watch started at revision R first replays every change after R still in history, in order,
 *    then receives live changes in order. Starting before the compacted revision fails, as etcd
 *    does ("mvcc: required revision has been compacted").
 * 4. History is bounded (`historyLimit`): older changes are compacted away automatically.
 *    Restoring a snapshot compacts all of it (see `restore`): the store's revision never decreases.
 * 5. Stored objects are never mutated in place: writers pass new objects; readers must not mutate.
 * 6. Reads cost what they return: keys are kept sorted per resource prefix ("/registry/pods/"),
 *    so a list under one resource does not walk or sort the others (a 150,000-pod cluster holds
 *    close to a million keys), and a watch finds its place in history by binary search.
 */

export interface ObjectMeta {
  name?: string
  namespace?: string
  uid?: string
  resourceVersion?: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
}

export interface StoredObject {
  apiVersion: string
  kind: string
  metadata: ObjectMeta
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED'

export interface StoreEvent<T extends StoredObject> {
  type: WatchEventType
  key: string
  object: T
  revision: number
  /** The value before this change (MODIFIED and DELETED), for watchers that filter. */
  previous?: T
}

export class StoreError extends Error {
  constructor(
    readonly reason: 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Compacted',
    message: string,
  ) {
    super(message)
    this.name = 'StoreError'
  }
}

export interface ObjectStoreOptions {
  historyLimit?: number
}

export class ObjectStore<T extends StoredObject> {
  private rev = 0
  private compacted = 0
  private readonly objects = new Map<string, T>()
  /** Keys by bucket (their first three "/"-separated parts, see bucketOf), sorted on demand. */
  private readonly buckets = new Map<string, { keys: Set<string>; sorted: string[] | undefined }>()
  /** Changes in revision order; entries before `historyStart` are compacted and dropped lazily. */
  private history: StoreEvent<T>[] = []
  private historyStart = 0
  private readonly watchers = new Set<(event: StoreEvent<T>) => void>()
  /** The watchers as of their last change: a write calls these (one array, not one per write). */
  private watcherList: ((event: StoreEvent<T>) => void)[] = []
  /** What each watcher that handles compaction does when its history is compacted away. */
  private readonly onCompacted = new Map<(event: StoreEvent<T>) => void, () => void>()
  private readonly historyLimit: number

  constructor(options: ObjectStoreOptions = {}) {
    this.historyLimit = options.historyLimit ?? 10_000
  }

  get revision(): number {
    return this.rev
  }

  get compactedRevision(): number {
    return this.compacted
  }

  get size(): number {
    return this.objects.size
  }

  get(key: string): T | undefined {
    return this.objects.get(key)
  }

  /** Objects whose key starts with `prefix`, sorted by key (etcd range order). */
  list(prefix = ''): T[] {
    const bucket = bucketOf(prefix)
    if (bucket === '') {
      return [...this.objects.keys()]
        .filter((key) => key.startsWith(prefix))
        .sort()
        .map((key) => this.objects.get(key)!)
    }
    const keys = this.sortedKeys(bucket)
    const out: T[] = []
    for (let i = lowerBound(keys, prefix); i < keys.length && keys[i]!.startsWith(prefix); i++) {
      out.push(this.objects.get(keys[i]!)!)
    }
    return out
  }

  /** The keys of one bucket in etcd range order (sorted once per change of the key set). */
  private sortedKeys(bucket: string): readonly string[] {
    const entry = this.buckets.get(bucket)
    if (entry === undefined) return []
    entry.sorted ??= [...entry.keys].sort()
    return entry.sorted
  }

  create(key: string, object: T): T {
    if (this.objects.has(key)) throw new StoreError('AlreadyExists', `key ${key} already exists`)
    return this.write('ADDED', key, object)
  }

  update(key: string, object: T, expectedResourceVersion?: string): T {
    const current = this.objects.get(key)
    if (current === undefined) throw new StoreError('NotFound', `key ${key} not found`)
    checkVersion(key, current, expectedResourceVersion)
    return this.write('MODIFIED', key, object)
  }

  delete(key: string, expectedResourceVersion?: string): T {
    const current = this.objects.get(key)
    if (current === undefined) throw new StoreError('NotFound', `key ${key} not found`)
    checkVersion(key, current, expectedResourceVersion)
    return this.write('DELETED', key, current)
  }

  /**
   * Calls `handler` for every change after `fromRevision` (replayed from history), then for
   * each new change. Returns a function that stops the watch.
   *
   * `onCompacted`, when given, ends the watch the way etcd does ("mvcc: required revision has
   * been compacted") if a restored snapshot compacts the revisions it was following; the
   * watcher must list and watch again. Watchers without it get the restore as changes.
   */
  watch(
    fromRevision: number,
    handler: (event: StoreEvent<T>) => void,
    onCompacted?: () => void,
  ): () => void {
    if (fromRevision < this.compacted) {
      throw new StoreError('Compacted', 'mvcc: required revision has been compacted')
    }
    // Revisions rise along the history: the first change after fromRevision by binary search.
    let lo = this.historyStart
    let hi = this.history.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.history[mid]!.revision > fromRevision) hi = mid
      else lo = mid + 1
    }
    for (let i = lo; i < this.history.length; i++) handler(this.history[i]!)
    this.watchers.add(handler)
    if (onCompacted !== undefined) this.onCompacted.set(handler, onCompacted)
    this.watcherList = [...this.watchers]
    return () => this.unwatch(handler)
  }

  private unwatch(handler: (event: StoreEvent<T>) => void): void {
    this.watchers.delete(handler)
    this.onCompacted.delete(handler)
    this.watcherList = [...this.watchers]
  }

  /** Every key and value at the current revision: what `etcdctl snapshot save` writes. */
  snapshot(): { revision: number; entries: [string, T][] } {
    return {
      revision: this.rev,
      entries: [...this.objects.entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
    }
  }

  /**
   * Replaces the whole keyspace with a snapshot's, as `etcdutl snapshot restore --bump-revision
   * --mark-compacted` does (the restore Kubernetes needs: etcd-io/etcd#16028). Every key keeps
   * the revision it was written at (so resourceVersions go back to the snapshot's), while the
   * store's revision moves one past every revision a client has seen and all history before it
   * is compacted: no revision is reused for different contents.
   *
   * Watches that handle compaction end (the API server's watch cache lists again, and the
   * clients whose watches it then ends relist after it). Other watchers (admin views that only
   * mirror the keyspace) get the difference as changes at the new revision.
   */
  restore(snapshot: { entries: [string, T][] }): void {
    const wanted = new Map(snapshot.entries)
    const changes: Omit<StoreEvent<T>, 'revision'>[] = []
    for (const key of [...this.objects.keys()].sort()) {
      const current = this.objects.get(key)!
      if (!wanted.has(key))
        changes.push({ type: 'DELETED', key, object: current, previous: current })
    }
    for (const [key, object] of snapshot.entries) {
      const current = this.objects.get(key)
      if (current === undefined) changes.push({ type: 'ADDED', key, object })
      else if (JSON.stringify(current) !== JSON.stringify(object))
        changes.push({ type: 'MODIFIED', key, object, previous: current })
    }
    this.objects.clear()
    this.buckets.clear()
    for (const [key, object] of snapshot.entries) {
      this.objects.set(key, object)
      this.rememberKey(key)
    }
    this.rev++
    this.compacted = this.rev
    this.history = []
    this.historyStart = 0
    // Who to tell what, decided before anyone is told: an ended watcher may watch again.
    const ended = [...this.onCompacted]
    const mirrors = this.watcherList.filter((w) => !this.onCompacted.has(w))
    for (const [handler, onCompacted] of ended) {
      this.unwatch(handler)
      onCompacted()
    }
    for (const change of changes) {
      const event = { ...change, revision: this.rev }
      for (const watcher of mirrors) if (this.watchers.has(watcher)) watcher(event)
    }
  }

  /** Drops history up to and including `revision`, as `etcdctl compact` does. */
  compact(revision: number): void {
    const upTo = Math.min(revision, this.rev)
    while (
      this.historyStart < this.history.length &&
      this.history[this.historyStart]!.revision <= upTo
    ) {
      this.historyStart++
    }
    // Drop the compacted prefix in one go once it is large: amortized O(1) per write.
    if (this.historyStart > 1024 && this.historyStart * 2 > this.history.length) {
      this.history = this.history.slice(this.historyStart)
      this.historyStart = 0
    }
    this.compacted = Math.max(this.compacted, upTo)
  }

  private rememberKey(key: string): void {
    let entry = this.bucketOfKey(key)
    if (entry === undefined) {
      const bucket = bucketOf(key)
      this.buckets.set(bucket, (entry = { keys: new Set(), sorted: [] }))
    }
    entry.keys.add(key)
    entry.sorted = undefined
  }

  private forgetKey(key: string): void {
    const entry = this.bucketOfKey(key)
    if (entry === undefined) return
    entry.keys.delete(key)
    entry.sorted = undefined
  }

  /** The bucket holding a key: a few startsWith instead of slicing a string per write. */
  private bucketOfKey(
    key: string,
  ): { keys: Set<string>; sorted: string[] | undefined } | undefined {
    for (const [bucket, entry] of this.buckets)
      if (bucket !== '' && key.startsWith(bucket)) return entry
    return this.buckets.get(bucketOf(key))
  }

  private write(type: WatchEventType, key: string, object: T): T {
    const previous = this.objects.get(key)
    this.rev++
    const stored = {
      ...object,
      metadata: { ...object.metadata, resourceVersion: String(this.rev) },
    }
    if (type === 'DELETED') {
      this.objects.delete(key)
      this.forgetKey(key)
    } else {
      if (previous === undefined) this.rememberKey(key)
      this.objects.set(key, stored)
    }
    const event: StoreEvent<T> = {
      type,
      key,
      object: stored,
      revision: this.rev,
      ...(previous === undefined ? {} : { previous }),
    }
    this.history.push(event)
    if (this.history.length - this.historyStart > this.historyLimit) {
      this.compact(this.history[this.historyStart]!.revision)
    }
    // The list as it was when the write began, as a copy would be: one added or removed by a
    // watcher's callback takes effect from the next write.
    for (const watcher of this.watcherList) watcher(event)
    return stored
  }
}

/**
 * A key's bucket: up to and including its third "/" ("/registry/pods/" for
 * "/registry/pods/default/web-1"), or "" when it has fewer. A prefix with a bucket only matches
 * keys of that bucket; one without (e.g. "/registry/") may match any key.
 */
function bucketOf(key: string): string {
  const first = key.indexOf('/')
  const second = first < 0 ? -1 : key.indexOf('/', first + 1)
  const third = second < 0 ? -1 : key.indexOf('/', second + 1)
  return third < 0 ? '' : key.slice(0, third + 1)
}

/** The first index of a sorted array whose element is ≥ value. */
function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

function checkVersion(key: string, current: StoredObject, expected: string | undefined): void {
  if (expected !== undefined && expected !== current.metadata.resourceVersion) {
    throw new StoreError(
      'Conflict',
      `key ${key}: resourceVersion ${expected} does not match current ${current.metadata.resourceVersion ?? ''}`,
    )
  }
}
