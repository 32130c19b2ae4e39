/**
 * Virtual time for the simulation.
 *
 * Invariants:
 * 1. Time is an integer number of milliseconds since the lab started (negative while the cluster
 *    warms up before the learner arrives); it never goes back.
 * 2. Tasks run in (time, sequence) order: two tasks due at the same millisecond run in the order
 *    they were scheduled, so a run is reproducible.
 * 3. While a task runs, `nowMs` is the task's due time, not the target of the current `advance`.
 * 4. Nothing here reads wall time. The host decides how fast virtual time goes by calling
 *    `advance`; tests call it directly.
 * 5. Every drain is bounded: a task that keeps scheduling work due "now" cannot hang the host.
 */

export interface ScheduledTask {
  readonly dueMs: number
  readonly label: string
  /** Removes the task if it has not run yet. Cancelling twice is harmless. */
  cancel(): void
}

interface Entry {
  dueMs: number
  seq: number
  label: string
  run: () => void
  cancelled: boolean
}

export interface RunOptions {
  /** Upper bound on the number of tasks one call may run. */
  maxTasks?: number
}

/**
 * Large enough for the biggest cluster the lab runs: a 5,000-node cluster's 10-minute warm-up is
 * about 1.6 million tasks (heartbeats, runtime checks, probes). A task rescheduling itself at zero
 * delay still ends in TaskLimitExceeded, after a few seconds instead of a fraction of one.
 */
export const DEFAULT_MAX_TASKS = 10_000_000

export class TaskLimitExceeded extends Error {
  constructor(maxTasks: number) {
    super(
      `clock: more than ${maxTasks} tasks ran in one call; is a task rescheduling itself at zero delay?`,
    )
    this.name = 'TaskLimitExceeded'
  }
}

export class Clock {
  private now: number
  private seq = 0
  private readonly heap: Entry[] = []

  constructor(startMs = 0) {
    if (!Number.isInteger(startMs))
      throw new RangeError(`clock: start must be an integer, got ${startMs}`)
    this.now = startMs
  }

  get nowMs(): number {
    return this.now
  }

  /** Number of tasks waiting, cancelled ones excluded once they reach the top. */
  get pending(): number {
    return this.heap.filter((e) => !e.cancelled).length
  }

  /** Runs `run` after `delayMs` of virtual time (0 means "after the current task"). */
  schedule(delayMs: number, label: string, run: () => void): ScheduledTask {
    if (!Number.isFinite(delayMs) || delayMs < 0) {
      throw new RangeError(`clock: delay must be a finite number ≥ 0, got ${delayMs}`)
    }
    const entry: Entry = {
      dueMs: this.now + Math.ceil(delayMs),
      seq: this.seq++,
      label,
      run,
      cancelled: false,
    }
    this.push(entry)
    return {
      dueMs: entry.dueMs,
      label,
      cancel: () => {
        entry.cancelled = true
      },
    }
  }

  /** Moves time forward by `ms`, running every task due up to the new time, in order. */
  advance(ms: number, options: RunOptions = {}): number {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`clock: cannot advance by ${ms} ms`)
    }
    const target = this.now + Math.floor(ms)
    this.drain(target, options.maxTasks ?? DEFAULT_MAX_TASKS)
    this.now = target
    return this.now
  }

  /** Runs tasks until none is left, jumping time to each one's due time. Returns how many ran. */
  runUntilIdle(options: RunOptions = {}): number {
    return this.drain(Number.POSITIVE_INFINITY, options.maxTasks ?? DEFAULT_MAX_TASKS)
  }

  private drain(untilMs: number, maxTasks: number): number {
    let ran = 0
    for (;;) {
      const top = this.heap[0]
      if (top === undefined || top.dueMs > untilMs) return ran
      this.pop()
      if (top.cancelled) continue
      if (ran >= maxTasks) {
        this.push(top)
        throw new TaskLimitExceeded(maxTasks)
      }
      this.now = top.dueMs
      ran++
      top.run()
    }
  }

  private push(entry: Entry): void {
    const heap = this.heap
    heap.push(entry)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(heap[i]!, heap[parent]!)) break
      swap(heap, i, parent)
      i = parent
    }
  }

  private pop(): void {
    const heap = this.heap
    const last = heap.pop()
    if (last === undefined || heap.length === 0) return
    heap[0] = last
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let smallest = i
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right
      if (smallest === i) return
      swap(heap, i, smallest)
      i = smallest
    }
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.seq < b.seq)
}

function swap(heap: Entry[], i: number, j: number): void {
  const t = heap[i]!
  heap[i] = heap[j]!
  heap[j] = t
}
