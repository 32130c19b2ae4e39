import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ObjectStore,
  StoreError,
  type StoreEvent,
  type StoredObject,
} from '../../core/store/objectStore'

const obj = (
  name: string,
  extra: Record<string, unknown> = {},
): StoredObject & Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  ...extra,
})

describe('objectStore', () => {
  it('raises the revision by one per write and stamps it as resourceVersion', () => {
    const store = new ObjectStore<StoredObject>()
    const a = store.create('/a', obj('a'))
    const b = store.update('/a', obj('a', { data: 1 }))
    expect([a.metadata.resourceVersion, b.metadata.resourceVersion]).toEqual(['1', '2'])
    store.delete('/a')
    expect(store.revision).toBe(3)
    expect(store.get('/a')).toBeUndefined()
  })

  it('refuses to create a key twice, and to update or delete a missing key', () => {
    const store = new ObjectStore<StoredObject>()
    store.create('/a', obj('a'))
    expect(() => store.create('/a', obj('a'))).toThrow(
      expect.objectContaining({ reason: 'AlreadyExists' }),
    )
    expect(() => store.update('/b', obj('b'))).toThrow(
      expect.objectContaining({ reason: 'NotFound' }),
    )
    expect(() => store.delete('/b')).toThrow(StoreError)
  })

  it('rejects an update whose expected resourceVersion is stale (optimistic concurrency)', () => {
    const store = new ObjectStore<StoredObject>()
    const first = store.create('/a', obj('a'))
    store.update('/a', obj('a', { v: 2 }), first.metadata.resourceVersion)
    expect(() => store.update('/a', obj('a', { v: 3 }), first.metadata.resourceVersion)).toThrow(
      expect.objectContaining({ reason: 'Conflict' }),
    )
  })

  it('lists by prefix in key order, as an etcd range does', () => {
    const store = new ObjectStore<StoredObject>()
    for (const key of ['/p/c', '/q/a', '/p/a', '/p/b']) store.create(key, obj(key))
    expect(store.list('/p/').map((o) => o.metadata.name)).toEqual(['/p/a', '/p/b', '/p/c'])
  })

  it('replays history after the start revision, then streams live changes in order', () => {
    const store = new ObjectStore<StoredObject>()
    store.create('/a', obj('a'))
    store.create('/b', obj('b'))
    const seen: StoreEvent<StoredObject>[] = []
    const stop = store.watch(1, (e) => seen.push(e))
    store.delete('/a')
    stop()
    store.create('/c', obj('c'))
    expect(seen.map((e) => `${e.type} ${e.key} ${e.revision}`)).toEqual([
      'ADDED /b 2',
      'DELETED /a 3',
    ])
  })

  it("fails a watch from before the compacted revision with etcd's error", () => {
    const store = new ObjectStore<StoredObject>({ historyLimit: 2 })
    for (const key of ['/a', '/b', '/c', '/d']) store.create(key, obj(key))
    expect(store.compactedRevision).toBe(2)
    expect(() => store.watch(1, () => undefined)).toThrow(
      'mvcc: required revision has been compacted',
    )
    const seen: number[] = []
    store.watch(2, (e) => seen.push(e.revision))
    expect(seen).toEqual([3, 4])
  })

  it('restore: keys keep their revisions, the revision moves on, history is compacted; watchers that handle compaction end, the others get the difference', () => {
    const store = new ObjectStore<StoredObject>()
    store.create('/a', obj('a'))
    store.create('/b', obj('b'))
    const snapshot = store.snapshot()
    store.delete('/a')
    store.update('/b', obj('b', { data: 1 }))
    store.create('/c', obj('c'))
    const ended: string[] = []
    const mirrored: string[] = []
    store.watch(
      store.revision,
      () => ended.push('event'),
      () => ended.push('compacted'),
    )
    store.watch(store.revision, (e) => mirrored.push(`${e.type} ${e.key} ${e.revision}`))
    store.restore(snapshot)
    expect(store.list().map((o) => `${o.metadata.name} ${o.metadata.resourceVersion}`)).toEqual([
      'a 1',
      'b 2',
    ])
    expect([store.revision, store.compactedRevision]).toEqual([6, 6])
    expect(ended).toEqual(['compacted'])
    expect(mirrored).toEqual(['DELETED /c 6', 'ADDED /a 6', 'MODIFIED /b 6'])
    expect(() => store.watch(5, () => undefined)).toThrow(
      'mvcc: required revision has been compacted',
    )
    expect(store.create('/d', obj('d')).metadata.resourceVersion).toBe('7')
  })

  it('a watcher from revision 0 rebuilds exactly the stored state (property)', () => {
    const op = fc.record({ key: fc.constantFrom('/a', '/b', '/c'), del: fc.boolean() })
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const store = new ObjectStore<StoredObject>()
        const mirror = new Map<string, string>()
        store.watch(0, (e) => {
          if (e.type === 'DELETED') mirror.delete(e.key)
          else mirror.set(e.key, e.object.metadata.resourceVersion!)
        })
        for (const { key, del } of ops) {
          const exists = store.get(key) !== undefined
          if (del && exists) store.delete(key)
          else if (exists) store.update(key, obj(key))
          else store.create(key, obj(key))
        }
        const actual = new Map(
          store.list().map((o) => [o.metadata.name, o.metadata.resourceVersion!]),
        )
        expect(mirror).toEqual(actual)
      }),
    )
  })

  it('lists a prefix in key order, as a range over every key would (property)', () => {
    const key = fc
      .tuple(
        fc.constantFrom('/registry/pods/', '/registry/events/', '/registry/podx/', '/r/', '/'),
        fc.constantFrom('default/', 'kube-system/', 'a/', ''),
        fc.constantFrom('x', 'y', 'web-1', 'web-10', 'web-2'),
      )
      .map((parts) => parts.join(''))
    const prefix = fc.constantFrom(
      '',
      '/',
      '/registry/',
      '/registry/pods',
      '/registry/pods/',
      '/registry/pods/default/',
      '/registry/pods/default/web-1',
      '/registry/events/a/',
      '/r/',
    )
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.boolean())), prefix, (ops, p) => {
        const store = new ObjectStore<StoredObject>()
        for (const [k, del] of ops) {
          if (store.get(k) === undefined) store.create(k, obj(k))
          else if (del) store.delete(k)
          else store.update(k, obj(k))
          // Listing between writes exercises the sorted keys kept per resource.
          store.list(p)
        }
        const all = ops.map(([k]) => k).filter((k) => store.get(k) !== undefined)
        const expected = [...new Set(all)].filter((k) => k.startsWith(p)).sort()
        expect(store.list(p).map((o) => o.metadata.name)).toEqual(expected)
      }),
    )
  })

  it('a watch from the middle of a long history replays exactly the changes after it', () => {
    const store = new ObjectStore<StoredObject>({ historyLimit: 50 })
    for (let i = 0; i < 120; i++) store.create(`/k/${i}`, obj(`${i}`))
    const seen: number[] = []
    store.watch(100, (e) => seen.push(e.revision))
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => 101 + i))
    expect(() => store.watch(60, () => undefined)).toThrow(
      expect.objectContaining({ reason: 'Compacted' }),
    )
  })
})
