/**
 * Shared fixtures for the renderer tests: an in-process simulation behind an in-memory port
 * (tests may import core; the renderer may not), and the English topology words.
 */
import type { ClientMessage, ClientPort, HostMessage } from '../../core/protocol'
import type { ClusterSpec } from '../../core/cluster/spec'
import { createPortPair } from '../../core/host/memoryPort'
import { serve } from '../../core/host/serve'
import type { Simulation } from '../../core/simulation'
import type { TopologyText } from '../../renderer/src/topology/labels'

export interface InMemorySimulation {
  /** The client's end, as the renderer would get it from a worker or the Electron bridge. */
  port: ClientPort
  /** The host's end, to inject messages the simulation would never send (stale events). */
  host: { post(message: HostMessage): void }
  simulation: Simulation
}

export function startSimulation(
  options: { seed?: number; cluster?: ClusterSpec } = {},
): InMemorySimulation {
  const [port, hostPort] = createPortPair<ClientMessage, HostMessage>()
  const simulation = serve(hostPort, { ...options, seed: options.seed ?? 1 })
  return { port, host: hostPort, simulation }
}

/** Resolves once every queued microtask and message of the in-memory ports has run. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve()
}

export const EN_TEXT: TopologyText = {
  role: { 'control-plane': 'control plane', worker: 'worker' },
  localhost: 'localhost',
  unixSocket: 'unix socket',
  stopped: 'stopped',
  poweredOff: 'powered off',
}

/** A frame scheduler the test drives by hand, to observe batching. */
export function manualFrames(): { schedule(cb: () => void): void; pending(): number; run(): void } {
  let callbacks: (() => void)[] = []
  return {
    schedule: (cb) => void callbacks.push(cb),
    pending: () => callbacks.length,
    run() {
      const due = callbacks
      callbacks = []
      due.forEach((cb) => cb())
    },
  }
}
