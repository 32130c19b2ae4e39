/**
 * What a pod worker needs from its kubelet: the runtime, the image manager and back-offs, the
 * node's identity, events and "why" records, and the status manager. Kept apart so the worker
 * can be read (and tested) without the kubelet's wiring.
 */
import type { Pod } from '../api/types'
import type { Clock } from '../clock'
import type { EventRecorder } from '../client/events'
import type { Backoff } from './backoff'
import type { Containerd } from './containerd'
import type { EnvSources } from './containerEnv'
import type { ImageManager } from './imageManager'
import type { PodWorker } from './podWorker'

/** Pod addresses, given by the network layer (the CNI plugin's IPAM). */
export interface PodIPAllocator {
  allocate(): string
  release(ip: string): void
}

export interface PodWorkerHost {
  readonly clock: Clock
  readonly containerd: Containerd
  readonly images: ImageManager
  /** What containers' environments refer to: Services, ConfigMaps, Secrets (containerEnv.ts). */
  readonly envSources: EnvSources
  /** Container restart back-off (CrashLoopBackOff), keyed per pod and container. */
  readonly crashBackoff: Backoff
  readonly nodeName: string
  readonly nodeIP: string
  readonly podIPs: PodIPAllocator
  recorder(): EventRecorder
  /** Records why something happened to a pod ("Pod ns/name"). */
  explain(pod: Pod, code: string, summary: string, causedBy?: string): void
  /** A klog line in the kubelet's journal. */
  log(severity: 'I' | 'W' | 'E', source: string, message: string): void
  /** False while the runtime is reported down: pod syncs are skipped. */
  runtimeUp(): boolean
  /** "container runtime network not ready: …" while the CNI is not ready. */
  networkErrors(): string[]
  /** Milliseconds until PLEG's next relist (it relists every second). */
  nextRelistInMs(): number
  parseTime(text: string): number
  /** The worker's status changed: the status manager writes it if it differs. */
  publish(worker: PodWorker): void
  /** The worker's pod has stopped for good after a termination. */
  finished(worker: PodWorker): void
}
