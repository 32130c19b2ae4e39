/**
 * `kubectl rollout status deployment|daemonset NAME [--watch=false] [--timeout=D]`
 * (KUBECTL-WIRE.md §3.18). The messages are those of kubectl's polymorphichelpers
 * rollout_status.go, computed from the object's status. kubectl prints one on every watch event
 * of the object; here the object is read every POLL_MS of virtual time (fine enough to see each
 * step of a rollout, as the watch does) and each new message is printed once: the repeats a real
 * watch shows when only other status fields moved are left out.
 */
import type { DaemonSet, Deployment, KubeObject } from '../../../api/types'
import { clientError } from '../errors'
import type { Invocation } from '../verb'
import { throwFailures } from './outcome'
import { fetch, type Target } from './targets'
import { MAX_WAIT_MS, parseDuration } from './waitGone'

const POLL_MS = 100

interface Verdict {
  message: string
  done: boolean
  error?: string
}

function deploymentStatus(d: Deployment): Verdict {
  const name = d.metadata.name
  const status = d.status ?? {}
  if ((d.metadata.generation ?? 0) > (status.observedGeneration ?? 0))
    return { message: 'Waiting for deployment spec update to be observed...\n', done: false }
  const progressing = status.conditions?.find((c) => c.type === 'Progressing')
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    return { message: '', done: true, error: `deployment "${name}" exceeded its progress deadline` }
  const wanted = d.spec.replicas ?? 1
  const updated = status.updatedReplicas ?? 0
  const replicas = status.replicas ?? 0
  const available = status.availableReplicas ?? 0
  const waiting = (text: string): Verdict => ({
    message: `Waiting for deployment "${name}" rollout to finish: ${text}\n`,
    done: false,
  })
  if (updated < wanted)
    return waiting(`${updated} out of ${wanted} new replicas have been updated...`)
  if (replicas > updated)
    return waiting(`${replicas - updated} old replicas are pending termination...`)
  if (available < updated)
    return waiting(`${available} of ${updated} updated replicas are available...`)
  return { message: `deployment "${name}" successfully rolled out\n`, done: true }
}

function daemonSetStatus(ds: DaemonSet): Verdict {
  const name = ds.metadata.name
  const spec = ds.spec as { updateStrategy?: { type?: string } }
  if ((spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate')
    return {
      message: '',
      done: true,
      error: 'rollout status is only available for RollingUpdate strategy type',
    }
  const status = (ds.status ?? {}) as Record<string, number | undefined>
  if ((ds.metadata.generation ?? 0) > (status['observedGeneration'] ?? 0))
    return { message: 'Waiting for daemon set spec update to be observed...\n', done: false }
  const desired = status['desiredNumberScheduled'] ?? 0
  const updated = status['updatedNumberScheduled'] ?? 0
  const available = status['numberAvailable'] ?? 0
  const waiting = (text: string): Verdict => ({
    message: `Waiting for daemon set "${name}" rollout to finish: ${text}\n`,
    done: false,
  })
  if (updated < desired)
    return waiting(`${updated} out of ${desired} new pods have been updated...`)
  if (available < desired)
    return waiting(`${available} of ${desired} updated pods are available...`)
  return { message: `daemon set "${name}" successfully rolled out\n`, done: true }
}

function verdictOf(object: KubeObject): Verdict {
  if (object.kind === 'Deployment') return deploymentStatus(object as Deployment)
  if (object.kind === 'DaemonSet') return daemonSetStatus(object as DaemonSet)
  return {
    message: '',
    done: true,
    error: `no status viewer has been implemented for ${object.kind}`,
  }
}

export function rolloutStatus(inv: Invocation, target: Target): number {
  const timeoutMs = parseDuration(inv.flags.string('timeout') ?? '0s')
  const watch = inv.flags.bool('watch')
  let version: string | undefined
  let printed: string | undefined
  for (let waited = 0; ; waited += POLL_MS) {
    const fetched = fetch(inv, target)
    if ('failure' in fetched) throwFailures([fetched.failure])
    const object = (fetched as { object: KubeObject }).object
    object.kind ??= target.def.kind
    if (object.metadata.resourceVersion !== version) {
      version = object.metadata.resourceVersion
      const verdict = verdictOf(object)
      if (verdict.error !== undefined) throw clientError(verdict.error)
      if (verdict.message !== printed) inv.io.out(verdict.message)
      printed = verdict.message
      if (verdict.done || !watch) return 0
    }
    if (waited >= (timeoutMs > 0 ? timeoutMs : MAX_WAIT_MS))
      throw clientError('timed out waiting for the condition')
    inv.context.host.advance(POLL_MS)
  }
}
