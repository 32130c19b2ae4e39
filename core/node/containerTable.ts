/**
 * containerd's containers on one node: their metadata (kept on disk, so it survives a restart),
 * their log files, and the state machine their tasks drive (internal/cri/server's container
 * store and status).
 *
 * Invariants:
 * 1. A container's state only moves forward: CREATED → RUNNING → EXITED. Its exit reason is
 *    "OOMKilled" when the OOM killer ended it, else "Completed" for 0 and "Error" otherwise.
 * 2. A stop sends SIGTERM (the image's stop signal) and SIGKILL after the timeout; every caller
 *    waiting on the stop hears once the container exited.
 * 3. Containers are indexed by sandbox, so a pod's lookups cost what the pod has, not the node.
 */
import type { Clock } from '../clock'
import type { Random } from '../random'
import { ContainerLog } from './containerLog'
import {
  CriError,
  LABEL_POD_UID,
  type ContainerConfig,
  type ContainerState,
  type ContainerStatus,
  type ExitReason,
} from './cri'
import type { ImageRecord } from './imageStore'
import type { ExecResult } from './programs/support'
import type { ExitStatus, ProcessSetup, RuncProcess } from './runc'
import type { Shim } from './shim'

export interface ContainerRecord {
  id: string
  sandboxId: string
  config: ContainerConfig
  image: ImageRecord
  state: ContainerState
  createdAtMs: number
  startedAtMs: number | undefined
  finishedAtMs: number | undefined
  exitCode: number
  reason: ExitReason | ''
  message: string
  log: ContainerLog
  process: RuncProcess | undefined
  stopping: { timer: { cancel(): void } | undefined; waiters: (() => void)[] } | undefined
}

export class ContainerTable {
  private readonly containers = new Map<string, ContainerRecord>()
  private readonly bySandbox = new Map<string, Set<string>>()

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  /** 64 hex digits from containerd's stream (sandbox, container and exec ids alike). */
  newId(): string {
    return Array.from({ length: 8 }, () =>
      this.random.nextUint32().toString(16).padStart(8, '0'),
    ).join('')
  }

  create(sandboxId: string, config: ContainerConfig, image: ImageRecord): string {
    const id = this.newId()
    const ids = this.bySandbox.get(sandboxId) ?? new Set<string>()
    ids.add(id)
    this.bySandbox.set(sandboxId, ids)
    this.containers.set(id, {
      id,
      sandboxId,
      config,
      image,
      state: 'CONTAINER_CREATED',
      createdAtMs: this.clock.nowMs,
      startedAtMs: undefined,
      finishedAtMs: undefined,
      exitCode: 0,
      reason: '',
      message: '',
      log: new ContainerLog(),
      process: undefined,
      stopping: undefined,
    })
    return id
  }

  get(id: string): ContainerRecord {
    const container = this.containers.get(id)
    if (container === undefined)
      throw new CriError(
        'NotFound',
        `an error occurred when try to find container "${id}": not found`,
      )
    return container
  }

  find(id: string): ContainerRecord | undefined {
    return this.containers.get(id)
  }

  /** Starts the container's task under its sandbox's shim. */
  start(c: ContainerRecord, shim: Shim, setup: ProcessSetup): void {
    if (c.state !== 'CONTAINER_CREATED') {
      throw new CriError(
        'Unknown',
        `failed to start containerd task "${c.id}": cannot start a container that has stopped: unknown`,
      )
    }
    const program = c.image.program
    c.startedAtMs = this.clock.nowMs
    if (program === undefined) {
      const binary = c.config.command[0] ?? c.image.ref.path.split('/').pop()!
      Object.assign(c, {
        state: 'CONTAINER_EXITED',
        exitCode: 128,
        reason: 'StartError',
        finishedAtMs: this.clock.nowMs,
      })
      c.message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${binary}": executable file not found in $PATH: unknown`
      throw new CriError('Unknown', c.message)
    }
    c.state = 'CONTAINER_RUNNING'
    c.process = shim.startTask(c.id, {
      program,
      setup,
      random: this.random.fork(`program/${c.id}`),
      log: (text) => c.log.append({ atMs: this.clock.nowMs, stream: 'stdout', text }),
    })
  }

  /** SIGTERM now and SIGKILL after the timeout (at once for 0); `done` runs once it exited. */
  stop(c: ContainerRecord, timeoutSeconds: number, done: () => void): void {
    const process = c.process
    if (c.state !== 'CONTAINER_RUNNING' || process === undefined) {
      this.clock.schedule(0, `stopped ${c.id}`, done)
      return
    }
    if (c.stopping !== undefined) {
      c.stopping.waiters.push(done)
      if (timeoutSeconds <= 0) process.signal('SIGKILL')
      return
    }
    const timer =
      timeoutSeconds <= 0
        ? undefined
        : this.clock.schedule(timeoutSeconds * 1000, `SIGKILL ${c.id}`, () =>
            process.signal('SIGKILL'),
          )
    c.stopping = { timer, waiters: [done] }
    process.signal(timeoutSeconds <= 0 ? 'SIGKILL' : 'SIGTERM')
  }

  /** containerd stops: the SIGKILL escalations it owned are lost, as are their waiters. */
  dropStops(): void {
    for (const c of this.containers.values()) {
      c.stopping?.timer?.cancel()
      c.stopping = undefined
    }
  }

  remove(id: string): ContainerRecord | undefined {
    const c = this.containers.get(id)
    if (c === undefined) return undefined
    c.process?.signal('SIGKILL')
    this.bySandbox.get(c.sandboxId)?.delete(id)
    this.containers.delete(id)
    return c
  }

  /** Forgets a removed sandbox's containers. */
  removeSandbox(sandboxId: string): void {
    for (const c of this.list(sandboxId)) this.remove(c.id)
    this.bySandbox.delete(sandboxId)
  }

  list(sandboxId?: string): ContainerRecord[] {
    if (sandboxId === undefined) return [...this.containers.values()]
    return [...(this.bySandbox.get(sandboxId) ?? [])].map((id) => this.containers.get(id)!)
  }

  /** The task ended (reported by the shim): EXITED with containerd's reason. */
  exited(c: ContainerRecord, status: ExitStatus): void {
    c.state = 'CONTAINER_EXITED'
    c.finishedAtMs = status.atMs
    c.exitCode = status.exitCode
    c.reason = status.oomKilled ? 'OOMKilled' : status.exitCode === 0 ? 'Completed' : 'Error'
    c.stopping?.timer?.cancel()
    const waiters = c.stopping?.waiters ?? []
    c.stopping = undefined
    for (const done of waiters) done()
  }

  status(c: ContainerRecord, podUid: string): ContainerStatus {
    return {
      id: c.id,
      podSandboxId: c.sandboxId,
      metadata: c.config.metadata,
      state: c.state,
      createdAtMs: c.createdAtMs,
      startedAtMs: c.startedAtMs,
      finishedAtMs: c.finishedAtMs,
      exitCode: c.exitCode,
      reason: c.reason,
      message: c.message,
      image: c.image.ref.full,
      imageRef: c.image.repoDigest,
      labels: { ...c.config.labels, [LABEL_POD_UID]: c.config.labels[LABEL_POD_UID] ?? podUid },
      annotations: c.config.annotations,
      logPath: c.config.logPath,
      pid: c.state === 'CONTAINER_RUNNING' ? c.process?.pid : undefined,
    }
  }

  exec(c: ContainerRecord, command: readonly string[], timeoutMs: number): ExecResult {
    if (c.state !== 'CONTAINER_RUNNING' || c.process === undefined) {
      throw new CriError('Unknown', `failed to exec in container: container is in ${c.state} state`)
    }
    const result = c.process.exec(command, timeoutMs)
    if (result !== undefined) return result
    const binary = command[0] ?? ''
    throw new CriError(
      'Unknown',
      `failed to exec in container: failed to start exec "${this.newId()}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${binary}": executable file not found in $PATH: unknown`,
    )
  }
}
