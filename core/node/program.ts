/**
 * Programs: what a container runs. An image names a program (nginx serves HTTP on 80, busybox
 * runs its command, the control-plane images run the control-plane components). runc starts a
 * program's process; the program reports its own exit.
 */
import type { Clock } from '../clock'
import type { Random } from '../random'
import type { Mount } from './cri'

export interface ProgramContext {
  readonly clock: Clock
  readonly random: Random
  /** The node the container runs on. */
  readonly machine: string
  readonly podNamespace: string
  readonly podName: string
  readonly containerName: string
  /** The pod's IP (the node's IP for hostNetwork pods). */
  readonly podIP: string
  readonly command: readonly string[]
  readonly args: readonly string[]
  readonly env: Readonly<Record<string, string>>
  /** Its volume mounts (ConfigMap and Secret keys as files): they hide what the image has there. */
  readonly mounts: readonly Mount[]
  /** Memory limit in bytes, if the container has one (OOMKilled past it). */
  readonly memoryLimitBytes: number | undefined
  /** Appends a line to the container's log (kubectl logs, crictl logs). */
  log(line: string): void
  /** The process ends by itself with this exit code ("Completed" for 0, "Error" otherwise). */
  exit(code: number): void
  /** The kernel's OOM killer ends the process (exit 137, reason OOMKilled). */
  oomKill(): void
}

export interface HttpRequest {
  method: string
  path: string
  port: number
}

export interface HttpResponse {
  status: number
  body: string
  headers?: Record<string, string>
}

export interface RunningProgram {
  /** SIGTERM asks the program to stop (it may take its time); SIGKILL ends it at once. */
  signal(signal: 'SIGTERM' | 'SIGKILL'): void
  /**
   * SIGSTOP (true) and SIGCONT (false): the program does nothing while stopped. Only programs
   * that model being frozen have it; the others cannot be stopped from the lab.
   */
  freeze?(stopped: boolean): void
  /** Answers an HTTP request to one of its ports (curl, probes), if it serves one. */
  http?(request: HttpRequest): HttpResponse | undefined
  /** Ports the process listens on (ss -tlnp). */
  listening?(): number[]
  /** Bytes of memory in use (top, OOM). */
  memoryBytes?(): number
}

export interface Program {
  /** The process' name in `ps`, e.g. "nginx: master process nginx -g daemon off;". */
  processName(context: ProgramContext): string
  start(context: ProgramContext): RunningProgram
}

/** Finds the program an image runs, or undefined when no registry has the image. */
export type ProgramRegistry = (image: string) => Program | undefined
