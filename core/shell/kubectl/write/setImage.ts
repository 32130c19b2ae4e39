/**
 * `kubectl set image TYPE/NAME CONTAINER=IMAGE… ` (`*=IMAGE` for every container): a strategic
 * merge patch of the pod template's containers. Nothing to change prints nothing, as kubectl.
 */
import type { KubeObject } from '../../../api/types'
import { clientError } from '../errors'
import { resourcePath } from '../resources'
import type { Invocation } from '../verb'
import { failed, throwFailures, type Failure } from './outcome'
import { dryRunOf, report, type DryRun } from './printing'
import { fetch, parseTargets, typed, type Target } from './targets'

interface Container {
  name: string
  image?: string
}

export function setImage(inv: Invocation, args: readonly string[]): number {
  const resources = args.filter((a) => !a.includes('='))
  const images = new Map(
    args
      .filter((a) => a.includes('='))
      .map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]),
  )
  const { named } = parseTargets(inv, resources)
  if (images.size === 0) throw clientError('at least one image update is required')
  const dryRun = dryRunOf(inv)
  inv.api.discover()
  const failures: Failure[] = []
  for (const target of named) {
    const fetched = fetch(inv, target)
    const failure =
      'failure' in fetched
        ? fetched.failure
        : updateOne(inv, target, typed(target.def, fetched.object), images, dryRun)
    if (failure !== undefined) failures.push(failure)
  }
  throwFailures(failures)
  return 0
}

function updateOne(
  inv: Invocation,
  target: Target,
  object: KubeObject,
  images: Map<string, string>,
  dryRun: DryRun,
): Failure | undefined {
  const podSpec = podSpecOf(object)
  const containers = (podSpec?.['containers'] as Container[] | undefined) ?? []
  const changed: Container[] = []
  for (const [name, image] of images) {
    const matching = containers.filter((c) => name === '*' || c.name === name)
    if (matching.length === 0) return { message: `unable to find container named "${name}"` }
    for (const c of matching) if (c.image !== image) changed.push({ image, name: c.name })
  }
  // kubectl skips an object whose patch is empty, without a word.
  if (changed.length === 0) return undefined
  if (dryRun === 'none') {
    const containerPatch = { containers: changed }
    const body =
      object.kind === 'Pod'
        ? { spec: containerPatch }
        : { spec: { template: { spec: containerPatch } } }
    const response = inv.api.send({
      method: 'PATCH',
      path: resourcePath(target.def, target.namespace, target.name),
      query: { fieldManager: 'kubectl-set' },
      headers: { 'content-type': 'application/strategic-merge-patch+json' },
      body,
    })
    if (response.status >= 400) return failed(response)
    object = response.body as KubeObject
  }
  report(inv, object, 'image updated', dryRun)
  return undefined
}

/** The pod spec of a pod, or of a workload's template. */
export function podSpecOf(object: KubeObject): Record<string, unknown> | undefined {
  const spec = object['spec'] as Record<string, unknown> | undefined
  if (object.kind === 'Pod') return spec
  return (spec?.['template'] as { spec?: Record<string, unknown> } | undefined)?.spec
}
