/**
 * What every simulated program gets, and how the process layer drives it. A component is a
 * process: `start` when its process starts, `stop` when it is stopped or killed. Components never
 * call each other: they read and write objects through their ApiClient and react to informers.
 */
import type { Clock } from '../clock'
import type { ApiClient } from '../client/client'
import type { ExplainLog } from '../explain/explain'
import type { Random } from '../random'

export interface ComponentContext {
  readonly clock: Clock
  /** This component's own random stream, forked by name. */
  readonly random: Random
  readonly client: ApiClient
  readonly explain: ExplainLog
  /** The machine it runs on, e.g. "cp-1". */
  readonly machine: string
  /** Writes a line to the component's log (journalctl / kubectl logs of its static pod). */
  log(line: string): void
}

export interface ComponentProcess {
  start(): void
  stop(): void
  readonly running: boolean
}
