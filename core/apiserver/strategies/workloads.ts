/** Deployments, ReplicaSets and DaemonSets: defaults (FIDELITY.md §6.1) and validation. */
import { formatSelector, requirementsOf, selectorMatches } from '../../api/labels'
import { deepEqual } from '../../api/objects'
import type {
  DaemonSet,
  Deployment,
  KubeObject,
  LabelSelector,
  PodTemplateSpec,
  ReplicaSet,
} from '../../api/types'
import { field, goStringMap, GoLiteral, type FieldError } from '../status'
import { defaultPodSpec } from './podDefaults'
import type { Strategy } from './strategy'
import { validateContainers, validateLabels, validateObjectName } from './validation'

type Workload = Deployment | ReplicaSet | DaemonSet

function defaultTemplate(template: PodTemplateSpec | undefined): void {
  if (template?.spec) defaultPodSpec(template.spec)
}

function validateWorkload(workload: Workload): FieldError[] {
  const errs: FieldError[] = [
    ...validateObjectName(workload.metadata),
    ...validateLabels('metadata.labels', workload.metadata.labels),
  ]
  const spec = workload.spec
  const selector: LabelSelector | undefined = spec?.selector
  if (selector === undefined || requirementsOf(selector).length === 0) {
    errs.push(field.required('spec.selector', ''))
  } else if (!selectorMatches(selector, spec.template?.metadata?.labels)) {
    errs.push(
      field.invalid(
        'spec.template.metadata.labels',
        goStringMap(spec.template?.metadata?.labels),
        '`selector` does not match template `labels`',
      ),
    )
  }
  if (
    'replicas' in spec &&
    spec.replicas !== undefined &&
    (!Number.isInteger(spec.replicas) || spec.replicas < 0)
  ) {
    errs.push(field.invalid('spec.replicas', spec.replicas, 'must be greater than or equal to 0'))
  }
  errs.push(
    ...validateContainers('spec.template.spec.containers', spec?.template?.spec?.containers),
  )
  const restart = spec?.template?.spec?.restartPolicy
  if (restart !== undefined && restart !== 'Always') {
    errs.push(field.notSupported('spec.template.spec.restartPolicy', restart, ['Always']))
  }
  return errs
}

function validateSelectorUnchanged(workload: Workload, old: Workload): FieldError[] {
  if (deepEqual(workload.spec.selector, old.spec.selector)) return []
  return [
    field.invalid(
      'spec.selector',
      new GoLiteral(`v1.LabelSelector{${formatSelector(workload.spec.selector)}}`),
      'field is immutable',
    ),
  ]
}

function keepStatus(object: KubeObject, old: KubeObject): void {
  object['status'] = old['status']
}

export const deploymentStrategy: Strategy = {
  prepareForCreate(object) {
    const d = object as Deployment
    d.spec.replicas ??= 1
    d.spec.strategy ??= { type: 'RollingUpdate' }
    if (d.spec.strategy.type === 'RollingUpdate') {
      d.spec.strategy.rollingUpdate = {
        maxUnavailable: '25%',
        maxSurge: '25%',
        ...d.spec.strategy.rollingUpdate,
      }
    }
    d.spec.revisionHistoryLimit ??= 10
    d.spec.progressDeadlineSeconds ??= 600
    defaultTemplate(d.spec.template)
    d.status = {}
  },
  validate: (object) => validateWorkload(object as Workload),
  prepareForUpdate(object, old) {
    keepStatus(object, old)
    const d = object as Deployment
    d.spec.replicas ??= 1
    defaultTemplate(d.spec.template)
  },
  validateUpdate: (object, old) => [
    ...validateWorkload(object as Workload),
    ...validateSelectorUnchanged(object as Workload, old as Workload),
  ],
  tracksGeneration: true,
}

export const replicaSetStrategy: Strategy = {
  prepareForCreate(object) {
    const rs = object as ReplicaSet
    rs.spec.replicas ??= 1
    defaultTemplate(rs.spec.template)
    rs.status = { replicas: 0 }
  },
  validate: (object) => validateWorkload(object as Workload),
  prepareForUpdate(object, old) {
    keepStatus(object, old)
    defaultTemplate((object as ReplicaSet).spec.template)
  },
  validateUpdate: (object, old) => [
    ...validateWorkload(object as Workload),
    ...validateSelectorUnchanged(object as Workload, old as Workload),
  ],
  tracksGeneration: true,
}

export const daemonSetStrategy: Strategy = {
  prepareForCreate(object) {
    const ds = object as DaemonSet
    ds.spec.updateStrategy ??= {
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    }
    ds.spec.revisionHistoryLimit ??= 10
    defaultTemplate(ds.spec.template)
    ds.status = {
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
      desiredNumberScheduled: 0,
      numberReady: 0,
    }
  },
  validate: (object) => validateWorkload(object as Workload),
  prepareForUpdate(object, old) {
    keepStatus(object, old)
    defaultTemplate((object as DaemonSet).spec.template)
  },
  validateUpdate: (object, old) => [
    ...validateWorkload(object as Workload),
    ...validateSelectorUnchanged(object as Workload, old as Workload),
  ],
  tracksGeneration: true,
}
