/**
 * A machine's process table: what `ps aux` and `pstree` show. On a kubeadm node it is a tree:
 * systemd (pid 1) → containerd and the kubelet (systemd services), and one
 * containerd-shim-runc-v2 per pod (re-parented to pid 1 because the shim daemonizes), whose
 * children are the pod's pause process and its containers' processes.
 *
 * Invariants:
 * 1. Pids are unique among live processes and allocated in increasing order, as Linux does,
 *    with small seeded gaps for the short-lived processes a real host spawns meanwhile; they
 *    wrap at pid_max back to RESERVED_PIDS, skipping pids in use.
 * 2. Pid 1 (systemd) always exists; a process' parent is a live process or pid 1.
 * 3. The table is bounded by what runs: an exited process leaves it at once.
 */
import type { Clock } from '../clock'
import type { Random } from '../random'

export interface ProcessEntry {
  readonly pid: number
  readonly ppid: number
  readonly user: string
  /** The command line, as /proc/<pid>/cmdline shows it (ps' COMMAND column). */
  readonly command: string
  readonly startedAtMs: number
  /** How the lab reaches the process, for processes that can receive signals (runc's). */
  readonly control?: ProcessControl
}

/** What a process that runs a program answers to: ps' RSS and state, kill(1). */
export interface ProcessControl {
  /** Resident memory in bytes (ps' RSS column). */
  memoryBytes(): number
  /** Delivers SIGTERM or SIGKILL. */
  signal(signal: 'SIGTERM' | 'SIGKILL'): void
  /** SIGSTOP (true) or SIGCONT (false); false when the process cannot be stopped. */
  freeze(stopped: boolean): boolean
  /** Stopped by SIGSTOP: ps' state T. */
  readonly stopped: boolean
}

/** The signals the lab delivers: the two that end a process and the two of job control. */
export type Signal = 'SIGTERM' | 'SIGKILL' | 'SIGSTOP' | 'SIGCONT'

/** /proc/sys/kernel/pid_max on 64-bit Linux. */
export const PID_MAX = 4_194_304
const RESERVED_PIDS = 300
export const SYSTEMD_COMMAND = '/sbin/init'

export class ProcessTable {
  private readonly processes = new Map<number, ProcessEntry>()
  private lastPid: number

  constructor(
    readonly machine: string,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {
    this.processes.set(1, {
      pid: 1,
      ppid: 0,
      user: 'root',
      command: SYSTEMD_COMMAND,
      startedAtMs: 0,
    })
    // Kernel threads and boot-time services have taken the first few hundred pids.
    this.lastPid = random.int(600, 1100)
  }

  /** Starts a process under `ppid` and returns its entry. */
  spawn(
    ppid: number,
    command: string,
    options: { user?: string; control?: ProcessControl } = {},
  ): ProcessEntry {
    const pid = this.allocatePid()
    const entry: ProcessEntry = {
      pid,
      ppid: this.processes.has(ppid) ? ppid : 1,
      user: options.user ?? 'root',
      command,
      startedAtMs: this.clock.nowMs,
      ...(options.control === undefined ? {} : { control: options.control }),
    }
    this.processes.set(pid, entry)
    return entry
  }

  /** The process ends; its children are re-parented to pid 1, as the kernel does. */
  exit(pid: number): void {
    if (pid === 1 || !this.processes.delete(pid)) return
    for (const [childPid, child] of this.processes) {
      if (child.ppid === pid) this.processes.set(childPid, { ...child, ppid: 1 })
    }
  }

  get(pid: number): ProcessEntry | undefined {
    return this.processes.get(pid)
  }

  /** kill(1): false when no such process, or it cannot be signalled from here. */
  kill(pid: number, signal: Signal): boolean {
    const entry = this.processes.get(pid)
    if (entry === undefined) return false
    // init ignores the signals it has no handler for, SIGSTOP included (kill(2)).
    if (pid === 1) return signal === 'SIGSTOP' || signal === 'SIGCONT'
    const control = entry.control
    if (signal === 'SIGSTOP') return control?.freeze(true) ?? false
    // SIGCONT to a process that is not stopped changes nothing, and is no error.
    if (signal === 'SIGCONT') return control?.stopped === true ? control.freeze(false) : true
    if (control === undefined) return false
    control.signal(signal)
    return true
  }

  /** Every live process, by pid (ps aux order). */
  list(): ProcessEntry[] {
    return [...this.processes.values()].sort((a, b) => a.pid - b.pid)
  }

  children(pid: number): ProcessEntry[] {
    return this.list().filter((p) => p.ppid === pid)
  }

  private allocatePid(): number {
    for (let tries = 0; tries < PID_MAX; tries++) {
      this.lastPid += 1 + this.random.int(0, 3)
      if (this.lastPid >= PID_MAX) this.lastPid = RESERVED_PIDS + this.random.int(0, 3)
      if (!this.processes.has(this.lastPid)) return this.lastPid
    }
    throw new RangeError(`${this.machine}: fork: Resource temporarily unavailable`)
  }
}
