/// <reference types="vite/client" />
/**
 * The simulation in a browser Web Worker (the web build). The seed comes in the worker's name,
 * e.g. `new Worker(url, { name: 'kubelab:seed=7' })`, since Web Workers have no workerData.
 * The labs are bundled in as text (a worker has no file system).
 */
import { loadCatalogue } from '../labs/catalogue'
import { simulationOptions } from './config'
import { wrapEndpoint, type Endpoint } from './port'
import { serve } from './serve'
import type { ClientMessage, HostMessage } from '../protocol'

const SCENARIO_FILES = import.meta.glob('../../scenarios/**/*', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

// globalThis, not self: keeps core free of the DOM and WebWorker libraries.
const scope = globalThis as unknown as Endpoint & { name?: string }
const seed = /seed=(\d+)/.exec(scope.name ?? '')?.[1]
serve(
  wrapEndpoint<ClientMessage, HostMessage>(scope),
  simulationOptions({ seed: seed === undefined ? undefined : Number(seed) }),
  loadCatalogue(SCENARIO_FILES, '../../scenarios'),
)
