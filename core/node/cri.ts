/**
 * The CRI (k8s.io/cri-api runtime/v1) as the kubelet sees containerd: the shapes of sandboxes,
 * containers and images, and gRPC errors with their real texts. Times are virtual milliseconds.
 */

export type ContainerState =
  'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN'
export type SandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY'

export interface PodSandboxMetadata {
  name: string
  namespace: string
  uid: string
  attempt: number
}

export interface PodSandboxConfig {
  metadata: PodSandboxMetadata
  hostname: string
  hostNetwork: boolean
  /** The address the CNI plugin gives the pod (the node's, with hostNetwork). */
  ip: string
  labels: Record<string, string>
  annotations: Record<string, string>
  /** /var/log/pods/<namespace>_<name>_<uid> */
  logDirectory: string
}

export interface PodSandboxStatus {
  id: string
  metadata: PodSandboxMetadata
  state: SandboxState
  createdAtMs: number
  ip: string
  hostNetwork: boolean
  labels: Record<string, string>
  annotations: Record<string, string>
}

export interface ContainerConfig {
  metadata: { name: string; attempt: number }
  /** The image as the kubelet names it after the pull (its repo digest or the spec's text). */
  image: string
  command: string[]
  args: string[]
  env: Record<string, string>
  memoryLimitBytes: number | undefined
  labels: Record<string, string>
  annotations: Record<string, string>
  /** <container>/<attempt>.log, under the sandbox's log directory. */
  logPath: string
  /**
   * Its volume mounts: where each goes in the container, and the files the kubelet wrote for it
   * (podVolumes.ts), where a CRI Mount names a directory of the host.
   */
  mounts?: Mount[]
}

export interface Mount {
  containerPath: string
  /** Files by path under containerPath. */
  files: Record<string, string>
}

/**
 * containerd's exit reasons (internal/cri/server/helpers.go, FIDELITY.md §5.2), and StartError
 * for a task that could not start (exit code 128).
 */
export type ExitReason = 'Completed' | 'Error' | 'OOMKilled' | 'StartError'

export interface ContainerStatus {
  id: string
  podSandboxId: string
  metadata: { name: string; attempt: number }
  state: ContainerState
  createdAtMs: number
  startedAtMs: number | undefined
  finishedAtMs: number | undefined
  exitCode: number
  reason: ExitReason | ''
  message: string
  /** "docker.io/library/nginx:latest" */
  image: string
  /** "docker.io/library/nginx@sha256:…" */
  imageRef: string
  labels: Record<string, string>
  annotations: Record<string, string>
  logPath: string
  /** The container process' pid while it runs. */
  pid: number | undefined
}

export interface ImageStatus {
  /** "sha256:…" */
  id: string
  repoTags: string[]
  repoDigests: string[]
  sizeBytes: number
}

export interface PullResult {
  /** What the kubelet records as imageID: the repo digest. */
  imageRef: string
  sizeBytes: number
  /** How long containerd worked on the pull. */
  durationMs: number
}

export interface RuntimeStatus {
  runtimeReady: boolean
  networkReady: boolean
  /** Why the network is not ready, as the RuntimeCondition reports it. */
  networkReason: string
  networkMessage: string
}

/** CONTAINER_STOPPED_EVENT and friends, as the CRI's event stream sends them. */
export interface ContainerEvent {
  type:
    | 'CONTAINER_CREATED_EVENT'
    | 'CONTAINER_STARTED_EVENT'
    | 'CONTAINER_STOPPED_EVENT'
    | 'CONTAINER_DELETED_EVENT'
  containerId: string
  podSandboxId: string
  /** io.kubernetes.pod.uid of the sandbox, for routing without a lookup. */
  podUid: string
  atMs: number
}

export type GrpcCode =
  | 'Unavailable'
  | 'NotFound'
  | 'Unknown'
  | 'InvalidArgument'
  | 'FailedPrecondition'
  | 'DeadlineExceeded'

/** A gRPC status error: "rpc error: code = Unavailable desc = …". */
export class CriError extends Error {
  constructor(
    readonly code: GrpcCode,
    /** The status' message (what `s.Message()` returns: the kubelet's "Error: %v" events use it). */
    readonly desc: string,
  ) {
    super(`rpc error: code = ${code} desc = ${desc}`)
    this.name = 'CriError'
  }
}

/** Dialling containerd's socket while it is stopped. */
export const CONNECTION_REFUSED_DESC =
  'connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused"'

/** A call in flight when containerd stops. */
export const CONNECTION_LOST_DESC = 'error reading from server: EOF'

export const unavailable = (): CriError => new CriError('Unavailable', CONNECTION_REFUSED_DESC)

export type Reply<T> = (result: { ok: true; value: T } | { ok: false; error: CriError }) => void

/** Labels the kubelet puts on sandboxes and containers (pkg/kubelet/types/labels.go). */
export const LABEL_POD_NAME = 'io.kubernetes.pod.name'
export const LABEL_POD_NAMESPACE = 'io.kubernetes.pod.namespace'
export const LABEL_POD_UID = 'io.kubernetes.pod.uid'
export const LABEL_CONTAINER_NAME = 'io.kubernetes.container.name'
export const ANNOTATION_RESTART_COUNT = 'io.kubernetes.container.restartCount'
