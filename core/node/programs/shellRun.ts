/**
 * The interpreter of the lab's `sh`. A script runs as a generator that yields each `sleep`, so
 * the container's program can wait on the virtual clock between steps; `exec` probes and
 * `$(…)` run the same code to completion at once.
 *
 * Invariants:
 * 1. Every run is bounded: a loop that never sleeps yields BUSY_SLEEP_MS every BUSY_STEPS
 *    commands (time passes, as a busy CPU's would), and a synchronous run stops after
 *    MAX_SYNC_STEPS commands.
 * 2. Messages are busybox's: "sh: foo: not found" (127), "cat: can't open 'x': No such file or
 *    directory" (1).
 */
import { parse, type Redirect, type ShellNode } from './shellParse'
import { evalArithmetic, expandWord, type Expander } from './shellExpand'
import { builtin } from './shellBuiltins'

export interface ShellHost {
  /** The container's files (path → content). */
  readonly fs: Map<string, string>
  /** Environment and shell variables. */
  readonly vars: Map<string, string>
  readonly hostname: string
  nowMs(): number
  stdout(text: string): void
  stderr(text: string): void
}

export interface ShellStep {
  sleepMs: number
}

export class ShellExit {
  constructor(readonly code: number) {}
}

export const BUSY_STEPS = 50
export const BUSY_SLEEP_MS = 10
export const MAX_SYNC_STEPS = 10_000

export interface ShellState {
  status: number
  steps: number
  /** Synchronous runs (exec, $(…)) may not loop for ever. */
  sync: boolean
}

export type ShellRun = Generator<ShellStep, number, void>

/** Runs a node; returns its exit status. Throws ShellExit on `exit`. */
export function* run(node: ShellNode, host: ShellHost, state: ShellState): ShellRun {
  switch (node.kind) {
    case 'list': {
      for (const item of node.items) {
        if (item.op === '&&' && state.status !== 0) continue
        if (item.op === '||' && state.status === 0) continue
        state.status = yield* run(item.node, host, state)
      }
      return state.status
    }
    case 'not':
      return (yield* run(node.node, host, state)) === 0 ? 1 : 0
    case 'loop': {
      state.status = 0
      let last = 0
      for (;;) {
        const cond = yield* run(node.cond, host, state)
        if ((cond === 0) === node.until) break
        last = yield* run(node.body, host, state)
        yield* tick(state)
      }
      return last
    }
    case 'for': {
      let last = 0
      const values = node.words.flatMap((w) => expandWord(w, expander(host, state)))
      for (const value of values) {
        host.vars.set(node.name, value)
        last = yield* run(node.body, host, state)
        yield* tick(state)
      }
      return last
    }
    case 'if': {
      for (const branch of node.branches) {
        if ((yield* run(branch.cond, host, state)) === 0)
          return yield* run(branch.body, host, state)
      }
      return node.otherwise === undefined ? 0 : yield* run(node.otherwise, host, state)
    }
    case 'simple':
      return yield* simple(node, host, state)
  }
}

function* tick(state: ShellState): Generator<ShellStep, void, void> {
  state.steps++
  if (state.sync && state.steps > MAX_SYNC_STEPS) throw new ShellExit(124)
  if (!state.sync && state.steps % BUSY_STEPS === 0) yield { sleepMs: BUSY_SLEEP_MS }
}

function* simple(
  node: Extract<ShellNode, { kind: 'simple' }>,
  host: ShellHost,
  state: ShellState,
): ShellRun {
  yield* tick(state)
  const expand = expander(host, state)
  for (const assign of node.assigns) {
    const eq = assign.indexOf('=')
    host.vars.set(assign.slice(0, eq), expandWord(assign.slice(eq + 1), expand, false).join(''))
  }
  const argv = node.words.flatMap((w) => expandWord(w, expand))
  if (argv.length === 0) return 0
  const io = redirected(node.redirects, host, expand)
  try {
    const result = builtin(argv, { ...host, stdout: io.out, stderr: io.err })
    if (typeof result === 'number') return result
    return yield* result
  } finally {
    io.close()
  }
}

/** Where a command's output goes: the log, a file, or nowhere (/dev/null). */
function redirected(
  redirects: Redirect[],
  host: ShellHost,
  expand: Expander,
): { out: (t: string) => void; err: (t: string) => void; close: () => void } {
  let out = (t: string): void => host.stdout(t)
  let err = (t: string): void => host.stderr(t)
  for (const r of redirects) {
    if ('toStdout' in r) {
      err = out
      continue
    }
    const target = expandWord(r.target, expand, false).join('')
    const sink =
      target === '/dev/null'
        ? (): void => undefined
        : (t: string): void => void host.fs.set(target, (host.fs.get(target) ?? '') + t)
    if (!r.append && target !== '/dev/null') host.fs.set(target, '')
    if (r.fd === 1) out = sink
    else err = sink
  }
  return { out, err, close: () => undefined }
}

/** How words are expanded in this shell: variables, $(…) and $((…)). */
export function expander(host: ShellHost, state: ShellState): Expander {
  return {
    variable: (name) =>
      name === '?' ? String(state.status) : name === '$' ? '1' : host.vars.get(name),
    command: (script) => captureSync(script, host).stdout.replace(/\n+$/, ''),
    arithmetic: (expression) => String(evalArithmetic(expression, (n) => host.vars.get(n))),
  }
}

export interface SyncResult {
  exitCode: number
  stdout: string
  /** Virtual time the run asked to sleep (an exec probe past its timeout has timed out). */
  sleptMs: number
}

/** Runs a script to completion at once, capturing its output (exec, command substitution). */
export function captureSync(script: string, host: ShellHost): SyncResult {
  let stdout = ''
  const capture: ShellHost = {
    fs: host.fs,
    vars: host.vars,
    hostname: host.hostname,
    nowMs: () => host.nowMs(),
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stdout += t),
  }
  let sleptMs = 0
  let exitCode: number
  try {
    const generator = run(parse(script), capture, { status: 0, steps: 0, sync: true })
    for (;;) {
      const step = generator.next()
      if (step.done === true) {
        exitCode = step.value
        break
      }
      sleptMs += step.value.sleepMs
    }
  } catch (error) {
    if (error instanceof ShellExit) exitCode = error.code
    else {
      stdout += `sh: ${error instanceof Error ? error.message : String(error)}\n`
      exitCode = 2
    }
  }
  return { exitCode, stdout, sleptMs }
}
