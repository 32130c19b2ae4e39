/**
 * What `kubectl get|describe TYPE[,TYPE…] [NAME…]` and `TYPE/NAME…` ask for, as cli-runtime's
 * resource builder splits its arguments (ResourceTypeOrNameArgs): the shape is checked before
 * discovery, the types resolved after it.
 */
import type { ResourceDef } from '../../../apiserver/resources'
import { clientError } from '../errors'
import { allCategory, resolveResourceType } from '../resources'

export interface Target {
  def: ResourceDef
  /** Names asked for; empty for the whole collection. */
  names: string[]
}

/** The arguments split into types and names, before any type is resolved. */
export interface TargetArgs {
  pairs: { type: string; name: string }[] | undefined
  types: string[]
  names: string[]
}

export function splitTargetArgs(args: readonly string[]): TargetArgs {
  if (args.some((a) => a.includes('/'))) {
    if (!args.every((a) => a.includes('/'))) {
      throw clientError(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      )
    }
    const pairs = args.map((arg) => {
      const [type = '', name = '', ...rest] = arg.split('/')
      if (type === '' || name === '' || rest.length > 0)
        throw clientError('arguments in resource/name form must have a single resource and name')
      return { type, name }
    })
    return { pairs, types: [], names: [] }
  }
  const types = (args[0] ?? '').split(',').filter((t) => t !== '')
  return { pairs: undefined, types, names: args.slice(1) }
}

/** Resolves the types against the server's resources ("all" expands to its category). */
export function resolveTargets(split: TargetArgs): Target[] {
  if (split.pairs !== undefined) {
    const targets: Target[] = []
    for (const { type, name } of split.pairs) {
      const def = resolveResourceType(type)
      const last = targets.at(-1)
      // Consecutive names of one type make one request group, as the builder does.
      if (last !== undefined && last.def === def) last.names.push(name)
      else targets.push({ def, names: [name] })
    }
    return targets
  }
  const defs = split.types.flatMap((type) =>
    type.toLowerCase() === 'all' ? allCategory() : [resolveResourceType(type)],
  )
  const unique = defs.filter((def, i) => defs.indexOf(def) === i)
  return unique.map((def) => ({ def, names: [...split.names] }))
}
