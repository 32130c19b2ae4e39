/** A typed client over a port: `request` sends a command and resolves with its reply. */
import type {
  ClientPort,
  CommandKind,
  CommandOf,
  HostMessage,
  ResultOf,
  SimulationEvent,
} from '../protocol'

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
  onEvent(listener: (event: SimulationEvent) => void): () => void
  close(): void
}

export function createClient(port: ClientPort): SimulationClient {
  let nextId = 1
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()
  const listeners = new Set<(event: SimulationEvent) => void>()
  const stop = port.onMessage((message: HostMessage) => {
    if (message.type === 'event') {
      listeners.forEach((listener) => listener(message.event))
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
      const id = nextId++
      return new Promise<ResultOf<K>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
        port.post({ type: 'command', id, command })
      })
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      stop()
      for (const waiter of pending.values())
        waiter.reject(new RemoteError('Closed', 'the simulation client was closed'))
      pending.clear()
    },
  }
}
