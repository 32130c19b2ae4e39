/** The strategy of each kind. Kinds not listed here store what they are given, after name checks. */
import type { Namespace, Secret } from '../../api/types'
import { base64Encode } from './base64'
import { podStrategy } from './pod'
import { serviceStrategy } from './service'
import type { Strategy } from './strategy'
import { validateLabels, validateObjectName } from './validation'
import { daemonSetStrategy, deploymentStrategy, replicaSetStrategy } from './workloads'

const plain: Strategy = {
  validate: (object) => [
    ...validateObjectName(object.metadata),
    ...validateLabels('metadata.labels', object.metadata.labels),
  ],
}

const namespaceStrategy: Strategy = {
  prepareForCreate(object) {
    const ns = object as Namespace
    ns.spec = { finalizers: ['kubernetes'] }
    ns.status = { phase: 'Active' }
    ns.metadata.labels = {
      ...ns.metadata.labels,
      'kubernetes.io/metadata.name': ns.metadata.name ?? '',
    }
  },
  validate: (object) => validateObjectName(object.metadata, true),
  prepareForUpdate(object, old) {
    object['status'] = old['status']
    object['spec'] = old['spec']
  },
}

const secretStrategy: Strategy = {
  prepareForCreate(object) {
    const secret = object as Secret
    secret.type ??= 'Opaque'
    // stringData is write-only: merged into data as base64, never stored.
    for (const [key, value] of Object.entries(secret.stringData ?? {})) {
      secret.data = { ...secret.data, [key]: base64Encode(value) }
    }
    delete secret.stringData
  },
  validate: plain.validate!,
}

const nodeStrategy: Strategy = {
  validate: (object) => validateObjectName(object.metadata),
}

export const STRATEGIES: Record<string, Strategy> = {
  Pod: podStrategy,
  Service: serviceStrategy,
  Deployment: deploymentStrategy,
  ReplicaSet: replicaSetStrategy,
  DaemonSet: daemonSetStrategy,
  Namespace: namespaceStrategy,
  Secret: secretStrategy,
  Node: nodeStrategy,
}

export function strategyFor(kind: string): Strategy {
  return STRATEGIES[kind] ?? plain
}
