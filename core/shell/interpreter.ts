/**
 * Runs a parsed script: expands words ($VAR, $(…), globs), wires redirections and pipelines, and
 * runs builtins and commands. Pipelines run one command after another, each reading the whole
 * output of the previous one, which gives the same text as bash's concurrent pipes for the
 * commands of the lab (none of them reads its input interactively).
 */
import { planSudo } from './sudo'
import type { CommandIO, CommandOutput, ShellCommand, ShellContext } from './command'
import { FsError, parentOf } from './fileSystem'
import { arithmetic } from './arithmetic'
import { parseScript, type Pipeline, type Redirect, type SimpleCommand, type Word } from './parse'

/** Where a command's output goes; `tty` when it is the terminal itself. */
export interface TerminalOutput extends CommandOutput {
  readonly tty?: boolean
}

/** The state a script runs in: the session's current frame. */
export interface Frame {
  context: ShellContext
  /** The working directory, absolute. */
  cwd: string
  vars: Map<string, string>
  /** Set when the machine went away under this shell (reboot): nothing more runs in it. */
  disconnected?: boolean
  lastStatus: number
}

export interface Runtime {
  /** A command by name, if installed on the frame's machine. */
  lookup(name: string, frame: Frame): ShellCommand | undefined
  /** Builtins that change the session (cd, export, exit, ssh, history); undefined if not one. */
  builtin(name: string, args: string[], frame: Frame, io: CommandIO): number | undefined
  /** True once `exit` ran: the rest of the script is skipped. */
  stopped(): boolean
  /** Whether a command may follow (only the script's foreground commands may). */
  setForeground(foreground: boolean): void
}

/** Output larger than this (per command) is cut, as a terminal's scrollback would drop it. */
const MAX_OUTPUT = 4 * 1024 * 1024
/** How deep $(…) may nest, so that `$(…$(…))` pasted a thousand times cannot exhaust the stack. */
const MAX_SUBSTITUTION_DEPTH = 16

export function runScript(
  source: string,
  frame: Frame,
  runtime: Runtime,
  output: TerminalOutput,
  depth = 0,
): number {
  const parsed = parseScript(source)
  if (!parsed.ok) {
    output.err(
      parsed.incomplete ? 'bash: syntax error: unexpected end of file\n' : `${parsed.error}\n`,
    )
    frame.lastStatus = 2
    return 2
  }
  for (const andOr of parsed.script) {
    if (runtime.stopped() || isGone(frame)) break
    let status = runPipeline(andOr.first, frame, runtime, output, depth)
    for (const { op, pipeline } of andOr.rest) {
      if (runtime.stopped() || isGone(frame)) break
      if ((op === '&&') === (status === 0))
        status = runPipeline(pipeline, frame, runtime, output, depth)
    }
    frame.lastStatus = status
  }
  return frame.lastStatus
}

/** Whether the machine went away under this shell (read afresh: a command may set it). */
function isGone(frame: Frame): boolean {
  return frame.disconnected === true
}

function runPipeline(
  pipeline: Pipeline,
  frame: Frame,
  runtime: Runtime,
  output: TerminalOutput,
  depth: number,
): number {
  let stdin = ''
  let status = 0
  pipeline.commands.forEach((command, i) => {
    const last = i === pipeline.commands.length - 1
    let captured = ''
    const out: TerminalOutput = last
      ? output
      : { out: (t) => void (captured.length < MAX_OUTPUT && (captured += t)), err: output.err }
    runtime.setForeground(depth === 0 && last && pipeline.commands.length === 1)
    status = runSimple(command, stdin, frame, runtime, out, depth)
    runtime.setForeground(false)
    frame.lastStatus = status
    stdin = captured
  })
  return pipeline.negate ? (status === 0 ? 1 : 0) : status
}

function runSimple(
  command: SimpleCommand,
  stdin: string,
  frame: Frame,
  runtime: Runtime,
  output: TerminalOutput,
  depth: number,
): number {
  const expand = (word: Word): string[] => expandWord(word, frame, runtime, output, depth)
  const args = command.words.flatMap(expand)
  if (args.length === 0) {
    for (const { name, value } of command.assignments) frame.vars.set(name, expand(value).join(' '))
  }
  // Redirections: resolve targets, read inputs; outputs are written after the command ran.
  let input = stdin
  const files: { fd: 1 | 2 | 'both'; path: string; append: boolean }[] = []
  let mergeErr = false
  let mergeOut = false
  for (const redirect of command.redirects) {
    const problem = applyRedirect(redirect)
    if (problem !== undefined) {
      output.err(`bash: ${problem}\n`)
      return 1
    }
  }
  if (args.length === 0) return 0
  const [name, ...rest] = args as [string, ...string[]]

  let stdout = ''
  let stderr = ''
  const toFile = (fd: 1 | 2): boolean => files.some((f) => f.fd === fd || f.fd === 'both')
  const io: CommandIO = {
    stdin: input,
    tty: output.tty === true && !mergeOut && !toFile(1),
    out: (t) => {
      if (mergeOut) io.err(t)
      else if (toFile(1)) stdout += t
      else output.out(t)
    },
    err: (t) => {
      if (mergeErr) io.out(t)
      else if (toFile(2)) stderr += t
      else output.err(t)
    },
  }
  // NAME=value before a command sets it for that command only.
  const saved = command.assignments.map(({ name: key, value }) => {
    const previous = frame.vars.get(key)
    frame.vars.set(key, expand(value).join(' '))
    return { key, previous }
  })
  const status = runCommand(name, rest, frame, runtime, io)
  for (const { key, previous } of saved.reverse()) {
    if (previous === undefined) frame.vars.delete(key)
    else frame.vars.set(key, previous)
  }
  for (const file of files) {
    const text = file.fd === 1 ? stdout : file.fd === 2 ? stderr : stdout + stderr
    if (file.path === '/dev/null') continue
    try {
      frame.context.fs.write(file.path, { text }, { append: file.append })
    } catch (error) {
      if (!(error instanceof FsError)) throw error
      output.err(`bash: ${file.path}: ${error.text}\n`)
      return 1
    }
  }
  return status

  function applyRedirect(redirect: Redirect): string | undefined {
    if (redirect.op === 'heredoc') {
      input = redirect.expand
        ? expandHeredoc(redirect.body, frame, runtime, output, depth)
        : redirect.body
      return undefined
    }
    if (redirect.op === 'dup') {
      if (redirect.fd === 2) mergeErr = true
      else mergeOut = true
      return undefined
    }
    const targets = expand(redirect.target)
    if (targets.length !== 1) return `${wordText(redirect.target)}: ambiguous redirect`
    const path = frame.context.resolve(targets[0]!)
    if (redirect.op === '<') {
      if (path === '/dev/null') input = ''
      else {
        try {
          input = frame.context.fs.read(path).text
        } catch (error) {
          if (error instanceof FsError) return `${targets[0]}: ${error.text}`
          throw error
        }
      }
      return undefined
    }
    if (path !== '/dev/null') {
      const stat = frame.context.fs.stat(path)
      if (stat?.type === 'dir') return `${targets[0]}: Is a directory`
      if (frame.context.fs.stat(parentOf(path))?.type !== 'dir')
        return `${targets[0]}: No such file or directory`
      // bash truncates at once, before the command runs (`cat f > f` empties f).
      if (redirect.op === '>') frame.context.fs.write(path, { text: '' })
    }
    files.push({ fd: redirect.fd === 0 ? 1 : redirect.fd, path, append: redirect.op === '>>' })
    return undefined
  }
}

function runCommand(
  name: string,
  args: string[],
  frame: Frame,
  runtime: Runtime,
  io: CommandIO,
): number {
  if (name === 'sudo') return runSudo(args, frame, runtime, io)
  const builtin = runtime.builtin(name, args, frame, io)
  if (builtin !== undefined) return builtin
  const command = runtime.lookup(name, frame)
  if (command === undefined) {
    if (name.includes('/')) {
      const stat = frame.context.fs.stat(frame.context.resolve(name))
      io.err(
        stat === undefined
          ? `bash: ${name}: No such file or directory\n`
          : `bash: ${name}: Permission denied\n`,
      )
      return stat === undefined ? 127 : 126
    }
    io.err(`bash: ${name}: command not found\n`)
    return 127
  }
  return command.run(args, frame.context, io)
}

/** `sudo [options] [VAR=value…] command`: the shells are root's, so it runs the command (sudo.ts). */
function runSudo(args: string[], frame: Frame, runtime: Runtime, io: CommandIO): number {
  const plan = planSudo(args)
  if (plan.kind === 'nothing') return 0
  if (plan.kind === 'error') {
    io.err(plan.text)
    return plan.status
  }
  const saved = Object.entries(plan.env).map(([key, value]) => {
    const previous = frame.vars.get(key)
    frame.vars.set(key, value)
    return { key, previous }
  })
  try {
    // sudo runs programs, not the shell's builtins (`sudo cd /` is not found either).
    const command = runtime.lookup(plan.name, frame)
    if (command === undefined && !plan.name.includes('/')) {
      io.err(`sudo: ${plan.name}: command not found\n`)
      return 1
    }
    return runCommand(plan.name, plan.args, frame, runtime, io)
  } finally {
    for (const { key, previous } of saved.reverse()) {
      if (previous === undefined) frame.vars.delete(key)
      else frame.vars.set(key, previous)
    }
  }
}

/** Expands one word into fields: variables, command substitutions, splitting, globs. */
export function expandWord(
  word: Word,
  frame: Frame,
  runtime: Runtime,
  output: CommandOutput,
  depth: number,
): string[] {
  // Build the fields: quoted text never splits; unquoted expansions split on blanks.
  const fields: { text: string; glob: boolean }[] = []
  let current: { text: string; glob: boolean } | undefined
  const append = (text: string, splittable: boolean, literal: boolean): void => {
    if (!splittable) {
      current ??= { text: '', glob: false }
      current.text += text
      if (literal && /[*?]/.test(text)) current.glob = true
      return
    }
    const pieces = text.split(/[ \t\n]+/)
    pieces.forEach((piece, i) => {
      if (i > 0 && current !== undefined) {
        fields.push(current)
        current = undefined
      }
      if (piece !== '') {
        current ??= { text: '', glob: false }
        current.text += piece
      }
    })
  }
  for (const part of word) {
    if (part.kind === 'text') append(part.text, false, !part.quoted)
    else if (part.kind === 'var') append(variable(part.name, frame), !part.quoted, false)
    else if (part.kind === 'arithmetic') {
      const value = arithmetic(part.source, frame)
      if (value === undefined)
        output.err(`bash: ${part.source.trim()}: syntax error in expression\n`)
      append(String(value ?? 0), !part.quoted, false)
    } else append(substitute(part.source, frame, runtime, output, depth), !part.quoted, false)
  }
  if (current !== undefined) fields.push(current)
  return fields.flatMap((field) => (field.glob ? glob(field.text, frame) : [field.text]))
}

function variable(name: string, frame: Frame): string {
  if (name === '?') return String(frame.lastStatus)
  if (name === '$') return '1'
  if (name === '#' || name === '0') return name === '#' ? '0' : 'bash'
  return frame.vars.get(name) ?? ''
}

function substitute(
  source: string,
  frame: Frame,
  runtime: Runtime,
  output: CommandOutput,
  depth: number,
): string {
  if (depth >= MAX_SUBSTITUTION_DEPTH) {
    output.err('bash: maximum command substitution depth exceeded\n')
    return ''
  }
  let captured = ''
  const status = runScript(
    source,
    frame,
    runtime,
    { out: (t) => void (captured.length < MAX_OUTPUT && (captured += t)), err: output.err },
    depth + 1,
  )
  frame.lastStatus = status
  return captured.replace(/\n+$/, '')
}

function expandHeredoc(
  body: string,
  frame: Frame,
  runtime: Runtime,
  output: CommandOutput,
  depth: number,
): string {
  return body.replace(
    /\\([$`\\])|\$\(([^)]*)\)|\$\{([A-Za-z_][A-Za-z0-9_]*|[?])\}|\$([A-Za-z_][A-Za-z0-9_]*|[?])/g,
    (_, escaped?: string, command?: string, braced?: string, plain?: string) => {
      if (escaped !== undefined) return escaped
      if (command !== undefined) return substitute(command, frame, runtime, output, depth)
      return variable((braced ?? plain)!, frame)
    },
  )
}

/** Pathname expansion for `*` and `?` in the last path segment; no match leaves the word as is. */
function glob(pattern: string, frame: Frame): string[] {
  const slash = pattern.lastIndexOf('/')
  const dirPart = slash < 0 ? '' : pattern.slice(0, slash + 1)
  const namePattern = pattern.slice(slash + 1)
  if (/[*?]/.test(dirPart)) return [pattern]
  const dir = frame.context.resolve(dirPart === '' ? '.' : dirPart)
  let names: string[]
  try {
    names = frame.context.fs.list(dir)
  } catch {
    return [pattern]
  }
  const regex = new RegExp(
    `^${namePattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  )
  const matches = names.filter(
    (n) => regex.test(n) && (!n.startsWith('.') || namePattern.startsWith('.')),
  )
  return matches.length === 0 ? [pattern] : matches.map((n) => `${dirPart}${n}`)
}

function wordText(word: Word): string {
  return word
    .map((p) => (p.kind === 'text' ? p.text : p.kind === 'var' ? `$${p.name}` : `$(${p.source})`))
    .join('')
}
