/**
 * Brings a fresh simulation to where a lab begins: the setup objects are created through the
 * API server (as `kubectl create -f` would), the setup command lines run in a session of the
 * lab's own, then time is let pass for the cluster to settle. Setup that fails is a defect of the
 * scenario, so it throws with the scenario's words rather than leaving a half-built lab.
 */
import type { KubeObject } from '../api/types'
import { apiVersionOf, RESOURCES } from '../apiserver/resources'
import type { Simulation } from '../simulation'
import type { Scenario } from './schema'

/** Sessions whose names start so are the lab's own: their commands are not the learner's. */
export const LAB_SESSION_PREFIX = 'lab-'
export const SETUP_SESSION = 'lab-setup'

export class LabSetupError extends Error {
  override name = 'LabSetupError'
}

export function applySetup(simulation: Simulation, setup: Scenario['setup']): void {
  for (const object of setup.objects) createObject(simulation, object as unknown as KubeObject)
  for (const line of setup.commands) {
    const result = simulation.handle({ kind: 'shell/exec', session: SETUP_SESSION, line })
    if (result.exitCode !== 0)
      throw new LabSetupError(
        `setup command failed with status ${result.exitCode}: ${line}\n${result.stderr}`,
      )
  }
  if (setup.settle > 0) simulation.advance(setup.settle)
}

/** The collection an object is POSTed to: /api/v1/namespaces/default/pods, /apis/apps/v1/… */
export function collectionPath(object: KubeObject): string | undefined {
  const def = RESOURCES.find((r) => apiVersionOf(r) === object.apiVersion && r.kind === object.kind)
  if (def === undefined) return undefined
  const base = def.group === '' ? `/api/${def.version}` : `/apis/${def.group}/${def.version}`
  const namespace = object.metadata.namespace ?? 'default'
  return def.namespaced
    ? `${base}/namespaces/${namespace}/${def.resource}`
    : `${base}/${def.resource}`
}

function createObject(simulation: Simulation, object: KubeObject): void {
  const name = `${object.kind} ${object.metadata.name}`
  const path = collectionPath(object)
  if (path === undefined)
    throw new LabSetupError(
      `setup: the lab's cluster does not serve ${object.apiVersion} ${object.kind} (${name})`,
    )
  if (simulation.kubernetes === undefined) throw new LabSetupError('setup: no Kubernetes cluster')
  const response = simulation.kubernetes.request('cp-1', { method: 'POST', path, body: object })
  if (response.status >= 400) {
    const message = (response.body as { message?: string } | undefined)?.message ?? ''
    throw new LabSetupError(`setup: creating ${name} failed (HTTP ${response.status}): ${message}`)
  }
}
