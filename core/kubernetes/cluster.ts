/**
 * The whole Kubernetes cluster of a lab, assembled kubeadm style: per machine a containerd and a
 * kubelet (systemd services), the control plane as static pods on the control-plane nodes
 * (etcd, kube-apiserver, kube-scheduler, kube-controller-manager), kube-proxy and Weave Net as
 * DaemonSet pods, CoreDNS as a Deployment.
 *
 * Invariants:
 * 1. Components never call each other: they talk to the API server through ApiClients, and the
 *    API server is the only writer to etcd. Only the assembly (this file) and the node chain
 *    (kubelet → containerd over CRI) hold direct references.
 * 2. A control-plane component lives exactly as long as its container's process: the programs
 *    in controlPlanePrograms.ts start and stop it. Stopping the kubelet does not stop them;
 *    moving their manifest out does.
 * 3. A client reaches an API server only if that server's process runs and the network lets
 *    TCP 6443 through from the client's machine; otherwise it gets connection refused.
 */
import { apiserverConfigMaps } from '../apiserver/postStartConfigMaps'
import type { KubeObject, Service } from '../api/types'
import { ClusterIPAllocator, NodePortAllocator } from '../apiserver/allocators'
import type { ApiServer } from '../apiserver/apiserver'
import { RestHandler } from '../apiserver/handler'
import type { ApiRequest, ApiResponse } from '../apiserver/request'
import type { Clock } from '../clock'
import { ApiClient, ConnectionRefused, type ApiEndpoint } from '../client/client'
import type { Machine } from '../cluster/world'
import type { ComponentContext } from '../components/component'
import { KubeControllerManager } from '../controllers/kubeControllerManager'
import { NodeLifecycleController } from '../controllers/nodeLifecycle'
import { ETCD_PEER_PORT, EtcdCluster } from '../etcd/etcd'
import { probeComponents } from './componentProbes'
import { EtcdLog } from '../etcd/etcdLog'
import type { ExplainLog } from '../explain/explain'
import {
  addonObjects,
  namespaces,
  kubernetesService,
  kubernetesEndpoints,
  kubernetesEndpointSlice,
  COREDNS_IMAGE,
  KUBE_PROXY_IMAGE,
  WEAVE_IMAGE,
  WEAVE_NPC_IMAGE,
} from '../kubeadm/addons'
import { kubeadmConfigMaps } from '../kubeadm/configMaps'
import { controlPlaneManifests } from '../kubeadm/staticPods'
import { ClusterNetwork } from '../network/clusterNetwork'
import { WeavePeerLog } from '../network/weaveLog'
import type { KubeProxy } from '../network/kubeProxy'
import { Containerd } from '../node/containerd'
import { composeRegistries, PAUSE_IMAGE, programRegistry, workloadImages } from '../node/images'
import { CONTROL_PLANE_LABELS, CONTROL_PLANE_TAINT, Kubelet } from '../node/kubelet'
import { ProcessTable } from '../node/processTable'
import type { ProgramRegistry } from '../node/program'
import { StaticPodManifests } from '../node/staticPods'
import type { Random } from '../random'
import { KubeScheduler } from '../scheduler/kubeScheduler'
import { COMPONENT_VERSIONS, KUBERNETES_VERSION } from '../version'
import {
  controlPlanePrograms,
  type ControlPlaneComponent,
  type ControlPlaneHooks,
} from './controlPlanePrograms'
import { ComponentLogs } from './componentLogs'
import { kubeProxyProgram } from './kubeProxyProgram'
import { clusterDirectory } from './directory'
import { silentFlow, type FlowRecorder } from '../observe/flow'
import { FlowApiClient, FlowApiServer, recordApiRequest } from '../observe/flowApi'
import { EtcdFlow } from '../observe/flowEtcd'
import { criClient } from '../observe/flowNode'
import { humanBytes } from '../shell/node/etcdConnection'
import { dbSizeBytes } from '../shell/node/etcdSnapshot'

export interface KubernetesClusterOptions {
  clock: Clock
  random: Random
  explain: ExplainLog
  machines: readonly Machine[]
  /** Where components' messages are told, for the topology (default: a recorder never on). */
  flow?: FlowRecorder
}

/** Everything that runs on one machine. */
export interface NodeRuntime {
  machine: Machine
  processes: ProcessTable
  containerd: Containerd
  kubelet: Kubelet
  staticPods: StaticPodManifests
  kubeProxy: KubeProxy
}

const CONTROL_PLANE_IMAGES = [
  `registry.k8s.io/etcd:${COMPONENT_VERSIONS.etcd}`,
  `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`,
  `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`,
  `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`,
  COREDNS_IMAGE,
]
const NODE_IMAGES = [PAUSE_IMAGE, KUBE_PROXY_IMAGE, WEAVE_IMAGE, WEAVE_NPC_IMAGE]
/** How often kubeadm (and the API server's bootstrap hooks) retry until the API answers. */
const BOOTSTRAP_RETRY_MS = 1000

export class KubernetesCluster {
  readonly etcd: EtcdCluster<KubeObject>
  readonly apiservers = new Map<string, ApiServer>()
  readonly handlers = new Map<string, RestHandler>()
  readonly network: ClusterNetwork
  readonly nodes = new Map<string, NodeRuntime>()
  readonly schedulers = new Map<string, KubeScheduler>()
  readonly controllerManagers = new Map<string, KubeControllerManager>()
  /** Every line is stamped with the virtual time it is written at. */
  readonly logs = new ComponentLogs(() => this.clock.nowMs)
  readonly controlPlanes: readonly Machine[]
  readonly flow: FlowRecorder
  private readonly apiserverUp = new Set<string>()
  /** The container logs of the running etcd and kube-apiserver processes, by drawn name. */
  private readonly containerLogs = new Map<string, (line: string) => void>()
  private readonly clock: Clock
  private readonly random: Random
  private readonly explain: ExplainLog
  private readonly programs: ProgramRegistry
  /** Shared by every API server, as the real allocators' state lives in etcd. */
  private readonly allocators: { clusterIPs: ClusterIPAllocator; nodePorts: NodePortAllocator }

  constructor(options: KubernetesClusterOptions) {
    this.clock = options.clock
    this.random = options.random
    this.explain = options.explain
    this.flow = options.flow ?? silentFlow()
    this.controlPlanes = options.machines.filter((m) => m.spec.role === 'control-plane')
    const members = this.controlPlanes.map((m) => ({
      name: m.metadata.name,
      ip: m.spec.internalIP,
    }))
    this.etcd = new EtcdCluster<KubeObject>(this.clock, this.random.fork('etcd'), members)
    // Until their static pods start, no member runs.
    for (const member of members) this.etcd.stop(member.name)
    this.observeEtcd()
    this.allocators = {
      clusterIPs: new ClusterIPAllocator(this.random.fork('apiserver/clusterip')),
      nodePorts: new NodePortAllocator(this.random.fork('apiserver/nodeport')),
    }
    this.network = ClusterNetwork.fromWorld(options.machines)
    this.observeWeave()
    // etcd's members talk on 2380/TCP: partitions and blocked ports reach Raft as they happen.
    const fabric = this.network.fabric
    this.etcd.linkPeers((from, to) => fabric.reachable(from, to, ETCD_PEER_PORT, 'TCP'))
    fabric.onChange(() => this.etcd.networkChanged())
    this.programs = composeRegistries(
      programRegistry(Object.fromEntries(controlPlanePrograms(this.controlPlaneHooks()))),
      programRegistry({
        [KUBE_PROXY_IMAGE]: kubeProxyProgram((machine) => this.nodes.get(machine)?.kubeProxy),
      }),
      this.network.programs((namespace, name) => this.serviceRecords(namespace, name)),
      workloadImages(),
    )
    for (const cp of this.controlPlanes) this.addControlPlane(cp)
    for (const machine of options.machines) this.addNode(machine)
  }

  /** `kubeadm init` and `join` at the start of the warm-up: the services start, the rest follows. */
  boot(): void {
    for (const node of this.nodes.values()) {
      node.containerd.start()
      node.kubelet.start()
    }
    this.retryUntilDone('kubeadm: add-ons', () => this.createAddons())
  }

  /** Where a machine's clients send API requests: its own API server on a control plane, else cp-1's. */
  endpoint(machine: string): ApiEndpoint {
    const target = this.apiserverMachineFor(machine)
    return {
      address: this.apiserverAddress(target),
      server: () => (this.canReach(machine, target) ? this.apiservers.get(target) : undefined),
    }
  }

  /** A REST request as kubectl on `fromMachine` (or the learner's laptop) sends it. */
  request(fromMachine: string | 'outside', request: ApiRequest): ApiResponse {
    const target = this.apiserverMachineFor(fromMachine)
    if (!this.canReach(fromMachine, target))
      throw new ConnectionRefused(this.apiserverAddress(target))
    if (this.flow.active)
      recordApiRequest(this.flow, fromMachine, `kube-apiserver-${target}`, request)
    return this.handlers.get(target)!.handle(request)
  }

  isApiserverUp(machine: string): boolean {
    return this.apiserverUp.has(machine)
  }

  context(component: string, machine: string): ComponentContext {
    const logName = `${component}-${machine}`
    return {
      clock: this.clock,
      random: this.random.fork(`${component}/${machine}`),
      client: new FlowApiClient(this.endpoint(machine), component, this.flow, {
        component: logName,
        apiserver: `kube-apiserver-${this.apiserverMachineFor(machine)}`,
      }),
      explain: this.explain,
      machine,
      log: (line) => this.logs.append(logName, line),
    }
  }

  /** A line of an etcd or kube-apiserver: the timeline's log and, while it runs, its container's. */
  private componentLog(name: string, line: string): void {
    this.logs.append(name, line)
    this.containerLogs.get(name)?.(line)
  }

  /** The members' own lines (etcdLog.ts) and their Raft messages for the flow (flowEtcd.ts). */
  private observeEtcd(): void {
    const dbSize = (keys: number): { bytes: number; text: string } => {
      const bytes = dbSizeBytes(keys)
      return { bytes, text: humanBytes(bytes) }
    }
    this.etcd.observe(
      new EtcdLog(
        this.clock,
        this.etcd,
        {
          member: (name, line) => this.componentLog(`etcd-${name}`, line),
          apiserver: (machine, line) => {
            if (!this.apiserverUp.has(machine)) return false
            this.componentLog(`kube-apiserver-${machine}`, line)
            return true
          },
        },
        dbSize,
      ),
    )
    const flow = new EtcdFlow(this.flow, this.etcd, this.clock)
    this.etcd.observe(flow)
    this.flow.onPublish(() => flow.sampleHeartbeats())
  }

  /** The routers' connection lines (weaveLog.ts); a fault's partition is seen at the publish. */
  private observeWeave(): void {
    const weave = this.network.weave
    weave.componentLog = (machine, line) => this.logs.append(`weave-net-${machine}`, line)
    const peers = new WeavePeerLog(weave, this.network.fabric, this.clock, this.flow)
    weave.observe(peers)
    this.flow.onPublish(() => peers.check())
  }

  private apiserverAddress(machine: string): string {
    return `${this.controlPlanes.find((m) => m.metadata.name === machine)!.spec.internalIP}:6443`
  }

  private apiserverMachineFor(machine: string): string {
    const own = this.controlPlanes.find((m) => m.metadata.name === machine)
    return (own ?? this.controlPlanes[0]!).metadata.name
  }

  private canReach(from: string, apiserverMachine: string): boolean {
    if (!this.apiserverUp.has(apiserverMachine)) return false
    // The fabric knows the laptop ('outside') too: partitions and blocked ports apply to it.
    return this.network.fabric.reachable(from, apiserverMachine, 6443, 'TCP')
  }

  private addControlPlane(machine: Machine): void {
    const name = machine.metadata.name
    const apiserver = new FlowApiServer(
      this.flow,
      this.clock,
      this.random.fork(`apiserver/${name}`),
      this.etcd,
      name,
      this.allocators,
    )
    this.apiservers.set(name, apiserver)
    this.handlers.set(
      name,
      new RestHandler(apiserver, this.clock, `${machine.spec.internalIP}:6443`, {
        podLogs: (pod, options) => this.podLogs(pod, options),
        failingChecks: () =>
          this.etcd.canServe(name) ? new Set() : new Set(['etcd', 'etcd-readiness']),
        componentStatuses: () => probeComponents(this, name),
      }),
    )
    this.schedulers.set(name, new KubeScheduler(this.context('kube-scheduler', name)))
    const kcmContext = this.context('kube-controller-manager', name)
    this.controllerManagers.set(
      name,
      new KubeControllerManager(kcmContext, {
        extraControllers: [
          (env) => new NodeLifecycleController(env.context, env.recorder('node-controller')),
        ],
      }),
    )
  }

  private addNode(machine: Machine): void {
    const name = machine.metadata.name
    const isControlPlane = machine.spec.role === 'control-plane'
    const processes = new ProcessTable(name, this.clock, this.random.fork(`processes/${name}`))
    const containerd = new Containerd({
      machine: name,
      clock: this.clock,
      random: this.random.fork(`containerd/${name}`),
      processes,
      programs: this.programs,
      images: isControlPlane ? [...CONTROL_PLANE_IMAGES, ...NODE_IMAGES] : NODE_IMAGES,
      explain: this.explain,
      log: (line) => this.logs.append(`containerd-${name}`, line),
      flow: this.flow,
    })
    const staticPods = new StaticPodManifests()
    if (isControlPlane) {
      const members = this.controlPlanes.map((m) => ({
        name: m.metadata.name,
        ip: m.spec.internalIP,
      }))
      for (const [path, pod] of controlPlaneManifests(
        { name, ip: machine.spec.internalIP },
        members,
      ))
        staticPods.add(path, pod)
    }
    const kubelet = new Kubelet(this.context('kubelet', name), {
      nodeName: name,
      nodeIP: machine.spec.internalIP,
      ...(isControlPlane
        ? { labels: { ...CONTROL_PLANE_LABELS }, taints: [CONTROL_PLANE_TAINT] }
        : {}),
      capacity: {
        cpu: String(machine.spec.cpuCores),
        memory: `${machine.spec.memoryMiB * 1024}Ki`,
        pods: '110',
        'ephemeral-storage': '40901312Ki',
      },
      podIPs: this.network.weave.ipam.allocator(name),
      containerd: criClient(containerd, this.flow, `kubelet-${name}`, `containerd-${name}`),
      staticPods,
      processes,
    })
    const kubeProxy = this.network.kubeProxy(this.context('kube-proxy', name), name)
    this.nodes.set(name, { machine, processes, containerd, kubelet, staticPods, kubeProxy })
  }

  private controlPlaneHooks(): ControlPlaneHooks {
    return {
      start: (component, machine, log) => {
        this.containerLogs.set(`${component}-${machine}`, log)
        this.startControlPlane(component, machine)
      },
      stop: (component, machine) => {
        this.stopControlPlane(component, machine)
        this.containerLogs.delete(`${component}-${machine}`)
      },
      // The scheduler and the controller manager write their own lines (ComponentContext.log);
      // etcd and the API server have no other voice in the timeline.
      log: (component, machine, line) => {
        if (component === 'etcd' || component === 'kube-apiserver')
          this.logs.append(`${component}-${machine}`, line)
      },
      http: (component, machine, request) => {
        if (component === 'kube-apiserver') {
          const response = this.handlers.get(machine)!.handle({ method: 'GET', path: request.path })
          return {
            status: response.status,
            body: typeof response.body === 'string' ? response.body : JSON.stringify(response.body),
          }
        }
        if (component === 'etcd') {
          const ok = this.etcd.canServe(machine)
          return ok ? { status: 200, body: 'ok' } : { status: 503, body: '' }
        }
        return { status: 200, body: 'ok' }
      },
    }
  }

  private startControlPlane(component: ControlPlaneComponent, machine: string): void {
    switch (component) {
      case 'etcd':
        return this.etcd.start(machine)
      case 'kube-apiserver':
        this.apiserverUp.add(machine)
        return this.retryUntilDone(`kube-apiserver ${machine}: bootstrap`, () =>
          this.apiserverBootstrap(machine),
        )
      case 'kube-scheduler':
        return this.schedulers.get(machine)!.start()
      case 'kube-controller-manager':
        return this.controllerManagers.get(machine)!.start()
    }
  }

  private stopControlPlane(component: ControlPlaneComponent, machine: string): void {
    switch (component) {
      case 'etcd':
        return this.etcd.stop(machine)
      case 'kube-apiserver':
        this.apiserverUp.delete(machine)
        return this.apiservers.get(machine)!.closeWatches()
      case 'kube-scheduler':
        return this.schedulers.get(machine)!.stop()
      case 'kube-controller-manager':
        return this.controllerManagers.get(machine)!.stop()
    }
  }

  /**
   * What the API server does for itself once it serves: the system namespaces
   * (start-system-namespaces-controller), the `kubernetes` Service (bootstrap-controller) and
   * its own kube-system ConfigMaps (postStartConfigMaps.ts).
   */
  private apiserverBootstrap(machine: string): boolean {
    if (!this.apiserverUp.has(machine)) return true
    const client = new ApiClient(this.endpoint(machine), 'kube-apiserver')
    try {
      for (const ns of namespaces())
        if (client.find('namespaces', undefined, ns.metadata.name!) === undefined)
          client.create('namespaces', undefined, ns)
      if (client.find('services', 'default', 'kubernetes') === undefined)
        client.create('services', 'default', kubernetesService())
      for (const cm of apiserverConfigMaps(this.clock.nowMs))
        if (client.find('configmaps', 'kube-system', cm.metadata.name!) === undefined)
          client.create('configmaps', 'kube-system', cm)
      this.reconcileApiserverEndpoints(client, machine)
      return true
    } catch {
      return false
    }
  }

  /** Adds this API server's address to the `kubernetes` Endpoints and EndpointSlice. */
  private reconcileApiserverEndpoints(client: ApiClient, machine: string): void {
    const ip = this.controlPlanes.find((m) => m.metadata.name === machine)!.spec.internalIP
    const endpoints = client.find('endpoints', 'default', 'kubernetes') as
      { subsets?: { addresses?: { ip: string }[] }[] } | undefined
    const known = endpoints?.subsets?.[0]?.addresses?.map((a) => a.ip) ?? []
    if (known.includes(ip)) return
    const ips = [...known, ip].sort()
    for (const [resource, object] of [
      ['endpoints', kubernetesEndpoints(ips)],
      ['endpointslices', kubernetesEndpointSlice(ips)],
    ] as const) {
      const live = client.find(resource, 'default', 'kubernetes')
      if (live === undefined) client.create(resource, 'default', object)
      else
        client.update(resource, {
          ...object,
          metadata: { ...object.metadata, resourceVersion: live.metadata.resourceVersion },
        })
    }
  }

  /** `kubeadm init` phase addon (plus the Weave Net manifest a learner applies next). */
  private createAddons(): boolean {
    const cp = this.controlPlanes[0]!.metadata.name
    const client = new ApiClient(this.endpoint(cp), 'kubeadm')
    try {
      if (client.find('namespaces', undefined, 'kube-system') === undefined) return false
      const endpoint = this.apiserverAddress(cp)
      for (const object of [...kubeadmConfigMaps(endpoint), ...addonObjects()]) {
        const resource = resourceOf(object)
        if (client.find(resource, object.metadata.namespace, object.metadata.name!) === undefined) {
          client.create(resource, object.metadata.namespace, object)
        }
      }
      return true
    } catch {
      return false
    }
  }

  private retryUntilDone(label: string, attempt: () => boolean): void {
    this.clock.schedule(0, label, () => {
      if (!attempt())
        this.clock.schedule(BOOTSTRAP_RETRY_MS, label, () => this.retryUntilDone(label, attempt))
    })
  }

  private serviceRecords(namespace: string, name: string): string[] {
    const service = this.etcd.kv.get(`/registry/services/specs/${namespace}/${name}`) as
      Service | undefined
    const ip = service?.spec.clusterIP
    return ip === undefined || ip === 'None' ? [] : [ip]
  }

  private podLogs(
    pod: KubeObject,
    options: { container?: string; tailLines?: number; previous?: boolean },
  ): string {
    const nodeName = (pod['spec'] as { nodeName?: string }).nodeName
    const node = nodeName === undefined ? undefined : this.nodes.get(nodeName)
    if (node === undefined) return ''
    return node.kubelet.logs(pod.metadata.namespace!, pod.metadata.name!, options.container, {
      ...(options.tailLines === undefined ? {} : { tailLines: options.tailLines }),
      ...(options.previous === undefined ? {} : { previous: options.previous }),
    })
  }

  /** The directory the network tracer uses to find who answers at an address. */
  directory() {
    return clusterDirectory(this)
  }
}

function resourceOf(object: KubeObject): 'configmaps' | 'services' | 'daemonsets' | 'deployments' {
  const resources = {
    ConfigMap: 'configmaps',
    Service: 'services',
    DaemonSet: 'daemonsets',
    Deployment: 'deployments',
  } as const
  const resource = resources[object.kind as keyof typeof resources]
  if (resource === undefined) throw new RangeError(`kubeadm: no add-on of kind ${object.kind}`)
  return resource
}
