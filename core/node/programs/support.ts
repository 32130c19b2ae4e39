/**
 * What the lab's images share: a container filesystem for `exec` (exec probes, later
 * `kubectl exec`), the client details an access log prints, and line-buffered output.
 *
 * `exec` and the client fields are extensions of core/node/program.ts's contract that the
 * runtime uses when a program offers them; a program without them still runs.
 */
import type { Mount } from '../cri'
import type { HttpRequest, ProgramContext, RunningProgram } from '../program'
import { captureSync, type ShellHost } from './shellRun'

export interface ExecResult {
  exitCode: number
  /** stdout and stderr together, as an exec probe reports them. */
  output: string
  /** The command did not finish within the timeout (an exec probe's timeoutSeconds). */
  timedOut: boolean
}

/** A running program that can run a command inside its container. */
export interface ExecCapable {
  exec?(command: readonly string[], timeoutMs: number): ExecResult
  /** Its container's filesystem, where the kubelet's volume updates land (remount). */
  files?: Map<string, string>
}

export type LabRunningProgram = RunningProgram & ExecCapable

/** Who sent a request: prober or client (nginx prints them in its access log). */
export interface LabHttpRequest extends HttpRequest {
  remoteAddress?: string
  userAgent?: string
  host?: string
}

/** Collects text into lines, logging each complete one. */
export class LineWriter {
  private partial = ''
  constructor(private readonly log: (line: string) => void) {}

  write(text: string): void {
    const lines = (this.partial + text).split('\n')
    this.partial = lines.pop() ?? ''
    for (const line of lines) this.log(line)
  }

  flush(): void {
    if (this.partial !== '') this.log(this.partial)
    this.partial = ''
  }
}

/** The environment a container starts with: PATH and HOSTNAME, then the pod's env. */
export function containerEnv(context: ProgramContext): Map<string, string> {
  return new Map([
    ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    ['HOSTNAME', context.podName],
    ...Object.entries(context.env),
  ])
}

/** Quotes argv words so the shell reads them back unchanged. */
export function shellQuote(argv: readonly string[]): string {
  return argv
    .map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`))
    .join(' ')
}

/** The script an argv runs: `sh -c SCRIPT` runs SCRIPT; anything else runs as one command. */
export function scriptOf(argv: readonly string[]): string {
  const shell = /^(?:\/(?:usr\/)?bin\/)?(?:sh|ash|bash)$/.test(argv[0] ?? '')
  if (shell && argv[1] === '-c') return argv[2] ?? ''
  if (shell) return ''
  return shellQuote(argv)
}

/**
 * A container's filesystem at its start: the image's files, then its volume mounts, each hiding
 * what the image had under its path (a mount covers the whole directory).
 */
export function containerFiles(
  context: ProgramContext,
  image: Readonly<Record<string, string>> = {},
): Map<string, string> {
  const fs = new Map<string, string>()
  const covered = (path: string): boolean =>
    context.mounts.some((m) => path.startsWith(`${m.containerPath}/`))
  for (const [path, content] of Object.entries(image)) if (!covered(path)) fs.set(path, content)
  for (const mount of context.mounts)
    for (const [name, content] of Object.entries(mount.files))
      fs.set(`${mount.containerPath}/${name}`, content)
  return fs
}

/**
 * A volume's files changed (the kubelet rewrote a ConfigMap's directory): what was under each
 * mount path goes, the new files come.
 */
export function remount(fs: Map<string, string>, mounts: readonly Mount[]): void {
  for (const path of [...fs.keys()])
    if (mounts.some((m) => path.startsWith(`${m.containerPath}/`))) fs.delete(path)
  for (const mount of mounts)
    for (const [name, content] of Object.entries(mount.files))
      fs.set(`${mount.containerPath}/${name}`, content)
}

/** Runs a command in a container's filesystem (every lab image has a busybox-like sh). */
export function execIn(
  fs: Map<string, string>,
  context: ProgramContext,
  command: readonly string[],
  timeoutMs: number,
): ExecResult {
  const host: ShellHost = {
    fs,
    vars: containerEnv(context),
    hostname: context.podName,
    nowMs: () => context.clock.nowMs,
    stdout: () => undefined,
    stderr: () => undefined,
  }
  const result = captureSync(scriptOf(command), host)
  const timedOut = result.sleptMs > timeoutMs || result.exitCode === 124
  return { exitCode: result.exitCode, output: result.stdout, timedOut }
}
