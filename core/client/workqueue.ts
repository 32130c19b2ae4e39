/**
 * A controller work queue on the virtual clock (client-go's rate-limited workqueue).
 *
 * Invariants:
 * 1. A key is queued at most once, and never processed by two workers at once (there is one).
 * 2. A rate-limited key is retried after the larger of a per-key exponential back-off (5 ms
 *    doubling to 1000 s) and the wait for a token of a shared bucket (10 per second, burst 100),
 *    as client-go's DefaultControllerRateLimiter; `forget` resets the per-key part.
 * 3. Processing happens in clock tasks, in the order keys were added.
 */
import type { Clock } from '../clock'

const BASE_DELAY_MS = 5
const MAX_DELAY_MS = 1000 * 1000
const BUCKET_QPS = 10
const BUCKET_BURST = 100

export class WorkQueue {
  private readonly queue: string[] = []
  private readonly queued = new Set<string>()
  private readonly failures = new Map<string, number>()
  private scheduled = false
  private paused = false
  /** The token bucket: tokens at `bucketAtMs`, refilled at BUCKET_QPS up to BUCKET_BURST. */
  private tokens = BUCKET_BURST
  private bucketAtMs: number | undefined

  constructor(
    private readonly clock: Clock,
    private readonly name: string,
    private readonly reconcile: (key: string) => void,
  ) {}

  get length(): number {
    return this.queue.length
  }

  add(key: string): void {
    if (this.queued.has(key)) return
    this.queued.add(key)
    this.queue.push(key)
    this.kick()
  }

  addAfter(key: string, delayMs: number): void {
    if (delayMs <= 0) this.add(key)
    else this.clock.schedule(delayMs, `${this.name} requeue`, () => this.add(key))
  }

  /** Requeues after this key's back-off, which doubles each time until `forget`. */
  addRateLimited(key: string): void {
    const failures = this.failures.get(key) ?? 0
    this.failures.set(key, failures + 1)
    const perItem = Math.min(BASE_DELAY_MS * 2 ** failures, MAX_DELAY_MS)
    this.addAfter(key, Math.max(perItem, this.takeToken()))
  }

  /** Takes a token from the shared bucket; returns how long until it is really available. */
  private takeToken(): number {
    const now = this.clock.nowMs
    const elapsed = now - (this.bucketAtMs ?? now)
    this.tokens = Math.min(BUCKET_BURST, this.tokens + (elapsed * BUCKET_QPS) / 1000)
    this.bucketAtMs = now
    this.tokens -= 1
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / BUCKET_QPS)
  }

  forget(key: string): void {
    this.failures.delete(key)
  }

  /** Stops processing (the component lost its lease or was stopped); keys stay queued. */
  pause(): void {
    this.paused = true
  }

  resume(): void {
    this.paused = false
    this.kick()
  }

  private kick(): void {
    if (this.scheduled || this.paused || this.queue.length === 0) return
    this.scheduled = true
    this.clock.schedule(0, this.name, () => this.drain())
  }

  private drain(): void {
    this.scheduled = false
    // Bounded: only what is queued now; keys added meanwhile run in the next task.
    for (let n = this.queue.length; n > 0 && !this.paused; n--) {
      const key = this.queue.shift()!
      this.queued.delete(key)
      try {
        this.reconcile(key)
        this.forget(key)
      } catch {
        this.addRateLimited(key)
      }
    }
    this.kick()
  }
}
