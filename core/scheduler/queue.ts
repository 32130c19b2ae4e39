/**
 * The scheduling queue (internal/queue/scheduling_queue.go, PriorityQueue): activeQ ordered by
 * PrioritySort, backoffQ for pods waiting out their back-off, and the unschedulable pool for
 * pods that fit nowhere until something changes.
 *
 * Invariants:
 * 1. A pod is in at most one of activeQ, backoffQ, the unschedulable pool, or in flight (popped
 *    and being scheduled); `byKey` knows where.
 * 2. Back-off after n attempts is 1 s × 2^(n−1), capped at 10 s (FIDELITY.md §3.7), counted
 *    from the last failure. A pod leaves backoffQ exactly when its back-off expires (the real
 *    queue polls every second; exact wake-ups keep the 1 s, 2 s, 4 s … sequence readable).
 * 3. A rejected pod waits in the unschedulable pool until an event registered by a plugin that
 *    rejected it arrives (then to backoffQ or activeQ), or for at most 5 minutes
 *    (podMaxInUnschedulablePodsDuration, checked every 30 s).
 * 4. Timers run only while the queue runs (the scheduler leads); pods may be added anyway.
 */
import type { Pod } from '../api/types'
import type { Clock, ScheduledTask } from '../clock'
import { matches, podUpdateEvents, UNSCHEDULABLE_TIMEOUT, type ClusterEvent } from './clusterEvents'
import { Heap, type HeapItem } from './heap'
import { PodInfo, podKey } from './podInfo'
import type { Sortable } from './plugins/prioritySort'

export interface QueuedPodInfo extends HeapItem, Sortable {
  info: PodInfo
  priority: number
  /** When the pod was added, or last failed (back-off counts from here). */
  timestampMs: number
  initialAttemptMs: number | undefined
  sequence: number
  attempts: number
  /** Plugins that rejected the pod in its last attempt. */
  unschedulablePlugins: ReadonlySet<string>
  where: 'active' | 'backoff' | 'unschedulable' | 'inFlight'
}

export interface QueueOptions {
  initialBackoffMs?: number
  maxBackoffMs?: number
  maxInUnschedulableMs?: number
}

export const POD_INITIAL_BACKOFF_MS = 1000
export const POD_MAX_BACKOFF_MS = 10_000
export const POD_MAX_IN_UNSCHEDULABLE_PODS_MS = 5 * 60_000
const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000

export class SchedulingQueue {
  private readonly activeQ: Heap<QueuedPodInfo>
  private readonly backoffQ = new Heap<QueuedPodInfo>(
    (a, b) =>
      this.backoffExpiry(a) < this.backoffExpiry(b) ||
      (this.backoffExpiry(a) === this.backoffExpiry(b) && a.sequence < b.sequence),
  )
  private readonly unschedulable = new Map<string, QueuedPodInfo>()
  private readonly byKey = new Map<string, QueuedPodInfo>()
  private sequence = 0
  private running = false
  private backoffTimer: ScheduledTask | undefined
  private leftoverTimer: ScheduledTask | undefined
  private readonly initialBackoffMs: number
  private readonly maxBackoffMs: number
  private readonly maxInUnschedulableMs: number
  /** Called when activeQ gains a pod, so the scheduling loop can wake up. */
  onActive: () => void = () => undefined

  constructor(
    private readonly clock: Clock,
    less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean,
    /** Plugin name → registered events; a plugin missing here is interested in everything. */
    private readonly events: ReadonlyMap<string, readonly ClusterEvent[]>,
    options: QueueOptions = {},
  ) {
    this.activeQ = new Heap(less)
    this.initialBackoffMs = options.initialBackoffMs ?? POD_INITIAL_BACKOFF_MS
    this.maxBackoffMs = options.maxBackoffMs ?? POD_MAX_BACKOFF_MS
    this.maxInUnschedulableMs = options.maxInUnschedulableMs ?? POD_MAX_IN_UNSCHEDULABLE_PODS_MS
  }

  get activeLength(): number {
    return this.activeQ.length
  }
  get backoffLength(): number {
    return this.backoffQ.length
  }
  get unschedulableLength(): number {
    return this.unschedulable.size
  }

  /** Where a pod waits, for tests and the UI. */
  where(key: string): QueuedPodInfo['where'] | undefined {
    return this.byKey.get(key)?.where
  }

  /** Starts the back-off and leftover timers (the scheduler became leader). */
  run(): void {
    if (this.running) return
    this.running = true
    this.armBackoffTimer()
    this.leftoverTimer = this.clock.schedule(
      UNSCHEDULABLE_FLUSH_PERIOD_MS,
      'kube-scheduler flushUnschedulablePodsLeftover',
      () => this.flushLeftover(),
    )
  }

  stop(): void {
    this.running = false
    this.backoffTimer?.cancel()
    this.backoffTimer = undefined
    this.leftoverTimer?.cancel()
    this.leftoverTimer = undefined
  }

  /** A new pending pod: straight to activeQ. */
  add(info: PodInfo): void {
    if (this.byKey.has(info.key)) return this.update(info.pod)
    const now = this.clock.nowMs
    const qp: QueuedPodInfo = {
      info,
      priority: info.priority,
      timestampMs: now,
      initialAttemptMs: undefined,
      sequence: this.sequence++,
      attempts: 0,
      unschedulablePlugins: new Set(),
      where: 'active',
      heapIndex: -1,
    }
    this.byKey.set(info.key, qp)
    this.pushActive(qp)
  }

  /** A newer version of a pending pod; an unschedulable one may move if tolerations changed. */
  update(pod: Pod): void {
    const qp = this.byKey.get(podKey(pod))
    if (qp === undefined) return this.add(new PodInfo(pod))
    const old = qp.info.pod
    qp.info.update(pod)
    if (qp.where !== 'unschedulable') return
    for (const event of podUpdateEvents(old, pod)) {
      if (this.interested(qp, event)) return this.requeue(qp)
    }
  }

  delete(key: string): void {
    const qp = this.byKey.get(key)
    if (qp === undefined) return
    this.byKey.delete(key)
    this.activeQ.remove(qp)
    this.backoffQ.remove(qp)
    this.unschedulable.delete(key)
  }

  /** The next pod to schedule, now in flight. */
  pop(): QueuedPodInfo | undefined {
    const qp = this.activeQ.pop()
    if (qp === undefined) return undefined
    qp.where = 'inFlight'
    qp.attempts++
    qp.initialAttemptMs ??= this.clock.nowMs
    return qp
  }

  /** The in-flight pod was bound (or handed elsewhere): the queue forgets it. */
  done(key: string): void {
    const qp = this.byKey.get(key)
    if (qp?.where === 'inFlight') this.byKey.delete(key)
  }

  /**
   * AddUnschedulableIfNotPresent: a failed attempt. Rejected by plugins → the unschedulable
   * pool; failed with an error (no plugin to blame) → backoffQ.
   */
  addFailed(qp: QueuedPodInfo, plugins: ReadonlySet<string>): void {
    if (this.byKey.get(qp.info.key) !== qp || qp.where !== 'inFlight') return
    qp.timestampMs = this.clock.nowMs
    qp.unschedulablePlugins = plugins
    if (plugins.size === 0) return this.requeue(qp)
    qp.where = 'unschedulable'
    this.unschedulable.set(qp.info.key, qp)
  }

  /** MoveAllToActiveOrBackoffQueue for the pods some rejecting plugin of which cares. */
  moveAllToActiveOrBackoff(event: ClusterEvent): number {
    let moved = 0
    for (const qp of [...this.unschedulable.values()]) {
      if (!this.interested(qp, event)) continue
      this.requeue(qp)
      moved++
    }
    return moved
  }

  /** calculateBackoffDuration: 0 before any attempt, then 1 s doubling up to 10 s. */
  backoffDurationMs(qp: Pick<QueuedPodInfo, 'attempts'>): number {
    if (qp.attempts === 0) return 0
    let duration = this.initialBackoffMs
    for (let i = 1; i < qp.attempts; i++) {
      if (duration > this.maxBackoffMs - duration) return this.maxBackoffMs
      duration += duration
    }
    return Math.min(duration, this.maxBackoffMs)
  }

  private backoffExpiry(qp: QueuedPodInfo): number {
    return qp.timestampMs + this.backoffDurationMs(qp)
  }

  private interested(qp: QueuedPodInfo, event: ClusterEvent): boolean {
    if (event === UNSCHEDULABLE_TIMEOUT || qp.unschedulablePlugins.size === 0) return true
    for (const plugin of qp.unschedulablePlugins) {
      const registered = this.events.get(plugin)
      if (registered === undefined) return true
      for (const r of registered) if (matches(r, event)) return true
    }
    return false
  }

  /** To backoffQ while backing off, else to activeQ. */
  private requeue(qp: QueuedPodInfo): void {
    this.unschedulable.delete(qp.info.key)
    if (this.backoffExpiry(qp) > this.clock.nowMs) {
      qp.where = 'backoff'
      this.backoffQ.push(qp)
      this.armBackoffTimer()
    } else this.pushActive(qp)
  }

  private pushActive(qp: QueuedPodInfo): void {
    qp.where = 'active'
    this.activeQ.push(qp)
    this.onActive()
  }

  private armBackoffTimer(): void {
    const head = this.backoffQ.peek()
    if (!this.running || head === undefined) return
    const due = this.backoffExpiry(head)
    if (this.backoffTimer !== undefined && this.backoffTimer.dueMs <= due) return
    this.backoffTimer?.cancel()
    this.backoffTimer = this.clock.schedule(
      Math.max(0, due - this.clock.nowMs),
      'kube-scheduler flushBackoffQCompleted',
      () => this.flushBackoff(),
    )
  }

  /** flushBackoffQCompleted: every pod whose back-off is over goes to activeQ. */
  private flushBackoff(): void {
    this.backoffTimer = undefined
    const now = this.clock.nowMs
    for (
      let head = this.backoffQ.peek();
      head !== undefined && this.backoffExpiry(head) <= now;
      head = this.backoffQ.peek()
    ) {
      this.backoffQ.pop()
      this.pushActive(head)
    }
    this.armBackoffTimer()
  }

  /** flushUnschedulablePodsLeftover: pods stuck longer than 5 minutes get another try. */
  private flushLeftover(): void {
    const now = this.clock.nowMs
    for (const qp of [...this.unschedulable.values()]) {
      if (now - qp.timestampMs > this.maxInUnschedulableMs) this.requeue(qp)
    }
    this.leftoverTimer = this.clock.schedule(
      UNSCHEDULABLE_FLUSH_PERIOD_MS,
      'kube-scheduler flushUnschedulablePodsLeftover',
      () => this.flushLeftover(),
    )
  }
}
