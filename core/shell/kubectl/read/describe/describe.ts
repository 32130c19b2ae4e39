/**
 * `kubectl describe TYPE [NAME_PREFIX…] | TYPE/NAME` (pkg/cmd/describe): each object's
 * description, two blank lines apart. `describe TYPE NAME` falls back, as kubectl does, to
 * every object whose name starts with NAME when none is called exactly that.
 */
import type { KubeObject } from '../../../../api/types'
import { KubectlError } from '../../errors'
import type { Invocation, KubectlVerb } from '../../verb'
import { completeResources } from '../complete'
import { getObject, listObjects } from '../request'
import { resolveTargets, splitTargetArgs, type Target } from '../targets'
import { describeObject, type DescribeSettings } from './describers'

interface Found {
  objects: KubeObject[]
  errors: string[]
}

function fetch(
  inv: Invocation,
  targets: Target[],
  allNamespaces: boolean,
  prefixMatch: boolean,
): Found {
  const found: Found = { objects: [], errors: [] }
  const selector = inv.flags.string('selector')
  for (const { def, names } of targets) {
    const namespace = def.namespaced && !allNamespaces ? inv.namespace : undefined
    if (names.length === 0) {
      found.objects.push(...listObjects(inv.api, def, namespace, { labelSelector: selector }).items)
      continue
    }
    for (const name of names) {
      try {
        found.objects.push(getObject(inv.api, def, namespace, name))
      } catch (error) {
        if (!(error instanceof KubectlError) || error.refused) throw error
        const matching =
          prefixMatch && error.text.includes('(NotFound)')
            ? listObjects(inv.api, def, namespace).items.filter((o) =>
                o.metadata.name?.startsWith(name),
              )
            : []
        if (matching.length > 0) found.objects.push(...matching)
        else if (!found.errors.includes(error.text)) found.errors.push(error.text)
      }
    }
  }
  return found
}

export const describeVerb: KubectlVerb = {
  name: 'describe',
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-events', type: 'bool', default: 'true' },
    { name: 'chunk-size', type: 'int', default: '500' },
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'recursive', short: 'R', type: 'bool' },
  ],
  run(inv) {
    if (inv.args.length === 0)
      throw new KubectlError(
        'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
      )
    const split = splitTargetArgs(inv.args)
    inv.api.discover()
    const targets = resolveTargets(split)
    const allNamespaces = inv.flags.bool('all-namespaces')
    const prefixMatch = split.pairs === undefined && inv.args.length === 2
    const { objects, errors } = fetch(inv, targets, allNamespaces, prefixMatch)
    const settings: DescribeSettings = {
      api: inv.api,
      showEvents: inv.flags.bool('show-events'),
      context: { nowMs: inv.context.host.nowMs() },
    }
    inv.io.out(objects.map((o) => describeObject(o, settings)).join('\n\n'))
    if (objects.length === 0 && errors.length === 0) {
      inv.io.err(
        allNamespaces
          ? 'No resources found\n'
          : `No resources found in ${inv.namespace} namespace.\n`,
      )
    }
    if (errors.length > 0) throw new KubectlError(errors.join('\n'))
    return 0
  },
  complete: (words, partial, api) => completeResources(words, partial, api),
}
