/**
 * `kubelab lab …`: the lab engine headless, in this process (no worker: nothing here waits on a
 * terminal, and replaying in-process keeps a failing step's stack trace).
 *
 *   kubelab lab list [--dir PATH]
 *   kubelab lab run ID --solution [--dir PATH] [--lang en|pt-BR]
 *   kubelab lab verify [--all | ID…] [--dir PATH]
 *
 * Labs are read from `scenarios/` next to package.json (found by walking up from this file, so
 * it works from the sources and from the bundle in out/cli) or from --dir.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { formatTable } from '../format/table'
import {
  emptyProgress,
  formatProblem,
  judgeReplay,
  loadLab,
  progressSummary,
  replaySolution,
  type Lab,
  type LabProblem,
  type StepReplay,
} from '../labs/index'
import type { Language } from '../protocol'
import { echoLine, LAPTOP_PROMPT } from '../shell/transcript'

const USAGE = `Usage:
  kubelab lab list [--dir PATH]                      the labs, in course order
  kubelab lab run ID --solution [--dir PATH]         replay a lab's reference solution, step by step
  kubelab lab verify [--all | ID...] [--dir PATH]    check that every step's solution passes its check
                                                      and that no check passes before its solution

Flags:
  --dir PATH    read labs from PATH instead of the scenarios folder
  --lang LANG   language of the lab's text: en or pt-BR (default: from $LANG)
`

interface Flags {
  dir: string | undefined
  language: Language
  all: boolean
  solution: boolean
  ids: string[]
}

export async function labMain(args: string[]): Promise<number> {
  const [command, ...rest] = args
  const flags = parseFlags(rest)
  if (typeof flags === 'string') return usageError(flags)
  const dir = flags.dir ?? scenariosDir()
  if (dir === undefined) return fail('cannot find the scenarios folder: give one with --dir')
  switch (command) {
    case 'list':
      return list(dir, flags)
    case 'run':
      if (flags.ids.length !== 1) return usageError('lab run takes one lab id')
      if (!flags.solution) return usageError('lab run needs --solution (only replays are headless)')
      return run(dir, flags.ids[0]!, flags)
    case 'verify':
      if (flags.all === flags.ids.length > 0) return usageError('lab verify takes --all or lab ids')
      return verify(dir, flags)
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE)
      return 0
    default:
      return usageError(`unknown command "${command}" for "kubelab lab"`)
  }
}

function usageError(text: string): number {
  process.stderr.write(`Error: ${text}\n\n${USAGE}`)
  return 2
}

function fail(text: string): number {
  process.stderr.write(`kubelab lab: ${text}\n`)
  return 1
}

function parseFlags(args: string[]): Flags | string {
  const flags: Flags = {
    dir: undefined,
    language: (process.env['LANG'] ?? '').startsWith('pt') ? 'pt-BR' : 'en',
    all: false,
    solution: false,
    ids: [],
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--all') flags.all = true
    else if (arg === '--solution') flags.solution = true
    else if (arg === '--dir') {
      const value = args[++i]
      if (value === undefined) return 'flag needs an argument: --dir'
      flags.dir = resolve(value)
    } else if (arg === '--lang') {
      const value = args[++i]
      if (value !== 'en' && value !== 'pt-BR')
        return `invalid argument "${value ?? ''}" for "--lang" flag: want en or pt-BR`
      flags.language = value
    } else if (arg.startsWith('-')) return `unknown flag: ${arg}`
    else flags.ids.push(arg)
  }
  return flags
}

/** `scenarios/` beside the package.json above this file (sources: core/host; bundle: out/cli). */
export function scenariosDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let depth = 0; depth < 8; depth++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'scenarios')))
      return join(dir, 'scenarios')
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return undefined
}

/** Every folder under `dir` holding a scenario.yaml, loaded (or its problems), in course order. */
export function loadAll(dir: string): { labs: Lab[]; problems: LabProblem[] } {
  const labs: Lab[] = []
  const problems: LabProblem[] = []
  for (const name of readdirSync(dir).sort()) {
    const folder = join(dir, name)
    if (!statSync(folder).isDirectory() || !existsSync(join(folder, 'scenario.yaml'))) continue
    const loaded = loadLab(displayPath(folder), readFolder(folder))
    if (loaded.ok) labs.push(loaded.value)
    else problems.push(...loaded.problems)
  }
  labs.sort((a, b) => a.scenario.order - b.scenario.order)
  return { labs, problems }
}

function displayPath(path: string): string {
  const shown = relative(process.cwd(), path)
  return shown.startsWith('..') ? path : shown
}

/** scenario.yaml and steps/*.md, by path relative to the folder. */
function readFolder(folder: string): Map<string, string> {
  const files = new Map<string, string>()
  files.set('scenario.yaml', readFileSync(join(folder, 'scenario.yaml'), 'utf8'))
  const steps = join(folder, 'steps')
  if (existsSync(steps))
    for (const name of readdirSync(steps))
      if (name.endsWith('.md')) files.set(`steps/${name}`, readFileSync(join(steps, name), 'utf8'))
  return files
}

function reportProblems(problems: readonly LabProblem[]): void {
  for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`)
}

function list(dir: string, flags: Flags): number {
  const { labs, problems } = loadAll(dir)
  reportProblems(problems)
  const progress = emptyProgress()
  process.stdout.write(
    formatTable([
      ['ID', 'TITLE', 'DURATION', 'DIFFICULTY', 'PROGRESS'],
      ...labs.map(({ scenario }) => [
        scenario.id,
        scenario.title[flags.language],
        `${scenario.duration}m`,
        scenario.difficulty,
        progressSummary(
          progress,
          scenario.id,
          scenario.steps.map((s) => s.id),
        ),
      ]),
    ]),
  )
  return problems.length > 0 ? 1 : 0
}

function findLab(dir: string, id: string): Lab | number {
  const { labs, problems } = loadAll(dir)
  const lab = labs.find((l) => l.scenario.id === id)
  if (lab !== undefined) return lab
  const own = problems.filter((p) => p.file.split(/[\\/]/).includes(id))
  if (own.length > 0) {
    reportProblems(own)
    return 1
  }
  return fail(`no lab "${id}" in ${displayPath(dir)}`)
}

function run(dir: string, id: string, flags: Flags): number {
  const lab = findLab(dir, id)
  if (typeof lab === 'number') return lab
  const { scenario } = lab
  const language = flags.language
  const out = (text: string): boolean => process.stdout.write(text)
  out(
    `${scenario.title[language]} (${scenario.id}, seed ${scenario.seed}, ` +
      `${scenario.cluster.controlPlanes} control plane(s), ${scenario.cluster.workers} worker(s))\n`,
  )
  let number = 0
  let prompt = LAPTOP_PROMPT
  const replay = replaySolution(lab, {
    language,
    onStep: (step: StepReplay) => {
      number++
      out(`\n== ${number}/${scenario.steps.length} ${step.step.title[language]} ==\n`)
      for (const { line, result } of step.commands) {
        out(echoLine(prompt, line))
        prompt = result.prompt
        out(result.output)
      }
      out(`${step.after.ok ? '✓' : '✗'} ${step.step.id}: ${step.after.reason[language]}\n`)
    },
  })
  if (replay.error !== undefined) return fail(replay.error)
  return 0
}

function verify(dir: string, flags: Flags): number {
  const { labs, problems } = loadAll(dir)
  reportProblems(problems)
  let failed = problems.length > 0
  const chosen = flags.all ? labs : flags.ids.map((id) => labs.find((l) => l.scenario.id === id))
  for (const [i, lab] of chosen.entries()) {
    if (lab === undefined) {
      failed = true
      process.stdout.write(`✗ ${flags.ids[i]}: no such lab (or it does not validate)\n`)
      continue
    }
    const verdict = judgeReplay(replaySolution(lab))
    failed ||= !verdict.ok
    const steps = lab.scenario.steps.length
    process.stdout.write(
      `${verdict.ok ? '✓' : '✗'} ${lab.scenario.id}: ${verdict.ok ? `${steps} steps pass, none before its solution` : (verdict.error ?? 'failed')}\n`,
    )
    for (const step of verdict.steps)
      if (!verdict.ok || !step.ok)
        process.stdout.write(
          `    ${step.ok ? '✓' : '✗'} ${step.stepId}${step.problem === undefined ? '' : `: ${step.problem}`}\n`,
        )
  }
  return failed ? 1 : 0
}
