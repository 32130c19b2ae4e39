/**
 * Wraps a DOM-style endpoint (Worker, worker `self`) or a Node-style one (worker_threads Worker,
 * parentPort) as a Port. Typed structurally so core needs neither DOM nor Node types.
 */
import type { Port } from '../protocol'

interface MessageEventLike {
  data: unknown
}
interface DomEndpoint {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void
  removeEventListener(type: 'message', listener: (event: MessageEventLike) => void): void
}
interface NodeEndpoint {
  postMessage(message: unknown): void
  on(type: 'message', listener: (data: unknown) => void): unknown
  off(type: 'message', listener: (data: unknown) => void): unknown
}
export type Endpoint = DomEndpoint | NodeEndpoint

export function wrapEndpoint<In, Out>(endpoint: Endpoint): Port<In, Out> {
  return {
    post: (message) => endpoint.postMessage(message),
    onMessage(handler) {
      if ('on' in endpoint) {
        const listener = (data: unknown): void => handler(data as In)
        endpoint.on('message', listener)
        return () => void endpoint.off('message', listener)
      }
      const listener = (event: MessageEventLike): void => handler(event.data as In)
      endpoint.addEventListener('message', listener)
      return () => endpoint.removeEventListener('message', listener)
    },
  }
}
