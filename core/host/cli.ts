/**
 * The `kubelab` command: the simulation headless, in a worker_threads Worker.
 *
 *   kubelab version
 *   kubelab shell [--seed N] [--lang en|pt-BR] [--echo]
 *
 * `shell` reads command lines from stdin when it is not a terminal (scripts, pipes) and runs an
 * interactive prompt when it is. Same seed and same input ⇒ same output.
 */
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Language } from '../protocol'
import { KUBERNETES_VERSION } from '../version'
import { createClient, type SimulationClient } from './client'
import { wrapEndpoint } from './port'
import { DEFAULT_SEED } from './config'

declare const __KUBELAB_VERSION__: string

const USAGE = `Usage:
  kubelab version                  print KubeLab's version and the Kubernetes release it simulates
  kubelab shell [flags]            the lab's terminal: commands from stdin, or a prompt on a terminal

Flags for shell:
  --seed N        seed of the simulation (default ${DEFAULT_SEED}); the same seed replays the same run
  --lang LANG     language of KubeLab's own messages: en or pt-BR (default: from $LANG)
  --echo          print each command before its output, as a transcript
`

interface ShellFlags {
  seed: number
  language: Language
  echo: boolean
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  switch (command) {
    case 'version':
      process.stdout.write(
        `kubelab ${__KUBELAB_VERSION__} (simulates Kubernetes ${KUBERNETES_VERSION})\n`,
      )
      return 0
    case 'shell': {
      const flags = parseShellFlags(rest)
      if (typeof flags === 'string') return usageError(flags)
      return runShell(flags)
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE)
      return 0
    default:
      return usageError(`unknown command "${command}" for "kubelab"`)
  }
}

function usageError(text: string): number {
  process.stderr.write(`Error: ${text}\n\n${USAGE}`)
  return 2
}

function parseShellFlags(args: string[]): ShellFlags | string {
  const envLang = process.env['LANG'] ?? ''
  const flags: ShellFlags = {
    seed: DEFAULT_SEED,
    language: envLang.startsWith('pt') ? 'pt-BR' : 'en',
    echo: false,
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg]
    const value = (): string | undefined => inline ?? args[++i]
    if (name === '--echo') flags.echo = true
    else if (name === '--seed') {
      const v = value()
      if (v === undefined || !/^\d+$/.test(v) || Number(v) > 0xffffffff) {
        return `invalid argument "${v ?? ''}" for "--seed" flag: want an integer from 0 to 4294967295`
      }
      flags.seed = Number(v)
    } else if (name === '--lang') {
      const v = value()
      if (v !== 'en' && v !== 'pt-BR')
        return `invalid argument "${v ?? ''}" for "--lang" flag: want en or pt-BR`
      flags.language = v
    } else return `unknown flag: ${arg}`
  }
  return flags
}

function startWorker(seed: number): { client: SimulationClient; stop(): Promise<number> } {
  const here = dirname(fileURLToPath(import.meta.url))
  const worker = new Worker(join(here, 'kubelab-worker.js'), { workerData: { seed } })
  const client = createClient(wrapEndpoint(worker))
  return { client, stop: () => worker.terminate() }
}

async function runShell(flags: ShellFlags): Promise<number> {
  const { client, stop } = startWorker(flags.seed)
  const session = 'cli'
  let status = 0
  const run = async (line: string): Promise<boolean> => {
    if (flags.echo) process.stdout.write(`$ ${line}\n`)
    const result = await client.request({
      kind: 'shell/exec',
      session,
      line,
      language: flags.language,
    })
    process.stdout.write(result.stdout)
    process.stderr.write(result.stderr)
    status = result.exitCode
    return result.closed
  }
  try {
    if (process.stdin.isTTY) await interactive(run)
    else
      for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity }))
        if (await run(line)) break
  } finally {
    client.close()
    await stop()
  }
  return status
}

async function interactive(run: (line: string) => Promise<boolean>): Promise<void> {
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    prompt: 'learner@laptop:~$ ',
  })
  rl.prompt()
  for await (const line of rl) {
    if (await run(line)) break
    rl.prompt()
  }
  rl.close()
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`kubelab: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  },
)
