/**
 * A small cluster network for tests: an API server (apiHarness), cp-1 / worker-1 / worker-2 on
 * the fabric, Weave routers running, kube-proxy started on every node, and a fake directory
 * of pods whose programs answer HTTP with their own name.
 *   const t = netSim({ seed: 1 })
 *   t.service({ name: 'web', clusterIP: '10.96.0.12' }); t.pod('web-a', 'worker-1'); t.slice('web', ['web-a'])
 *   t.settle(); t.curl({ kind: 'machine', machine: 'worker-1' }, 'http://10.96.0.12/')
 */
import type { EndpointSlice, Pod, Service, ServicePort } from '../../../core/api/types'
import { COREDNS_IMAGE, dnsService } from '../../../core/kubeadm/addons'
import { ClusterNetwork } from '../../../core/network/clusterNetwork'
import type { DirectoryPod, HostListener, NetworkDirectory } from '../../../core/network/directory'
import type { KubeProxy } from '../../../core/network/kubeProxy'
import type { TraceResult, TraceSource, Tracer } from '../../../core/network/tracer'
import type { HttpResponse, ProgramContext, RunningProgram } from '../../../core/node/program'
import { apiHarness, type ApiHarness } from '../../support/apiHarness'

export const MACHINES = [
  { name: 'cp-1', ip: '192.168.56.11', role: 'control-plane' as const },
  { name: 'worker-1', ip: '192.168.56.21', role: 'worker' as const },
  { name: 'worker-2', ip: '192.168.56.22', role: 'worker' as const },
]

/** nginx's welcome page, as the fake web server's answer (with who answered in a header). */
export function nginx(name: string): RunningProgram {
  return {
    signal: () => undefined,
    listening: () => [80],
    http: (request): HttpResponse | undefined =>
      request.port === 80
        ? { status: 200, body: '<h1>Welcome to nginx!</h1>\n', headers: { 'x-pod': name } }
        : undefined,
  }
}

export interface PodEntry extends DirectoryPod {
  ip: string
}

export interface NetSim {
  h: ApiHarness
  net: ClusterNetwork
  proxies: Map<string, KubeProxy>
  pods: Map<string, PodEntry>
  hostListeners: Map<string, HostListener>
  tracer: Tracer
  service(options: {
    name: string
    namespace?: string
    clusterIP?: string
    nodePort?: number
    ports?: ServicePort[]
  }): Service
  /** Creates the pod through the API, with an IP from Weave's allocator on its machine. */
  pod(
    name: string,
    machine: string,
    options?: { namespace?: string; program?: RunningProgram },
  ): PodEntry
  /** An EndpointSlice for a Service, from pods; `notReady` lists pods with ready=false. */
  slice(
    service: string,
    pods: string[],
    options?: { namespace?: string; notReady?: string[]; ports?: EndpointSlice['ports'] },
  ): void
  /** Lets watches and kube-proxy syncs run. */
  settle(): void
  curl(from: TraceSource, url: string, maxTimeMs?: number): TraceResult
  fromPod(name: string): TraceSource
  /** CoreDNS in kube-system on `machine`, behind the kube-dns Service 10.96.0.10. */
  coreDns(machine: string): PodEntry
}

export function netSim(options: { seed: number }): NetSim {
  const h = apiHarness({ seed: options.seed })
  const net = new ClusterNetwork(MACHINES)
  const pods = new Map<string, PodEntry>()
  const byIP = new Map<string, PodEntry>()
  const hostListeners = new Map<string, HostListener>()
  const directory: NetworkDirectory = {
    podByIP: (ip) => byIP.get(ip),
    hostListener: (machine, port) => hostListeners.get(`${machine}:${port}`),
  }
  const client = h.client('test')
  const proxies = new Map<string, KubeProxy>()
  for (const m of MACHINES) {
    net.weave.router(m.name).start()
    const proxy = net.kubeProxy(h.context(`kube-proxy/${m.name}`, m.name))
    proxy.start()
    proxies.set(m.name, proxy)
  }
  const tracer = net.tracer(directory, h.random.fork('tracer'))

  const sim: NetSim = {
    h,
    net,
    proxies,
    pods,
    hostListeners,
    tracer,
    service({ name, namespace = 'default', clusterIP, nodePort, ports }) {
      const service: Service = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name },
        spec: {
          type: nodePort === undefined ? 'ClusterIP' : 'NodePort',
          selector: { app: name },
          ...(clusterIP === undefined ? {} : { clusterIP }),
          ports: ports ?? [
            { name: 'http', port: 80, targetPort: 80, ...(nodePort ? { nodePort } : {}) },
          ],
        },
      }
      return client.create('services', namespace, service)
    },
    pod(name, machine, { namespace = 'default', program = nginx(name) } = {}) {
      const ip = net.weave.ipam.allocator(machine).allocate()
      const pod: Pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, labels: { app: name.replace(/-[^-]+$/, '') } },
        spec: { nodeName: machine, containers: [{ name: 'main', image: 'nginx:1.27' }] },
      }
      const created = client.create<Pod>('pods', namespace, pod)
      created.status = { ...created.status, phase: 'Running', podIP: ip, podIPs: [{ ip }] }
      client.updateStatus('pods', created)
      const entry: PodEntry = { machine, namespace, name, program, ip }
      pods.set(name, entry)
      byIP.set(ip, entry)
      return entry
    },
    slice(service, names, { namespace = 'default', notReady = [], ports } = {}) {
      const slice: EndpointSlice = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: `${service}-abcde`, labels: { 'kubernetes.io/service-name': service } },
        addressType: 'IPv4',
        endpoints: names.map((n) => {
          const p = pods.get(n)!
          const ready = !notReady.includes(n)
          return {
            addresses: [p.ip],
            conditions: { ready, serving: ready, terminating: false },
            nodeName: p.machine,
            targetRef: { kind: 'Pod', namespace, name: n },
          }
        }),
        ports: ports ?? [{ name: 'http', port: 80, protocol: 'TCP' }],
      }
      const existing = client.find<EndpointSlice>('endpointslices', namespace, slice.metadata.name!)
      if (existing === undefined) client.create('endpointslices', namespace, slice)
      else client.update('endpointslices', { ...slice, metadata: existing.metadata })
    },
    settle: () => h.advance(0),
    curl: (from, url, maxTimeMs) =>
      tracer.trace({ from, url, ...(maxTimeMs === undefined ? {} : { maxTimeMs }) }),
    fromPod(name) {
      const p = pods.get(name)!
      return { kind: 'pod', machine: p.machine, namespace: p.namespace, name: p.name, ip: p.ip }
    },
    coreDns(machine) {
      client.create('services', 'kube-system', dnsService())
      const lookup = (ns: string, svc: string): string[] | undefined => {
        const found = client.find<Service>('services', ns, svc)
        return found?.spec.clusterIP ? [found.spec.clusterIP] : undefined
      }
      const program = net.programs(lookup)(COREDNS_IMAGE)!.start(programContext(sim, machine))
      const entry = sim.pod('coredns-abc', machine, { namespace: 'kube-system', program })
      sim.slice('kube-dns', ['coredns-abc'], {
        namespace: 'kube-system',
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, protocol: 'TCP' },
          { name: 'metrics', port: 9153, protocol: 'TCP' },
        ],
      })
      return entry
    },
  }
  return sim
}

/** A ProgramContext that records logs and exits. */
export function programContext(
  sim: Pick<NetSim, 'h'>,
  machine: string,
  logs: string[] = [],
  exits: number[] = [],
): ProgramContext {
  return {
    clock: sim.h.clock,
    random: sim.h.random.fork('program'),
    machine,
    podNamespace: 'kube-system',
    podName: 'coredns-abc',
    containerName: 'coredns',
    podIP: '',
    command: [],
    args: [],
    env: {},
    mounts: [],
    memoryLimitBytes: undefined,
    log: (line) => void logs.push(line),
    exit: (code) => void exits.push(code),
    oomKill: () => undefined,
  }
}
