/**
 * A pod with everything the plugins read computed once (framework.PodInfo): requests, host
 * ports, tolerations, compiled node affinity, image names. Built when the pod enters the queue
 * or the cache, so the filter loop over thousands of nodes reads numbers, not objects.
 */
import type { Pod, Toleration } from '../api/types'
import {
  preferredTerms,
  requiredNodeAffinity,
  type PreferredTerm,
  type RequiredNodeAffinity,
} from './nodeSelector'
import { podResources, type Resources } from './resources'

export interface HostPort {
  hostIP: string
  protocol: string
  port: number
}

/** "namespace/name", the key of pods in the queue and the cache. */
export function podKey(pod: Pod): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`
}

/** corev1helpers.PodPriority: spec.priority, 0 when unset. */
export function podPriority(pod: Pod): number {
  return pod.spec.priority ?? 0
}

/**
 * The host ports a pod claims. The API server defaults hostPort to containerPort for
 * hostNetwork pods; a port without a hostPort claims nothing on the node.
 */
function hostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = []
  for (const container of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])]) {
    for (const port of container.ports ?? []) {
      const hostPort = port.hostPort ?? (pod.spec.hostNetwork === true ? port.containerPort : 0)
      if (hostPort <= 0) continue
      const hostIP = (port as { hostIP?: string }).hostIP
      out.push({ hostIP: hostIP || '0.0.0.0', protocol: port.protocol ?? 'TCP', port: hostPort })
    }
  }
  return out
}

/** normalizedImageName: an image without a tag means ":latest" (ImageLocality). */
export function normalizedImageName(image: string): string {
  return image.lastIndexOf(':') <= image.lastIndexOf('/') ? `${image}:latest` : image
}

const NO_TOLERATIONS: readonly Toleration[] = Object.freeze([])

export class PodInfo {
  readonly key: string
  readonly priority: number
  readonly requests: Resources
  readonly nonZeroMilliCPU: number
  readonly nonZeroMemory: number
  readonly hostPorts: readonly HostPort[]
  readonly required: RequiredNodeAffinity | undefined
  readonly preferred: readonly PreferredTerm[]
  /** Normalized images of init containers and containers, in that order. */
  readonly images: readonly string[]

  constructor(public pod: Pod) {
    this.key = podKey(pod)
    this.priority = podPriority(pod)
    const resources = podResources(pod)
    this.requests = resources.requests
    this.nonZeroMilliCPU = resources.nonZeroMilliCPU
    this.nonZeroMemory = resources.nonZeroMemory
    this.hostPorts = hostPorts(pod)
    this.required = requiredNodeAffinity(pod.spec)
    this.preferred = preferredTerms(pod.spec)
    this.images = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])].map((c) =>
      normalizedImageName(c.image ?? ''),
    )
  }

  /** Read from the pod each time: tolerations are the one scheduling field an update may change. */
  get tolerations(): readonly Toleration[] {
    return this.pod.spec.tolerations ?? NO_TOLERATIONS
  }

  /**
   * Points at a newer version of the same pod. Requests, ports and affinity are immutable in a
   * pod's spec, so only the object changes (PodInfo.Update's fast path).
   */
  update(pod: Pod): void {
    this.pod = pod
  }

  get namespace(): string {
    return this.pod.metadata.namespace ?? 'default'
  }

  get name(): string {
    return this.pod.metadata.name ?? ''
  }
}
