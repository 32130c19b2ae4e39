/**
 * The objects a verb acts on, named as kubectl accepts them: `TYPE NAME…`, `TYPE/NAME…`, or
 * `TYPE` with -l SELECTOR or --all (listed from the server). Lookups by name are fetched one by
 * one so a missing object is a failure of its own while the others go on.
 */
import type { KubeObject } from '../../../api/types'
import type { ResourceDef } from '../../../apiserver/resources'
import { clientError, KubectlError } from '../errors'
import { resolveResourceType, resourcePath } from '../resources'
import type { Invocation } from '../verb'
import { failed, type Failure } from './outcome'

export interface Target {
  def: ResourceDef
  name: string
  namespace: string | undefined
}

export const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`

/** Parsed arguments: the named targets, or the types to list with a selector. */
export interface TargetArgs {
  named: Target[]
  /** Types given without names (for -l / --all). */
  types: ResourceDef[]
}

export function parseTargets(inv: Invocation, args: readonly string[]): TargetArgs {
  if (args.length === 0) throw new KubectlError(NO_RESOURCES)
  const slashed = args.filter((a) => a.includes('/'))
  if (slashed.length > 0 && slashed.length < args.length) {
    throw clientError(
      `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
    )
  }
  if (slashed.length > 0) {
    const named = args.map((arg) => {
      const slash = arg.indexOf('/')
      return target(inv, resolveResourceType(arg.slice(0, slash)), arg.slice(slash + 1))
    })
    return { named, types: [] }
  }
  const types = args[0]!.split(',').map(resolveResourceType)
  const names = args.slice(1)
  const named = names.flatMap((name) => types.map((def) => target(inv, def, name)))
  return { named, types: names.length === 0 ? types : [] }
}

function target(inv: Invocation, def: ResourceDef, name: string): Target {
  return { def, name, namespace: def.namespaced ? inv.namespace : undefined }
}

/** GETs one target: the object, or the failure to report for it. */
export function fetch(inv: Invocation, t: Target): { object: KubeObject } | { failure: Failure } {
  const response = inv.api.send({ method: 'GET', path: resourcePath(t.def, t.namespace, t.name) })
  if (response.status >= 400) return { failure: failed(response) }
  return { object: response.body as KubeObject }
}

/** Lists a type with -l (or everything, for --all), in the -n namespace or all (-A). */
export function listTargets(
  inv: Invocation,
  def: ResourceDef,
  selector: string | undefined,
  allNamespaces = false,
): KubeObject[] {
  const namespace = def.namespaced && !allNamespaces ? inv.namespace : undefined
  const response = inv.api.request({
    method: 'GET',
    path: resourcePath(def, namespace),
    query: selector === undefined || selector === '' ? {} : { labelSelector: selector },
  })
  return ((response.body as { items?: KubeObject[] }).items ?? []).map((o) => typed(def, o))
}

/** A target for an object already fetched (from a list). */
export function targetOf(def: ResourceDef, object: KubeObject): Target {
  return { def, name: object.metadata.name ?? '', namespace: object.metadata.namespace }
}

/** Ensures a fetched object has its apiVersion and kind (lists leave them out of items). */
export function typed(def: ResourceDef, object: KubeObject): KubeObject {
  return {
    ...object,
    apiVersion:
      object.apiVersion ?? (def.group === '' ? def.version : `${def.group}/${def.version}`),
    kind: object.kind ?? def.kind,
  }
}
