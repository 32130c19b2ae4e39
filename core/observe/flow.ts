/**
 * The message-flow feed: who said what to whom, for the topology's animation. Hooks at the places
 * where components really talk (an API client's request, the API server's etcd round trip, a CRI
 * call, a shim, a traced connection; see flowTaps.ts) call `record`; the simulation publishes
 * what gathered as one `flow/messages` event per command or advance of time.
 *
 * Invariants:
 * 1. While `active` is false (no client listens: tests without listeners, the benchmarks) nothing
 *    is recorded, and every hook costs one boolean check: callers test `active` first.
 * 2. A batch is aggregated per (from, to, what): `count` says how many, `atMs` when the first was
 *    sent. Messages keep the order in which their kind first appeared (virtual time order).
 * 3. A batch is bounded: past FLOW_BATCH_LIMIT kinds of message, further new kinds are only
 *    counted in `dropped` (messages, not kinds). Kinds already in the batch keep counting.
 * 4. Recording never reads randomness or schedules on the clock: it cannot change the run.
 * 5. Hooks given to `onPublish` run at every publish, listened to or not, before the batch is
 *    read: they tell what went on since the last publish without a timer of their own (Raft
 *    heartbeats) and notice what a command changed (a fault's partition). They follow 4 too.
 */
import type { Publisher } from '../simulation'
import type { FlowMessage } from './summary'

/** The most kinds of message (distinct from, to, what) one flow/messages batch carries. */
export const FLOW_BATCH_LIMIT = 200

/** What a hook needs of the recorder: the switch, and the call. */
export interface FlowTap {
  readonly active: boolean
  /** `count` messages of one kind at once (heartbeats sampled over a stretch of time). */
  record(from: string, to: string, what: string, count?: number): void
}

/** Gathers messages between publishes (see the invariants above). */
export class FlowRecorder implements FlowTap {
  private on = false
  private onSinceMs = 0
  private readonly pending = new Map<string, FlowMessage>()
  private readonly hooks: (() => void)[] = []
  private dropped = 0

  constructor(private readonly clock: { readonly nowMs: number }) {}

  /** True while someone listens; hooks record only then (invariant 1). */
  get active(): boolean {
    return this.on
  }

  set active(value: boolean) {
    if (value && !this.on) this.onSinceMs = this.clock.nowMs
    this.on = value
  }

  /** When the recorder last switched on: what is sampled over time starts there at the earliest. */
  get activeSinceMs(): number {
    return this.onSinceMs
  }

  /** Kinds of message waiting for the next publish. */
  get size(): number {
    return this.pending.size
  }

  record(from: string, to: string, what: string, count = 1): void {
    if (!this.active) return
    const key = `${from}\n${to}\n${what}`
    const known = this.pending.get(key)
    if (known !== undefined) known.count += count
    else if (this.pending.size >= FLOW_BATCH_LIMIT) this.dropped += count
    else this.pending.set(key, { atMs: this.clock.nowMs, from, to, what, count })
  }

  /** Runs `hook` at the start of every publish (invariant 5). */
  onPublish(hook: () => void): void {
    this.hooks.push(hook)
  }

  /** Emits the batch gathered since the last call, if any (a Simulation publisher). */
  readonly publish: Publisher = (emit) => {
    for (const hook of this.hooks) hook()
    // Nobody listens any more: what gathered before the last listener left goes nowhere.
    if (!this.active) return this.clear()
    if (this.pending.size === 0 && this.dropped === 0) return
    const messages = [...this.pending.values()]
    const dropped = this.dropped
    this.clear()
    emit({ kind: 'flow/messages', messages, dropped })
  }

  private clear(): void {
    this.pending.clear()
    this.dropped = 0
  }
}

/** A recorder that is never switched on, for clusters built without a simulation (tests). */
export function silentFlow(): FlowRecorder {
  return new FlowRecorder({ nowMs: 0 })
}
