/**
 * The Kubernetes objects the lab serves, as TypeScript shapes of their JSON (core/v1, apps/v1,
 * discovery.k8s.io/v1, coordination.k8s.io/v1). Only the fields the lab reads or writes are
 * typed; everything else a learner sends is kept as given.
 */

export interface OwnerReference {
  apiVersion: string
  kind: string
  name: string
  uid: string
  controller?: boolean
  blockOwnerDeletion?: boolean
}

export interface ObjectMeta {
  name?: string
  generateName?: string
  namespace?: string
  uid?: string
  resourceVersion?: string
  generation?: number
  creationTimestamp?: string
  deletionTimestamp?: string
  deletionGracePeriodSeconds?: number
  labels?: Record<string, string>
  annotations?: Record<string, string>
  ownerReferences?: OwnerReference[]
  finalizers?: string[]
}

export interface KubeObject {
  apiVersion: string
  kind: string
  metadata: ObjectMeta
  [field: string]: unknown
}

export interface LabelSelectorRequirement {
  key: string
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'
  values?: string[]
}

export interface LabelSelector {
  matchLabels?: Record<string, string>
  matchExpressions?: LabelSelectorRequirement[]
}

export interface Taint {
  key: string
  value?: string
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute'
  timeAdded?: string
}

export interface Toleration {
  key?: string
  operator?: 'Exists' | 'Equal'
  value?: string
  effect?: '' | 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute'
  tolerationSeconds?: number
}

export interface ResourceList {
  cpu?: string
  memory?: string
  pods?: string
  'ephemeral-storage'?: string
  [name: string]: string | undefined
}

export interface ContainerPort {
  name?: string
  containerPort: number
  hostPort?: number
  protocol?: 'TCP' | 'UDP' | 'SCTP'
}

export interface Probe {
  httpGet?: { path?: string; port: number | string; scheme?: string }
  tcpSocket?: { port: number | string }
  exec?: { command: string[] }
  initialDelaySeconds?: number
  timeoutSeconds?: number
  periodSeconds?: number
  successThreshold?: number
  failureThreshold?: number
}

export interface EnvVar {
  name: string
  value?: string
  valueFrom?: { fieldRef?: { apiVersion?: string; fieldPath: string } }
}

export interface VolumeMount {
  name: string
  mountPath: string
  readOnly?: boolean
}

/** The volume sources the lab's pods use: host paths (static pods), emptyDir, ConfigMaps, Secrets. */
export interface Volume {
  name: string
  hostPath?: { path: string; type?: string }
  emptyDir?: Record<string, unknown>
  configMap?: { name: string; items?: KeyToPath[]; optional?: boolean }
  secret?: { secretName: string; items?: KeyToPath[]; optional?: boolean }
}

/** A key of a ConfigMap or Secret, and the file it becomes in a volume. */
export interface KeyToPath {
  key: string
  path: string
}

export interface Container {
  name: string
  image: string
  command?: string[]
  args?: string[]
  ports?: ContainerPort[]
  env?: EnvVar[]
  resources?: { requests?: ResourceList; limits?: ResourceList }
  volumeMounts?: VolumeMount[]
  livenessProbe?: Probe
  readinessProbe?: Probe
  startupProbe?: Probe
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never'
  terminationMessagePath?: string
  terminationMessagePolicy?: string
}

export interface NodeSelectorRequirement {
  key: string
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt'
  values?: string[]
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[]
  matchFields?: NodeSelectorRequirement[]
}

export interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: NodeSelectorTerm[] }
    preferredDuringSchedulingIgnoredDuringExecution?: {
      weight: number
      preference: NodeSelectorTerm
    }[]
  }
}

export interface PodSpec {
  containers: Container[]
  initContainers?: Container[]
  nodeName?: string
  nodeSelector?: Record<string, string>
  affinity?: Affinity
  tolerations?: Toleration[]
  restartPolicy?: 'Always' | 'OnFailure' | 'Never'
  terminationGracePeriodSeconds?: number
  dnsPolicy?: string
  schedulerName?: string
  priority?: number
  hostNetwork?: boolean
  serviceAccountName?: string
  enableServiceLinks?: boolean
  preemptionPolicy?: string
  priorityClassName?: string
  securityContext?: Record<string, unknown>
  schedulingGates?: { name: string }[]
  overhead?: ResourceList
  activeDeadlineSeconds?: number
  volumes?: Volume[]
}

export interface PodCondition {
  type:
    | 'PodScheduled'
    | 'Initialized'
    | 'ContainersReady'
    | 'Ready'
    | 'PodReadyToStartContainers'
    | 'DisruptionTarget'
  status: 'True' | 'False' | 'Unknown'
  reason?: string
  message?: string
  lastProbeTime?: string | null
  lastTransitionTime?: string
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string }
  running?: { startedAt?: string }
  terminated?: {
    exitCode: number
    signal?: number
    reason?: string
    message?: string
    startedAt?: string
    finishedAt?: string
    containerID?: string
  }
}

export interface ContainerStatus {
  name: string
  state: ContainerState
  lastState: ContainerState
  ready: boolean
  restartCount: number
  image: string
  imageID: string
  containerID?: string
  started?: boolean
}

export interface PodStatus {
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown'
  conditions?: PodCondition[]
  message?: string
  reason?: string
  hostIP?: string
  hostIPs?: { ip: string }[]
  podIP?: string
  podIPs?: { ip: string }[]
  startTime?: string
  nominatedNodeName?: string
  containerStatuses?: ContainerStatus[]
  initContainerStatuses?: ContainerStatus[]
  qosClass?: 'Guaranteed' | 'Burstable' | 'BestEffort'
}

export interface Pod extends KubeObject {
  kind: 'Pod'
  spec: PodSpec
  status?: PodStatus
}

export interface NodeCondition {
  type: 'Ready' | 'MemoryPressure' | 'DiskPressure' | 'PIDPressure' | 'NetworkUnavailable'
  status: 'True' | 'False' | 'Unknown'
  reason?: string
  message?: string
  lastHeartbeatTime?: string
  lastTransitionTime?: string
}

export interface Node extends KubeObject {
  kind: 'Node'
  spec: { podCIDR?: string; podCIDRs?: string[]; taints?: Taint[]; unschedulable?: boolean }
  status?: {
    capacity?: ResourceList
    allocatable?: ResourceList
    conditions?: NodeCondition[]
    addresses?: { type: 'InternalIP' | 'Hostname' | 'ExternalIP'; address: string }[]
    nodeInfo?: {
      kubeletVersion: string
      kubeProxyVersion?: string
      containerRuntimeVersion: string
      osImage: string
      kernelVersion: string
      operatingSystem: string
      architecture: string
      machineID?: string
      systemUUID?: string
      bootID?: string
    }
    images?: { names: string[]; sizeBytes: number }[]
    daemonEndpoints?: { kubeletEndpoint: { Port: number } }
  }
}

export interface ServicePort {
  name?: string
  protocol?: 'TCP' | 'UDP' | 'SCTP'
  port: number
  targetPort?: number | string
  nodePort?: number
}

export interface Service extends KubeObject {
  kind: 'Service'
  spec: {
    type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName'
    selector?: Record<string, string>
    ports?: ServicePort[]
    clusterIP?: string
    clusterIPs?: string[]
    externalName?: string
    sessionAffinity?: string
    externalTrafficPolicy?: string
    internalTrafficPolicy?: string
    ipFamilies?: string[]
    ipFamilyPolicy?: string
  }
  status?: { loadBalancer?: Record<string, unknown> }
}

export interface PodTemplateSpec {
  metadata?: ObjectMeta
  spec: PodSpec
}

export interface DeploymentStrategy {
  type?: 'RollingUpdate' | 'Recreate'
  rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string }
}

export interface WorkloadCondition {
  type: string
  status: 'True' | 'False' | 'Unknown'
  reason?: string
  message?: string
  lastUpdateTime?: string
  lastTransitionTime?: string
}

export interface Deployment extends KubeObject {
  kind: 'Deployment'
  spec: {
    replicas?: number
    selector: LabelSelector
    template: PodTemplateSpec
    strategy?: DeploymentStrategy
    revisionHistoryLimit?: number
    progressDeadlineSeconds?: number
    minReadySeconds?: number
    paused?: boolean
  }
  status?: {
    observedGeneration?: number
    replicas?: number
    updatedReplicas?: number
    readyReplicas?: number
    availableReplicas?: number
    unavailableReplicas?: number
    conditions?: WorkloadCondition[]
  }
}

export interface ReplicaSet extends KubeObject {
  kind: 'ReplicaSet'
  spec: {
    replicas?: number
    selector: LabelSelector
    template: PodTemplateSpec
    minReadySeconds?: number
  }
  status?: {
    replicas: number
    fullyLabeledReplicas?: number
    readyReplicas?: number
    availableReplicas?: number
    observedGeneration?: number
  }
}

export interface DaemonSet extends KubeObject {
  kind: 'DaemonSet'
  spec: {
    selector: LabelSelector
    template: PodTemplateSpec
    updateStrategy?: {
      type?: string
      rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string }
    }
    revisionHistoryLimit?: number
  }
  status?: {
    currentNumberScheduled: number
    numberMisscheduled: number
    desiredNumberScheduled: number
    numberReady: number
    updatedNumberScheduled?: number
    numberAvailable?: number
    numberUnavailable?: number
    observedGeneration?: number
  }
}

export interface ObjectReference {
  kind?: string
  namespace?: string
  name?: string
  uid?: string
  apiVersion?: string
  resourceVersion?: string
  fieldPath?: string
}

export interface Event extends KubeObject {
  kind: 'Event'
  involvedObject: ObjectReference
  reason: string
  message: string
  source: { component?: string; host?: string }
  firstTimestamp: string
  lastTimestamp: string
  count: number
  type: 'Normal' | 'Warning'
  eventTime: string | null
  reportingComponent: string
  reportingInstance: string
  action?: string
}

export interface Lease extends KubeObject {
  kind: 'Lease'
  spec: {
    holderIdentity?: string
    leaseDurationSeconds?: number
    acquireTime?: string
    renewTime?: string
    leaseTransitions?: number
  }
}

export interface EndpointAddress {
  ip: string
  nodeName?: string
  targetRef?: ObjectReference
}

export interface Endpoints extends KubeObject {
  kind: 'Endpoints'
  subsets?: {
    addresses?: EndpointAddress[]
    notReadyAddresses?: EndpointAddress[]
    ports?: { name?: string; port: number; protocol?: string }[]
  }[]
}

export interface EndpointSlice extends KubeObject {
  kind: 'EndpointSlice'
  addressType: 'IPv4' | 'IPv6' | 'FQDN'
  endpoints: {
    addresses: string[]
    conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean }
    nodeName?: string
    targetRef?: ObjectReference
  }[]
  ports?: { name?: string; port?: number; protocol?: string }[]
}

export interface Namespace extends KubeObject {
  kind: 'Namespace'
  spec?: { finalizers?: string[] }
  status?: { phase?: 'Active' | 'Terminating' }
}

export interface ConfigMap extends KubeObject {
  kind: 'ConfigMap'
  data?: Record<string, string>
}

export interface Secret extends KubeObject {
  kind: 'Secret'
  type?: string
  data?: Record<string, string>
  stringData?: Record<string, string>
}
