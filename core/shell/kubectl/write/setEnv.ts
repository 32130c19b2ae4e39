/**
 * `kubectl set env RESOURCE/NAME KEY=VALUE … KEY-` (also -e KEY=VALUE, -c, --list,
 * --overwrite=false, --from=configmap/NAME|secret/NAME with --prefix and --keys, -l/--all over a
 * type): adds, replaces and removes the environment variables of the matching containers (init
 * containers too) of a pod template, with a strategic merge patch. An object with nothing to
 * change is skipped without a word. Texts from kubectl's set_env.go, set/env/env_parse.go and
 * set/helper.go (v1.32).
 */
import type { KubeObject } from '../../../api/types'
import { KubectlError } from '../errors'
import type { Invocation } from '../verb'
import { throwFailures, type Failure } from './outcome'
import { matchesContainer, patchPodSpec, podSpecOf } from './podSpecPatch'
import { dryRunOf, report, type DryRun } from './printing'
import { fetch, listTargets, parseTargets, targetOf, typed, type Target } from './targets'

interface EnvVar {
  name: string
  value?: string
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string }
    secretKeyRef?: { name: string; key: string }
    fieldRef?: { fieldPath: string }
    resourceFieldRef?: { containerName?: string; resource: string }
  }
}

interface Container {
  name: string
  env?: EnvVar[]
}

interface Changes {
  env: EnvVar[]
  remove: string[]
}

const error = (message: string): KubectlError => new KubectlError(`error: ${message}`)

/** validation.IsEnvVarName, with apimachinery's RegexError wording (its double spaces too). */
function envNameErrors(name: string): string[] {
  const errs: string[] = []
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name))
    errs.push(
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnv1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    )
  if (name === '.') errs.push(`must not be '.'`)
  else if (name === '..') errs.push(`must not be '..'`)
  else if (name.startsWith('..')) errs.push(`must not start with '..'`)
  return errs
}

/** SplitEnvironmentFromResources: resources first, then KEY=VALUE and KEY- arguments. */
function splitArgs(args: readonly string[]): { resources: string[]; envArgs: string[] } {
  const resources: string[] = []
  const envArgs: string[] = []
  for (const arg of args) {
    const isEnv = /^.+=/s.test(arg) || arg.endsWith('-')
    if (isEnv) envArgs.push(arg)
    else if (envArgs.length === 0) resources.push(arg)
    else
      throw error(`all resources must be specified before environment changes: ${args.join(' ')}`)
  }
  return { resources, envArgs }
}

/** parseIntoEnvVar: KEY=VALUE sets, KEY- removes; not both for one name. */
function parseChanges(specs: readonly string[]): Changes {
  const changes: Changes = { env: [], remove: [] }
  for (const spec of specs) {
    const equals = spec.indexOf('=')
    if (equals >= 0) {
      const name = spec.slice(0, equals)
      const errs = envNameErrors(name)
      if (errs.length > 0)
        throw error(`${JSON.stringify(name)} is not a valid key name: ${errs.join(';')}`)
      changes.env.push({ name, value: spec.slice(equals + 1) })
    } else if (spec.endsWith('-')) changes.remove.push(spec.slice(0, -1))
    else throw error(`unknown environment variable: ${spec}`)
  }
  if (changes.remove.some((name) => changes.env.some((e) => e.name === name)))
    throw error('can not both modify and remove the same environment variable in the same command')
  return changes
}

/**
 * --from: one variable per key of a ConfigMap or Secret, referring to it. kubectl walks the keys
 * in Go map order (random); the lab sorts them, so a run is reproducible.
 */
function fromSource(inv: Invocation, changes: Changes): void {
  const from = inv.flags.string('from') ?? ''
  const keys = inv.flags.string('keys')?.split(',') ?? []
  if (keys.length > 0 && from === '')
    throw error('when specifying --keys, a configmap or secret must be provided with --from')
  if (from === '') return
  const { named } = parseTargets(inv, [from])
  for (const target of named) {
    const fetched = fetch(inv, target)
    if ('failure' in fetched) throwFailures([fetched.failure])
    const object = (fetched as { object: KubeObject }).object
    const ref = target.def.kind === 'Secret' ? 'secretKeyRef' : 'configMapKeyRef'
    if (target.def.kind !== 'Secret' && target.def.kind !== 'ConfigMap')
      throw error('unsupported resource specified in --from')
    const data = (object['data'] ?? {}) as Record<string, unknown>
    for (const key of Object.keys(data).sort()) {
      if (keys.length > 0 && !keys.includes(key)) continue
      const name = key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase()
      if (name !== key) inv.io.err(`Warning: key ${key} transferred to ${name}\n`)
      changes.env.push({ name, valueFrom: { [ref]: { name: target.name, key } } })
    }
  }
  const prefix = inv.flags.string('prefix') ?? ''
  for (const e of changes.env) if (e.valueFrom !== undefined) e.name = `${prefix}${e.name}`
}

/** updateEnv: replaces variables of the same name in place, appends new ones, removes. */
export function updateEnv(existing: readonly EnvVar[], changes: Changes): EnvVar[] {
  const out: EnvVar[] = []
  const covered = new Set(changes.remove)
  for (const e of existing) {
    if (covered.has(e.name)) continue
    const newer = changes.env.find((n) => n.name === e.name)
    if (newer !== undefined) covered.add(e.name)
    out.push(newer ?? e)
  }
  for (const e of changes.env) {
    if (covered.has(e.name)) continue
    covered.add(e.name)
    out.push(e)
  }
  return out
}

/**
 * The strategic merge patch from one env list to another, as CreateTwoWayMergePatch makes it:
 * variables new or changed, and a `$patch: delete` for each one gone (env merges on name).
 */
function envPatch(before: readonly EnvVar[], after: readonly EnvVar[]): unknown[] {
  const text = (e: EnvVar | undefined): string => JSON.stringify(e)
  const changed = after.filter((e) => text(before.find((b) => b.name === e.name)) !== text(e))
  const gone = before.filter((b) => !after.some((e) => e.name === b.name))
  return [...changed, ...gone.map((b) => ({ $patch: 'delete', name: b.name }))]
}

/** GetEnvVarRefString: what --list prints for a variable that refers to something. */
function refText(from: NonNullable<EnvVar['valueFrom']>): string {
  if (from.configMapKeyRef)
    return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`
  if (from.resourceFieldRef) {
    const { containerName, resource } = from.resourceFieldRef
    return `resource field ${containerName ? `${containerName}/` : ''}${resource}`
  }
  return 'invalid valueFrom'
}

export function setEnv(inv: Invocation, args: readonly string[]): number {
  const { resources, envArgs } = splitArgs(args)
  if (resources.length === 0)
    throw error('one or more resources must be specified as <resource> <name> or <resource>/<name>')
  const list = inv.flags.bool('list')
  if (list && inv.flags.has('output'))
    throw error('--list and --output may not be specified together')
  const selector = inv.flags.string('selector') ?? ''
  if (inv.flags.bool('all') && selector !== '')
    throw error('cannot set --all and --selector at the same time')
  const changes = parseChanges([...inv.flags.all('env'), ...envArgs])
  const dryRun = dryRunOf(inv)
  inv.api.discover()
  fromSource(inv, changes)
  const { named, types } = parseTargets(inv, resources)
  if (types.length > 0 && selector === '' && !inv.flags.bool('all'))
    throw new KubectlError('error: resource(s) were provided, but no name was specified')
  const listed = types.flatMap((def) =>
    listTargets(inv, def, selector).map((o) => ({ target: targetOf(def, o), object: o })),
  )
  const failures: Failure[] = []
  const each = [...named.map((target) => ({ target, object: undefined })), ...listed]
  for (const { target, object: known } of each) {
    const fetched = known === undefined ? fetch(inv, target) : { object: known }
    const failure =
      'failure' in fetched
        ? fetched.failure
        : updateOne(inv, target, typed(target.def, fetched.object), changes, { list, dryRun })
    if (failure !== undefined) failures.push(failure)
  }
  throwFailures(failures)
  return 0
}

function updateOne(
  inv: Invocation,
  target: Target,
  object: KubeObject,
  changes: Changes,
  mode: { list: boolean; dryRun: DryRun },
): Failure | undefined {
  const spec = podSpecOf(object)
  const selector = inv.flags.string('containers') ?? '*'
  const objectName = `${target.def.resource}/${target.name}`
  const lists = ['containers', 'initContainers'] as const
  const patch: Partial<Record<(typeof lists)[number], unknown[]>> = {}
  let selected = 0
  for (const name of lists) {
    for (const c of (spec?.[name] as Container[] | undefined) ?? []) {
      if (!matchesContainer(selector, c.name)) continue
      selected++
      const existing = c.env ?? []
      if (!inv.flags.bool('overwrite')) {
        const clash = changes.env.find((e) => {
          const current = existing.find((x) => x.name === e.name)
          return current !== undefined && current.value !== e.value
        })
        if (clash !== undefined) {
          const current = existing.find((x) => x.name === clash.name)!
          return {
            message: `error: ${objectName} '${current.name}' already has a value (${current.value ?? ''}), and --overwrite is false`,
          }
        }
      }
      const env = updateEnv(existing, changes)
      if (mode.list) listEnv(inv, object, c.name, env)
      const diff = envPatch(existing, env)
      if (diff.length > 0) (patch[name] ??= []).push({ name: c.name, env: diff })
    }
  }
  if (selected === 0) {
    const kind = object.kind ?? target.def.kind
    inv.io.err(
      `Warning: ${kind}/${target.name} does not have any containers matching ${JSON.stringify(selector)}\n`,
    )
  }
  // --list only shows; kubectl skips an object whose patch is empty, without a word.
  if (mode.list || Object.keys(patch).length === 0) return undefined
  if (mode.dryRun === 'none') {
    const patched = patchPodSpec(inv, target, object, patch)
    if ('failure' in patched) return patched.failure
    object = patched.object
  }
  report(inv, object, 'env updated', mode.dryRun)
  return undefined
}

/** --list: "# Deployment web, container nginx" then NAME=value, or where a value comes from. */
function listEnv(inv: Invocation, object: KubeObject, container: string, env: EnvVar[]): void {
  inv.io.out(`# ${object.kind} ${object.metadata.name}, container ${container}\n`)
  for (const e of env) {
    if (e.valueFrom === undefined) inv.io.out(`${e.name}=${e.value ?? ''}\n`)
    else inv.io.out(`# ${e.name} from ${refText(e.valueFrom)}\n`)
  }
}
