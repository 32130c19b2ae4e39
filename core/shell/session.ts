/**
 * One terminal session: the learner's bash on the laptop, and the nested shells `ssh NODE` opens.
 * It buffers lines until a command is complete (an open quote, a heredoc: the "> " prompt), runs
 * it, keeps history, and holds the command that is following (`kubectl get -w`) until it ends or
 * is interrupted. The app's terminal and `kubelab shell` both drive sessions like this.
 *
 * Invariants:
 * 1. Each frame (the laptop, then each ssh) has its own machine, working directory and
 *    variables; files belong to the machine and are shared by every session on it.
 * 2. At most one follower runs; any new input first interrupts it, as Ctrl+C would.
 * 3. Output and state depend only on the input and the simulation, never on the host.
 */
import type { Language, ShellCompletion, ShellResult } from '../protocol'
import {
  LAPTOP,
  type CommandIO,
  type CommandOutput,
  type Follower,
  type MachineView,
  type ShellContext,
  type ShellHost,
} from './command'
import { COMMANDS } from './commands/index'
import { normalizePath } from './fileSystem'
import { runScript, type Frame, type Runtime, type TerminalOutput } from './interpreter'
import { parseScript } from './parse'
import { completeLine } from './complete'
import { ssh, sshTarget } from './ssh'
import { message } from './messages'

const HOME = '/root'
/** Lines of history kept, as bash's HISTSIZE default. */
const HISTORY_SIZE = 500
/** A paste larger than this is refused whole, so that no command runs on half of it. */
export const MAX_INPUT_BYTES = 1024 * 1024

export class ShellSession {
  private readonly frames: Frame[] = []
  private readonly history: string[] = []
  private pending = ''
  private closed = false
  private language: Language = 'en'
  private follower: { follower: Follower; frame: Frame } | undefined
  private foreground = false

  constructor(
    private readonly host: ShellHost,
    /** The session's id, as the protocol names it. */
    readonly id = 'shell',
  ) {
    this.frames.push(this.newFrame(host.machine(LAPTOP)!))
  }

  get isClosed(): boolean {
    return this.closed
  }

  get isFollowing(): boolean {
    return this.follower !== undefined
  }

  /** The prompt bash would show now: "> " inside an unfinished command. */
  get prompt(): string {
    if (this.pending !== '') return '> '
    const frame = this.frame
    const cwd = frame.context.cwd
    const shown =
      cwd === HOME ? '~' : cwd.startsWith(`${HOME}/`) ? `~${cwd.slice(HOME.length)}` : cwd
    return `root@${frame.context.machine.name}:${shown}# `
  }

  /** Runs input: one line, or several as a paste gives them. */
  exec(text: string, language: Language = 'en'): ShellResult {
    this.language = language
    const result = this.collect((output) => {
      if (this.follower !== undefined) this.stopFollower(output, false)
      if (text.length > MAX_INPUT_BYTES) {
        output.err(
          `${message(language, 'input.tooLarge', { size: String(text.length), max: String(MAX_INPUT_BYTES) })}\n`,
        )
        this.frame.lastStatus = 1
        return
      }
      const source = this.pending === '' ? text : `${this.pending}\n${text}`
      const parsed = parseScript(source)
      if (!parsed.ok && parsed.incomplete) {
        this.pending = source
        return
      }
      this.pending = ''
      if (source.trim() === '') return
      this.remember(source)
      const frame = this.frame
      const atMs = this.host.nowMs()
      const exitCode = runScript(source, frame, this.runtime, output)
      // The node went down under an ssh session: back to the machine it came from.
      while (this.frames.length > 1 && this.frame.disconnected === true) {
        this.frames.pop()
        // ssh's own status when the connection drops.
        this.frame.lastStatus = 255
      }
      this.host.record({
        session: this.id,
        machine: frame.context.machine.name,
        line: source,
        exitCode,
        atMs,
      })
    })
    return result
  }

  /** Ctrl+C: stops the following command, or drops an unfinished command line. */
  interrupt(): ShellResult {
    return this.collect((output) => {
      if (this.follower !== undefined) this.stopFollower(output, true)
      else {
        this.pending = ''
        this.frame.lastStatus = 130
      }
    })
  }

  /** After virtual time moved: what the following command printed meanwhile. */
  poll(): { stdout: string; stderr: string; output: string; exitCode?: number } | undefined {
    const current = this.follower
    if (current === undefined) return undefined
    let stdout = ''
    let stderr = ''
    let output = ''
    const status = current.follower.poll({
      out: (t) => void ((stdout += t), (output += t)),
      err: (t) => void ((stderr += t), (output += t)),
    })
    if (status === undefined) return { stdout, stderr, output }
    this.follower = undefined
    current.frame.lastStatus = status
    return { stdout, stderr, output, exitCode: status }
  }

  complete(line: string): ShellCompletion {
    return completeLine(line, this.frame, this.commandsOn(this.frame.context.machine))
  }

  private get frame(): Frame {
    return this.frames.at(-1)!
  }

  private collect(work: (output: TerminalOutput) => void): ShellResult {
    let stdout = ''
    let stderr = ''
    let output = ''
    work({
      out: (t) => void ((stdout += t), (output += t)),
      err: (t) => void ((stderr += t), (output += t)),
      tty: true,
    })
    return {
      stdout,
      stderr,
      output,
      exitCode: this.frame.lastStatus,
      closed: this.closed,
      prompt: this.prompt,
      following: this.follower !== undefined,
    }
  }

  private stopFollower(output: CommandOutput, visible: boolean): void {
    const { follower, frame } = this.follower!
    this.follower = undefined
    if (visible) output.out('^C\n')
    follower.interrupt?.(output)
    frame.lastStatus = 130
  }

  private remember(source: string): void {
    this.history.push(source)
    if (this.history.length > HISTORY_SIZE) this.history.shift()
  }

  private commandsOn(machine: MachineView) {
    return [...COMMANDS.values()].filter((c) => c.availableOn?.(machine) ?? true)
  }

  private newFrame(machine: MachineView): Frame {
    const vars = new Map<string, string>([
      ['HOME', HOME],
      ['USER', 'root'],
      ['HOSTNAME', machine.name],
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      ['SHELL', '/bin/bash'],
    ])
    const frame: Frame = { vars, lastStatus: 0, cwd: HOME, context: undefined! }
    const context: ShellContext = {
      host: this.host,
      language: this.language,
      machine,
      fs: this.host.files(machine.name),
      get cwd() {
        return frame.cwd
      },
      resolve: (path) =>
        normalizePath(
          path === '~' ? HOME : path.startsWith('~/') ? HOME + path.slice(1) : path,
          frame.cwd,
        ),
      env: vars,
      runOn: (name, line, io) => this.runNested(name, line, io),
      follow: (follower) => {
        if (this.foreground && this.follower === undefined) this.follower = { follower, frame }
      },
      disconnect: () => void (frame.disconnected = true),
    }
    // The learner may switch language between commands: read it live.
    Object.defineProperty(context, 'language', { get: () => this.language })
    frame.context = context
    return frame
  }

  /** `ssh NODE CMD…`: runs a line in a fresh shell on the node, then comes back. */
  private runNested(name: string, line: string, io: CommandIO): number {
    const machine = this.host.machine(name)
    if (machine === undefined) return 255
    const frame = this.newFrame(machine)
    return runScript(line, frame, this.runtime, io)
  }

  private readonly runtime: Runtime = {
    lookup: (name, frame) => {
      const command = COMMANDS.get(name)
      if (command === undefined) return undefined
      return (command.availableOn?.(frame.context.machine) ?? true) ? command : undefined
    },
    builtin: (name, args, frame, io) => this.builtin(name, args, frame, io),
    stopped: () => this.closed,
    setForeground: (foreground) => void (this.foreground = foreground),
  }

  private builtin(name: string, args: string[], frame: Frame, io: CommandIO): number | undefined {
    switch (name) {
      case 'exit':
      case 'logout':
        return this.exit(args, frame, io)
      case 'cd':
        return this.cd(args, frame, io)
      case 'export':
        for (const arg of args) {
          const eq = arg.indexOf('=')
          const name = eq < 0 ? arg : arg.slice(0, eq)
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
            io.err(`bash: export: \`${arg}': not a valid identifier\n`)
            return 1
          }
          if (eq > 0) frame.vars.set(name, arg.slice(eq + 1))
        }
        return 0
      case 'unset':
        for (const arg of args) frame.vars.delete(arg)
        return 0
      case 'history':
        io.out(
          this.history
            .map((line, i) => `${String(i + 1).padStart(5)}  ${line.replace(/\n/g, '\n       ')}\n`)
            .join(''),
        )
        return 0
      case 'ssh': {
        const target = sshTarget(args, frame, io, this.host)
        if (typeof target === 'number') return target
        if (target.command !== undefined)
          return this.runNested(target.machine.name, target.command, io)
        ssh(target.machine, io, this.host)
        if (frame !== this.frame) return 0
        this.frames.push(this.newFrame(target.machine))
        return 0
      }
      default:
        return undefined
    }
  }

  /** bash's exit: `exit` keeps the last status, `exit N` uses N modulo 256; ssh frames log out. */
  private exit(args: string[], frame: Frame, io: CommandIO): number {
    const [code] = args
    let status = frame.lastStatus
    if (code !== undefined && !/^-?\d+$/.test(code)) {
      io.err(`bash: exit: ${code}: numeric argument required\n`)
      status = 2
    } else if (code !== undefined) status = ((Number(code) % 256) + 256) % 256
    if (frame !== this.frame) return status
    if (this.frames.length > 1) {
      this.frames.pop()
      io.out(`logout\nConnection to ${frame.context.machine.name} closed.\n`)
      this.frame.lastStatus = status
      return status
    }
    this.closed = true
    return status
  }

  private cd(args: string[], frame: Frame, io: CommandIO): number {
    if (args.length > 1) {
      io.err('bash: cd: too many arguments\n')
      return 1
    }
    const target = frame.context.resolve(args[0] ?? HOME)
    const stat = frame.context.fs.stat(target)
    if (stat?.type !== 'dir') {
      io.err(
        `bash: cd: ${args[0]}: ${stat === undefined ? 'No such file or directory' : 'Not a directory'}\n`,
      )
      return 1
    }
    frame.cwd = target
    frame.vars.set('PWD', target)
    return 0
  }
}
