/**
 * Chooses how the renderer reaches the simulation, once, at start:
 * - in Electron, the preload exposes `window.kubelab`, already a ClientPort;
 * - in a plain browser (the web build, the end-to-end tests), the simulation runs in a Web
 *   Worker started from core/host/web.ts, with the seed passed in the worker's name.
 */
import type { ClientPort, ClientMessage, HostMessage } from '../../../core/protocol'

export const DEFAULT_SEED = 1
const MAX_SEED = 0xffffffff

/** The seed from the page's `?seed=N`, or DEFAULT_SEED when absent or not a valid seed. */
export function seedFromUrl(search: string): number {
  const value = new URLSearchParams(search).get('seed')
  if (value === null || !/^\d{1,10}$/.test(value)) return DEFAULT_SEED
  const seed = Number(value)
  return seed <= MAX_SEED ? seed : DEFAULT_SEED
}

export interface Transport {
  port: ClientPort
  kind: 'electron' | 'web-worker'
  /** Reports a transport that died (a worker that failed to load or crashed). */
  onFailure(listener: (message: string) => void): void
  close(): void
}

export function openTransport(search = window.location.search): Transport {
  if (window.kubelab !== undefined) {
    return { port: window.kubelab, kind: 'electron', onFailure: () => {}, close: () => {} }
  }
  const seed = seedFromUrl(search)
  // The URL literal must stay inside `new Worker(…)` so that Vite bundles the worker.
  const worker = new Worker(new URL('../../../core/host/web.ts', import.meta.url), {
    type: 'module',
    name: `kubelab:seed=${seed}`,
  })
  return {
    port: workerPort(worker),
    kind: 'web-worker',
    onFailure(listener) {
      worker.addEventListener('error', (event) => listener(event.message || 'worker error'))
      worker.addEventListener('messageerror', () => listener('unreadable message'))
    },
    close: () => worker.terminate(),
  }
}

/** A DOM Worker as a ClientPort. */
export function workerPort(worker: Worker): ClientPort {
  return {
    post: (message: ClientMessage) => worker.postMessage(message),
    onMessage(handler) {
      const listener = (event: MessageEvent<HostMessage>): void => handler(event.data)
      worker.addEventListener('message', listener)
      return () => worker.removeEventListener('message', listener)
    },
  }
}
