/**
 * kube-proxy in iptables mode (the default on Linux in 1.32, FIDELITY.md §8.1), one per node:
 * it watches Services and EndpointSlices and keeps the node's NatTable in step with them.
 *
 * Invariants:
 * 1. Level-driven: a change marks its Service dirty; a sync (on the clock, coalesced) rebuilds
 *    the rules of the dirty Services only. The first sync after a start is full: every Service
 *    the informers know, plus every Service the table still has (to drop the deleted ones).
 * 2. Nothing is written before both informers have listed (kube-proxy's isInitialized): a
 *    kube-proxy that starts while the API server is down leaves the old rules alone.
 * 3. Stopping does not touch the table (FIDELITY.md §8.2): rules keep working, and miss every
 *    change until the next start resyncs. The table is marked stale meanwhile.
 * 4. The ExplainLog hears when a service port loses (or regains) its last usable endpoint on
 *    this node, and when kube-proxy stops, so "why does this Service refuse?" has an answer.
 */
import { rfc3339Micro } from '../api/time'
import type { EndpointSlice, Service } from '../api/types'
import type { ScheduledTask } from '../clock'
import { Informer } from '../client/informer'
import type { ComponentContext, ComponentProcess } from '../components/component'
import { KUBERNETES_VERSION } from '../version'
import type { NatTable } from './nat'
import { isProxied, SERVICE_NAME_LABEL, ServiceRulesCache, type PortSummary } from './proxyRules'
import { WEAVE_ALLOC_RANGE } from './weaveIpam'

export interface KubeProxyOptions {
  nodeName: string
  nodeIP: string
  /** The node's kernel tables: they outlive this process. */
  table: NatTable
  /** `clusterCIDR` in kube-proxy's config; kubeadm passes the pod network (Weave's range). */
  clusterCIDR?: string
  /** Rules built once and shared by the kube-proxies of one cluster. */
  cache?: ServiceRulesCache
}

const INIT_RETRY_MIN_MS = 1_000
const INIT_RETRY_MAX_MS = 30_000

export class KubeProxy implements ComponentProcess {
  private services: Informer<Service> | undefined
  private slices: Informer<EndpointSlice> | undefined
  private readonly slicesByService = new Map<string, Map<string, EndpointSlice>>()
  private readonly dirty = new Set<string>()
  private readonly withoutEndpoints = new Map<string, Set<string>>()
  private syncTask: ScheduledTask | undefined
  private initialized = false
  private retryMs = INIT_RETRY_MIN_MS
  private up = false
  private readonly cache: ServiceRulesCache

  constructor(
    private readonly context: ComponentContext,
    private readonly options: KubeProxyOptions,
  ) {
    this.cache = options.cache ?? new ServiceRulesCache()
  }

  get running(): boolean {
    return this.up
  }

  get table(): NatTable {
    return this.options.table
  }

  start(): void {
    if (this.up) return
    this.up = true
    this.initialized = false
    this.retryMs = INIT_RETRY_MIN_MS
    this.slicesByService.clear()
    this.dirty.clear()
    this.logStartup()
    const { clock, client } = this.context
    this.services = new Informer<Service>(clock, client, 'services')
    this.slices = new Informer<EndpointSlice>(clock, client, 'endpointslices')
    const onService = (service: Service): void => this.markDirty(keyOf(service))
    this.services.addHandlers({
      onAdd: onService,
      onUpdate: (_old, service) => onService(service),
      onDelete: onService,
    })
    this.slices.addHandlers({
      onAdd: (slice) => this.indexSlice(slice, false),
      onUpdate: (old, slice) => {
        // A slice relabelled to another Service leaves the old one.
        if (
          old.metadata.labels?.[SERVICE_NAME_LABEL] !== slice.metadata.labels?.[SERVICE_NAME_LABEL]
        )
          this.indexSlice(old, true)
        this.indexSlice(slice, false)
      },
      onDelete: (slice) => this.indexSlice(slice, true),
    })
    this.services.start()
    this.slices.start()
    this.scheduleSync(0)
  }

  stop(): void {
    if (!this.up) return
    this.up = false
    this.services?.stop()
    this.slices?.stop()
    this.syncTask?.cancel()
    this.syncTask = undefined
    this.table.stale = true
    const { nodeName } = this.options
    const since = this.table.syncedAtMs === undefined ? '' : ' as last synced'
    this.context.explain.record({
      component: `kube-proxy/${nodeName}`,
      subject: `Node ${nodeName}`,
      code: 'KubeProxyStopped',
      summary: `kube-proxy on ${nodeName} is stopped: the iptables rules stay${since} and miss every Service and EndpointSlice change until it starts again`,
    })
  }

  private markDirty(key: string): void {
    this.dirty.add(key)
    this.scheduleSync(0)
  }

  private indexSlice(slice: EndpointSlice, deleted: boolean): void {
    const service = slice.metadata.labels?.[SERVICE_NAME_LABEL]
    if (service === undefined) return
    const key = `${slice.metadata.namespace}/${service}`
    const byName = this.slicesByService.get(key) ?? new Map<string, EndpointSlice>()
    if (deleted) byName.delete(slice.metadata.name!)
    else byName.set(slice.metadata.name!, slice)
    if (byName.size === 0) this.slicesByService.delete(key)
    else this.slicesByService.set(key, byName)
    this.markDirty(key)
  }

  private scheduleSync(delayMs: number): void {
    if (!this.up || this.syncTask !== undefined) return
    const label = `kube-proxy/${this.options.nodeName} sync`
    this.syncTask = this.context.clock.schedule(delayMs, label, () => {
      this.syncTask = undefined
      this.sync()
    })
  }

  private sync(): void {
    if (!this.up) return
    if (!this.initialized && !this.initialize()) return
    const keys = [...this.dirty].sort()
    this.dirty.clear()
    for (const key of keys) this.syncService(key)
    this.table.stale = false
    this.table.syncedAtMs = this.context.clock.nowMs
  }

  /** The first full sync, once both caches are filled (invariants 1 and 2). */
  private initialize(): boolean {
    if (!this.services!.hasSynced || !this.slices!.hasSynced) {
      this.scheduleSync(this.retryMs)
      this.retryMs = Math.min(this.retryMs * 2, INIT_RETRY_MAX_MS)
      return false
    }
    this.initialized = true
    this.log('shared_informer.go:320', 'Caches are synced for service config')
    this.log('shared_informer.go:320', 'Caches are synced for endpoint slice config')
    this.table.installBase()
    for (const key of this.table.serviceKeys()) this.dirty.add(key)
    for (const service of this.services!.list()) this.dirty.add(keyOf(service))
    return true
  }

  private syncService(key: string): void {
    const [namespace, name] = key.split('/') as [string, string]
    const service = this.services!.get(namespace, name)
    if (service === undefined || !isProxied(service)) {
      this.table.deleteService(key)
      this.withoutEndpoints.delete(key)
      return
    }
    const slices = [...(this.slicesByService.get(key)?.values() ?? [])]
    const clusterCIDR = this.options.clusterCIDR ?? WEAVE_ALLOC_RANGE
    const built = this.cache.get(service, slices, { clusterCIDR })
    this.table.setService(key, built.rules)
    this.explainEndpoints(key, built.ports)
  }

  /** Records a service port going to zero usable endpoints, or back (invariant 4). */
  private explainEndpoints(key: string, ports: PortSummary[]): void {
    const before = this.withoutEndpoints.get(key) ?? new Set<string>()
    const now = new Set(ports.filter((p) => p.endpoints === 0).map((p) => p.name))
    const component = `kube-proxy/${this.options.nodeName}`
    const node = this.options.nodeName
    for (const port of ports) {
      const target = `${port.clusterIP}:${port.port}${port.nodePort ? ` and NodePort ${port.nodePort}` : ''}`
      if (now.has(port.name) && !before.has(port.name)) {
        this.context.explain.record({
          component,
          subject: `Service ${key}`,
          code: 'NoEndpoints',
          summary: `${port.name} has no endpoints: kube-proxy on ${node} rejects connections to ${target}`,
          details: port,
        })
      } else if (!now.has(port.name) && before.has(port.name)) {
        this.context.explain.record({
          component,
          subject: `Service ${key}`,
          code: 'EndpointsAvailable',
          summary: `${port.name} has ${port.endpoints} endpoint(s) again: kube-proxy on ${node} forwards ${target}`,
          details: port,
        })
      }
    }
    if (now.size === 0) this.withoutEndpoints.delete(key)
    else this.withoutEndpoints.set(key, now)
  }

  private logStartup(): void {
    const { nodeName, nodeIP } = this.options
    this.log('server_linux.go:66', '"Using iptables proxy"')
    this.log('server.go:698', `"Successfully retrieved node IP(s)" IPs=["${nodeIP}"]`)
    this.log(
      'server.go:234',
      `"Kube-proxy configuration may be incomplete or incorrect" err="nodePortAddresses is unset; NodePort connections will be accepted on all local IPs. Consider using \`--nodeport-addresses primary\`"`,
    )
    this.log('server_linux.go:170', '"Using iptables Proxier"')
    this.log('server.go:497', `"Version info" version="${KUBERNETES_VERSION}"`)
    this.log(
      'server.go:499',
      `"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK="" node="${nodeName}"`,
    )
    this.log('config.go:199', '"Starting service config controller"')
    this.log('shared_informer.go:313', 'Waiting for caches to sync for service config')
    this.log('config.go:105', '"Starting endpoint slice config controller"')
    this.log('shared_informer.go:313', 'Waiting for caches to sync for endpoint slice config')
  }

  /** A klog line: "I0105 09:00:00.000000       1 file.go:66] message". */
  private log(source: string, message: string): void {
    const stamp = rfc3339Micro(this.context.clock.nowMs)
    const header = `I${stamp.slice(5, 7)}${stamp.slice(8, 10)} ${stamp.slice(11, 26)}`
    this.context.log(`${header}       1 ${source}] ${message}`)
  }
}

function keyOf(service: Service): string {
  return `${service.metadata.namespace}/${service.metadata.name}`
}
