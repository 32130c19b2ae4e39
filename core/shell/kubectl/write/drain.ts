/**
 * `kubectl drain NODE` (KUBECTL-WIRE.md §3.15): cordon, list the node's pods, refuse or warn as
 * drainFilters.ts decides, then evict the rest through pods/eviction and wait, polling every
 * second of virtual time, until each is gone ("pod/x evicted"), then "node/x drained".
 * A refusal (429, a PodDisruptionBudget) is retried every 5 s, as kubectl does.
 */
import type { Pod } from '../../../api/types'
import { KubectlError } from '../errors'
import { findResourceType, resourcePath } from '../resources'
import type { Invocation, KubectlVerb } from '../verb'
import { NODES, nodeUsage, setUnschedulable } from './cordon'
import {
  daemonSetLookup,
  drainErrors,
  drainWarnings,
  judgePod,
  type PodVerdict,
} from './drainFilters'
import { statusOf, throwFailures } from './outcome'
import { DRY_RUN_FLAG, dryRunOf, dryRunSuffix, report, type DryRun } from './printing'
import { fetch, typed } from './targets'
import { isGone, MAX_WAIT_MS, parseDuration, STEP_MS } from './waitGone'

const PODS = findResourceType('pods')!
const EVICTION_RETRY_MS = 5000

export const drain: KubectlVerb = {
  name: 'drain',
  flags: [
    DRY_RUN_FLAG,
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'delete-local-data', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', default: '-1' },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'disable-eviction', type: 'bool' },
    { name: 'pod-selector', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'skip-wait-for-delete-timeout', type: 'int', default: '0' },
  ],
  run(inv) {
    if (inv.args.length !== 1) throw nodeUsage('drain')
    const dryRun = dryRunOf(inv)
    inv.api.discover()
    const name = inv.args[0]!
    const fetched = fetch(inv, { def: NODES, name, namespace: undefined })
    if ('failure' in fetched) throwFailures([fetched.failure])
    const node = typed(NODES, (fetched as { object: Parameters<typeof typed>[1] }).object)
    const cordonFailure = setUnschedulable(inv, node, true, dryRun)
    if (cordonFailure !== undefined) throwFailures([cordonFailure])
    const verdicts = podsOf(inv, name).map((pod) =>
      judgePod(pod, {
        ignoreDaemonSets: inv.flags.bool('ignore-daemonsets'),
        deleteEmptyDirData:
          inv.flags.bool('delete-emptydir-data') || inv.flags.bool('delete-local-data'),
        force: inv.flags.bool('force'),
        daemonSetExists: daemonSetLookup(inv),
      }),
    )
    const errors = drainErrors(verdicts)
    if (errors.length > 0) throw unableToDrain(name, errors)
    const warnings = drainWarnings(verdicts)
    if (warnings !== '') inv.io.err(`Warning: ${warnings}\n`)
    const failure = evictAll(inv, verdicts, dryRun)
    if (failure !== undefined) throw unableToDrain(name, [failure])
    report(inv, node, 'drained', dryRun)
    return 0
  },
}

function podsOf(inv: Invocation, node: string): Pod[] {
  const selector = inv.flags.string('pod-selector')
  const response = inv.api.request({
    method: 'GET',
    path: resourcePath(PODS, undefined),
    query: {
      fieldSelector: `spec.nodeName=${node}`,
      ...(selector ? { labelSelector: selector } : {}),
    },
  })
  return (response.body as { items?: Pod[] }).items ?? []
}

/** What kubectl prints when a node cannot be drained; the exit status is 1. */
function unableToDrain(node: string, errors: string[]): KubectlError {
  const joined = errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`
  return new KubectlError(
    `error: unable to drain node "${node}" due to error: ${joined}, continuing command...\n` +
      `There are pending nodes to be drained:\n ${node}\n${errors.join('\n')}`,
  )
}

/** Evicts the pods to delete and waits for them; returns an error text if that failed. */
function evictAll(inv: Invocation, verdicts: PodVerdict[], dryRun: DryRun): string | undefined {
  const pods = verdicts.filter((v) => v.delete).map((v) => v.pod)
  if (dryRun !== 'none') {
    for (const pod of pods)
      inv.io.out(
        `evicting pod ${pod.metadata.namespace}/${pod.metadata.name}${dryRunSuffix(dryRun)}\n`,
      )
    return undefined
  }
  const pending: Pod[] = []
  for (const pod of pods) {
    inv.io.out(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}\n`)
    const result = evict(inv, pod)
    if (typeof result === 'object') return result.error
    if (result === 'evicting') pending.push(pod)
  }
  return waitEvicted(inv, pending)
}

/** POSTs the Eviction, retrying while the server answers 429. */
function evict(inv: Invocation, pod: Pod): 'evicting' | 'gone' | { error: string } {
  const grace = inv.flags.int('grace-period') ?? -1
  const { name, namespace } = pod.metadata
  for (let waited = 0; waited <= MAX_WAIT_MS; waited += EVICTION_RETRY_MS) {
    const response = inv.api.send({
      method: 'POST',
      path: resourcePath(PODS, namespace, name, 'eviction'),
      headers: { 'content-type': 'application/json' },
      body: {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name, namespace, creationTimestamp: null },
        deleteOptions: grace >= 0 ? { gracePeriodSeconds: grace } : {},
      },
    })
    if (response.status < 400) return 'evicting'
    if (response.status === 404) return 'gone'
    const status = statusOf(response)
    if (response.status !== 429) {
      return {
        error: `error when evicting pods/"${name}" -n "${namespace}": ${status.message ?? ''}`,
      }
    }
    inv.io.err(
      `error when evicting pods/"${name}" -n "${namespace}" (will retry after 5s): ${status.message ?? ''}\n`,
    )
    inv.context.host.advance(EVICTION_RETRY_MS)
  }
  return { error: `error when evicting pods/"${name}" -n "${namespace}": global timeout reached` }
}

function waitEvicted(inv: Invocation, pods: Pod[]): string | undefined {
  const timeoutMs = parseDuration(inv.flags.string('timeout') ?? '0s')
  const limit = timeoutMs > 0 ? timeoutMs : MAX_WAIT_MS
  let pending = pods
  const sweep = (): void => {
    pending = pending.filter((pod) => {
      const target = { def: PODS, name: pod.metadata.name ?? '', namespace: pod.metadata.namespace }
      if (!isGone(inv, target, pod.metadata.uid ?? '')) return true
      inv.io.out(`pod/${pod.metadata.name} evicted\n`)
      return false
    })
  }
  sweep()
  for (let waited = 0; pending.length > 0 && waited < limit; waited += STEP_MS) {
    inv.context.host.advance(STEP_MS)
    sweep()
  }
  if (pending.length === 0) return undefined
  const pod = pending[0]!
  return `error when waiting for pod "${pod.metadata.name}" in namespace "${pod.metadata.namespace}" to terminate: global timeout reached: ${inv.flags.string('timeout')}`
}
