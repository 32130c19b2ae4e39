/**
 * Cluster DNS: CoreDNS (the program of registry.k8s.io/coredns/coredns:v1.11.3, run by the
 * coredns Deployment behind the kube-dns Service 10.96.0.10) and the stub resolver a pod uses.
 *
 * Invariants:
 * 1. CoreDNS answers fully qualified names only: "<svc>.<ns>.svc.cluster.local" → the Service's
 *    A records (its ClusterIP; ready pod IPs for a headless Service), as the kubernetes plugin
 *    does. Other names in cluster.local are NXDOMAIN; names outside it would go to the `forward`
 *    plugin, and the offline lab has no upstream, so they are SERVFAIL.
 * 2. Short names are the resolver's job, not CoreDNS's: a pod's resolv.conf (dnsPolicy
 *    ClusterFirst) searches "<ns>.svc.cluster.local svc.cluster.local cluster.local" with
 *    ndots:5, so "web" is asked as "web.<ns>.svc.cluster.local" first.
 * 3. /health (8080) and /ready (8181) answer "OK" while the process runs; on SIGTERM CoreDNS goes
 *    lame-duck for 5 s (the Corefile's `health { lameduck 5s }`) and then exits 0.
 */
import type {
  HttpRequest,
  HttpResponse,
  Program,
  ProgramRegistry,
  RunningProgram,
} from '../node/program'
import { COREDNS_IMAGE } from '../kubeadm/addons'

export const CLUSTER_DOMAIN = 'cluster.local'
export const DNS_PORT = 53
export const NDOTS = 5
/** glibc's defaults (timeout:5, attempts:2) with one nameserver: a lost query costs 10 s. */
export const DNS_TIMEOUT_MS = 10_000
export const LAMEDUCK_MS = 5_000

/** A records of a Service, or undefined when there is no such Service. */
export type ServiceLookup = (namespace: string, name: string) => readonly string[] | undefined

export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL'

export interface DnsAnswer {
  rcode: Rcode
  addresses: string[]
}

export interface DnsServer {
  /** Answers an A query for a fully qualified name. */
  dns(name: string): DnsAnswer
}

export function isDnsServer(program: unknown): program is DnsServer {
  return typeof (program as Partial<DnsServer> | undefined)?.dns === 'function'
}

/** The search list of a pod's /etc/resolv.conf (invariant 2). */
export function podSearchPath(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN]
}

/** The names the stub resolver asks, in order, for a name typed in a pod (res_nsearch). */
export function queryNames(name: string, searchPath: readonly string[], ndots = NDOTS): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)]
  const expanded = searchPath.map((domain) => `${name}.${domain}`)
  const dots = name.split('.').length - 1
  return dots >= ndots ? [name, ...expanded] : [...expanded, name]
}

/** What CoreDNS's kubernetes plugin answers for a fully qualified name (invariant 1). */
export function answer(lookup: ServiceLookup, name: string): DnsAnswer {
  const fqdn = name.toLowerCase().replace(/\.$/, '')
  const zone = `.svc.${CLUSTER_DOMAIN}`
  if (fqdn.endsWith(zone)) {
    const labels = fqdn.slice(0, -zone.length).split('.')
    if (labels.length === 2) {
      const addresses = lookup(labels[1]!, labels[0]!)
      if (addresses !== undefined && addresses.length > 0) {
        return { rcode: 'NOERROR', addresses: [...addresses] }
      }
    }
    return { rcode: 'NXDOMAIN', addresses: [] }
  }
  if (fqdn === CLUSTER_DOMAIN || fqdn.endsWith(`.${CLUSTER_DOMAIN}`)) {
    return { rcode: 'NXDOMAIN', addresses: [] }
  }
  return { rcode: 'SERVFAIL', addresses: [] }
}

const STARTUP_LOG = ['.:53', 'CoreDNS-1.11.3', 'linux/amd64, go1.21.11, a6338e9']

/** The CoreDNS program, answering from `lookup` (the kubernetes plugin's view of the API). */
export function coreDnsProgram(lookup: ServiceLookup): Program {
  return {
    processName: () => '/coredns -conf /etc/coredns/Corefile',
    start(context) {
      for (const line of STARTUP_LOG) context.log(line)
      let stopping = false
      const running: RunningProgram & DnsServer = {
        signal(signal) {
          if (signal === 'SIGKILL' || stopping) return
          stopping = true
          context.log('[INFO] SIGTERM: Shutting down servers then terminating')
          context.log('[INFO] plugin/health: Going into lameduck mode for 5s')
          context.clock.schedule(LAMEDUCK_MS, `coredns ${context.podName} lameduck`, () =>
            context.exit(0),
          )
        },
        http: (request) => probe(request),
        listening: () => [DNS_PORT, 8080, 8181, 9153],
        dns: (name) => answer(lookup, name),
      }
      return running
    },
  }
}

function probe(request: HttpRequest): HttpResponse | undefined {
  if (request.port === 8080 && request.path === '/health') return { status: 200, body: 'OK' }
  if (request.port === 8181 && request.path === '/ready') return { status: 200, body: 'OK' }
  if (request.port === 9153 && request.path === '/metrics') {
    return {
      status: 200,
      body: '# HELP coredns_build_info A metric with a constant \'1\' value labeled by version, revision, and goversion from which CoreDNS was built.\n# TYPE coredns_build_info gauge\ncoredns_build_info{goversion="go1.21.11",revision="a6338e9",version="1.11.3"} 1\n',
    }
  }
  if ([8080, 8181, 9153].includes(request.port))
    return { status: 404, body: '404 page not found\n' }
  return undefined
}

/** The ProgramRegistry fragment for the CoreDNS image. */
export function coreDnsPrograms(lookup: ServiceLookup): ProgramRegistry {
  const program = coreDnsProgram(lookup)
  return (image) => (image === COREDNS_IMAGE ? program : undefined)
}
