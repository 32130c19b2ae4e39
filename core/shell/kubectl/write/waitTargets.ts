/**
 * The objects `kubectl wait` visits, found as its resource builder (cli-runtime's Builder with
 * ResourceBuilderFlags) finds them: `-f FILE…`, `TYPE/NAME…`, `TYPE NAME…`, or `TYPE[,TYPE…]`
 * with -l, --field-selector or --all, listed in the namespace or across all of them with -A.
 * Named objects are not fetched here: the wait GETs each one when it comes to it, as the
 * builder's lazy Infos do, so an object created meanwhile is found.
 */
import type { KubeObject } from '../../../api/types'
import { clientError } from '../errors'
import { listObjects } from '../read/request'
import type { Invocation } from '../verb'
import { readManifests } from './manifests'
import type { Failure } from './outcome'
import { parseTargets, targetOf, typed, type Target } from './targets'

/** One object to wait for, with the object itself when the builder already has it. */
export interface Located {
  target: Target
  object?: KubeObject
}

/** Whether a failure is the server's NotFound (what --for=delete passes over). */
export function isNotFound(failure: Failure): boolean {
  return (
    'status' in failure && (failure.status.code === 404 || failure.status.reason === 'NotFound')
  )
}

/** The objects to visit, in the builder's order; unreadable manifests go to `failures`. */
export function locate(inv: Invocation, failures: Failure[]): Located[] {
  if (inv.flags.all('filename').length > 0) return fromFiles(inv, failures)
  const labelSelector = inv.flags.string('selector') ?? ''
  const fieldSelector = inv.flags.string('field-selector') ?? ''
  const bySelector = labelSelector.trim() !== '' || fieldSelector.trim() !== ''
  if (inv.args.length === 0 && bySelector)
    throw clientError('at least one resource must be specified to use a selector')
  const { named, types } = parseTargets(inv, inv.args)
  inv.api.discover()
  if (bySelector || (inv.flags.bool('all') && types.length > 0)) {
    if (named.length > 0)
      throw clientError(
        tupleForm(inv.args)
          ? 'selectors and the all flag cannot be used when passing resource/name arguments'
          : 'name cannot be provided when a selector is specified',
      )
    const allNamespaces = inv.flags.bool('all-namespaces')
    return types.flatMap((def) => {
      const namespace = def.namespaced && !allNamespaces ? inv.namespace : undefined
      const list = listObjects(inv.api, def, namespace, { labelSelector, fieldSelector })
      return list.items.map((o) => ({ target: targetOf(def, o), object: typed(def, o) }))
    })
  }
  if (named.length === 0) throw clientError('resource(s) were provided, but no name was specified')
  if (inv.flags.bool('all-namespaces') && named.some((t) => t.def.namespaced))
    throw clientError('a resource cannot be retrieved by name across all namespaces')
  return named.map((target) => ({ target }))
}

/**
 * Whether the builder takes the arguments as TYPE/NAME tuples: all slashed, or several types
 * with names (`pods,services web` means pods/web and services/web).
 */
function tupleForm(args: readonly string[]): boolean {
  if (args.length > 0 && args.every((a) => a.includes('/'))) return true
  return args.length >= 2 && args[0]!.split(',').filter((t) => t !== '').length > 1
}

/** `-f`: each manifest's object; one without a name is visited as it is, to fail there. */
function fromFiles(inv: Invocation, failures: Failure[]): Located[] {
  if (inv.args.length > 0) {
    // A mix of TYPE/NAME and TYPE is refused first, with parseTargets' error.
    const slashed = inv.args.filter((a) => a.includes('/')).length
    if (slashed > 0 && slashed < inv.args.length) parseTargets(inv, inv.args)
    throw clientError(
      tupleForm(inv.args)
        ? 'resource/name arguments cannot be provided when a path is specified'
        : 'when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well',
    )
  }
  const { infos, failures: unreadable } = readManifests(inv)
  failures.push(...unreadable)
  inv.api.discover()
  return infos.map((info) => ({
    target: { def: info.def, name: info.name, namespace: info.namespace },
    ...(info.name === '' ? { object: typed(info.def, info.object) } : {}),
  }))
}
