/**
 * The timeline's live feed: the component log lines written since the last publish, sent as one
 * `log/appended` batch.
 *
 * Invariants:
 * 1. A batch holds at most LOG_BATCH_LIMIT lines, the newest: a burst (a thousand pods starting
 *    in one advance) cannot flood the client; the timeline reads older ones with `log/list`.
 * 2. Unobserved, a publish only moves its mark to the latest line: nothing is copied for nobody.
 */
import type { ComponentLogs } from '../kubernetes/componentLogs'
import type { SimulationEvent } from '../protocol'

export const LOG_BATCH_LIMIT = 1000

export class LogObserver {
  /** How many lines had been written at the last publish. */
  private seen: number

  constructor(
    private readonly logs: ComponentLogs,
    private readonly observed: () => boolean,
  ) {
    this.seen = logs.appended
  }

  /** Sends the lines written since the last call, if any (a Publisher). */
  publish(emit: (event: SimulationEvent) => void): void {
    const from = this.seen
    this.seen = this.logs.appended
    if (from === this.seen || !this.observed()) return
    emit({ kind: 'log/appended', lines: this.logs.after(from, LOG_BATCH_LIMIT) })
  }
}
