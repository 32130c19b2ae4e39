/** Pods: defaulting, admission, validation, the fields an update may change, graceful deletion. */
import { deepEqual } from '../../api/objects'
import type { KubeObject, Pod } from '../../api/types'
import { field, type FieldError } from '../status'
import { addDefaultTolerations, defaultPodSpec, qosClass } from './podDefaults'
import type { Strategy } from './strategy'
import { validateContainers, validateLabels, validateObjectName } from './validation'

const UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)'

/** The spec with what an update may change blanked out, to compare the rest. */
function immutablePart(pod: Pod): unknown {
  const spec = { ...pod.spec, tolerations: undefined, activeDeadlineSeconds: undefined }
  spec.containers = (pod.spec.containers ?? []).map((c) => ({ ...c, image: '' }))
  if (pod.spec.initContainers)
    spec.initContainers = pod.spec.initContainers.map((c) => ({ ...c, image: '' }))
  return spec
}

/**
 * validateOnlyAddedTolerations: every toleration the pod had must still be there (its
 * tolerationSeconds may change), so an apply that drops the default not-ready/unreachable ones
 * is refused.
 */
function removesTolerations(pod: Pod, old: Pod): boolean {
  const same = (
    a: NonNullable<Pod['spec']['tolerations']>[number],
    b: NonNullable<Pod['spec']['tolerations']>[number],
  ): boolean =>
    a.key === b.key &&
    (a.operator ?? 'Equal') === (b.operator ?? 'Equal') &&
    (a.value ?? '') === (b.value ?? '') &&
    (a.effect ?? '') === (b.effect ?? '')
  return (old.spec.tolerations ?? []).some(
    (was) => !(pod.spec?.tolerations ?? []).some((now) => same(was, now)),
  )
}

export const podStrategy: Strategy = {
  prepareForCreate(object) {
    const pod = object as Pod
    pod.spec ??= { containers: [] }
    defaultPodSpec(pod.spec)
    addDefaultTolerations(pod.spec)
    pod.status = { phase: 'Pending', qosClass: qosClass(pod) }
  },

  validate(object) {
    const pod = object as Pod
    return [
      ...validateObjectName(pod.metadata),
      ...validateLabels('metadata.labels', pod.metadata.labels),
      ...validateContainers('spec.containers', pod.spec?.containers),
      ...(pod.spec?.restartPolicy &&
      !['Always', 'OnFailure', 'Never'].includes(pod.spec.restartPolicy)
        ? [
            field.notSupported('spec.restartPolicy', pod.spec.restartPolicy, [
              'Always',
              'OnFailure',
              'Never',
            ]),
          ]
        : []),
    ]
  },

  prepareForUpdate(object, old) {
    const pod = object as Pod
    pod.status = (old as Pod).status
    if (pod.spec) defaultPodSpec(pod.spec)
  },

  validateUpdate(object, old): FieldError[] {
    const pod = object as Pod
    const errors = validateContainers('spec.containers', pod.spec?.containers)
    if (removesTolerations(pod, old as Pod))
      errors.push(
        field.forbidden(
          'spec.tolerations',
          'existing toleration can not be modified except its tolerationSeconds',
        ),
      )
    if (!deepEqual(immutablePart(pod), immutablePart(old as Pod)))
      errors.push(field.forbidden('spec', UPDATE_FORBIDDEN))
    return errors
  },

  gracePeriodSeconds(object: KubeObject, requested) {
    const pod = object as Pod
    // An unscheduled pod, or one whose containers are gone, has nothing to stop.
    if (pod.spec.nodeName === undefined || pod.spec.nodeName === '') return 0
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 0
    return requested ?? pod.spec.terminationGracePeriodSeconds ?? 30
  },

  // Pods have no metadata.generation in 1.32 (PodObservedGenerationTracking came in 1.33).
}
