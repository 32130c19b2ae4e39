/**
 * `kubectl set resources TYPE/NAME [-c CONTAINERS] --requests=cpu=…,memory=… --limits=…`: sets
 * those requests and limits on the matching containers (init containers too) of the pod
 * template, as a strategic merge patch; other resources already set are kept. Nothing to change
 * prints nothing. Texts from kubectl's set_resources.go and HandleResourceRequirementsV1 (v1.32).
 */
import { isQuantity, QuantityError } from '../../../api/quantity'
import type { KubeObject } from '../../../api/types'
import { clientError } from '../errors'
import type { Invocation } from '../verb'
import type { Failure } from './outcome'
import { matchesContainer, patchPodSpec, podSpecOf, updateEach } from './podSpecPatch'
import { dryRunOf, report, type DryRun } from './printing'
import type { Target } from './targets'

type ResourceList = Record<string, string>

interface Container {
  name: string
  resources?: { requests?: ResourceList; limits?: ResourceList }
}

/** "cpu=100m,memory=256Mi" as populateResourceListV1 reads it. */
function resourceList(spec: string): ResourceList {
  const list: ResourceList = {}
  if (spec === '') return list
  for (const statement of spec.split(',')) {
    const parts = statement.split('=')
    if (parts.length !== 2)
      throw clientError(`Invalid argument syntax ${statement}, expected <resource>=<value>`)
    if (!isQuantity(parts[1]!)) throw clientError(new QuantityError(parts[1]!).message)
    list[parts[0]!] = parts[1]!
  }
  return list
}

export function setResources(inv: Invocation, args: readonly string[]): number {
  const limits = inv.flags.string('limits') ?? ''
  const requests = inv.flags.string('requests') ?? ''
  if (limits === '' && requests === '')
    throw clientError(
      'you must specify an update to requests or limits (in the form of --requests/--limits)',
    )
  const wanted = { limits: resourceList(limits), requests: resourceList(requests) }
  const selector = inv.flags.string('containers') ?? '*'
  const dryRun = dryRunOf(inv)
  return updateEach(
    inv,
    args,
    () => undefined,
    (target, object) => updateOne(inv, target, object, selector, wanted, dryRun),
  )
}

function updateOne(
  inv: Invocation,
  target: Target,
  object: KubeObject,
  selector: string,
  wanted: { limits: ResourceList; requests: ResourceList },
  dryRun: DryRun,
): Failure | undefined {
  const spec = podSpecOf(object)
  const lists = ['containers', 'initContainers'] as const
  const patch: Partial<Record<(typeof lists)[number], Container[]>> = {}
  let selected = 0
  for (const list of lists) {
    for (const c of (spec?.[list] as Container[] | undefined) ?? []) {
      if (!matchesContainer(selector, c.name)) continue
      selected++
      const changed: NonNullable<Container['resources']> = {}
      for (const kind of ['limits', 'requests'] as const)
        for (const [name, value] of Object.entries(wanted[kind]))
          if (c.resources?.[kind]?.[name] !== value) (changed[kind] ??= {})[name] = value
      if (Object.keys(changed).length > 0)
        (patch[list] ??= []).push({ name: c.name, resources: changed })
    }
  }
  if (selected === 0) return { message: `unable to find container named ${selector}` }
  // kubectl skips an object whose patch is empty, without a word.
  if (Object.keys(patch).length === 0) return undefined
  if (dryRun === 'none') {
    const patched = patchPodSpec(inv, target, object, patch)
    if ('failure' in patched) return patched.failure
    object = patched.object
  }
  report(inv, object, 'resource requirements updated', dryRun)
  return undefined
}
