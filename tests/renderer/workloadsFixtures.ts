/**
 * Summaries for the workloads view's tests, as the simulation's kube observer would send them
 * (core/observe/summary.ts), and the English words of the graph's labels.
 */
import type {
  DeploymentSummary,
  EndpointSliceSummary,
  EndpointSummary,
  KubeSummary,
  NodeSummary,
  PodSummary,
  ReplicaSetSummary,
  ServiceSummary,
} from '../../core/protocol'
import { createAppI18n } from '../../renderer/src/i18n'
import type { WorkloadsText } from '../../renderer/src/workloads/labels'
import { workloadsText } from '../../renderer/src/workloads/useWorkloadsText'

type Owner = { kind: string; name: string }

const base = (kind: string, namespace: string, name: string, createdMs = 0) => ({
  key: namespace === '' ? `${kind}/${name}` : `${kind}/${namespace}/${name}`,
  uid: `${kind}-${namespace}-${name}`,
  namespace,
  name,
  createdMs,
})

export function node(name: string, over: Partial<NodeSummary> = {}): NodeSummary {
  return {
    ...base('Node', '', name),
    kind: 'Node',
    ready: 'True',
    unschedulable: false,
    roles: name.startsWith('cp') ? ['control-plane'] : [],
    taints: [],
    allocatable: { cpuMilli: 2000, memoryBytes: 2 ** 31, pods: 110 },
    ...over,
  }
}

export function deployment(name: string, over: Partial<DeploymentSummary> = {}): DeploymentSummary {
  const { namespace = 'default', createdMs = 0 } = over
  return {
    ...base('Deployment', namespace, name, createdMs),
    kind: 'Deployment',
    replicas: 3,
    updated: 3,
    ready: 3,
    available: 3,
    ...over,
  }
}

export function replicaSet(
  name: string,
  owner: string | undefined,
  over: Partial<ReplicaSetSummary> = {},
): ReplicaSetSummary {
  const { namespace = 'default', createdMs = 0 } = over
  return {
    ...base('ReplicaSet', namespace, name, createdMs),
    kind: 'ReplicaSet',
    ...(owner === undefined ? {} : { owner: { kind: 'Deployment', name: owner } }),
    replicas: 3,
    ready: 3,
    ...over,
  }
}

export function pod(
  name: string,
  owner: Owner | undefined,
  over: Partial<PodSummary> = {},
): PodSummary {
  const { namespace = 'default', createdMs = 0 } = over
  return {
    ...base('Pod', namespace, name, createdMs),
    kind: 'Pod',
    ...(owner === undefined ? {} : { owner }),
    phase: 'Running',
    status: 'Running',
    readyContainers: 1,
    containers: 1,
    restarts: 0,
    nodeName: 'worker-1',
    labels: { app: name.split('-')[0]! },
    mirror: false,
    ...over,
  }
}

export function service(name: string, over: Partial<ServiceSummary> = {}): ServiceSummary {
  const { namespace = 'default', createdMs = 0 } = over
  return {
    ...base('Service', namespace, name, createdMs),
    kind: 'Service',
    type: 'NodePort',
    clusterIP: '10.96.0.20',
    ports: [{ port: 80, targetPort: '80', nodePort: 30080, protocol: 'TCP' }],
    selector: { app: name },
    ...over,
  }
}

export function slice(
  name: string,
  serviceName: string,
  endpoints: EndpointSummary[],
  over: Partial<EndpointSliceSummary> = {},
): EndpointSliceSummary {
  const { namespace = 'default', createdMs = 0 } = over
  return {
    ...base('EndpointSlice', namespace, name, createdMs),
    kind: 'EndpointSlice',
    owner: { kind: 'Service', name: serviceName },
    service: serviceName,
    endpoints,
    ...over,
  }
}

export const RS = 'web-7c9f8d6b5'
export const WEB_PODS = [`${RS}-aaaaa`, `${RS}-bbbbb`, `${RS}-ccccc`]

/**
 * What `kubectl create deployment web --replicas=3` and `kubectl expose deployment web` leave:
 * three nodes, a Deployment, its ReplicaSet and three pods (the third not ready yet), a
 * NodePort Service and its EndpointSlice.
 */
export function webCluster(): KubeSummary[] {
  const rsOwner = { kind: 'ReplicaSet', name: RS }
  return [
    node('cp-1'),
    node('worker-1'),
    node('worker-2'),
    deployment('web', { ready: 2, createdMs: 1000 }),
    replicaSet(RS, 'web', { ready: 2, createdMs: 1000 }),
    pod(WEB_PODS[0]!, rsOwner, { createdMs: 1001, nodeName: 'worker-1' }),
    pod(WEB_PODS[1]!, rsOwner, { createdMs: 1002, nodeName: 'worker-2' }),
    pod(WEB_PODS[2]!, rsOwner, {
      createdMs: 1003,
      nodeName: 'worker-1',
      status: 'ContainerCreating',
      phase: 'Pending',
      readyContainers: 0,
    }),
    service('web', { createdMs: 2000 }),
    slice('web-x7k2p', 'web', [
      { pod: WEB_PODS[0], ip: '10.32.0.2', ready: true, node: 'worker-1' },
      { pod: WEB_PODS[1], ip: '10.44.0.1', ready: true, node: 'worker-2' },
      { pod: WEB_PODS[2], ip: '10.32.0.3', ready: false, node: 'worker-1' },
    ]),
  ]
}

export function englishText(): WorkloadsText {
  const { t } = createAppI18n('en').global
  return workloadsText((key, named = {}, plural) =>
    plural === undefined ? t(key, named) : t(key, named, plural),
  )
}
