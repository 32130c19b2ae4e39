/**
 * The Node object a kubelet registers and the status it reports (pkg/kubelet/kubelet_node_status.go
 * and pkg/kubelet/nodestatus/setters.go): default labels, addresses, capacity and allocatable
 * (kubeadm reserves nothing; the eviction thresholds memory.available<100Mi and
 * nodefs.available<10% come off), node info, images, and the four conditions with their real
 * reasons and messages (FIDELITY.md §4.3).
 */
import { rfc3339 } from '../api/time'
import type { Node, NodeCondition, ResourceList, Taint } from '../api/types'
import type { ImageStatus } from './cri'
import { CONTAINERD_VERSION } from './containerd'
import { valueOrZero } from '../api/quantity'

export const KUBELET_VERSION = 'v1.32.4'
export const OS_IMAGE = 'Ubuntu 24.04.1 LTS'
export const KERNEL_VERSION = '6.8.0-51-generic'
export const KUBELET_PORT = 10250
/** nodeStatusMaxImages: the node status lists at most this many images. */
const MAX_IMAGES = 50
const EVICTION_MEMORY_BYTES = 100 * 1024 * 1024
const EVICTION_NODEFS_FRACTION = 0.1

export type NodeStatus = NonNullable<Node['status']>

export interface NodeIdentity {
  nodeName: string
  nodeIP: string
  labels: Record<string, string>
  taints: Taint[]
  capacity: ResourceList
  machineID: string
  systemUUID: string
  bootID: string
}

export function defaultLabels(nodeName: string): Record<string, string> {
  return {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': nodeName,
    'kubernetes.io/os': 'linux',
  }
}

/** The Node as the kubelet first creates it. */
export function initialNode(identity: NodeIdentity, status: NodeStatus): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: identity.nodeName,
      labels: { ...defaultLabels(identity.nodeName), ...identity.labels },
      annotations: { 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: identity.taints.length === 0 ? {} : { taints: identity.taints.map((t) => ({ ...t })) },
    status,
  }
}

/** Bytes as a Ki quantity, the way the kubelet reports memory capacity: "4005612Ki". */
function kibibytes(bytes: number): string {
  return `${Math.floor(bytes / 1024)}Ki`
}

export function capacityOf(identity: NodeIdentity): {
  capacity: ResourceList
  allocatable: ResourceList
} {
  const capacity: ResourceList = {
    cpu: identity.capacity.cpu ?? '2',
    'ephemeral-storage': identity.capacity['ephemeral-storage'] ?? '61202244Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: identity.capacity.memory ?? '4005612Ki',
    pods: identity.capacity.pods ?? '110',
  }
  const memory = valueOrZero(capacity.memory)
  const storage = valueOrZero(capacity['ephemeral-storage'])
  return {
    capacity,
    allocatable: {
      ...capacity,
      memory: kibibytes(memory - EVICTION_MEMORY_BYTES),
      'ephemeral-storage': String(Math.floor(storage * (1 - EVICTION_NODEFS_FRACTION))),
    },
  }
}

/** The four conditions: pressure from the eviction manager's view; Ready from the runtime's health. */
export function conditionsFor(
  notReadyMessage: string | undefined,
  pressure: { memory: boolean; disk: boolean } = { memory: false, disk: false },
): NodeCondition[] {
  return [
    pressure.memory
      ? {
          type: 'MemoryPressure',
          status: 'True',
          reason: 'KubeletHasInsufficientMemory',
          message: 'kubelet has insufficient memory available',
        }
      : {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
        },
    pressure.disk
      ? {
          type: 'DiskPressure',
          status: 'True',
          reason: 'KubeletHasDiskPressure',
          message: 'kubelet has disk pressure',
        }
      : {
          type: 'DiskPressure',
          status: 'False',
          reason: 'KubeletHasNoDiskPressure',
          message: 'kubelet has no disk pressure',
        },
    {
      type: 'PIDPressure',
      status: 'False',
      reason: 'KubeletHasSufficientPID',
      message: 'kubelet has sufficient PID available',
    },
    notReadyMessage === undefined
      ? {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
        }
      : { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: notReadyMessage },
  ]
}

/** The event a condition's status records when it changes (recordNodeStatusEvent). */
export function conditionEvent(condition: NodeCondition): string {
  const events: Record<string, [string, string]> = {
    MemoryPressure: ['NodeHasInsufficientMemory', 'NodeHasSufficientMemory'],
    DiskPressure: ['NodeHasDiskPressure', 'NodeHasNoDiskPressure'],
    PIDPressure: ['NodeHasInsufficientPID', 'NodeHasSufficientPID'],
    Ready: ['NodeReady', 'NodeNotReady'],
  }
  const [whenTrue, whenFalse] = events[condition.type]!
  return condition.status === 'True' ? whenTrue : whenFalse
}

/** Stamps heartbeat and transition times, keeping a transition time while the status holds. */
export function withTimes(
  next: NodeCondition[],
  previous: NodeCondition[] | undefined,
  nowMs: number,
): NodeCondition[] {
  return next.map((c) => {
    const before = previous?.find((p) => p.type === c.type)
    const same =
      before !== undefined && before.status === c.status && before.lastTransitionTime !== undefined
    return {
      ...c,
      lastHeartbeatTime: rfc3339(nowMs),
      lastTransitionTime: same ? before.lastTransitionTime! : rfc3339(nowMs),
    }
  })
}

export function nodeStatus(
  identity: NodeIdentity,
  conditions: NodeCondition[],
  images: ImageStatus[],
): NodeStatus {
  return {
    ...capacityOf(identity),
    conditions,
    addresses: [
      { type: 'InternalIP', address: identity.nodeIP },
      { type: 'Hostname', address: identity.nodeName },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
    nodeInfo: {
      machineID: identity.machineID,
      systemUUID: identity.systemUUID,
      bootID: identity.bootID,
      kernelVersion: KERNEL_VERSION,
      osImage: OS_IMAGE,
      containerRuntimeVersion: `containerd://${CONTAINERD_VERSION}`,
      kubeletVersion: KUBELET_VERSION,
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
    images: images
      .slice(0, MAX_IMAGES)
      .map((i) => ({ names: [...i.repoDigests, ...i.repoTags], sizeBytes: i.sizeBytes })),
  }
}

/** The status without heartbeat times: what decides whether a post is needed. */
export function withoutHeartbeats(status: NodeStatus | undefined): unknown {
  if (status === undefined) return undefined
  return {
    ...status,
    conditions: (status.conditions ?? []).map(({ lastHeartbeatTime: _h, ...rest }) => rest),
  }
}
