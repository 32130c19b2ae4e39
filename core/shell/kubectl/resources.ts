/**
 * Turning what the learner types ("po", "deploy", "deployments.apps", "Pod", "all") into the
 * server's resources, as kubectl's RESTMapper does from discovery.
 */
import { RESOURCES, type ResourceDef } from '../../apiserver/resources'
import { clientError } from './errors'

/**
 * The resources `all` expands to: those in the "all" category, in kubectl's order
 * (core first, then groups alphabetically, as discovery lists them).
 */
export function allCategory(): ResourceDef[] {
  return RESOURCES.filter((r) => r.categories.includes('all'))
}

/** Finds a resource by plural, singular, short name or kind, optionally "name.group". */
export function findResourceType(typed: string): ResourceDef | undefined {
  const lower = typed.toLowerCase()
  const matches = (r: ResourceDef, name: string): boolean =>
    name === r.resource ||
    name === r.singular ||
    r.shortNames.includes(name) ||
    name === r.kind.toLowerCase()
  const exact = RESOURCES.find((r) => matches(r, lower))
  if (exact !== undefined) return exact
  const dot = lower.indexOf('.')
  if (dot < 0) return undefined
  const [name, group] = [lower.slice(0, dot), lower.slice(dot + 1)]
  return RESOURCES.find(
    (r) => matches(r, name) && (r.group === group || (r.group === '' && group === 'v1')),
  )
}

/** Like findResourceType, failing as kubectl does for a type the server does not have. */
export function resolveResourceType(typed: string): ResourceDef {
  const found = findResourceType(typed)
  if (found === undefined) throw clientError(`the server doesn't have a resource type "${typed}"`)
  return found
}

/** "pods", "deployments.apps": how kubectl names a resource in messages. */
export function qualifiedName(def: ResourceDef): string {
  return def.group === '' ? def.resource : `${def.resource}.${def.group}`
}

/** The REST path of a resource's collection or of one object (and a subresource). */
export function resourcePath(
  def: ResourceDef,
  namespace: string | undefined,
  name?: string,
  subresource?: string,
): string {
  const base = def.group === '' ? `/api/${def.version}` : `/apis/${def.group}/${def.version}`
  const ns = def.namespaced && namespace !== undefined ? `/namespaces/${namespace}` : ''
  const object = name === undefined ? '' : `/${name}`
  const sub = subresource === undefined ? '' : `/${subresource}`
  return `${base}${ns}/${def.resource}${object}${sub}`
}
