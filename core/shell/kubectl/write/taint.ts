/**
 * `kubectl taint nodes NODE key=value:Effect | key:Effect | key:Effect- | key-`: the node's
 * whole taint list is sent back in a strategic merge patch (taints have no merge key), as
 * kubectl does, with fieldManager kubectl-taint.
 */
import type { KubeObject } from '../../../api/types'
import { clientError, KubectlError } from '../errors'
import { findResourceType, resourcePath } from '../resources'
import type { Invocation, KubectlVerb } from '../verb'
import { NODES } from './cordon'
import { failed, throwFailures, type Failure } from './outcome'
import { DRY_RUN_FLAG, dryRunOf, OUTPUT_FLAG, report, type DryRun } from './printing'
import { fetch, listTargets, typed } from './targets'

interface Taint {
  key: string
  value?: string
  effect?: string
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute']
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/
const HINT = "\nSee 'kubectl taint -h' for help and examples"

function usage(message: string): KubectlError {
  return new KubectlError(`error: ${message}${HINT}`)
}

export const taint: KubectlVerb = {
  name: 'taint',
  flags: [
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    { name: 'overwrite', type: 'bool' },
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
  ],
  run(inv) {
    const specs = inv.args.filter((a) => a.includes(':') || a.includes('=') || a.endsWith('-'))
    const resources = inv.args.filter((a) => !specs.includes(a))
    if (resources.length === 0)
      throw clientError('one or more resources must be specified as <resource> <name>')
    const names = nodeNames(inv, resources)
    if (specs.length === 0) throw clientError('at least one taint update is required')
    const { add, remove } = parseSpecs(specs)
    const dryRun = dryRunOf(inv)
    inv.api.discover()
    const failures: Failure[] = []
    for (const name of names) {
      const fetched = fetch(inv, { def: NODES, name, namespace: undefined })
      const failure =
        'failure' in fetched
          ? fetched.failure
          : taintOne(inv, typed(NODES, fetched.object), add, remove, dryRun)
      if (failure !== undefined) failures.push(failure)
    }
    throwFailures(failures)
    return 0
  },
}

/** `nodes NAME…`, `node/NAME`, or `nodes --all` / `-l`; other types are refused. */
function nodeNames(inv: Invocation, resources: string[]): string[] {
  const [first, ...rest] = resources
  const slash = first!.indexOf('/')
  const typeText = slash < 0 ? first! : first!.slice(0, slash)
  const def = findResourceType(typeText)
  if (def === undefined || def.kind !== 'Node')
    throw clientError(`invalid resource type ${typeText}, only node types are supported`)
  if (slash >= 0) return resources.map((r) => r.slice(r.indexOf('/') + 1))
  if (rest.length > 0) return rest
  if (inv.flags.bool('all') || inv.flags.has('selector'))
    return listTargets(inv, NODES, inv.flags.string('selector')).map((n) => n.metadata.name ?? '')
  throw clientError('at least one taint update is required')
}

function parseSpecs(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = []
  const remove: Taint[] = []
  for (const spec of specs) {
    const removing = spec.endsWith('-')
    const text = removing ? spec.slice(0, -1) : spec
    const colon = text.indexOf(':')
    const keyValue = colon < 0 ? text : text.slice(0, colon)
    const effect = colon < 0 ? undefined : text.slice(colon + 1)
    const eq = keyValue.indexOf('=')
    const key = eq < 0 ? keyValue : keyValue.slice(0, eq)
    const value = eq < 0 ? undefined : keyValue.slice(eq + 1)
    if (!validKey(key) || (!removing && effect === undefined)) {
      throw usage(
        `invalid taint spec: ${spec}, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      )
    }
    if (effect !== undefined && !EFFECTS.includes(effect))
      throw usage(`invalid taint effect: ${effect}, unsupported taint effect`)
    const taint: Taint = { key, ...(value ? { value } : {}), ...(effect ? { effect } : {}) }
    ;(removing ? remove : add).push(taint)
  }
  return { add, remove }
}

function validKey(key: string): boolean {
  const slash = key.lastIndexOf('/')
  const name = slash < 0 ? key : key.slice(slash + 1)
  return name.length <= 63 && NAME_PART.test(name)
}

function taintOne(
  inv: Invocation,
  node: KubeObject,
  add: Taint[],
  remove: Taint[],
  dryRun: DryRun,
): Failure | undefined {
  const name = node.metadata.name ?? ''
  const old = ((node['spec'] as { taints?: Taint[] } | undefined)?.taints ?? []).map((t) => ({
    ...t,
  }))
  const overwrite = inv.flags.bool('overwrite')
  const clashing = add.filter((a) => old.some((o) => o.key === a.key && o.effect === a.effect))
  if (clashing.length > 0 && !overwrite) {
    const keys = clashing.map((t) => t.key).join(',')
    return {
      message: `node ${name} already has ${keys} taint(s) with same effect(s) and --overwrite is false`,
    }
  }
  let taints = [
    ...add,
    ...old.filter((o) => !add.some((a) => a.key === o.key && a.effect === o.effect)),
  ]
  for (const r of remove) {
    const before = taints.length
    taints = taints.filter(
      (t) => !(t.key === r.key && (r.effect === undefined || t.effect === r.effect)),
    )
    if (taints.length === before)
      return {
        message: `taint ${JSON.stringify(r.effect ? `${r.key}:${r.effect}` : r.key)} not found`,
      }
  }
  if (dryRun === 'none') {
    const response = inv.api.send({
      method: 'PATCH',
      path: resourcePath(NODES, undefined, name),
      query: { fieldManager: 'kubectl-taint', fieldValidation: 'Strict' },
      headers: { 'content-type': 'application/strategic-merge-patch+json' },
      body: { spec: { taints: taints.length === 0 ? null : taints } },
    })
    if (response.status >= 400) return failed(response)
    node = response.body as KubeObject
  }
  report(inv, node, operationOf(add, remove, overwrite), dryRun)
  return undefined
}

/** taint.go's reorganizeTaints: modified (with --overwrite, or adding and removing), else one. */
function operationOf(add: Taint[], remove: Taint[], overwrite: boolean): string {
  if (overwrite || (add.length > 0 && remove.length > 0)) return 'modified'
  return add.length > 0 ? 'tainted' : 'untainted'
}
