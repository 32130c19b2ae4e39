/**
 * `kubectl cordon NODE` and `kubectl uncordon NODE` (KUBECTL-WIRE.md §3.14): spec.unschedulable
 * set or cleared with a strategic merge patch, nothing sent when it already is.
 */
import type { KubeObject } from '../../../api/types'
import { KubectlError } from '../errors'
import { findResourceType, resourcePath } from '../resources'
import type { Invocation, KubectlVerb } from '../verb'
import { failed, throwFailures, type Failure } from './outcome'
import { DRY_RUN_FLAG, dryRunOf, report, type DryRun } from './printing'
import { fetch, typed } from './targets'

export const NODES = findResourceType('nodes')!

export function nodeUsage(verb: string): KubectlError {
  return new KubectlError(
    `error: USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples`,
  )
}

/**
 * Marks a node (un)schedulable and prints "node/x cordoned" or "node/x already cordoned".
 * Returns the failure, if the server refused.
 */
export function setUnschedulable(
  inv: Invocation,
  node: KubeObject,
  desired: boolean,
  dryRun: DryRun,
): Failure | undefined {
  const word = desired ? 'cordoned' : 'uncordoned'
  const current = (node['spec'] as { unschedulable?: boolean } | undefined)?.unschedulable === true
  if (current === desired) {
    report(inv, node, `already ${word}`, dryRun)
    return undefined
  }
  if (dryRun === 'none') {
    const response = inv.api.send({
      method: 'PATCH',
      path: resourcePath(NODES, undefined, node.metadata.name),
      headers: { 'content-type': 'application/strategic-merge-patch+json' },
      body: { spec: { unschedulable: desired ? true : null } },
    })
    if (response.status >= 400) return failed(response)
  }
  report(inv, node, word, dryRun)
  return undefined
}

function verbFor(name: 'cordon' | 'uncordon', desired: boolean): KubectlVerb {
  return {
    name,
    flags: [DRY_RUN_FLAG, { name: 'selector', short: 'l', type: 'string' }],
    run(inv) {
      if (inv.args.length !== 1) throw nodeUsage(name)
      const dryRun = dryRunOf(inv)
      inv.api.discover()
      const fetched = fetch(inv, { def: NODES, name: inv.args[0]!, namespace: undefined })
      if ('failure' in fetched) throwFailures([fetched.failure])
      else {
        const failure = setUnschedulable(inv, typed(NODES, fetched.object), desired, dryRun)
        if (failure !== undefined) throwFailures([failure])
      }
      return 0
    },
  }
}

export const cordon = verbFor('cordon', true)
export const uncordon = verbFor('uncordon', false)
