/**
 * containerd's pod sandboxes on one node: the shim it starts for each (with the pause process),
 * the containers it creates in them (containerTable.ts), how exits reported by the shims change
 * their state, and the network namespaces the pods' processes listen in. containerd.ts wraps
 * this with the daemon's up/down state; this module never checks it.
 *
 * Invariants:
 * 1. A sandbox whose pause process died is NOTREADY; the kubelet then re-creates it.
 * 2. Removing a sandbox removes its containers and shuts its shim down.
 * 3. While containerd is disconnected the shims keep exits; `reconnect` applies them in order.
 */
import type { ContainerdConfig } from './containerd'
import { ContainerTable, type ContainerRecord } from './containerTable'
import {
  CriError,
  type ContainerConfig,
  type ContainerEvent,
  type ContainerStatus,
  type PodSandboxConfig,
  type PodSandboxStatus,
  type SandboxState,
} from './cri'
import { PAUSE_IMAGE } from './images'
import type { DnsServer } from '../network/dns'
import type { ImageStore } from './imageStore'
import type { HttpRequest, HttpResponse } from './program'
import { pauseProgram } from './programs/labImages'
import type { ExecResult } from './programs/support'
import { Runc, type ProcessSetup, type RuncProcess } from './runc'
import { Shim, type TaskExit } from './shim'

export interface SandboxRecord {
  id: string
  config: PodSandboxConfig
  state: SandboxState
  createdAtMs: number
  shim: Shim
  pause: RuncProcess
}

const SANDBOX_SETUP_MS = [150, 450] as const

export class ContainerRuntime {
  readonly containers: ContainerTable
  private readonly sandboxes = new Map<string, SandboxRecord>()
  private readonly byIP = new Map<string, Set<string>>()
  private readonly runc: Runc
  private connected = false

  constructor(
    private readonly config: ContainerdConfig,
    private readonly images: ImageStore,
    private readonly emit: (event: ContainerEvent) => void,
  ) {
    this.runc = new Runc(config.clock, config.processes)
    this.containers = new ContainerTable(config.clock, config.random)
  }

  /** containerd starts: reconnect to every live shim; missed exits arrive now, in order. */
  reconnect(): void {
    this.connected = true
    for (const sandbox of [...this.sandboxes.values()]) {
      if (sandbox.shim.running) sandbox.shim.connect((exit) => this.taskExited(sandbox.id, exit))
    }
  }

  /** containerd stops: shims keep their tasks; pending stops lose their SIGKILL escalation. */
  disconnect(): void {
    this.connected = false
    for (const sandbox of this.sandboxes.values()) sandbox.shim.disconnect()
    this.containers.dropStops()
  }

  /** CNI ADD and the pause process take a moment (plus a pull of the pause image if absent). */
  sandboxSetupMs(): number {
    const setup = this.config.random.int(...SANDBOX_SETUP_MS)
    const pause = this.images.resolve(PAUSE_IMAGE, true)
    if (this.images.get(PAUSE_IMAGE) !== undefined || !pause.ok) return setup
    return setup + this.images.pullDurationMs(pause, this.config.random)
  }

  runSandbox(config: PodSandboxConfig): string {
    let pauseImage = this.images.get(PAUSE_IMAGE)
    if (pauseImage === undefined) {
      const resolution = this.images.resolve(PAUSE_IMAGE, true)
      if (!resolution.ok) {
        const desc = `failed to get sandbox image "${PAUSE_IMAGE}": failed to pull image "${PAUSE_IMAGE}": ${resolution.error.desc}`
        throw new CriError('Unknown', desc)
      }
      pauseImage = this.images.add(resolution.ref, resolution.program)
    }
    const id = this.containers.newId()
    const shim = new Shim(id, this.runc, this.config.processes, this.config.flow)
    const pause = shim.startTask(id, {
      program: pauseImage.program ?? pauseProgram(),
      setup: this.setup(config, 'POD', {}),
      random: this.config.random.fork(`pause/${id}`),
      log: () => undefined,
    })
    this.sandboxes.set(id, {
      id,
      config,
      state: 'SANDBOX_READY',
      createdAtMs: this.config.clock.nowMs,
      shim,
      pause,
    })
    if (this.connected) shim.connect((exit) => this.taskExited(id, exit))
    const ids = this.byIP.get(config.ip) ?? new Set<string>()
    ids.add(id)
    this.byIP.set(config.ip, ids)
    return id
  }

  sandbox(id: string): SandboxRecord {
    const sandbox = this.sandboxes.get(id)
    if (sandbox === undefined)
      throw new CriError(
        'NotFound',
        `an error occurred when try to find sandbox "${id}": not found`,
      )
    return sandbox
  }

  /** StopPodSandbox: its containers are killed at once, then the pause process; CNI DEL. */
  stopSandbox(sandbox: SandboxRecord): void {
    for (const container of this.containers.list(sandbox.id)) container.process?.signal('SIGKILL')
    sandbox.pause.signal('SIGKILL')
    sandbox.state = 'SANDBOX_NOTREADY'
    this.byIP.get(sandbox.config.ip)?.delete(sandbox.id)
  }

  removeSandbox(id: string): void {
    const sandbox = this.sandboxes.get(id)
    if (sandbox === undefined) return
    this.stopSandbox(sandbox)
    this.containers.removeSandbox(id)
    sandbox.shim.shutdown()
    this.sandboxes.delete(id)
  }

  sandboxStatus(s: SandboxRecord): PodSandboxStatus {
    const { metadata, ip, hostNetwork, labels, annotations } = s.config
    return {
      id: s.id,
      metadata,
      state: s.state,
      createdAtMs: s.createdAtMs,
      ip,
      hostNetwork,
      labels,
      annotations,
    }
  }

  listSandboxes(uid?: string): SandboxRecord[] {
    const all = [...this.sandboxes.values()]
    return uid === undefined ? all : all.filter((s) => s.config.metadata.uid === uid)
  }

  createContainer(sandboxId: string, config: ContainerConfig): string {
    const sandbox = this.sandbox(sandboxId)
    if (sandbox.state !== 'SANDBOX_READY') {
      throw new CriError(
        'Unknown',
        `failed to create containerd container: sandbox container "${sandboxId}" is not running`,
      )
    }
    const image = this.images.get(config.image)
    if (image === undefined)
      throw new CriError(
        'NotFound',
        `failed to get image "${config.image}": image "${config.image}": not found`,
      )
    return this.containers.create(sandboxId, config, image)
  }

  startContainer(c: ContainerRecord): void {
    const sandbox = this.sandbox(c.sandboxId)
    const { command, args, env, memoryLimitBytes, mounts } = c.config
    this.containers.start(
      c,
      sandbox.shim,
      this.setup(sandbox.config, c.config.metadata.name, {
        command,
        args,
        env,
        memoryLimitBytes,
        mounts,
      }),
    )
  }

  removeContainer(id: string): void {
    const removed = this.containers.remove(id)
    if (removed !== undefined) this.sandboxes.get(removed.sandboxId)?.shim.deleteTask(id)
  }

  containerStatus(c: ContainerRecord): ContainerStatus {
    return this.containers.status(c, this.sandboxes.get(c.sandboxId)?.config.metadata.uid ?? '')
  }

  exec(c: ContainerRecord, command: readonly string[], timeoutMs: number): ExecResult {
    return this.containers.exec(c, command, timeoutMs)
  }

  /** The process listening on ip:port in a ready sandbox's network namespace, if any. */
  listener(ip: string, port: number): RuncProcess | undefined {
    for (const sandboxId of this.byIP.get(ip) ?? []) {
      for (const c of this.containers.list(sandboxId)) {
        if (c.process?.running === true && c.process.listening().includes(port)) return c.process
      }
    }
    return undefined
  }

  /** The DNS server listening on port 53 in the sandbox at `ip`, if any (CoreDNS). */
  dnsServer(ip: string): DnsServer | undefined {
    return this.listener(ip, 53)?.dnsServer()
  }

  /** Every port a running container process listens on at `ip` (`ss -tlnp` on the host). */
  listeners(ip: string): { pid: number; port: number }[] {
    const found: { pid: number; port: number }[] = []
    for (const sandboxId of this.byIP.get(ip) ?? []) {
      for (const c of this.containers.list(sandboxId)) {
        if (c.process?.running !== true) continue
        for (const port of c.process.listening()) found.push({ pid: c.process.pid, port })
      }
    }
    return found
  }

  http(ip: string, request: HttpRequest): HttpResponse | 'refused' | 'timeout' {
    const process = this.listener(ip, request.port)
    if (process === undefined) return 'refused'
    return process.http(request) ?? 'timeout'
  }

  shimPids(): number[] {
    return [...this.sandboxes.values()].filter((s) => s.shim.running).map((s) => s.shim.pid)
  }

  private taskExited(sandboxId: string, exit: TaskExit): void {
    const sandbox = this.sandboxes.get(sandboxId)
    const podUid = sandbox?.config.metadata.uid ?? ''
    const event = {
      type: 'CONTAINER_STOPPED_EVENT',
      podSandboxId: sandboxId,
      podUid,
      atMs: exit.status.atMs,
    } as const
    if (exit.id === sandboxId) {
      if (sandbox === undefined || sandbox.state === 'SANDBOX_NOTREADY') return
      sandbox.state = 'SANDBOX_NOTREADY'
      this.byIP.get(sandbox.config.ip)?.delete(sandboxId)
      // The pause process died: PLEG sees the sandbox change as it would a container's.
      this.emit({ ...event, containerId: sandboxId })
      return
    }
    const c = this.containers.find(exit.id)
    if (c === undefined || c.state === 'CONTAINER_EXITED') return
    this.containers.exited(c, exit.status)
    this.emit({ ...event, containerId: c.id })
  }

  private setup(
    sandbox: PodSandboxConfig,
    containerName: string,
    process: Partial<
      Pick<ProcessSetup, 'command' | 'args' | 'env' | 'memoryLimitBytes' | 'mounts'>
    >,
  ): ProcessSetup {
    return {
      machine: this.config.machine,
      podNamespace: sandbox.metadata.namespace,
      podName: sandbox.metadata.name,
      containerName,
      podIP: sandbox.ip,
      command: process.command ?? [],
      args: process.args ?? [],
      env: process.env ?? {},
      mounts: process.mounts ?? [],
      memoryLimitBytes: process.memoryLimitBytes,
    }
  }
}
