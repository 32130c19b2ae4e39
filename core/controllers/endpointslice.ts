/**
 * The EndpointSlice controller (pkg/controller/endpointslice, staging endpointslice reconciler):
 * for each Service with a selector, EndpointSlices named `<service>-<5 random chars>` (the API
 * server's generateName), labelled kubernetes.io/service-name, owned by the Service, listing
 * the selected pods with IPs. kube-proxy programs its rules from these.
 *
 * Invariants:
 * 1. Endpoint conditions as discovery/v1 says (FIDELITY.md §8.3): serving = the pod is Ready;
 *    terminating = it has a deletionTimestamp; ready = serving and not terminating (always true
 *    with publishNotReadyAddresses). Terminating pods stay listed, so a proxy can drain them.
 * 2. Endpoints with the same resolved ports share slices of at most 100 endpoints; a Service
 *    with no endpoints keeps one empty placeholder slice.
 * 3. Existing slices are updated in place before any is created, and extra ones deleted, so a
 *    slice keeps its name while its pods come and go. Slices vanish with their Service through
 *    the garbage collector (ownerReference, controller: true).
 */
import { deepEqual, ownerReference } from '../api/objects'
import type { EndpointSlice, Pod, Service } from '../api/types'
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

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name'
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by'
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io'
export const MAX_ENDPOINTS_PER_SLICE = 100

type SliceEndpoint = EndpointSlice['endpoints'][number]
type SlicePort = NonNullable<EndpointSlice['ports']>[number]

export class EndpointSliceController extends QueueController {
  private readonly services: Informer<Service>
  private readonly podsByLabel: LabelIndex<Pod>
  private readonly slicesByLabel: LabelIndex<EndpointSlice>
  private readonly serviceIndex: ServiceIndex

  constructor(env: ControllerEnv) {
    super(env, 'endpointslice', ['services', 'pods', 'endpointslices'])
    this.services = env.informers.informer('services')
    this.podsByLabel = env.informers.labels('pods')
    this.slicesByLabel = env.informers.labels('endpointslices')
    this.serviceIndex = new ServiceIndex(this.services)
    this.services.addHandlers({
      onAdd: (svc) => this.queue.add(cacheKey(svc)),
      onUpdate: (_old, svc) => this.queue.add(cacheKey(svc)),
    })
    env.informers.informer<EndpointSlice>('endpointslices').addHandlers({
      onDelete: (slice) => {
        const service = slice.metadata.labels?.[SERVICE_NAME_LABEL]
        if (
          service !== undefined &&
          slice.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME
        ) {
          this.queue.add(`${slice.metadata.namespace}/${service}`)
        }
      },
    })
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
    if (service === undefined || !managesEndpoints(service)) return
    const existing = this.slicesByLabel
      .select(namespace!, { [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: CONTROLLER_NAME })
      .filter((s) => s.metadata.deletionTimestamp === undefined)
      .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
    const desired = this.desiredSlices(service)
    const labels = endpointLabels(service, {
      [SERVICE_NAME_LABEL]: name,
      [MANAGED_BY_LABEL]: CONTROLLER_NAME,
    })
    let changed = 0
    for (const want of desired) {
      const index = existing.findIndex((s) => deepEqual(s.ports ?? [], want.ports))
      const reuse = index >= 0 ? existing.splice(index, 1)[0]! : undefined
      if (reuse === undefined) {
        this.client.create<EndpointSlice>(
          'endpointslices',
          namespace,
          this.newSlice(service, labels, want),
        )
        changed++
      } else if (
        !deepEqual(reuse.endpoints ?? [], want.endpoints) ||
        !deepEqual(reuse.metadata.labels ?? {}, labels)
      ) {
        const next = {
          ...reuse,
          metadata: { ...reuse.metadata, labels },
          endpoints: want.endpoints,
          ports: want.ports,
        }
        this.client.update<EndpointSlice>('endpointslices', next)
        changed++
      }
    }
    for (const extra of existing) {
      this.deleteSlice(extra)
      changed++
    }
    if (changed > 0) this.recordChange(service, desired)
  }

  /** Endpoints grouped by resolved ports, in slices of at most 100 (a placeholder when none). */
  private desiredSlices(service: Service): { ports: SlicePort[]; endpoints: SliceEndpoint[] }[] {
    const publishNotReady =
      (service.spec as { publishNotReadyAddresses?: boolean }).publishNotReadyAddresses === true
    const groups = new Map<string, { ports: SlicePort[]; endpoints: SliceEndpoint[] }>()
    for (const pod of selectedPods(this.podsByLabel, service)) {
      if (!shouldPodBeInEndpoints(pod, true)) continue
      const ports = (service.spec.ports ?? []).flatMap((sp): SlicePort[] => {
        const port = findPort(pod, sp)
        return port === undefined
          ? []
          : [{ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' }]
      })
      const serving = isPodReady(pod)
      const terminating = pod.metadata.deletionTimestamp !== undefined
      const endpoint: SliceEndpoint = {
        addresses: [podIP(pod)!],
        conditions: { ready: publishNotReady || (serving && !terminating), serving, terminating },
        ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
        targetRef: podReference(pod),
      }
      const groupKey = JSON.stringify(ports)
      let group = groups.get(groupKey)
      if (group === undefined) groups.set(groupKey, (group = { ports, endpoints: [] }))
      group.endpoints.push(endpoint)
    }
    if (groups.size === 0) return [{ ports: [], endpoints: [] }]
    return [...groups.values()].flatMap((g) => {
      const chunks: { ports: SlicePort[]; endpoints: SliceEndpoint[] }[] = []
      for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) {
        chunks.push({
          ports: g.ports,
          endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE),
        })
      }
      return chunks
    })
  }

  private newSlice(
    service: Service,
    labels: Record<string, string>,
    want: { ports: SlicePort[]; endpoints: SliceEndpoint[] },
  ): EndpointSlice {
    return {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        generateName: `${service.metadata.name}-`,
        namespace: service.metadata.namespace!,
        labels,
        ownerReferences: [ownerReference(service)],
      },
      addressType: 'IPv4',
      endpoints: want.endpoints,
      ports: want.ports,
    }
  }

  private deleteSlice(slice: EndpointSlice): void {
    try {
      this.client.delete('endpointslices', slice.metadata.namespace, slice.metadata.name!)
    } catch (error) {
      if (!(error instanceof ApiError && error.reason === 'NotFound')) throw error
    }
  }

  private recordChange(service: Service, desired: { endpoints: SliceEndpoint[] }[]): void {
    const endpoints = desired.flatMap((d) => d.endpoints)
    const ready = endpoints.filter((e) => e.conditions?.ready).length
    this.env.context.explain.record({
      component: 'kube-controller-manager/endpointslice',
      subject: subjectOf(service),
      code: 'EndpointSlicesUpdated',
      summary: `${endpoints.length} endpoints, ${ready} ready, in ${desired.length} EndpointSlice(s)`,
    })
  }
}
