/**
 * `kubectl label` and `kubectl annotate`: `key=value` sets, `key-` removes, on `TYPE NAME…`,
 * `TYPE/NAME`, or `TYPE -l SELECTOR | --all`. Changing an existing value needs --overwrite. The
 * change goes as a JSON merge patch of metadata.labels (or annotations), and only when
 * something changes ("pod/web not labeled" otherwise).
 */
import { deepEqual } from '../../../api/objects'
import type { KubeObject } from '../../../api/types'
import { clientError, KubectlError } from '../errors'
import { resourcePath } from '../resources'
import type { Invocation, KubectlVerb } from '../verb'
import { failed, throwFailures, type Failure } from './outcome'
import { DRY_RUN_FLAG, dryRunOf, OUTPUT_FLAG, report, type DryRun } from './printing'
import { fetch, listTargets, parseTargets, targetOf, typed, type Target } from './targets'

interface Kind {
  verb: 'label' | 'annotate'
  field: 'labels' | 'annotations'
  /** "label", "annotation": as the messages name one entry. */
  noun: string
  /** "a label", "an annotation". */
  article: string
}

const LABEL: Kind = { verb: 'label', field: 'labels', noun: 'label', article: 'a label' }
const ANNOTATION: Kind = {
  verb: 'annotate',
  field: 'annotations',
  noun: 'annotation',
  article: 'an annotation',
}

interface Changes {
  set: Record<string, string>
  remove: string[]
}

function verbFor(kind: Kind): KubectlVerb {
  return {
    name: kind.verb,
    flags: [
      DRY_RUN_FLAG,
      OUTPUT_FLAG,
      { name: 'overwrite', type: 'bool' },
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'all', type: 'bool' },
      { name: 'all-namespaces', short: 'A', type: 'bool' },
      { name: 'resource-version', type: 'string' },
      { name: 'list', type: 'bool' },
    ],
    run: (inv) => run(inv, kind),
  }
}

export const label = verbFor(LABEL)
export const annotate = verbFor(ANNOTATION)

function run(inv: Invocation, kind: Kind): number {
  const resources = inv.args.filter((a) => !isChange(a))
  const changes = parseChanges(inv.args.filter(isChange), kind)
  if (resources.length === 0) {
    throw clientError(
      'one or more resources must be specified as <resource> <name> or <resource>/<name>',
    )
  }
  if (Object.keys(changes.set).length === 0 && changes.remove.length === 0)
    throw clientError(`at least one ${kind.noun} update is required`)
  const dryRun = dryRunOf(inv)
  const { named, types } = parseTargets(inv, resources)
  inv.api.discover()
  const selector = inv.flags.string('selector') ?? ''
  if (types.length > 0 && selector === '' && !inv.flags.bool('all'))
    throw new KubectlError('error: resource(s) were provided, but no name was specified')
  const listed = types.flatMap((def) =>
    listTargets(inv, def, selector, inv.flags.bool('all-namespaces')).map((o) => targetOf(def, o)),
  )
  const failures: Failure[] = []
  for (const target of [...named, ...listed]) {
    const fetched = fetch(inv, target)
    if ('failure' in fetched) failures.push(fetched.failure)
    else {
      const failure = changeOne(
        inv,
        kind,
        target,
        typed(target.def, fetched.object),
        changes,
        dryRun,
      )
      if (failure !== undefined) failures.push(failure)
    }
  }
  throwFailures(failures)
  return 0
}

function isChange(arg: string): boolean {
  return arg.includes('=') || (arg.endsWith('-') && !arg.includes('/'))
}

function parseChanges(args: readonly string[], kind: Kind): Changes {
  const changes: Changes = { set: {}, remove: [] }
  for (const arg of args) {
    const eq = arg.indexOf('=')
    if (eq >= 0) changes.set[arg.slice(0, eq)] = arg.slice(eq + 1)
    else changes.remove.push(arg.slice(0, -1))
  }
  if (changes.remove.some((key) => key in changes.set))
    throw clientError(`can not both modify and remove ${kind.article} in the same command`)
  return changes
}

function changeOne(
  inv: Invocation,
  kind: Kind,
  target: Target,
  object: KubeObject,
  changes: Changes,
  dryRun: DryRun,
): Failure | undefined {
  const before = { ...object.metadata[kind.field] }
  const overwrite = inv.flags.bool('overwrite')
  for (const [key, value] of Object.entries(changes.set)) {
    if (overwrite || before[key] === undefined || before[key] === value) continue
    const message = `'${key}' already has a value (${before[key]}), and --overwrite is false`
    if (kind.verb === 'label') return { message }
    return {
      message: `--overwrite is false but found the following declared annotation(s): ${message.replace(', and --overwrite is false', '')}`,
    }
  }
  const after: Record<string, string> = { ...before, ...changes.set }
  for (const key of changes.remove) {
    if (!(key in after)) inv.io.out(`${kind.noun} "${key}" not found.\n`)
    delete after[key]
  }
  const changed = !deepEqual(before, after)
  if (changed && dryRun === 'none') {
    const patch: Record<string, string | null> = { ...changes.set }
    for (const key of changes.remove) if (key in before) patch[key] = null
    const version = inv.flags.string('resource-version')
    const response = inv.api.send({
      method: 'PATCH',
      path: resourcePath(target.def, target.namespace, target.name),
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { metadata: { [kind.field]: patch, ...(version ? { resourceVersion: version } : {}) } },
    })
    if (response.status >= 400) return failed(response)
    object = response.body as KubeObject
  }
  report(inv, object, operation(kind, changed, before, after, overwrite), dryRun)
  return undefined
}

/** label.go's updateDataChangeMsg: "unlabeled" when the labels only shrank without --overwrite. */
function operation(
  kind: Kind,
  changed: boolean,
  before: Record<string, string>,
  after: Record<string, string>,
  overwrite: boolean,
): string {
  if (kind.verb === 'annotate') return 'annotated'
  if (!changed) return 'not labeled'
  if (!overwrite && JSON.stringify(after).length < JSON.stringify(before).length) return 'unlabeled'
  return 'labeled'
}
