/**
 * A typed client over a ClientPort: `request` sends one command and resolves with its reply;
 * `onEvent` subscribes to the simulation's events. The same idea as core/host/client.ts, kept
 * here because the renderer may take only types from core.
 *
 * 1. Replies are matched to requests by id; a reply nobody waits for is dropped.
 * 2. Events reach listeners in the order the port delivers them, replies and events interleaved
 *    as sent, so an informer can rely on the host's ordering.
 * 3. `close` stops listening and rejects every pending request; it never leaves a promise hanging.
 */
import type {
  ClientPort,
  CommandKind,
  CommandOf,
  HostMessage,
  ResultOf,
  SimulationEvent,
} from '../../../core/protocol'

/** A command the simulation refused, with its stable code (e.g. 'BadCommand'). */
export class RemoteError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'RemoteError'
  }
}

export interface SimulationClient {
  request<K extends CommandKind>(command: CommandOf<K>): Promise<ResultOf<K>>
  /** Subscribes to events; returns a function that unsubscribes. */
  onEvent(listener: (event: SimulationEvent) => void): () => void
  close(): void
}

interface Waiter {
  resolve(result: unknown): void
  reject(error: Error): void
}

export function createSimulationClient(port: ClientPort): SimulationClient {
  let nextId = 1
  let closed = false
  const pending = new Map<number, Waiter>()
  const listeners = new Set<(event: SimulationEvent) => void>()
  const stop = port.onMessage((message: HostMessage) => {
    if (message.type === 'event') {
      for (const listener of [...listeners]) listener(message.event)
      return
    }
    const waiter = pending.get(message.id)
    if (waiter === undefined) return
    pending.delete(message.id)
    if (message.ok) waiter.resolve(message.result)
    else waiter.reject(new RemoteError(message.error.code, message.error.message))
  })
  return {
    request<K extends CommandKind>(command: CommandOf<K>): Promise<ResultOf<K>> {
      if (closed) return Promise.reject(new RemoteError('Closed', 'the client is closed'))
      const id = nextId++
      return new Promise<ResultOf<K>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (result: unknown) => void, reject })
        port.post({ type: 'command', id, command })
      })
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    close() {
      if (closed) return
      closed = true
      stop()
      listeners.clear()
      for (const waiter of pending.values())
        waiter.reject(new RemoteError('Closed', 'the client is closed'))
      pending.clear()
    },
  }
}
