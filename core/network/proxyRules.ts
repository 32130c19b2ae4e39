/**
 * What iptables-mode kube-proxy writes for one Service, from the Service and its EndpointSlices
 * (syncProxyRules in pkg/proxy/iptables/proxier.go, externalTrafficPolicy and
 * internalTrafficPolicy Cluster).
 *
 * Invariants:
 * 1. Only usable endpoints get rules: ready ones (`conditions.ready`, nil meaning true); if a
 *    port has none, serving-and-terminating ones (ProxyTerminatingEndpoints, GA in 1.28).
 *    FIDELITY.md §8.3.
 * 2. Endpoints are ordered by "ip:port" text, as kube-proxy's endpoint cache sorts them; rule i
 *    of n matches with probability 1/(n-i) ("%0.10f"), the last one always.
 * 3. A port with no usable endpoint gets no nat chains, only filter REJECT rules for its
 *    ClusterIP (KUBE-SERVICES) and NodePort (KUBE-EXTERNAL-SERVICES).
 * 4. The result depends only on the objects' contents, so the same objects give the same,
 *    immutable rules on every node, and a ServiceRulesCache lets the nodes share them.
 */
import type { EndpointSlice, Service, ServicePort } from '../api/types'
import { chainHash } from './hash'
import type { ServiceRules } from './nat'
import { probabilityText, type Rule } from './rule'

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name'

export interface ProxyEndpoint {
  ip: string
  port: number
  nodeName?: string
  ready: boolean
  serving: boolean
  terminating: boolean
}

/** What kube-proxy made of one service port: for "why?" and for the no-endpoints explanation. */
export interface PortSummary {
  /** "default/web:http", or "default/web" for an unnamed port. */
  name: string
  clusterIP: string
  port: number
  protocol: string
  nodePort?: number
  endpoints: number
}

export interface BuiltService {
  rules: ServiceRules
  ports: PortSummary[]
}

export interface ProxyOptions {
  /** `--cluster-cidr`: traffic to a ClusterIP from outside it is masqueraded. */
  clusterCIDR?: string
}

/** Whether kube-proxy programs this Service at all (not headless, not ExternalName). */
export function isProxied(service: Service): boolean {
  const ip = service.spec.clusterIP
  return service.spec.type !== 'ExternalName' && ip !== undefined && ip !== '' && ip !== 'None'
}

/** The endpoints of one service port across a Service's slices (invariants 1 and 2). */
export function endpointsFor(
  slices: readonly EndpointSlice[],
  portName: string,
  protocol: string,
): ProxyEndpoint[] {
  const byKey = new Map<string, ProxyEndpoint>()
  for (const slice of slices) {
    if (slice.addressType !== 'IPv4') continue
    const port = slice.ports?.find(
      (p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === protocol,
    )
    if (port?.port === undefined) continue
    for (const endpoint of slice.endpoints ?? []) {
      const ip = endpoint.addresses[0]
      if (ip === undefined) continue
      const conditions = endpoint.conditions ?? {}
      const ready = conditions.ready ?? true
      byKey.set(`${ip}:${port.port}`, {
        ip,
        port: port.port,
        ...(endpoint.nodeName === undefined ? {} : { nodeName: endpoint.nodeName }),
        ready,
        serving: conditions.serving ?? ready,
        terminating: conditions.terminating ?? false,
      })
    }
  }
  const all = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return all.map(([, endpoint]) => endpoint)
}

export function usable(endpoints: readonly ProxyEndpoint[]): ProxyEndpoint[] {
  const ready = endpoints.filter((e) => e.ready)
  return ready.length > 0 ? ready : endpoints.filter((e) => e.serving && e.terminating)
}

const CACHE_MAX = 16_384

/**
 * Built rules by (uid, resourceVersion) of the Service and its slices (invariant 4). Within one
 * API server those identify the objects' contents, so one cache is shared by the kube-proxies
 * of one cluster, and never between clusters. Bounded: cleared when full.
 */
export class ServiceRulesCache {
  private readonly built = new Map<string, BuiltService>()

  get(
    service: Service,
    slices: readonly EndpointSlice[],
    options: ProxyOptions = {},
  ): BuiltService {
    const key = [
      service.metadata.uid ?? service.metadata.name,
      service.metadata.resourceVersion,
      ...slices
        .map((s) => `${s.metadata.uid ?? s.metadata.name}@${s.metadata.resourceVersion}`)
        .sort(),
      options.clusterCIDR ?? '',
    ].join('|')
    const cached = this.built.get(key)
    if (cached !== undefined) return cached
    if (this.built.size >= CACHE_MAX) this.built.clear()
    const built = buildServiceRules(service, slices, options)
    this.built.set(key, built)
    return built
  }
}

/** kube-proxy's rules for a Service: every port, from the Service and its slices. */
export function buildServiceRules(
  service: Service,
  slices: readonly EndpointSlice[],
  options: ProxyOptions = {},
): BuiltService {
  const rules = {
    natServices: [] as Rule[],
    natNodePorts: [] as Rule[],
    filterServices: [] as Rule[],
    filterExternal: [] as Rule[],
    chains: new Map<string, Rule[]>(),
  }
  const ports: PortSummary[] = []
  if (!isProxied(service)) return { rules, ports }
  for (const servicePort of service.spec.ports ?? []) {
    const protocol = servicePort.protocol ?? 'TCP'
    const endpoints = usable(endpointsFor(slices, servicePort.name ?? '', protocol))
    const summary = writePort(rules, service, servicePort, endpoints, options)
    ports.push(summary)
  }
  return { rules, ports }
}

type MutableRules = {
  natServices: Rule[]
  natNodePorts: Rule[]
  filterServices: Rule[]
  filterExternal: Rule[]
  chains: Map<string, Rule[]>
}

function writePort(
  rules: MutableRules,
  service: Service,
  servicePort: ServicePort,
  endpoints: ProxyEndpoint[],
  options: ProxyOptions,
): PortSummary {
  const { namespace, name } = service.metadata
  const spn = `${namespace}/${name}${servicePort.name ? `:${servicePort.name}` : ''}`
  const prot = (servicePort.protocol ?? 'TCP').toLowerCase() as Rule['prot']
  const clusterIP = service.spec.clusterIP!
  const nodePort = servicePort.nodePort || undefined
  const summary: PortSummary = {
    name: spn,
    clusterIP,
    port: servicePort.port,
    protocol: servicePort.protocol ?? 'TCP',
    ...(nodePort === undefined ? {} : { nodePort }),
    endpoints: endpoints.length,
  }
  const clusterMatch = { prot, destination: clusterIP, dport: servicePort.port }
  if (endpoints.length === 0) {
    const comment = `${spn} has no endpoints`
    rules.filterServices.push({ target: 'REJECT', ...clusterMatch, comment })
    if (nodePort !== undefined) {
      rules.filterExternal.push({
        target: 'REJECT',
        prot,
        comment,
        dstTypeLocal: true,
        dport: nodePort,
      })
    }
    return summary
  }
  const hash = chainHash(`${spn}${prot}`)
  const svcChain = `KUBE-SVC-${hash}`
  rules.natServices.push({ target: svcChain, ...clusterMatch, comment: `${spn} cluster IP` })
  const svcRules: Rule[] = []
  if (options.clusterCIDR !== undefined) {
    svcRules.push({
      target: 'KUBE-MARK-MASQ',
      ...clusterMatch,
      source: `!${options.clusterCIDR}`,
      comment: `${spn} cluster IP`,
    })
  }
  endpoints.forEach((endpoint, i) => {
    const address = `${endpoint.ip}:${endpoint.port}`
    const sepChain = `KUBE-SEP-${chainHash(`${spn}${prot}${address}`)}`
    svcRules.push({
      target: sepChain,
      prot: 'all',
      comment: `${spn} -> ${address}`,
      ...(i < endpoints.length - 1 ? { probability: probabilityText(endpoints.length - i) } : {}),
    })
    rules.chains.set(sepChain, [
      { target: 'KUBE-MARK-MASQ', prot: 'all', source: endpoint.ip, comment: spn },
      { target: 'DNAT', prot, comment: spn, toDestination: address },
    ])
  })
  rules.chains.set(svcChain, svcRules)
  if (nodePort !== undefined) {
    const extChain = `KUBE-EXT-${hash}`
    rules.natNodePorts.push({ target: extChain, prot, comment: spn, dport: nodePort })
    rules.chains.set(extChain, [
      {
        target: 'KUBE-MARK-MASQ',
        prot: 'all',
        comment: `masquerade traffic for ${spn} external destinations`,
      },
      { target: svcChain, prot: 'all' },
    ])
  }
  return summary
}
