/**
 * client-go's flowcontrol.Backoff, as the kubelet uses it for container restarts and image pulls
 * (FIDELITY.md §5.3: 10 s doubling to 300 s; reset once the item was quiet for twice the maximum,
 * i.e. a container that ran 10 minutes without trouble starts again from 10 s).
 *
 * Invariants:
 * 1. The first `next` for a key sets its delay to the initial 10 s; each later one doubles it,
 *    capped at the maximum. The kubelet's back-offs have no jitter.
 * 2. An entry whose last update is more than 2 × max before the event time has expired: the key
 *    is treated as new (not in back-off, and the next delay is the initial one again).
 * 3. Entries are dropped by `gc` (2 × max after their last update) or `reset`: memory stays
 *    bounded by the items that failed recently.
 */

export const BACKOFF_INITIAL_MS = 10_000
export const BACKOFF_MAX_MS = 300_000

interface Entry {
  backoffMs: number
  lastUpdateMs: number
}

export class Backoff {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly now: () => number,
    readonly initialMs = BACKOFF_INITIAL_MS,
    readonly maxMs = BACKOFF_MAX_MS,
  ) {}

  /** The current delay of a key, 0 when it has none. */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0
  }

  /** Records a failure at `eventMs`: starts or doubles the key's delay. */
  next(key: string, eventMs: number): void {
    const entry = this.entries.get(key)
    if (entry === undefined || this.hasExpired(eventMs, entry.lastUpdateMs)) {
      this.entries.set(key, { backoffMs: this.initialMs, lastUpdateMs: this.now() })
      return
    }
    entry.backoffMs = Math.min(entry.backoffMs * 2, this.maxMs)
    entry.lastUpdateMs = this.now()
  }

  /** True while less than the key's delay has passed since `eventMs` (a container's exit). */
  isInBackOffSince(key: string, eventMs: number): boolean {
    const entry = this.entries.get(key)
    if (entry === undefined || this.hasExpired(eventMs, entry.lastUpdateMs)) return false
    return this.now() - eventMs < entry.backoffMs
  }

  /** True while less than the key's delay has passed since its last update (image pulls). */
  isInBackOffSinceUpdate(key: string, eventMs: number): boolean {
    const entry = this.entries.get(key)
    if (entry === undefined || this.hasExpired(eventMs, entry.lastUpdateMs)) return false
    return eventMs - entry.lastUpdateMs < entry.backoffMs
  }

  /** Milliseconds until the key's back-off measured from `sinceMs` ends (0 when over). */
  remainingMs(key: string, sinceMs: number): number {
    const entry = this.entries.get(key)
    return entry === undefined ? 0 : Math.max(0, sinceMs + entry.backoffMs - this.now())
  }

  /** When the key's back-off counted from its last update ends. */
  lastUpdateMs(key: string): number | undefined {
    return this.entries.get(key)?.lastUpdateMs
  }

  reset(key: string): void {
    this.entries.delete(key)
  }

  /** Drops every key starting with `prefix` (a deleted pod's). */
  resetPrefix(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key)
  }

  /** Drops entries quiet for longer than 2 × max. */
  gc(): void {
    const now = this.now()
    for (const [key, entry] of this.entries) {
      if (now - entry.lastUpdateMs > 2 * this.maxMs) this.entries.delete(key)
    }
  }

  get size(): number {
    return this.entries.size
  }

  private hasExpired(eventMs: number, lastUpdateMs: number): boolean {
    return eventMs - lastUpdateMs > 2 * this.maxMs
  }
}
