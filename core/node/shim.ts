/**
 * containerd-shim-runc-v2: one per pod sandbox ("containers … that are part of the same
 * Kubernetes pod are handled by a single shim", FIDELITY.md §9.1). It is the parent of the pod's
 * pause process and of its containers' processes, holds their exit statuses, and outlives
 * containerd: containerd can stop, restart or upgrade while the shim keeps the containers
 * running (§9.2), and on start containerd reconnects to it.
 *
 * Invariants:
 * 1. While no containerd is connected, exits are kept (one per task at most) and delivered, in
 *    order, when containerd connects again: nothing that happened meanwhile is lost.
 * 2. The shim's own process has pid 1 as its parent (it daemonizes) and leaves the process table
 *    when its sandbox is removed (`shutdown`), never before.
 */
import type { FlowTap } from '../observe/flow'
import type { ProcessTable } from './processTable'
import type { ExitStatus, ProcessSpec, Runc, RuncProcess } from './runc'

export const CONTAINERD_SOCKET = '/run/containerd/containerd.sock'

export interface TaskExit {
  /** The container's (or, for the pause process, the sandbox's) id. */
  id: string
  status: ExitStatus
}

export class Shim {
  readonly pid: number
  private readonly tasks = new Map<string, RuncProcess>()
  private readonly undelivered: TaskExit[] = []
  private listener: ((exit: TaskExit) => void) | undefined
  private alive = true

  constructor(
    readonly sandboxId: string,
    private readonly runc: Runc,
    private readonly processes: ProcessTable,
    /** The message flow: containerd's calls to this shim (core/observe/flowNode.ts). */
    private readonly flow?: FlowTap,
  ) {
    this.pid = processes.spawn(
      1,
      `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${sandboxId} -address ${CONTAINERD_SOCKET}`,
    ).pid
    this.told('shim: start')
  }

  get running(): boolean {
    return this.alive
  }

  /** Starts a task (the pause process or a container's process) under this shim. */
  startTask(id: string, spec: Omit<ProcessSpec, 'ppid'>): RuncProcess {
    this.told('shim: start task')
    const process = this.runc.run({ ...spec, ppid: this.pid }, (status) =>
      this.exited({ id, status }),
    )
    this.tasks.set(id, process)
    return process
  }

  task(id: string): RuncProcess | undefined {
    return this.tasks.get(id)
  }

  /** Forgets a finished task (containerd's task delete). */
  deleteTask(id: string): void {
    const task = this.tasks.get(id)
    if (task !== undefined && !task.running) this.tasks.delete(id)
  }

  /** containerd connects (at its start): pending exits are delivered first, in order. */
  connect(listener: (exit: TaskExit) => void): void {
    this.listener = listener
    for (const exit of this.undelivered.splice(0)) listener(exit)
  }

  /** containerd went away: exits are kept until it comes back. */
  disconnect(): void {
    this.listener = undefined
  }

  /** The sandbox is removed: any task still alive is killed, and the shim exits. */
  shutdown(): void {
    if (!this.alive) return
    this.told('shim: shutdown')
    for (const task of this.tasks.values()) task.signal('SIGKILL')
    this.tasks.clear()
    this.alive = false
    this.listener = undefined
    this.undelivered.length = 0
    this.processes.exit(this.pid)
  }

  /** Shims are processes, not drawn components: containerd's message goes to the machine. */
  private told(what: string): void {
    if (this.flow?.active === true)
      this.flow.record(`containerd-${this.processes.machine}`, this.processes.machine, what)
  }

  private exited(exit: TaskExit): void {
    if (!this.alive) return
    if (this.listener !== undefined) this.listener(exit)
    else this.undelivered.push(exit)
  }
}
