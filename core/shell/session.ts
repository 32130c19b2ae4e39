/**
 * One terminal session: runs command lines against the simulation, keeps the last exit status,
 * and closes on `exit`. The app's terminal and `kubelab shell` both drive sessions like this.
 */
import type { Language, ShellResult } from '../protocol'
import type { CommandOutput, ShellContext, ShellHost } from './command'
import { COMMANDS } from './commands/index'
import { tokenize } from './tokenize'

export class ShellSession {
  private lastStatus = 0
  private closed = false

  constructor(private readonly host: ShellHost) {}

  get isClosed(): boolean {
    return this.closed
  }

  /** Runs one line (which may hold several lines, as a paste does). */
  exec(text: string, language: Language = 'en'): ShellResult {
    const context: ShellContext = { ...this.host, language }
    let stdout = ''
    let stderr = ''
    const output = {
      out: (t: string) => void (stdout += t),
      err: (t: string) => void (stderr += t),
    }
    for (const line of text.split(/\r?\n/)) {
      if (this.closed) break
      this.runLine(line, context, output)
    }
    return { stdout, stderr, exitCode: this.lastStatus, closed: this.closed }
  }

  private runLine(line: string, context: ShellContext, output: CommandOutput): void {
    const tokens = tokenize(line)
    if (!tokens.ok) {
      output.err(`${tokens.error}\n`)
      this.lastStatus = 2
      return
    }
    const [name, ...args] = tokens.words
    if (name === undefined) return
    if (name === 'exit') {
      this.exit(args, output)
      return
    }
    const command = COMMANDS.get(name)
    if (command === undefined) {
      output.err(`bash: ${name}: command not found\n`)
      this.lastStatus = 127
      return
    }
    this.lastStatus = command.run(args, context, output)
  }

  /** bash's exit: `exit` keeps the last status, `exit N` uses N modulo 256. */
  private exit(args: string[], output: CommandOutput): void {
    const [code] = args
    if (code !== undefined && !/^-?\d+$/.test(code)) {
      output.err(`bash: exit: ${code}: numeric argument required\n`)
      this.lastStatus = 2
    } else if (code !== undefined) {
      this.lastStatus = ((Number(code) % 256) + 256) % 256
    }
    this.closed = true
  }
}
