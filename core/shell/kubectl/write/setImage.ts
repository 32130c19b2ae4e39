/**
 * `kubectl set image TYPE/NAME CONTAINER=IMAGE… ` (`*=IMAGE` for every container): a strategic
 * merge patch of the pod template's containers. Nothing to change prints nothing, as kubectl.
 */
import type { KubeObject } from '../../../api/types'
import { clientError } from '../errors'
import type { Invocation } from '../verb'
import type { Failure } from './outcome'
import { patchPodSpec, podSpecOf, updateEach } from './podSpecPatch'
import { dryRunOf, report, type DryRun } from './printing'
import type { Target } from './targets'

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
  let dryRun: DryRun = 'none'
  const validate = (): void => {
    if (images.size === 0) throw clientError('at least one image update is required')
    dryRun = dryRunOf(inv)
  }
  return updateEach(inv, resources, validate, (target, object) =>
    updateOne(inv, target, object, images, dryRun),
  )
}

function updateOne(
  inv: Invocation,
  target: Target,
  object: KubeObject,
  images: Map<string, string>,
  dryRun: DryRun,
): Failure | undefined {
  const containers = (podSpecOf(object)?.['containers'] as Container[] | undefined) ?? []
  const changed: Container[] = []
  for (const [name, image] of images) {
    const matching = containers.filter((c) => name === '*' || c.name === name)
    if (matching.length === 0) return { message: `unable to find container named "${name}"` }
    for (const c of matching) if (c.image !== image) changed.push({ image, name: c.name })
  }
  // kubectl skips an object whose patch is empty, without a word.
  if (changed.length === 0) return undefined
  if (dryRun === 'none') {
    const patched = patchPodSpec(inv, target, object, { containers: changed })
    if ('failure' in patched) return patched.failure
    object = patched.object
  }
  report(inv, object, 'image updated', dryRun)
  return undefined
}
