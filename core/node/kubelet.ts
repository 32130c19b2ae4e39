/**
 * The kubelet of one node: it registers the Node, heartbeats (status every 10 s, Lease every
 * 10 s), runs the pods bound to it (API pods through an informer on spec.nodeName, static pods
 * from the manifest folder) on containerd through the CRI, and serves their logs.
 *
 * Invariants:
 * 1. Stopping the kubelet stops everything it does — no heartbeats, no status, no syncs — and
 *    nothing else: containers keep running under their shims (FIDELITY.md §9.3). Starting it
 *    again adopts what the runtime has (containers are found by their io.kubernetes.* labels)
 *    and kills what no pod claims.
 * 2. While containerd is unreachable at start, the kubelet fails as the real one does and
 *    systemd restarts it every 10 s (Restart=always, RestartSec=10).
 * 3. While the runtime is down (no answer for 30 s) pods are not synced; the Node turns
 *    NotReady with "container runtime is down" (and the PLEG message after 3 min, §9.4).
 */
import { parseTimestamp } from '../api/time'
import type { Pod, ResourceList, Taint } from '../api/types'
import type { Clock, ScheduledTask } from '../clock'
import type { ApiClient } from '../client/client'
import { EventRecorder } from '../client/events'
import type { ComponentContext, ComponentProcess } from '../components/component'
import { podSubject } from '../explain/explain'
import { Backoff } from './backoff'
import type { Containerd } from './containerd'
import type { ReadLogOptions } from './containerLog'
import { KubeletEnvSources } from './envSources'
import { ImageManager } from './imageManager'
import type { KubeletCore } from './kubeletCore'
import { KubeletPods } from './kubeletPods'
import { NodeLease } from './nodeLease'
import { capacityOf, type NodeIdentity } from './nodeObject'
import { NodeStatusManager } from './nodeStatus'
import type { PodWorker } from './podWorker'
import type { PodIPAllocator, PodWorkerHost } from './podWorkerHost'
import type { ProcessEntry, ProcessTable } from './processTable'
import { aggregate, RUNTIME_CHECK_MS, RuntimeState } from './runtimeState'
import type { StaticPodManifests } from './staticPods'
import { klogHeader } from './timeFormat'
import { unavailable } from './cri'

export interface KubeletConfig {
  nodeName: string
  nodeIP: string
  /** Role labels to register with, e.g. CONTROL_PLANE_LABELS. */
  labels?: Record<string, string>
  /** Taints to register with, e.g. [CONTROL_PLANE_TAINT]. */
  taints?: Taint[]
  /** cpu, memory, pods (110), ephemeral-storage. */
  capacity?: ResourceList
  /** Pod addresses, from the network layer. */
  podIPs: PodIPAllocator
  containerd: Containerd
  staticPods: StaticPodManifests
  /** The machine's process table, to appear in `ps` (optional in tests). */
  processes?: ProcessTable
}

export const CONTROL_PLANE_LABELS: Readonly<Record<string, string>> = {
  'node-role.kubernetes.io/control-plane': '',
  'node.kubernetes.io/exclude-from-external-load-balancers': '',
}
export const CONTROL_PLANE_TAINT: Taint = {
  key: 'node-role.kubernetes.io/control-plane',
  effect: 'NoSchedule',
}

export const KUBELET_COMMAND =
  '/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10'
/** systemd's RestartSec for kubelet.service. */
export const KUBELET_RESTART_MS = 10_000
const PLEG_RELIST_MS = 1_000

export class Kubelet implements ComponentProcess, KubeletCore, PodWorkerHost {
  readonly clock: Clock
  readonly client: ApiClient
  readonly containerd: Containerd
  readonly runtime: RuntimeState
  readonly images: ImageManager
  readonly envSources: KubeletEnvSources
  crashBackoff: Backoff
  readonly nodeName: string
  readonly nodeIP: string
  readonly podIPs: PodIPAllocator
  private eventRecorder: EventRecorder
  private readonly nodeStatus: NodeStatusManager
  private readonly lease: NodeLease
  private readonly pods: KubeletPods
  private wanted = false
  private active = false
  private startedAtMs = 0
  private process: ProcessEntry | undefined
  private runtimeTask: ScheduledTask | undefined
  private restartTask: ScheduledTask | undefined
  private unsubscribe: (() => void) | undefined

  constructor(
    private readonly context: ComponentContext,
    private readonly config: KubeletConfig,
  ) {
    this.clock = context.clock
    this.client = context.client
    this.containerd = config.containerd
    this.nodeName = config.nodeName
    this.nodeIP = config.nodeIP
    this.podIPs = config.podIPs
    this.runtime = new RuntimeState(() => this.clock.nowMs)
    this.eventRecorder = new EventRecorder(this.clock, this.client, {
      component: 'kubelet',
      host: config.nodeName,
    })
    this.images = new ImageManager(this.clock, this.containerd, () => this.eventRecorder)
    this.crashBackoff = new Backoff(() => this.clock.nowMs)
    const capacity = config.capacity ?? {}
    this.envSources = new KubeletEnvSources(
      this.clock,
      this.client,
      () => capacityOf({ capacity } as NodeIdentity).allocatable,
    )
    const hex = (n: number): string =>
      Array.from({ length: n }, () =>
        context.random.nextUint32().toString(16).padStart(8, '0'),
      ).join('')
    const id = hex(4)
    this.nodeStatus = new NodeStatusManager(
      this,
      {
        nodeName: config.nodeName,
        nodeIP: config.nodeIP,
        labels: config.labels ?? {},
        taints: config.taints ?? [],
        capacity,
        machineID: id,
        systemUUID: `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`,
        bootID: hex(4).replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'),
      },
      () => this.pods.registered(),
    )
    this.lease = new NodeLease(this, () => this.nodeStatus.nodeUid)
    this.pods = new KubeletPods(this, config.staticPods, () => this.nodeStatus.nodeUid)
  }

  get running(): boolean {
    return this.wanted
  }

  /** systemctl start kubelet. */
  start(): void {
    if (this.wanted) return
    this.wanted = true
    this.launch()
  }

  /** systemctl stop kubelet: the process exits; its containers do not. */
  stop(): void {
    if (!this.wanted) return
    this.wanted = false
    this.deactivate()
  }

  /**
   * The container log kubectl logs reads through the API server's pods/log (GET
   * https://<node>:10250/containerLogs/<ns>/<pod>/<container>). Throws the kubelet's error texts.
   */
  logs(
    namespace: string,
    name: string,
    container?: string,
    options: ReadLogOptions & { previous?: boolean } = {},
  ): string {
    if (!this.active) {
      throw new Error(
        `Get "https://${this.nodeIP}:10250/containerLogs/${namespace}/${name}/${container ?? ''}": dial tcp ${this.nodeIP}:10250: connect: connection refused`,
      )
    }
    const worker = this.pods.find(namespace, name)
    if (worker === undefined) throw new Error(`pod "${name}" does not exist`)
    const names = worker.pod.spec.containers.map((c) => c.name)
    if (container === undefined && names.length !== 1) {
      throw new Error(
        `a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`,
      )
    }
    return worker.log(container ?? names[0]!, options.previous === true).read(options)
  }

  /** The workers of the pods this kubelet runs (for the UI and tests). */
  workers(): readonly PodWorker[] {
    return this.pods.list()
  }

  // --- KubeletCore / PodWorkerHost -----------------------------------------------------------

  recorder(): EventRecorder {
    return this.eventRecorder
  }

  log(severity: 'I' | 'W' | 'E', source: string, message: string): void {
    this.context.log(
      `${klogHeader(severity, this.clock.nowMs, this.process?.pid ?? 0, source)}${message}`,
    )
  }

  nodeEvent(type: 'Normal' | 'Warning', reason: string, message: string): void {
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: this.nodeName, uid: this.nodeName },
    }
    this.eventRecorder.event(node, type, reason, message)
  }

  explainNode(subject: string, code: string, summary: string, causedBy?: string): void {
    this.context.explain.record({
      component: `kubelet/${this.nodeName}`,
      subject,
      code,
      summary,
      ...(causedBy === undefined ? {} : { causedBy }),
    })
  }

  explain(pod: Pod, code: string, summary: string, causedBy?: string): void {
    this.explainNode(
      podSubject(pod.metadata.namespace!, pod.metadata.name!),
      code,
      summary,
      causedBy,
    )
  }

  runtimeUp(): boolean {
    return this.active && this.runtime.runtimeUp
  }

  networkErrors(): string[] {
    return this.runtime.networkErrors()
  }

  nextRelistInMs(): number {
    return PLEG_RELIST_MS - ((this.clock.nowMs - this.startedAtMs) % PLEG_RELIST_MS)
  }

  parseTime(text: string): number {
    return parseTimestamp(text)
  }

  publish(worker: PodWorker): void {
    this.pods.publish(worker)
  }

  finished(worker: PodWorker): void {
    this.pods.finished(worker)
  }

  // --- Life cycle ----------------------------------------------------------------------------

  private launch(): void {
    if (!this.wanted) return
    this.process = this.config.processes?.spawn(1, KUBELET_COMMAND)
    this.startedAtMs = this.clock.nowMs
    this.log('I', 'server.go:486', `"Kubelet version" kubeletVersion="v1.32.4"`)
    if (!this.runtime.check(this.containerd)) {
      const err = unavailable().message.replace(/"/g, '\\"')
      this.log(
        'E',
        'run.go:72',
        `"command failed" err="failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///var/run/containerd/containerd.sock\\": ${err}"`,
      )
      this.exitProcess()
      this.restartTask = this.clock.schedule(KUBELET_RESTART_MS, 'kubelet restart', () =>
        this.launch(),
      )
      return
    }
    this.active = true
    // A new process: its event recorder starts afresh (events are not aggregated across runs).
    this.eventRecorder = new EventRecorder(this.clock, this.client, {
      component: 'kubelet',
      host: this.nodeName,
    })
    this.log('I', 'kubelet.go:1635', '"Starting kubelet"')
    this.nodeEvent('Normal', 'Starting', 'Starting kubelet.')
    this.nodeEvent(
      'Normal',
      'NodeAllocatableEnforced',
      'Updated Node Allocatable limit across pods',
    )
    this.unsubscribe = this.containerd.subscribe((event) => {
      if (event.type === 'CONTAINER_STOPPED_EVENT') this.pods.containerExited(event.podUid)
    })
    this.scheduleRuntimeCheck()
    this.nodeStatus.start()
    this.lease.start()
    this.envSources.start()
    this.pods.start()
  }

  private deactivate(): void {
    this.restartTask?.cancel()
    this.runtimeTask?.cancel()
    this.restartTask = this.runtimeTask = undefined
    this.unsubscribe?.()
    this.unsubscribe = undefined
    if (this.active) {
      this.active = false
      this.nodeStatus.stop()
      this.lease.stop()
      this.pods.stop()
      this.envSources.stop()
      this.images.reset()
      this.crashBackoff = new Backoff(() => this.clock.nowMs)
      this.runtime.forget()
    }
    this.exitProcess()
  }

  private exitProcess(): void {
    if (this.process !== undefined) this.config.processes?.exit(this.process.pid)
    this.process = undefined
  }

  /** updateRuntimeUp every 5 s; when the runtime comes back, every pod is synced again. */
  private scheduleRuntimeCheck(): void {
    this.runtimeTask = this.clock.schedule(RUNTIME_CHECK_MS, 'updateRuntimeUp', () => {
      const wasUp = this.runtime.runtimeUp
      this.runtime.check(this.containerd)
      const isUp = this.runtime.runtimeUp
      if (wasUp && !isUp)
        this.log(
          'E',
          'kubelet.go:2392',
          `"Skipping pod synchronization" err="${aggregate(this.runtime.runtimeErrors())}"`,
        )
      if (!wasUp && isUp) this.pods.resyncAll()
      this.scheduleRuntimeCheck()
    })
  }
}
