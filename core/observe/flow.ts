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
 */
import type { Publisher } from '../simulation'
import type { FlowMessage } from './summary'

/** The most kinds of message (distinct from, to, what) one flow/messages batch carries. */
export const FLOW_BATCH_LIMIT = 200

/** What a hook needs of the recorder: the switch, and the call. */
export interface FlowTap {
  readonly active: boolean
  record(from: string, to: string, what: string): void
}

/** Gathers messages between publishes (see the invariants above). */
export class FlowRecorder implements FlowTap {
  /** True while someone listens; hooks record only then (invariant 1). */
  active = false
  private readonly pending = new Map<string, FlowMessage>()
  private dropped = 0

  constructor(private readonly clock: { readonly nowMs: number }) {}

  /** Kinds of message waiting for the next publish. */
  get size(): number {
    return this.pending.size
  }

  record(from: string, to: string, what: string): void {
    if (!this.active) return
    const key = `${from}\n${to}\n${what}`
    const known = this.pending.get(key)
    if (known !== undefined) known.count++
    else if (this.pending.size >= FLOW_BATCH_LIMIT) this.dropped++
    else this.pending.set(key, { atMs: this.clock.nowMs, from, to, what, count: 1 })
  }

  /** Emits the batch gathered since the last call, if any (a Simulation publisher). */
  readonly publish: Publisher = (emit) => {
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
