/**
 * What the app's views (the topology's pods and Services, the workloads view, the timeline and the
 * charts) know of the Kubernetes objects: a small summary per object, read from etcd's keyspace,
 * the cluster's ground truth (the views see the cluster even while the API server is down).
 *
 * Invariants:
 * 1. A summary holds only what a view draws; the whole object is one `inspect/resource` away.
 * 2. `key` is unique across kinds and namespaces ("Pod/default/web-1", "Node/worker-1"), and the
 *    renderer keys its maps by it (it may not import core code, only these types).
 * 3. Times are virtual milliseconds (the simulation's clock), never wall time.
 */
import type { LogSource } from '../inspect/inspect'
import type { Reason } from '../explain/explain'
import type { SchedulingDecision } from '../scheduler/decision'

export type SummaryKind =
  'Node' | 'Pod' | 'Deployment' | 'ReplicaSet' | 'DaemonSet' | 'Service' | 'EndpointSlice' | 'Event'

export interface SummaryBase {
  kind: SummaryKind
  /** "Pod/default/web-1" for namespaced kinds, "Node/worker-1" for cluster-scoped ones. */
  key: string
  uid: string
  /** '' for cluster-scoped kinds (Node). */
  namespace: string
  name: string
  /** The controller ownerReference, if any: what the workloads view links the object to. */
  owner?: { kind: string; name: string }
  createdMs: number
  /** Set while the object is being deleted (graceful deletion). */
  deleting?: true
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown'

export interface PodSummary extends SummaryBase {
  kind: 'Pod'
  phase: PodPhase
  /** kubectl get's STATUS column: Running, ContainerCreating, CrashLoopBackOff, Terminating… */
  status: string
  readyContainers: number
  containers: number
  restarts: number
  nodeName?: string
  podIP?: string
  labels: Record<string, string>
  /** A mirror pod of a static pod (the control plane on kubeadm nodes). */
  mirror: boolean
}

export interface NodeSummary extends SummaryBase {
  kind: 'Node'
  /** The Ready condition's status; 'Unknown' also when the node never reported. */
  ready: 'True' | 'False' | 'Unknown'
  unschedulable: boolean
  /** From the node-role.kubernetes.io/* labels: ["control-plane"]. */
  roles: string[]
  /** "key=value:Effect" or "key:Effect". */
  taints: string[]
  internalIP?: string
  allocatable: { cpuMilli: number; memoryBytes: number; pods: number }
}

export interface DeploymentSummary extends SummaryBase {
  kind: 'Deployment'
  replicas: number
  updated: number
  ready: number
  available: number
}

export interface ReplicaSetSummary extends SummaryBase {
  kind: 'ReplicaSet'
  replicas: number
  ready: number
  /** The deployment.kubernetes.io/revision annotation, if any. */
  revision?: string
}

export interface DaemonSetSummary extends SummaryBase {
  kind: 'DaemonSet'
  desired: number
  ready: number
}

export interface ServicePortSummary {
  name?: string
  port: number
  targetPort: string
  nodePort?: number
  protocol: 'TCP' | 'UDP' | 'SCTP'
}

export interface ServiceSummary extends SummaryBase {
  kind: 'Service'
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName'
  clusterIP?: string
  ports: ServicePortSummary[]
  selector: Record<string, string>
}

export interface EndpointSummary {
  /** The pod behind the endpoint (targetRef), when there is one. */
  pod?: string
  ip: string
  ready: boolean
  node?: string
}

export interface EndpointSliceSummary extends SummaryBase {
  kind: 'EndpointSlice'
  /** The kubernetes.io/service-name label. */
  service: string
  endpoints: EndpointSummary[]
}

export interface EventSummary extends SummaryBase {
  kind: 'Event'
  type: 'Normal' | 'Warning'
  reason: string
  message: string
  involved: { kind: string; namespace: string; name: string }
  /** Who reported it: "kubelet", "default-scheduler", "deployment-controller"… and its host. */
  source: string
  count: number
  firstMs: number
  lastMs: number
}

export type KubeSummary =
  | NodeSummary
  | PodSummary
  | DeploymentSummary
  | ReplicaSetSummary
  | DaemonSetSummary
  | ServiceSummary
  | EndpointSliceSummary
  | EventSummary

/** One change in a `kube/changed` batch; a DELETED change carries the last summary. */
export interface KubeChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED'
  object: KubeSummary
}

/** One line a component wrote (its journal or container output), stamped with virtual time. */
export interface LogLine {
  atMs: number
  /** The component's name, as drawn: "kubelet-worker-1", "kube-apiserver-cp-1". */
  component: string
  text: string
}

export interface ConditionView {
  type: string
  status: string
  reason?: string
  message?: string
  lastTransitionMs?: number
}

/** What the inspector shows of one Kubernetes object (`inspect/resource`). */
export interface ResourceInspection {
  summary: KubeSummary
  /** The object as `kubectl get -o yaml` prints it. */
  yaml: string
  conditions: ConditionView[]
  /** Events whose involvedObject is this object, oldest first (the last 20). */
  events: EventSummary[]
  /** A pod's container log (first container, last 20 lines); a node's kubelet journal. */
  logSource: LogSource
  logs: string[]
  /** The "why?" chain for "Pod ns/name", "Node name"…, most immediate first. */
  why: Reason[]
  /** A pod's latest scheduling decision: the per-node, per-plugin filter and score table. */
  scheduling?: SchedulingDecision
}

/** One sample of the cluster for the charts, taken every STATS_INTERVAL_MS of virtual time. */
export interface StatsSample {
  atMs: number
  podsByPhase: Record<PodPhase, number>
  nodes: {
    name: string
    cpuRequestedMilli: number
    cpuAllocatableMilli: number
    memoryRequestedBytes: number
    memoryAllocatableBytes: number
  }[]
  /** The leading kube-scheduler's queue; null while no scheduler leads. */
  schedulerQueue: { active: number; backoff: number; unschedulable: number } | null
}

/**
 * Messages components exchanged, for the topology's message-flow animation: aggregated per
 * (from, to, what) over one command or advance of time.
 */
export interface FlowMessage {
  /** When the first of them was sent (virtual time). */
  atMs: number
  /** Component names as drawn ("kube-scheduler-cp-1", "etcd-cp-1") or a machine ("laptop"). */
  from: string
  to: string
  /** What was said, in the words of the protocol: "POST pods/binding", "WATCH pods", "Txn put
   * /registry/pods/default/web-1", "RunPodSandbox", "CreateContainer", "GET :30080". */
  what: string
  /** How many such messages the batch aggregates. */
  count: number
}
