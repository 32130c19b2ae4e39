/** The simulation in a Node worker_threads Worker (Electron main, the CLI), with the labs on disk. */
import { parentPort, workerData } from 'node:worker_threads'
import type { Catalogue } from '../labs/catalogue'
import { simulationOptions } from './config'
import { loadAll, scenariosDir } from './labCli'
import { wrapEndpoint } from './port'
import { serve } from './serve'
import type { ClientMessage, HostMessage } from '../protocol'

if (parentPort === null)
  throw new Error('core/host/node.ts must run inside a worker_threads Worker')

/**
 * The scenarios folder's labs; none (and a warning) when it cannot be found or read. The
 * Electron main process says where it is (`workerData.scenariosDir`: in a packaged app it sits in
 * the resources folder, outside the code); the CLI finds it beside package.json.
 */
function catalogue(): Catalogue {
  const given = (workerData as { scenariosDir?: unknown } | null)?.scenariosDir
  const dir = typeof given === 'string' && given !== '' ? given : scenariosDir()
  if (dir === undefined) {
    console.warn('kubelab: no scenarios folder found; the lab catalogue is empty')
    return { labs: [], problems: [] }
  }
  try {
    return loadAll(dir)
  } catch (error) {
    console.warn('kubelab: cannot read the labs', error)
    return { labs: [], problems: [] }
  }
}

serve(
  wrapEndpoint<ClientMessage, HostMessage>(parentPort),
  simulationOptions(workerData),
  catalogue(),
)
