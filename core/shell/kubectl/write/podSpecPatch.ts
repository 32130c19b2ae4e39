/**
 * What `kubectl set image`, `set resources` and `set env` share: fetching each named object, patching the
 * pod spec (a pod's own, or a workload's template) with a strategic merge patch, and reporting
 * the failures together as kubectl does.
 */
import type { KubeObject } from '../../../api/types'
import { resourcePath } from '../resources'
import type { Invocation } from '../verb'
import { failed, throwFailures, type Failure } from './outcome'
import { fetch, parseTargets, typed, type Target } from './targets'

/** kubectl's selectContainers: a container name matched by -c, with `*` as a wildcard. */
export function matchesContainer(pattern: string, name: string): boolean {
  const regex = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')
  return new RegExp(`^${regex}$`).test(name)
}

/** The pod spec of a pod, or of a workload's template. */
export function podSpecOf(object: KubeObject): Record<string, unknown> | undefined {
  const spec = object['spec'] as Record<string, unknown> | undefined
  if (object.kind === 'Pod') return spec
  return (spec?.['template'] as { spec?: Record<string, unknown> } | undefined)?.spec
}

/**
 * Calls `update` with each object the arguments name, then throws the failures together;
 * `validate` checks the verb's own arguments once the targets parsed, as kubectl orders it.
 */
export function updateEach(
  inv: Invocation,
  args: readonly string[],
  validate: () => void,
  update: (target: Target, object: KubeObject) => Failure | undefined,
): number {
  const { named } = parseTargets(inv, args)
  validate()
  inv.api.discover()
  const failures: Failure[] = []
  for (const target of named) {
    const fetched = fetch(inv, target)
    const failure =
      'failure' in fetched ? fetched.failure : update(target, typed(target.def, fetched.object))
    if (failure !== undefined) failures.push(failure)
  }
  throwFailures(failures)
  return 0
}

/** PATCHes `specPatch` into the object's pod spec; the updated object, or the failure. */
export function patchPodSpec(
  inv: Invocation,
  target: Target,
  object: KubeObject,
  specPatch: Record<string, unknown>,
): { object: KubeObject } | { failure: Failure } {
  const response = inv.api.send({
    method: 'PATCH',
    path: resourcePath(target.def, target.namespace, target.name),
    query: { fieldManager: 'kubectl-set' },
    headers: { 'content-type': 'application/strategic-merge-patch+json' },
    body: object.kind === 'Pod' ? { spec: specPatch } : { spec: { template: { spec: specPatch } } },
  })
  return response.status >= 400
    ? { failure: failed(response) }
    : { object: response.body as KubeObject }
}
