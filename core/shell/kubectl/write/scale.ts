/**
 * `kubectl scale TYPE NAME --replicas=N [--current-replicas=M]`: a merge patch of the scale
 * subresource (KUBECTL-WIRE.md §3.11). Types without one (pods) get the server's NotFound.
 */
import { clientError } from '../errors'
import { resourcePath } from '../resources'
import type { Invocation, KubectlVerb } from '../verb'
import { failed, requiredFlagError, throwFailures, type Failure } from './outcome'
import { DRY_RUN_FLAG, dryRunOf, OUTPUT_FLAG, report } from './printing'
import { fetch, listTargets, parseTargets, targetOf, typed, type Target } from './targets'

export const scale: KubectlVerb = {
  name: 'scale',
  flags: [
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    { name: 'replicas', type: 'int', default: '-1' },
    { name: 'current-replicas', type: 'int', default: '-1' },
    { name: 'resource-version', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'timeout', type: 'string', default: '0s' },
  ],
  run(inv) {
    if (!inv.flags.has('replicas')) throw requiredFlagError(inv, 'replicas')
    const { named, types } = parseTargets(inv, inv.args)
    const replicas = inv.flags.int('replicas') ?? -1
    if (replicas < 0) {
      throw clientError(
        'The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
      )
    }
    const dryRun = dryRunOf(inv)
    inv.api.discover()
    const targets = [
      ...named,
      ...types.flatMap((def) =>
        listTargets(inv, def, inv.flags.string('selector')).map((o) => targetOf(def, o)),
      ),
    ]
    const failures: Failure[] = []
    let found = 0
    for (const target of targets) {
      const fetched = fetch(inv, target)
      if ('failure' in fetched) {
        failures.push(fetched.failure)
        continue
      }
      found++
      const failure = scaleOne(inv, target, fetched.object, replicas, dryRun)
      if (failure !== undefined) failures.push(failure)
    }
    if (found === 0 && failures.length > 0) {
      const text = failures.map((f) => ('status' in f ? f.status.message : f.message)).join(', ')
      throw clientError(`no objects passed to scale ${text}`)
    }
    throwFailures(failures)
    return 0
  },
}

function scaleOne(
  inv: Invocation,
  target: Target,
  object: Parameters<typeof typed>[1],
  replicas: number,
  dryRun: ReturnType<typeof dryRunOf>,
): Failure | undefined {
  const current = inv.flags.int('current-replicas') ?? -1
  const actual = (object['spec'] as { replicas?: number } | undefined)?.replicas ?? 0
  if (current >= 0 && current !== actual)
    return { message: `Expected replicas to be ${current}, was ${actual}` }
  if (dryRun === 'none') {
    const response = inv.api.send({
      method: 'PATCH',
      path: resourcePath(target.def, target.namespace, target.name, 'scale'),
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { spec: { replicas } },
    })
    if (response.status >= 400) return failed(response)
  }
  report(inv, typed(target.def, object), 'scaled', dryRun)
  return undefined
}
