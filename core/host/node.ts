/** The simulation in a Node worker_threads Worker (Electron main, the CLI). */
import { parentPort, workerData } from 'node:worker_threads'
import { simulationOptions } from './config'
import { wrapEndpoint } from './port'
import { serve } from './serve'
import type { ClientMessage, HostMessage } from '../protocol'

if (parentPort === null)
  throw new Error('core/host/node.ts must run inside a worker_threads Worker')
serve(wrapEndpoint<ClientMessage, HostMessage>(parentPort), simulationOptions(workerData))
