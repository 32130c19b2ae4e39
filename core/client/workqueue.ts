/**
 * A controller work queue on the virtual clock (client-go's rate-limited workqueue).
 *
 * Invariants:
 * 1. A key is queued at most once, and never processed by two workers at once (there is one).
 * 2. A failed key is retried after a per-key exponential back-off (5 ms doubling to 1000 s, as
 *    DefaultControllerRateLimiter); `forget` resets it after a success.
 * 3. Processing happens in clock tasks, in the order keys were added.
 */
import type { Clock } from '../clock'

const BASE_DELAY_MS = 5
const MAX_DELAY_MS = 1000 * 1000

export class WorkQueue {
  private readonly queue: string[] = []
  private readonly queued = new Set<string>()
  private readonly failures = new Map<string, number>()
  private scheduled = false
  private paused = false

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
    this.addAfter(key, Math.min(BASE_DELAY_MS * 2 ** failures, MAX_DELAY_MS))
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
