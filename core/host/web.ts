/**
 * The simulation in a browser Web Worker (the web build). The seed comes in the worker's name,
 * e.g. `new Worker(url, { name: 'kubelab:seed=7' })`, since Web Workers have no workerData.
 */
import { simulationOptions } from './config'
import { wrapEndpoint, type Endpoint } from './port'
import { serve } from './serve'
import type { ClientMessage, HostMessage } from '../protocol'

// globalThis, not self: keeps core free of the DOM and WebWorker libraries.
const scope = globalThis as unknown as Endpoint & { name?: string }
const seed = /seed=(\d+)/.exec(scope.name ?? '')?.[1]
serve(
  wrapEndpoint<ClientMessage, HostMessage>(scope),
  simulationOptions({ seed: seed === undefined ? undefined : Number(seed) }),
)
