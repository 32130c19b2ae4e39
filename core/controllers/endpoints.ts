/**
 * The Endpoints controller (pkg/controller/endpoint/endpoints_controller.go): for each Service
 * with a selector, an Endpoints object of the same name listing the selected pods' IPs, ready
 * ones under `addresses` and the others under `notReadyAddresses` (what `kubectl describe svc`
 * prints as Endpoints), each with its nodeName and a targetRef to the pod.
 *
 * Invariants:
 * 1. Terminating pods are left out (unless the Service sets publishNotReadyAddresses, which also
 *    makes every address "ready").
 * 2. Ports are the Service's, with targetPort resolved on each pod (a named port may differ
 *    from pod to pod); addresses with the same ports share one subset (RepackSubsets), addresses
 *    sorted by IP.
 * 3. Written only when different from what is stored; deleted with its Service; recreated if a
 *    learner deletes it while the Service exists.
 */
import { deepEqual } from '../api/objects'
import type { EndpointAddress, Endpoints, Pod, Service } from '../api/types'
import { ApiError } from '../apiserver/status'
import { cacheKey, type Informer } from '../client/informer'
import { QueueController, splitKey, type ControllerEnv } from './controller'
import type { LabelIndex } from './informers'
import { isPodReady, subjectOf } from './podUtil'
import {
  endpointLabels,
  findPort,
  managesEndpoints,
  podEndpointsChanged,
  podIP,
  podReference,
  selectedPods,
  ServiceIndex,
  shouldPodBeInEndpoints,
} from './serviceEndpoints'

type Subset = NonNullable<Endpoints['subsets']>[number]
type EndpointPort = NonNullable<Subset['ports']>[number]

export class EndpointsController extends QueueController {
  private readonly services: Informer<Service>
  private readonly endpoints: Informer<Endpoints>
  private readonly podsByLabel: LabelIndex<Pod>
  private readonly serviceIndex: ServiceIndex

  constructor(env: ControllerEnv) {
    super(env, 'endpoint', ['services', 'pods', 'endpoints'])
    this.services = env.informers.informer('services')
    this.endpoints = env.informers.informer('endpoints')
    this.podsByLabel = env.informers.labels('pods')
    this.serviceIndex = new ServiceIndex(this.services)
    this.services.addHandlers({
      onAdd: (svc) => this.queue.add(cacheKey(svc)),
      onUpdate: (_old, svc) => this.queue.add(cacheKey(svc)),
      onDelete: (svc) => this.queue.add(cacheKey(svc)),
    })
    this.endpoints.addHandlers({ onDelete: (ep) => this.queue.add(cacheKey(ep)) })
    env.informers.informer<Pod>('pods').addHandlers({
      onAdd: (pod) => this.enqueueFor(pod),
      onUpdate: (old, pod) => {
        const [labelsChanged, changed] = podEndpointsChanged(old, pod)
        if (labelsChanged) this.enqueueFor(old)
        if (labelsChanged || changed) this.enqueueFor(pod)
      },
      onDelete: (pod) => this.enqueueFor(pod),
    })
  }

  private enqueueFor(pod: Pod): void {
    for (const key of this.serviceIndex.selecting(pod)) this.queue.add(key)
  }

  protected sync(key: string): void {
    const [namespace, name] = splitKey(key)
    const service = this.services.get(namespace, name)
    const current = this.endpoints.get(namespace, name)
    if (service === undefined) {
      if (current !== undefined) this.deleteEndpoints(namespace!, name)
      return
    }
    if (!managesEndpoints(service)) return
    const subsets = this.subsetsFor(service)
    const labels = endpointLabels(service)
    if (
      current &&
      deepEqual(current.subsets ?? [], subsets) &&
      deepEqual(current.metadata.labels ?? {}, labels)
    ) {
      return
    }
    const desired: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { ...(current?.metadata ?? { name, namespace }), labels },
      ...(subsets.length > 0 ? { subsets } : {}),
    }
    if (current === undefined) this.client.create<Endpoints>('endpoints', namespace, desired)
    else this.client.update<Endpoints>('endpoints', desired)
    const ready = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0)
    const notReady = subsets.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0)
    this.env.context.explain.record({
      component: 'kube-controller-manager/endpoint',
      subject: `Endpoints ${namespace}/${name}`,
      code: 'EndpointsUpdated',
      summary: `${ready} ready and ${notReady} not ready addresses from the pods Service ${name} selects`,
      causedBy: subjectOf(service),
    })
  }

  private subsetsFor(service: Service): Subset[] {
    const tolerateUnready =
      (service.spec as { publishNotReadyAddresses?: boolean }).publishNotReadyAddresses === true
    const groups = new Map<
      string,
      { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }
    >()
    for (const pod of selectedPods(this.podsByLabel, service)) {
      if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue
      const address: EndpointAddress = {
        ip: podIP(pod)!,
        nodeName: pod.spec.nodeName ?? '',
        targetRef: podReference(pod),
      }
      const ports = this.portsOn(service, pod)
      if (ports === undefined) continue
      const groupKey = JSON.stringify(ports)
      let group = groups.get(groupKey)
      if (group === undefined) groups.set(groupKey, (group = { ports, ready: [], notReady: [] }))
      if (tolerateUnready || isPodReady(pod)) group.ready.push(address)
      else group.notReady.push(address)
    }
    return [...groups.values()].map((g) => {
      const subset: Subset = {}
      if (g.ready.length > 0) subset.addresses = g.ready.sort(byIP)
      if (g.notReady.length > 0) subset.notReadyAddresses = g.notReady.sort(byIP)
      if (g.ports.length > 0) subset.ports = g.ports
      return subset
    })
  }

  /** The resolved ports of the Service on this pod; undefined when the pod offers none. */
  private portsOn(service: Service, pod: Pod): EndpointPort[] | undefined {
    const servicePorts = service.spec.ports ?? []
    if (servicePorts.length === 0) return service.spec.clusterIP === 'None' ? [] : undefined
    const ports: EndpointPort[] = []
    for (const sp of servicePorts) {
      const port = findPort(pod, sp)
      if (port === undefined) continue
      ports.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP' })
    }
    if (ports.length === 0) return undefined
    return ports.sort((a, b) =>
      (a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : a.port - b.port,
    )
  }

  private deleteEndpoints(namespace: string, name: string): void {
    try {
      this.client.delete('endpoints', namespace, name)
    } catch (error) {
      if (!(error instanceof ApiError && error.reason === 'NotFound')) throw error
    }
  }
}

/** LessEndpointAddress: IPs compared as strings (bytes), then target uid. */
function byIP(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1
  return (a.targetRef?.uid ?? '') < (b.targetRef?.uid ?? '') ? -1 : 1
}
