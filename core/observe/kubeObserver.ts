/**
 * The views' informer source: watches etcd's keyspace (the ground truth, readable even while no
 * API server runs) and publishes what changed as `kube/changed` batches of summaries.
 *
 * Invariants:
 * 1. One batch per publish at most, and none when nothing a view draws changed. Changes are
 *    coalesced per key: the last state wins; ADDED then DELETED in one batch cancels out;
 *    MODIFIED after ADDED stays ADDED; DELETED then ADDED is MODIFIED. A MODIFIED object whose
 *    summary is what it was at the start of the batch (a Node heartbeat) is left out.
 * 2. A batch's `revision` is etcd's revision when it is published, so batches' revisions
 *    increase, and a client that lists at revision R and then applies every batch above R ends
 *    with what a fresh list gives. This holds because kube/list, a command, is followed by a
 *    publish with no write in between: what was pending goes out at revision R (dropped by the
 *    client, which has it), and no later batch coalesces across the list (no ADDED before it
 *    cancelled by a DELETED after it).
 * 3. Unobserved, the watch returns at once and keeps nothing: no summary is built for nobody.
 * 4. A snapshot restore reaches the watch as ordinary changes at new revisions (ObjectStore
 *    .restore), and compaction only trims history, which a live watch never reads again.
 */
import type { KubeObject } from '../api/types'
import type { ObjectStore, StoreEvent } from '../store/objectStore'
import { SUMMARY_KINDS, summarize } from './summarize'
import type { KubeChange, KubeSummary } from './summary'
import type { SimulationEvent } from '../protocol'

interface Pending {
  type: KubeChange['type']
  /** The object's last state (for DELETED, the state it was deleted in). */
  object: KubeObject
  /** Its state before the batch, when it existed then: what the clients hold. */
  before: KubeObject | undefined
}

export class KubeObserver {
  private readonly pending = new Map<string, Pending>()

  constructor(
    private readonly kv: ObjectStore<KubeObject>,
    private readonly observed: () => boolean,
  ) {
    kv.watch(kv.revision, (event) => this.record(event))
  }

  /** Every object a view draws, in etcd key order, and the revision they are at. */
  list(): { revision: number; items: KubeSummary[] } {
    const items: KubeSummary[] = []
    for (const object of this.kv.list()) {
      const summary = summarize(object)
      if (summary !== undefined) items.push(summary)
    }
    return { revision: this.kv.revision, items }
  }

  /** Sends the batch gathered since the last call, if it holds anything (a Publisher). */
  publish(emit: (event: SimulationEvent) => void): void {
    if (this.pending.size === 0) return
    const changes: KubeChange[] = []
    for (const entry of this.pending.values()) {
      const change = toChange(entry)
      if (change !== undefined) changes.push(change)
    }
    this.pending.clear()
    if (changes.length > 0) emit({ kind: 'kube/changed', revision: this.kv.revision, changes })
  }

  private record(event: StoreEvent<KubeObject>): void {
    if (!this.observed()) {
      // Invariant 3; a client that starts listening lists first, so nothing is owed to it.
      if (this.pending.size > 0) this.pending.clear()
      return
    }
    if (!SUMMARY_KINDS.has(event.object.kind)) return
    const earlier = this.pending.get(event.key)
    if (earlier === undefined) {
      this.pending.set(event.key, {
        type: event.type,
        object: event.object,
        before: event.previous,
      })
      return
    }
    const type = coalesce(earlier.type, event.type)
    if (type === undefined) this.pending.delete(event.key)
    else this.pending.set(event.key, { type, object: event.object, before: earlier.before })
  }
}

/** Invariant 1: what two changes of one key amount to; undefined when they cancel out. */
function coalesce(
  earlier: KubeChange['type'],
  later: KubeChange['type'],
): KubeChange['type'] | undefined {
  if (earlier === 'ADDED') return later === 'DELETED' ? undefined : 'ADDED'
  if (earlier === 'DELETED') return 'MODIFIED' // deleted and created again within the batch
  return later === 'DELETED' ? 'DELETED' : 'MODIFIED'
}

function toChange(entry: Pending): KubeChange | undefined {
  const object = summarize(entry.object)
  if (object === undefined) return undefined
  if (entry.type === 'MODIFIED' && entry.before !== undefined) {
    const before = summarize(entry.before)
    if (before !== undefined && sameSummary(before, object)) return undefined
  }
  return { type: entry.type, object }
}

/** Summaries are plain JSON built in a fixed key order, so their texts compare them. */
function sameSummary(a: KubeSummary, b: KubeSummary): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
