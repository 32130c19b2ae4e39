/**
 * runc: creates a container's process for a shim, delivers signals to it and reports how it
 * ended. On a real node `runc create` sets up namespaces and cgroups and exits; the container's
 * process stays as a child of the shim. Here a process runs a Program (core/node/program.ts).
 *
 * Invariants:
 * 1. A process reports its end exactly once, on the clock after the event that ended it (never
 *    inside the caller's call), with exit code, signal and OOM flag as the kernel would give
 *    them: SIGKILL → 137 (signal 9); OOM kill → 137, oomKilled.
 * 2. A process is in the machine's process table from start until it ends, as a child of its
 *    shim; nothing it does after its end (a late log line or exit) has an effect.
 * 3. SIGKILL cannot be caught: the process ends whatever the program does. SIGTERM is the
 *    program's to handle (pid 1 without a handler ignores it).
 * 4. SIGSTOP stops only a program that models being frozen (Program.freeze); a stopped process
 *    keeps a SIGTERM pending until SIGCONT, while SIGKILL still ends it.
 */
import type { Clock } from '../clock'
import type { Random } from '../random'
import type { ProcessControl, ProcessTable } from './processTable'
import type { HttpRequest, HttpResponse, Program, ProgramContext, RunningProgram } from './program'
import type { Mount } from './cri'
import { remount, type ExecCapable, type ExecResult } from './programs/support'
import { isDnsServer, type DnsServer } from '../network/dns'

export interface ExitStatus {
  exitCode: number
  /** The signal number that ended the process (9 for SIGKILL), if one did. */
  signal: number | undefined
  oomKilled: boolean
  atMs: number
}

/** What a container's process is started with (ProgramContext minus the runtime's callbacks). */
export type ProcessSetup = Omit<ProgramContext, 'clock' | 'random' | 'log' | 'exit' | 'oomKill'>

export interface ProcessSpec {
  ppid: number
  program: Program
  setup: ProcessSetup
  random: Random
  /** Where stdout/stderr go: the container's log file, written by the shim. */
  log(line: string): void
}

export const SIGKILL_EXIT_CODE = 137

export class RuncProcess {
  private program: RunningProgram & ExecCapable
  private ended: ExitStatus | undefined
  /** Stopped by SIGSTOP; a SIGTERM sent meanwhile waits for SIGCONT (invariant 4). */
  private frozen = false
  private termPending = false

  constructor(
    readonly pid: number,
    readonly command: string,
    private readonly clock: Clock,
    private readonly hooks: {
      /** Runs as the process ends (the kernel reaps it from the process table). */
      ended(status: ExitStatus): void
      /** Runs on the clock afterwards (the shim's wait(2) returns). */
      reported(status: ExitStatus): void
    },
  ) {
    this.program = { signal: () => undefined }
  }

  /** @internal Starts the program; it may end before this returns. */
  attach(program: RunningProgram & ExecCapable): void {
    this.program = program
  }

  get running(): boolean {
    return this.ended === undefined
  }

  get exitStatus(): ExitStatus | undefined {
    return this.ended
  }

  /**
   * kill(2): SIGKILL ends the process at once; SIGTERM is up to the program. A stopped process
   * only gets a SIGTERM once it continues (the kernel keeps it pending); SIGKILL ends it anyway.
   */
  signal(signal: 'SIGTERM' | 'SIGKILL'): void {
    if (this.ended !== undefined) return
    if (signal === 'SIGTERM' && this.frozen) {
      this.termPending = true
      return
    }
    this.program.signal(signal)
    if (signal === 'SIGKILL')
      this.finish({ exitCode: SIGKILL_EXIT_CODE, signal: 9, oomKilled: false })
  }

  /** SIGSTOP (true) or SIGCONT (false); false when the program cannot be frozen. */
  freeze(stopped: boolean): boolean {
    if (this.ended !== undefined || this.program.freeze === undefined) return false
    if (stopped === this.frozen) return true
    this.frozen = stopped
    this.program.freeze(stopped)
    if (!stopped && this.termPending) {
      this.termPending = false
      this.program.signal('SIGTERM')
    }
    return true
  }

  get stopped(): boolean {
    return this.frozen && this.ended === undefined
  }

  /** A stopped process still holds its socket but answers nothing: the caller times out. */
  http(request: HttpRequest): HttpResponse | undefined {
    return this.ended === undefined && !this.frozen ? this.program.http?.(request) : undefined
  }

  listening(): number[] {
    return this.ended === undefined ? (this.program.listening?.() ?? []) : []
  }

  /** The program, if it answers DNS queries (CoreDNS) and still runs. */
  dnsServer(): DnsServer | undefined {
    return this.ended === undefined && isDnsServer(this.program) ? this.program : undefined
  }

  memoryBytes(): number {
    return this.ended === undefined ? (this.program.memoryBytes?.() ?? 0) : 0
  }

  /** Runs a command in the container (exec probes, crictl exec); undefined if it cannot. */
  exec(command: readonly string[], timeoutMs: number): ExecResult | undefined {
    return this.ended === undefined ? this.program.exec?.(command, timeoutMs) : undefined
  }

  /** The container's volumes were rewritten: the program's filesystem shows the new files. */
  remount(mounts: readonly Mount[]): void {
    if (this.ended === undefined && this.program.files !== undefined)
      remount(this.program.files, mounts)
  }

  /** @internal The program or the kernel ended the process. */
  finish(status: Omit<ExitStatus, 'atMs'>): void {
    if (this.ended !== undefined) return
    const ended = { ...status, atMs: this.clock.nowMs }
    this.ended = ended
    this.hooks.ended(ended)
    this.clock.schedule(0, `exit ${this.pid}`, () => this.hooks.reported(ended))
  }
}

/**
 * What a program sees of its process: the container's setup, read through from the spec (one
 * object per process, no copy of the setup and no closures: a node runs thousands of them),
 * and the runtime's calls, which do nothing once the process has ended (invariant 2).
 */
class ProcessContext implements ProgramContext {
  constructor(
    private readonly spec: ProcessSpec,
    readonly clock: Clock,
    /** undefined while runc only asks the program for its process name. */
    private readonly process: RuncProcess | undefined,
  ) {}

  get random(): Random {
    return this.spec.random
  }
  get machine(): string {
    return this.spec.setup.machine
  }
  get podNamespace(): string {
    return this.spec.setup.podNamespace
  }
  get podName(): string {
    return this.spec.setup.podName
  }
  get containerName(): string {
    return this.spec.setup.containerName
  }
  get podIP(): string {
    return this.spec.setup.podIP
  }
  get command(): readonly string[] {
    return this.spec.setup.command
  }
  get args(): readonly string[] {
    return this.spec.setup.args
  }
  get env(): Readonly<Record<string, string>> {
    return this.spec.setup.env
  }
  get mounts(): readonly Mount[] {
    return this.spec.setup.mounts
  }
  get memoryLimitBytes(): number | undefined {
    return this.spec.setup.memoryLimitBytes
  }

  log(line: string): void {
    if (this.process?.running === true) this.spec.log(line)
  }

  exit(code: number): void {
    this.process?.finish({ exitCode: code & 0xff, signal: undefined, oomKilled: false })
  }

  oomKill(): void {
    this.process?.finish({ exitCode: SIGKILL_EXIT_CODE, signal: 9, oomKilled: true })
  }
}

/** The process table's way to the process, which exists only once the table gave it its pid. */
class ProcessLink implements ProcessControl {
  process: RuncProcess | undefined

  memoryBytes(): number {
    return this.process?.memoryBytes() ?? 0
  }
  signal(signal: 'SIGTERM' | 'SIGKILL'): void {
    this.process?.signal(signal)
  }
  freeze(stopped: boolean): boolean {
    return this.process?.freeze(stopped) ?? false
  }
  get stopped(): boolean {
    return this.process?.stopped ?? false
  }
}

export class Runc {
  constructor(
    private readonly clock: Clock,
    private readonly processes: ProcessTable,
  ) {}

  /** `runc create` + `runc start`: the process runs; `onExit` hears how it ended. */
  run(spec: ProcessSpec, onExit: (status: ExitStatus) => void): RuncProcess {
    const command = spec.program.processName(new ProcessContext(spec, this.clock, undefined))
    const control = new ProcessLink()
    const entry = this.processes.spawn(spec.ppid, command, { control })
    const process = new RuncProcess(entry.pid, command, this.clock, {
      ended: () => this.processes.exit(entry.pid),
      reported: onExit,
    })
    control.process = process
    process.attach(spec.program.start(new ProcessContext(spec, this.clock, process)))
    return process
  }
}
