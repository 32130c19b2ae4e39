/**
 * Kubernetes objects as the views draw them: one small summary per object (see summary.ts).
 *
 * Invariants:
 * 1. A summary depends on the object alone, never on the time it is taken: the same stored
 *    object always gives the same summary, so an unchanged summary means nothing to redraw.
 * 2. Pod STATUS, READY and RESTARTS come from the API server's own Pod table logic, so the views
 *    say exactly what `kubectl get pods` says.
 * 3. Kinds the views do not draw (Leases, ConfigMaps, Secrets…) have no summary: undefined.
 */
import { milliValueOrZero, valueOrZero } from '../api/quantity'
import type {
  DaemonSet,
  Deployment,
  EndpointSlice,
  Event,
  KubeObject,
  Node,
  Pod,
  ReplicaSet,
  Service,
} from '../api/types'
import { timeMs } from '../apiserver/tables/format'
import { nodeRoles } from '../apiserver/tables/node'
import { podSummary } from '../apiserver/tables/pod'
import type {
  DaemonSetSummary,
  DeploymentSummary,
  EndpointSliceSummary,
  EventSummary,
  KubeSummary,
  NodeSummary,
  PodSummary,
  ReplicaSetSummary,
  ServiceSummary,
  SummaryBase,
  SummaryKind,
} from './summary'

const SUMMARIZERS: {
  [K in SummaryKind]: (object: KubeObject) => Extract<KubeSummary, { kind: K }>
} = {
  Node: (o) => summarizeNode(o as Node),
  Pod: (o) => summarizePod(o as Pod),
  Deployment: (o) => summarizeDeployment(o as Deployment),
  ReplicaSet: (o) => summarizeReplicaSet(o as ReplicaSet),
  DaemonSet: (o) => summarizeDaemonSet(o as DaemonSet),
  Service: (o) => summarizeService(o as Service),
  EndpointSlice: (o) => summarizeEndpointSlice(o as EndpointSlice),
  Event: (o) => summarizeEvent(o as Event),
}

/** The kinds that have a summary. */
export const SUMMARY_KINDS: ReadonlySet<string> = new Set(Object.keys(SUMMARIZERS))

export function isSummaryKind(kind: string): kind is SummaryKind {
  return SUMMARY_KINDS.has(kind)
}

/** The summary of a stored object, or undefined for a kind the views do not draw. */
export function summarize(object: KubeObject): KubeSummary | undefined {
  return isSummaryKind(object.kind) ? SUMMARIZERS[object.kind](object) : undefined
}

/** "Pod/default/web-1" for a namespaced object, "Node/worker-1" for a cluster-scoped one. */
export function summaryKey(kind: string, namespace: string | undefined, name: string): string {
  return namespace === undefined || namespace === ''
    ? `${kind}/${name}`
    : `${kind}/${namespace}/${name}`
}

function base<K extends SummaryKind>(kind: K, object: KubeObject): SummaryBase & { kind: K } {
  const { metadata } = object
  const namespace = metadata.namespace ?? ''
  const name = metadata.name ?? ''
  const owner = metadata.ownerReferences?.find((ref) => ref.controller === true)
  return {
    kind,
    key: summaryKey(kind, namespace, name),
    uid: metadata.uid ?? '',
    namespace,
    name,
    ...(owner === undefined ? {} : { owner: { kind: owner.kind, name: owner.name } }),
    createdMs: timeMs(metadata.creationTimestamp) ?? 0,
    ...(metadata.deletionTimestamp ? { deleting: true as const } : {}),
  }
}

/** A static pod's mirror carries this annotation (kubetypes.ConfigMirrorAnnotationKey). */
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror'

function summarizePod(pod: Pod): PodSummary {
  // Invariant 1: the time only shapes RESTARTS' "(5m ago)", which the count below leaves out.
  const [ready, status, restarts] = podSummary(pod, { nowMs: 0 })
  const [readyContainers, containers] = ready.split('/').map(Number) as [number, number]
  const { nodeName } = pod.spec
  const podIP = pod.status?.podIP
  return {
    ...base('Pod', pod),
    phase: pod.status?.phase ?? 'Pending',
    status,
    readyContainers,
    containers,
    restarts: Number.parseInt(restarts, 10),
    ...(nodeName ? { nodeName } : {}),
    ...(podIP ? { podIP } : {}),
    labels: { ...pod.metadata.labels },
    mirror: pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined,
  }
}

function summarizeNode(node: Node): NodeSummary {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown'
  const roles = nodeRoles(node)
  const internalIP = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address
  const allocatable = node.status?.allocatable ?? {}
  return {
    ...base('Node', node),
    ready,
    unschedulable: node.spec?.unschedulable === true,
    roles: roles === '<none>' ? [] : roles.split(','),
    taints: (node.spec?.taints ?? []).map((t) =>
      t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`,
    ),
    ...(internalIP === undefined ? {} : { internalIP }),
    allocatable: {
      cpuMilli: milliValueOrZero(allocatable.cpu),
      memoryBytes: valueOrZero(allocatable.memory),
      pods: valueOrZero(allocatable.pods),
    },
  }
}

function summarizeDeployment(deployment: Deployment): DeploymentSummary {
  const status = deployment.status ?? {}
  return {
    ...base('Deployment', deployment),
    replicas: deployment.spec.replicas ?? 1,
    updated: status.updatedReplicas ?? 0,
    ready: status.readyReplicas ?? 0,
    available: status.availableReplicas ?? 0,
  }
}

const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision'

function summarizeReplicaSet(replicaSet: ReplicaSet): ReplicaSetSummary {
  const revision = replicaSet.metadata.annotations?.[REVISION_ANNOTATION]
  return {
    ...base('ReplicaSet', replicaSet),
    replicas: replicaSet.spec.replicas ?? 1,
    ready: replicaSet.status?.readyReplicas ?? 0,
    ...(revision === undefined ? {} : { revision }),
  }
}

function summarizeDaemonSet(daemonSet: DaemonSet): DaemonSetSummary {
  return {
    ...base('DaemonSet', daemonSet),
    desired: daemonSet.status?.desiredNumberScheduled ?? 0,
    ready: daemonSet.status?.numberReady ?? 0,
  }
}

function summarizeService(service: Service): ServiceSummary {
  const { spec } = service
  return {
    ...base('Service', service),
    type: spec.type ?? 'ClusterIP',
    ...(spec.clusterIP ? { clusterIP: spec.clusterIP } : {}),
    ports: (spec.ports ?? []).map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      port: p.port,
      // An unset targetPort defaults to the port (SetDefaults_Service).
      targetPort: String(p.targetPort ?? p.port),
      ...(p.nodePort ? { nodePort: p.nodePort } : {}),
      protocol: p.protocol ?? 'TCP',
    })),
    selector: { ...spec.selector },
  }
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name'

function summarizeEndpointSlice(slice: EndpointSlice): EndpointSliceSummary {
  return {
    ...base('EndpointSlice', slice),
    service: slice.metadata.labels?.[SERVICE_NAME_LABEL] ?? '',
    endpoints: (slice.endpoints ?? []).flatMap((endpoint) =>
      endpoint.addresses.map((ip) => ({
        ...(endpoint.targetRef?.kind === 'Pod' && endpoint.targetRef.name !== undefined
          ? { pod: endpoint.targetRef.name }
          : {}),
        ip,
        // The API: "a nil value indicates an unknown state", which consumers read as ready.
        ready: endpoint.conditions?.ready ?? true,
        ...(endpoint.nodeName === undefined ? {} : { node: endpoint.nodeName }),
      })),
    ),
  }
}

function summarizeEvent(event: Event): EventSummary {
  const involved = event.involvedObject ?? {}
  const source = event.source?.component || event.reportingComponent || ''
  const host = event.source?.host || event.reportingInstance || ''
  // Events of the events.k8s.io API set eventTime instead of first/lastTimestamp.
  const eventMs = timeMs(event.eventTime)
  const firstMs = timeMs(event.firstTimestamp) ?? eventMs ?? 0
  return {
    ...base('Event', event),
    type: event.type === 'Warning' ? 'Warning' : 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    involved: {
      kind: involved.kind ?? '',
      namespace: involved.namespace ?? '',
      name: involved.name ?? '',
    },
    source: host === '' || host === source ? source : `${source}, ${host}`,
    count: event.count ?? 1,
    firstMs,
    lastMs: timeMs(event.lastTimestamp) ?? eventMs ?? firstMs,
  }
}
