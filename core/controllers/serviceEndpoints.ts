/**
 * What the Endpoints and EndpointSlice controllers share: which Services select a pod, which
 * pods a Service selects, how a Service port resolves on a pod (podutil.FindPort), and which pod
 * changes matter to endpoints (podEndpointsChanged).
 *
 * Invariants:
 * 1. Only Services with a selector get endpoints from these controllers (and not ExternalName
 *    ones); a selector-less Service's Endpoints belong to whoever wrote them.
 * 2. A pod is an endpoint only with an IP and while not terminal (Succeeded/Failed).
 * 3. A named targetPort resolves to the containerPort of that name and the Service port's
 *    protocol; a pod without it is no endpoint for that port.
 */
import type { ObjectReference, Pod, Service, ServicePort } from '../api/types'
import type { Informer } from '../client/informer'
import { cacheKey } from '../client/informer'
import type { LabelIndex } from './informers'
import { isPodReady, isPodTerminal, sameLabels } from './podUtil'

/** Services by namespace, so a pod event looks only at its own namespace's Services. */
export class ServiceIndex {
  private readonly byNamespace = new Map<string, Map<string, Service>>()

  constructor(informer: Informer<Service>) {
    for (const service of informer.list()) this.put(service)
    informer.addHandlers({
      onAdd: (service) => this.put(service),
      onUpdate: (_old, service) => this.put(service),
      onDelete: (service) =>
        this.byNamespace.get(service.metadata.namespace!)?.delete(service.metadata.name!),
    })
  }

  /** Keys of the Services with a selector that picks this pod. */
  selecting(pod: Pod): string[] {
    const services = this.byNamespace.get(pod.metadata.namespace!)
    if (services === undefined) return []
    const labels = pod.metadata.labels ?? {}
    const out: string[] = []
    for (const service of services.values()) {
      if (!managesEndpoints(service)) continue
      if (Object.entries(service.spec.selector!).every(([k, v]) => labels[k] === v))
        out.push(cacheKey(service))
    }
    return out
  }

  private put(service: Service): void {
    const namespace = service.metadata.namespace!
    let services = this.byNamespace.get(namespace)
    if (services === undefined) this.byNamespace.set(namespace, (services = new Map()))
    services.set(service.metadata.name!, service)
  }
}

export function managesEndpoints(service: Service): boolean {
  return service.spec.selector !== undefined && service.spec.type !== 'ExternalName'
}

export function selectedPods(pods: LabelIndex<Pod>, service: Service): Pod[] {
  return pods
    .select(service.metadata.namespace!, service.spec.selector ?? {})
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
}

export function podIP(pod: Pod): string | undefined {
  return pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || undefined
}

/** ShouldPodBeInEndpoints */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod) || podIP(pod) === undefined) return false
  return includeTerminating || pod.metadata.deletionTimestamp === undefined
}

/** podutil.FindPort: the port number a Service port reaches on this pod, if any. */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port
  if (typeof target === 'number') return target
  if (/^\d+$/.test(target)) return Number(target)
  const protocol = port.protocol ?? 'TCP'
  for (const container of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
    for (const p of container.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort
    }
  }
  return undefined
}

export function podReference(pod: Pod): ObjectReference {
  const { namespace, name, uid } = pod.metadata
  return { kind: 'Pod', namespace, name, uid }
}

/** podEndpointsChanged: [labels changed, endpoint-relevant state changed]. */
export function podEndpointsChanged(old: Pod, pod: Pod): [boolean, boolean] {
  const labelsChanged = !sameLabels(old.metadata.labels, pod.metadata.labels)
  const changed =
    old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp ||
    isPodReady(old) !== isPodReady(pod) ||
    podIP(old) !== podIP(pod) ||
    isPodTerminal(old) !== isPodTerminal(pod) ||
    old.spec.nodeName !== pod.spec.nodeName
  return [labelsChanged, changed]
}

/** The Service labels endpoints carry, plus the headless marker for clusterIP None. */
export function endpointLabels(service: Service, extra: Record<string, string> = {}) {
  const labels: Record<string, string> = { ...service.metadata.labels }
  delete labels['service.kubernetes.io/headless']
  if (service.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = ''
  return { ...labels, ...extra }
}
