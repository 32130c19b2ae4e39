/**
 * containerd 1.7 with its CRI plugin, on one node: the image store, pulls on the clock, pod
 * sandboxes (a shim and a pause process each), containers, and the CRI surface the kubelet calls.
 *
 * Invariants:
 * 1. containerd runs as a process: while it is stopped every CRI call fails with the dial error
 *    (CONNECTION_REFUSED_DESC), and calls in flight when it stops fail with "error reading from
 *    server: EOF". Running containers are not affected: they belong to their shims (§9.2).
 * 2. Its metadata (images, sandboxes, containers, logs) is on disk: it survives a restart. On
 *    start containerd reconnects to every live shim and learns the exits it missed, in order;
 *    subscribers then hear about them as CONTAINER_STOPPED_EVENT.
 * 3. Ids are 64 hex digits from containerd's own random stream, so a seed gives the same ids.
 * 4. Replies of asynchronous calls (pulls, RunPodSandbox, StopContainer) come on the clock,
 *    never inside the call; every other call answers at once.
 */
import type { Clock } from '../clock'
import type { DnsServer } from '../network/dns'
import type { ComponentProcess } from '../components/component'
import type { ExplainLog } from '../explain/explain'
import type { Random } from '../random'
import { ContainerRuntime, type SandboxRecord } from './containerRuntime'
import type { ContainerRecord } from './containerTable'
import {
  CONNECTION_LOST_DESC,
  CriError,
  unavailable,
  type ContainerConfig,
  type ContainerEvent,
  type ContainerStatus,
  type ImageStatus,
  type Mount,
  type PodSandboxConfig,
  type PodSandboxStatus,
  type PullResult,
  type Reply,
  type RuntimeStatus,
} from './cri'
import { ImageStore } from './imageStore'
import type { ContainerLog } from './containerLog'
import type { ProcessEntry, ProcessTable } from './processTable'
import type { HttpRequest, HttpResponse, ProgramRegistry } from './program'
import type { ExecResult } from './programs/support'
import { rfc3339Nano } from './timeFormat'
import type { FlowTap } from '../observe/flow'

export interface ContainerdConfig {
  /** The node, e.g. "worker-1". */
  machine: string
  clock: Clock
  /** containerd's stream, e.g. random.fork('containerd/worker-1'). */
  random: Random
  processes: ProcessTable
  programs: ProgramRegistry
  /** Images already on the node (kubeadm's pre-pulled control-plane images, say). */
  images?: readonly string[]
  explain?: ExplainLog
  /** containerd's journal (journalctl -u containerd). */
  log?(line: string): void
  /** The message flow, told of containerd's calls to its shims (core/observe/flowNode.ts). */
  flow?: FlowTap
}

/** The version `crictl version` and the Node's containerRuntimeVersion report. */
export const CONTAINERD_VERSION = '1.7.24'
export const CONTAINERD_COMMAND = '/usr/bin/containerd'

export class Containerd implements ComponentProcess {
  readonly images: ImageStore
  /** Faults: the registry cannot be reached (pulls fail with a DNS error). */
  registryReachable = true
  private readonly runtime: ContainerRuntime
  private readonly listeners = new Set<(event: ContainerEvent) => void>()
  private readonly inflight = new Set<() => void>()
  private entry: ProcessEntry | undefined
  private network = { ready: true, reason: '', message: '' }

  constructor(private readonly config: ContainerdConfig) {
    this.images = new ImageStore(config.programs, config.images ?? [])
    this.runtime = new ContainerRuntime(config, this.images, (event) => this.emit(event))
  }

  get running(): boolean {
    return this.entry !== undefined
  }

  get pid(): number | undefined {
    return this.entry?.pid
  }

  /** systemctl start containerd: the daemon starts and reconnects to the shims it left. */
  start(): void {
    if (this.entry !== undefined) return
    this.entry = this.config.processes.spawn(1, CONTAINERD_COMMAND)
    this.journal(
      'info',
      `starting containerd" revision=88bf19b2105c8b17560993bee28a01ddc2f97182 version=v${CONTAINERD_VERSION}`,
    )
    this.runtime.reconnect()
    this.journal('info', 'containerd successfully booted in 0.041s')
  }

  /** systemctl stop containerd (KillMode=process): only the daemon exits, not the shims. */
  stop(): void {
    if (this.entry === undefined) return
    this.journal('info', 'Stop CRI service')
    this.config.processes.exit(this.entry.pid)
    this.entry = undefined
    this.runtime.disconnect()
    for (const abort of [...this.inflight]) abort()
    this.inflight.clear()
  }

  restart(): void {
    this.stop()
    this.start()
  }

  /** The CNI plugin's state, as the runtime's NetworkReady condition reports it. */
  setNetworkReady(
    ready: boolean,
    message = 'Network plugin returns error: cni plugin not initialized',
  ): void {
    this.network = ready
      ? { ready, reason: '', message: '' }
      : { ready, reason: 'NetworkPluginNotReady', message }
  }

  /** Listens to container events (the CRI event stream). Returns the unsubscribe function. */
  subscribe(listener: (event: ContainerEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  // --- CRI: runtime --------------------------------------------------------------------------

  status(): RuntimeStatus {
    this.ready()
    return {
      runtimeReady: true,
      networkReady: this.network.ready,
      networkReason: this.network.reason,
      networkMessage: this.network.message,
    }
  }

  version(): { runtimeName: string; runtimeVersion: string; runtimeApiVersion: string } {
    this.ready()
    return {
      runtimeName: 'containerd',
      runtimeVersion: `v${CONTAINERD_VERSION}`,
      runtimeApiVersion: 'v1',
    }
  }

  // --- CRI: images ---------------------------------------------------------------------------

  pullImage(image: string, reply: Reply<PullResult>): void {
    const resolution = this.images.resolve(image, this.registryReachable)
    const durationMs = this.images.pullDurationMs(resolution, this.config.random)
    this.later(`pull ${image}`, durationMs, reply, () => {
      if (!resolution.ok) throw resolution.error
      const record =
        this.images.get(resolution.ref.full) ?? this.images.add(resolution.ref, resolution.program)
      this.journal('info', `PullImage \\"${image}\\" returns image reference \\"${record.id}\\"`)
      return { imageRef: record.repoDigest, sizeBytes: record.sizeBytes, durationMs }
    })
  }

  imageStatus(image: string): ImageStatus | undefined {
    this.ready()
    const r = this.images.get(image)
    return r === undefined
      ? undefined
      : { id: r.id, repoTags: [r.ref.full], repoDigests: [r.repoDigest], sizeBytes: r.sizeBytes }
  }

  listImages(): ImageStatus[] {
    this.ready()
    return this.images.list()
  }

  removeImage(image: string): void {
    this.ready()
    this.images.remove(image)
  }

  // --- CRI: sandboxes ------------------------------------------------------------------------

  runPodSandbox(config: PodSandboxConfig, reply: Reply<string>): void {
    const delayMs = this.runtime.sandboxSetupMs()
    this.later(`RunPodSandbox ${config.metadata.name}`, delayMs, reply, () =>
      this.runtime.runSandbox(config),
    )
  }

  stopPodSandbox(id: string): void {
    this.ready()
    this.runtime.stopSandbox(this.runtime.sandbox(id))
  }

  removePodSandbox(id: string): void {
    this.ready()
    this.runtime.removeSandbox(id)
  }

  podSandboxStatus(id: string): PodSandboxStatus {
    this.ready()
    return this.runtime.sandboxStatus(this.runtime.sandbox(id))
  }

  listPodSandbox(filter: { uid?: string } = {}): PodSandboxStatus[] {
    this.ready()
    return this.runtime
      .listSandboxes(filter.uid)
      .map((s: SandboxRecord) => this.runtime.sandboxStatus(s))
  }

  // --- CRI: containers -----------------------------------------------------------------------

  createContainer(sandboxId: string, config: ContainerConfig): string {
    this.ready()
    return this.runtime.createContainer(sandboxId, config)
  }

  startContainer(id: string): void {
    this.ready()
    this.runtime.startContainer(this.runtime.containers.get(id))
  }

  /** Stops a container: SIGTERM (the image's stop signal), SIGKILL after `timeoutSeconds`. */
  stopContainer(id: string, timeoutSeconds: number, reply: Reply<void>): void {
    if (!this.running) {
      this.config.clock.schedule(0, 'StopContainer', () =>
        reply({ ok: false, error: unavailable() }),
      )
      return
    }
    const record = this.runtime.containers.get(id)
    const abort = (): void =>
      void this.config.clock.schedule(0, 'StopContainer', () =>
        reply({ ok: false, error: new CriError('Unavailable', CONNECTION_LOST_DESC) }),
      )
    this.inflight.add(abort)
    this.runtime.containers.stop(record, timeoutSeconds, () => {
      this.inflight.delete(abort)
      reply({ ok: true, value: undefined })
    })
  }

  removeContainer(id: string): void {
    this.ready()
    this.runtime.removeContainer(id)
  }

  containerStatus(id: string): ContainerStatus {
    this.ready()
    return this.runtime.containerStatus(this.runtime.containers.get(id))
  }

  listContainers(filter: { podSandboxId?: string } = {}): ContainerStatus[] {
    this.ready()
    return this.runtime.containers
      .list(filter.podSandboxId)
      .map((c: ContainerRecord) => this.runtime.containerStatus(c))
  }

  /** ExecSync: runs a command in a running container (exec probes, crictl exec). */
  execSync(id: string, command: readonly string[], timeoutMs: number): ExecResult {
    this.ready()
    return this.runtime.exec(this.runtime.containers.get(id), command, timeoutMs)
  }

  /**
   * Not a CRI call: the kubelet rewrote a volume's directory on the node, which the container
   * sees through its bind mount. Here the container's record and its process are told.
   */
  volumesRewritten(id: string, mounts: Mount[]): void {
    const c = this.runtime.containers.find(id)
    if (c === undefined) return
    c.config = { ...c.config, mounts }
    c.process?.remount(mounts)
  }

  /** The container's log file, as the kubelet and crictl logs read it. */
  containerLog(id: string): ContainerLog {
    this.ready()
    return this.runtime.containers.get(id).log
  }

  // --- Not CRI: the kernel's view ------------------------------------------------------------

  /** Answers an HTTP request to ip:port from whatever listens there (works without containerd). */
  http(ip: string, request: HttpRequest): HttpResponse | 'refused' | 'timeout' {
    return this.runtime.http(ip, request)
  }

  /** The DNS server answering at ip:53, if any (works without containerd). */
  dnsServer(ip: string): DnsServer | undefined {
    return this.runtime.dnsServer(ip)
  }

  /** Whether something listens on ip:port (a TCP connect succeeds). */
  accepts(ip: string, port: number): boolean {
    return this.runtime.listener(ip, port) !== undefined
  }

  /** Whether what listens on ip:port is stopped (SIGSTOP): it accepts, and never answers. */
  stoppedAt(ip: string, port: number): boolean {
    return this.runtime.listener(ip, port)?.stopped === true
  }

  /** Ports container processes listen on at `ip`, with their pids (works without containerd). */
  hostListeners(ip: string): { pid: number; port: number }[] {
    return this.runtime.listeners(ip)
  }

  /** The shims on this node (they run whether containerd does or not). */
  shimPids(): number[] {
    return this.runtime.shimPids()
  }

  // --- Internals -----------------------------------------------------------------------------

  private ready(): void {
    if (!this.running) throw unavailable()
  }

  /** An asynchronous call: fails at once when down, with EOF if containerd stops meanwhile. */
  private later<T>(label: string, delayMs: number, reply: Reply<T>, work: () => T): void {
    const clock = this.config.clock
    if (!this.running) {
      clock.schedule(0, label, () => reply({ ok: false, error: unavailable() }))
      return
    }
    const abort = (): void => {
      task.cancel()
      clock.schedule(0, label, () =>
        reply({ ok: false, error: new CriError('Unavailable', CONNECTION_LOST_DESC) }),
      )
    }
    const task = clock.schedule(delayMs, label, () => {
      this.inflight.delete(abort)
      try {
        reply({ ok: true, value: work() })
      } catch (error) {
        if (!(error instanceof CriError)) throw error
        reply({ ok: false, error })
      }
    })
    this.inflight.add(abort)
  }

  private emit(event: ContainerEvent): void {
    if (!this.running) return
    for (const listener of [...this.listeners]) listener(event)
  }

  private journal(level: 'info' | 'warning' | 'error', msg: string): void {
    this.config.log?.(`time="${rfc3339Nano(this.config.clock.nowMs)}" level=${level} msg="${msg}"`)
  }
}
