/**
 * The "world": the machines of the lab and the processes on them, as objects the UI can draw.
 *
 * These are not Kubernetes API objects (those live in etcd, behind the API server). They are the
 * simulator's view of the hosts, shaped like Kubernetes objects (apiVersion, kind, metadata, spec,
 * status) so that every layer, from the inspector's YAML to the informer, treats them the same way.
 */
import type { ObjectMeta, StoredObject } from '../store/objectStore'

export const WORLD_API_VERSION = 'kubelab.dev/v1alpha1'

export type MachineRole = 'control-plane' | 'worker'

/** World objects always have a name. */
export interface WorldMeta extends ObjectMeta {
  name: string
}

export interface Machine extends StoredObject {
  kind: 'Machine'
  metadata: WorldMeta
  spec: {
    role: MachineRole
    internalIP: string
    osImage: string
    kernelVersion: string
    cpuCores: number
    memoryMiB: number
  }
  status: { power: 'On' | 'Off' }
}

/** The programs the lab models, by their real names. */
export type ComponentType =
  | 'etcd'
  | 'kube-apiserver'
  | 'kube-scheduler'
  | 'kube-controller-manager'
  | 'kubelet'
  | 'kube-proxy'
  | 'containerd'
  | 'weave-net'

/** How the program is started on a kubeadm node. */
export type RunsAs = 'static-pod' | 'systemd' | 'daemonset'

export interface ComponentPort {
  port: number
  protocol: 'TCP' | 'UDP'
  /** What the port is for, e.g. "client", "peer", "healthz". */
  name: string
  /** The address it listens on: "0.0.0.0" (every interface), the node's IP, or "127.0.0.1". */
  address: string
}

export interface Component extends StoredObject {
  kind: 'Component'
  metadata: WorldMeta
  spec: {
    machine: string
    type: ComponentType
    runsAs: RunsAs
    version: string
    ports: ComponentPort[]
    /** A unix socket the component serves, such as containerd's CRI endpoint. */
    socket?: string
  }
  status: { state: 'Running' | 'Stopped' }
}

/** A connection one component opens to another: who dials whom, on which port. */
export interface Link extends StoredObject {
  kind: 'Link'
  metadata: WorldMeta
  spec: {
    from: string
    to: string
    /** TCP or UDP port dialled, or undefined for a unix socket. */
    port?: number
    protocol: 'TCP' | 'UDP' | 'unix'
    /** The application protocol spoken, as a learner would name it. */
    application: 'HTTPS' | 'gRPC' | 'CRI' | 'etcd raft' | 'Weave'
    /** True when both ends dial each other (etcd and Weave peers). */
    mutual: boolean
  }
}

export type WorldObject = Machine | Component | Link

export function worldKey(object: Pick<WorldObject, 'kind' | 'metadata'>): string {
  return `/world/${object.kind}/${object.metadata.name}`
}
