/** `objectExists` and `field`: one object, read from etcd by its kind, namespace and name. */
import type { KubeObject } from '../../api/types'
import { etcdKey, RESOURCES } from '../../apiserver/resources'
import { stored, verdict, type CheckContext, type CheckResult } from './context'
import { parseFieldPath, readFieldPath } from './fieldPath'
import type { LeafPredicate } from './schema'

type Ref = { kind: string; namespace?: string | undefined; name: string }

function lookup(
  ref: Ref,
  context: CheckContext,
): { label: string; object: KubeObject | undefined } {
  const def = RESOURCES.find((r) => r.kind === ref.kind)
  const namespace = ref.namespace ?? 'default'
  const label =
    def?.namespaced === false ? `${ref.kind} ${ref.name}` : `${ref.kind} ${namespace}/${ref.name}`
  if (def === undefined) return { label, object: undefined }
  return { label, object: stored(context, etcdKey(def, namespace, ref.name)) }
}

export function objectExists(
  p: Extract<LeafPredicate, { check: 'objectExists' }>,
  context: CheckContext,
): CheckResult {
  const { label, object } = lookup(p, context)
  return object === undefined
    ? verdict(false, `${label} does not exist.`, `${label} não existe.`)
    : verdict(true, `${label} exists.`, `${label} existe.`)
}

export function field(
  p: Extract<LeafPredicate, { check: 'field' }>,
  context: CheckContext,
): CheckResult {
  const { label, object } = lookup(p, context)
  if (object === undefined)
    return verdict(false, `${label} does not exist.`, `${label} não existe.`)
  const parts = parseFieldPath(p.path)
  const value = typeof parts === 'string' ? undefined : readFieldPath(object, parts)
  const shown = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value)
  if (value === undefined)
    return verdict(false, `${label} has no ${p.path}.`, `${label} não tem ${p.path}.`)
  const ok =
    (p.equals === undefined || value === p.equals) &&
    (p.matches === undefined || new RegExp(p.matches).test(shown))
  const wanted = p.equals !== undefined ? ` (wanted ${JSON.stringify(p.equals)})` : ''
  const queria = p.equals !== undefined ? ` (esperado ${JSON.stringify(p.equals)})` : ''
  return verdict(
    ok,
    `${label}: ${p.path} is ${shown}${ok ? '' : wanted}.`,
    `${label}: ${p.path} é ${shown}${ok ? '' : queria}.`,
  )
}
