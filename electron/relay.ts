/**
 * The main process's message relay between the renderer and the simulation worker. Pure: the
 * Electron and worker_threads plumbing is passed in, so tests drive it with plain functions.
 *
 * Invariants:
 * 1. Nothing reaches the worker unless `isClientMessage` accepts it; the renderer is untrusted.
 * 2. Messages keep their order in both directions; the relay never buffers or reorders.
 * 3. A dropped message that still carries a usable id gets an error reply, so the caller's
 *    promise settles instead of waiting forever. The worker never sees it.
 * 4. Logging is bounded: drops are logged at counts 1, 2, 4, 8, …, so a looping renderer cannot
 *    flood the log, yet the running total is always visible.
 */
import type { ClientMessage, HostMessage } from '../core/protocol'
import { isClientMessage } from './security'

export interface RelayOptions {
  toWorker(message: ClientMessage): void
  toRenderer(message: HostMessage): void
  /** Where drops are reported; console.warn by default. */
  warn?(text: string): void
}

export interface Relay {
  /** A message from the renderer: validated, then forwarded to the worker or dropped. */
  fromRenderer(message: unknown): void
  /** A message from the worker: forwarded to the renderer as is (the worker is ours). */
  fromWorker(message: HostMessage): void
  /** How many renderer messages were dropped so far. */
  readonly dropped: number
}

export function createRelay(options: RelayOptions): Relay {
  const warn = options.warn ?? ((text: string) => console.warn(text))
  let dropped = 0
  const drop = (message: unknown): void => {
    dropped++
    if ((dropped & (dropped - 1)) === 0)
      warn(`kubelab: dropped an invalid message from the renderer (${dropped} so far)`)
    const id = idOf(message)
    if (id !== null)
      options.toRenderer({
        type: 'reply',
        id,
        ok: false,
        error: { code: 'BadMessage', message: 'the shell refused a malformed command message' },
      })
  }
  return {
    fromRenderer(message) {
      if (isClientMessage(message)) options.toWorker(message)
      else drop(message)
    },
    fromWorker(message) {
      options.toRenderer(message)
    },
    get dropped() {
      return dropped
    },
  }
}

/** The id of a rejected message, when it has one a client could be waiting on. */
function idOf(message: unknown): number | null {
  if (typeof message !== 'object' || message === null) return null
  const id: unknown = Object.hasOwn(message, 'id') ? (message as { id: unknown }).id : undefined
  return Number.isSafeInteger(id) && (id as number) >= 0 ? (id as number) : null
}
