/**
 * `kubectl delete TYPE NAME… | TYPE/NAME… | -f FILE | TYPE -l SELECTOR | TYPE --all`
 * (KUBECTL-WIRE.md §3.13). Each object gets a DELETE with propagationPolicy Background; kubectl
 * prints `pod "web" deleted` at once, then (unless --wait=false) waits until every deleted object
 * is gone, which for a pod is its graceful termination: virtual time passes meanwhile.
 */
import type { KubeObject } from '../../../api/types'
import type { ResourceDef } from '../../../apiserver/resources'
import { clientError, KubectlError } from '../errors'
import { resourcePath } from '../resources'
import type { Invocation, KubectlVerb } from '../verb'
import { FILENAME_FLAGS, readManifests } from './manifests'
import { failed, throwFailures, withSource, type Failure } from './outcome'
import { DRY_RUN_FLAG, dryRunOf, dryRunSuffix, OUTPUT_FLAG, type DryRun } from './printing'
import { listTargets, parseTargets, targetOf, type Target } from './targets'
import { parseDuration, waitUntilGone } from './waitGone'

const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n'

interface Deletion extends Target {
  source?: string
}

export const deleteVerb: KubectlVerb = {
  name: 'delete',
  flags: [
    ...FILENAME_FLAGS,
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'grace-period', type: 'int', default: '-1' },
    { name: 'force', type: 'bool' },
    { name: 'now', type: 'bool' },
    { name: 'wait', type: 'bool', default: 'true' },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'cascade', type: 'string', default: 'background' },
  ],
  run(inv) {
    const grace = gracePeriod(inv)
    const selector = inv.flags.string('selector') ?? ''
    if (inv.flags.bool('all') && selector !== '')
      throw clientError("setting 'all' parameter but found a non empty selector. ")
    const dryRun = dryRunOf(inv)
    const timeoutMs = parseDuration(inv.flags.string('timeout') ?? '0s')
    if (grace === 0 && inv.flags.bool('force')) inv.io.err(FORCE_WARNING)
    const failures: Failure[] = []
    const targets = collect(inv, failures)
    if (targets === undefined) {
      inv.io.out('No resources found\n')
      throwFailures(failures)
      return 0
    }
    const deleted: { target: Deletion; uid: string }[] = []
    for (const target of targets) {
      const uid = deleteOne(inv, target, grace, dryRun, failures)
      if (uid !== undefined) deleted.push({ target, uid })
    }
    if (inv.flags.bool('wait') && dryRun === 'none' && deleted.length > 0) {
      const timeout = waitUntilGone(inv, deleted, timeoutMs)
      if (timeout !== undefined) failures.push({ message: timeout })
    }
    throwFailures(failures)
    return 0
  },
}

/** --grace-period, --now and --force as kubectl reconciles them (delete_flags.go). */
function gracePeriod(inv: Invocation): number {
  let grace = inv.flags.int('grace-period') ?? -1
  if (inv.flags.bool('now')) {
    if (grace !== -1) throw clientError('--now and --grace-period cannot be specified together')
    grace = 1
  }
  // kubectl turns a bare --grace-period=0 into 1 so nothing is lost by accident; --force keeps 0.
  if (grace === 0 && !inv.flags.bool('force')) grace = 1
  if (inv.flags.bool('force') && grace < 0) grace = 0
  return grace
}

/** The objects to delete; undefined when a selector or --all matched nothing. */
function collect(inv: Invocation, failures: Failure[]): Deletion[] | undefined {
  if (inv.flags.all('filename').length > 0) {
    const { infos, failures: read } = readManifests(inv)
    failures.push(...read)
    inv.api.discover()
    return infos.map((i) => ({
      def: i.def,
      name: i.name,
      namespace: i.namespace,
      source: i.source,
    }))
  }
  const { named, types } = parseTargets(inv, inv.args)
  inv.api.discover()
  if (types.length === 0) return named
  const selector = inv.flags.string('selector') ?? ''
  if (selector === '' && !inv.flags.bool('all'))
    throw new KubectlError('error: resource(s) were provided, but no name was specified')
  const all = inv.flags.bool('all-namespaces')
  const found = types.flatMap((def) =>
    listTargets(inv, def, selector, all).map((o) => targetOf(def, o)),
  )
  return found.length === 0 ? undefined : found
}

/** DELETE (or its dry run); prints the line; returns the uid to wait for. */
function deleteOne(
  inv: Invocation,
  target: Deletion,
  grace: number,
  dryRun: DryRun,
  failures: Failure[],
): string | undefined {
  const path = resourcePath(target.def, target.namespace, target.name)
  const response =
    dryRun === 'none'
      ? inv.api.send({
          method: 'DELETE',
          path,
          headers: { 'content-type': 'application/json' },
          body: {
            propagationPolicy: 'Background',
            ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
          },
        })
      : inv.api.send({ method: 'GET', path })
  if (response !== undefined && response.status >= 400) {
    if (response.status === 404 && inv.flags.bool('ignore-not-found')) return undefined
    failures.push(withSource('deleting', target.source, failed(response)))
    return undefined
  }
  printDeleted(inv, target.def, target.name, grace, dryRun)
  const object = response?.body as KubeObject | undefined
  return object?.metadata?.uid ?? (object as { details?: { uid?: string } })?.details?.uid ?? ''
}

function printDeleted(
  inv: Invocation,
  def: ResourceDef,
  name: string,
  grace: number,
  dryRun: DryRun,
): void {
  const kind = def.group === '' ? def.kind.toLowerCase() : `${def.kind.toLowerCase()}.${def.group}`
  if (inv.flags.string('output') === 'name') {
    inv.io.out(`${kind}/${name}\n`)
    return
  }
  const operation = grace === 0 ? 'force deleted' : 'deleted'
  inv.io.out(`${kind} "${name}" ${operation}${dryRunSuffix(dryRun)}\n`)
}
