/**
 * The `kubelab` command: the simulation headless, in a worker_threads Worker.
 *
 *   kubelab version
 *   kubelab shell [--seed N] [--control-planes N] [--workers N] [--lang en|pt-BR] [--echo]
 *
 * `shell` reads command lines from stdin when it is not a terminal (scripts, pipes) and runs an
 * interactive prompt when it is (history, Tab completion, Ctrl+C). Same seed and same input ⇒
 * same output.
 */
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Language, ShellResult } from '../protocol'
import { DEFAULT_CLUSTER, MAX_CONTROL_PLANES, MAX_WORKERS, type ClusterSpec } from '../cluster/spec'
import { echoLine, LAPTOP_PROMPT } from '../shell/transcript'
import { KUBERNETES_VERSION } from '../version'
import { createClient, type SimulationClient } from './client'
import { wrapEndpoint } from './port'
import { DEFAULT_SEED } from './config'
import { labMain } from './labCli'

declare const __KUBELAB_VERSION__: string

const USAGE = `Usage:
  kubelab version                  print KubeLab's version and the Kubernetes release it simulates
  kubelab shell [flags]            the lab's terminal: commands from stdin, or a prompt on a terminal
  kubelab lab list                 the guided labs, in course order
  kubelab lab run ID --solution    replay a lab's reference solution, step by step, with its checks
  kubelab lab verify --all | ID…   check that every step's solution passes and no check passes early

Flags for shell:
  --seed N             seed of the simulation (default ${DEFAULT_SEED}); the same seed replays the same run
  --control-planes N   control-plane nodes, each with a stacked etcd member (default ${DEFAULT_CLUSTER.controlPlanes})
  --workers N          worker nodes (default ${DEFAULT_CLUSTER.workers})
  --lang LANG          language of KubeLab's own messages: en or pt-BR (default: from $LANG)
  --echo               print each command before its output, as a transcript
`

interface ShellFlags {
  seed: number
  cluster: ClusterSpec
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
    case 'lab':
      return labMain(rest)
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
    cluster: { ...DEFAULT_CLUSTER },
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
    } else if (name === '--control-planes' || name === '--workers') {
      const v = value()
      const key = name === '--workers' ? 'workers' : 'controlPlanes'
      const max = key === 'workers' ? MAX_WORKERS : MAX_CONTROL_PLANES
      if (
        v === undefined ||
        !/^\d+$/.test(v) ||
        Number(v) > max ||
        (key === 'controlPlanes' && v === '0')
      )
        return `invalid argument "${v ?? ''}" for "${name}" flag: want an integer from ${key === 'workers' ? 0 : 1} to ${max}`
      flags.cluster[key] = Number(v)
    } else if (name === '--lang') {
      const v = value()
      if (v !== 'en' && v !== 'pt-BR')
        return `invalid argument "${v ?? ''}" for "--lang" flag: want en or pt-BR`
      flags.language = v
    } else return `unknown flag: ${arg}`
  }
  return flags
}

function startWorker(
  seed: number,
  cluster: ClusterSpec,
): { client: SimulationClient; stop(): Promise<number> } {
  const here = dirname(fileURLToPath(import.meta.url))
  const worker = new Worker(join(here, 'kubelab-worker.js'), { workerData: { seed, cluster } })
  const client = createClient(wrapEndpoint(worker))
  return { client, stop: () => worker.terminate() }
}

async function runShell(flags: ShellFlags): Promise<number> {
  const { client, stop } = startWorker(flags.seed, flags.cluster)
  const session = 'cli'
  let status = 0
  let prompt = LAPTOP_PROMPT
  const print = (result: { stdout: string; stderr: string }): void => {
    process.stdout.write(result.stdout)
    process.stderr.write(result.stderr)
  }
  const run = async (line: string): Promise<ShellResult> => {
    if (flags.echo) process.stdout.write(echoLine(prompt, line))
    const result = await client.request({
      kind: 'shell/exec',
      session,
      line,
      language: flags.language,
    })
    print(result)
    status = result.exitCode
    prompt = result.prompt
    return result
  }
  try {
    if (process.stdin.isTTY) status = await interactive(client, session, run, print)
    else
      for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity }))
        if ((await run(line)).closed) break
  } finally {
    client.close()
    await stop()
  }
  return status
}

/** Wall-clock pace of a following command (kubectl get -w) on a terminal: 1 s of cluster time per second. */
const FOLLOW_TICK_MS = 1000

/**
 * The prompt on a terminal: readline with history and Tab completion from the session. While a
 * command follows (kubectl get -w, logs -f), cluster time runs at wall-clock pace and its output
 * arrives as events; Ctrl+C interrupts it.
 */
async function interactive(
  client: SimulationClient,
  session: string,
  run: (line: string) => Promise<ShellResult>,
  print: (result: { stdout: string; stderr: string }) => void,
): Promise<number> {
  let status = 0
  let ticker: ReturnType<typeof setInterval> | undefined
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    prompt: LAPTOP_PROMPT,
    completer: (line: string, callback: (error: null, result: [string[], string]) => void) => {
      client.request({ kind: 'shell/complete', session, line }).then(
        (completion) => callback(null, [completion.candidates, line.slice(completion.from)]),
        () => callback(null, [[], line]),
      )
    },
  })
  const stopFollowing = (prompt: string): void => {
    if (ticker !== undefined) clearInterval(ticker)
    ticker = undefined
    rl.setPrompt(prompt)
    rl.prompt()
  }
  client.onEvent((event) => {
    if (event.kind !== 'shell/output' || event.session !== session) return
    print(event)
    if (event.exitCode !== undefined) {
      status = event.exitCode
      stopFollowing(event.prompt ?? LAPTOP_PROMPT)
    }
  })
  rl.on('SIGINT', () => {
    if (ticker === undefined) {
      process.stdout.write('^C\n')
      rl.write(null, { ctrl: true, name: 'u' })
      rl.prompt()
      return
    }
    client.request({ kind: 'shell/interrupt', session }).then(
      (result) => {
        print(result)
        status = result.exitCode
        stopFollowing(result.prompt)
      },
      () => undefined,
    )
  })
  rl.prompt()
  for await (const line of rl) {
    const result = await run(line)
    status = result.exitCode
    if (result.closed) break
    rl.setPrompt(result.prompt)
    if (result.following) {
      ticker = setInterval(() => {
        void client.request({ kind: 'clock/advance', ms: FOLLOW_TICK_MS }).catch(() => undefined)
      }, FOLLOW_TICK_MS)
      continue
    }
    rl.prompt()
  }
  if (ticker !== undefined) clearInterval(ticker)
  rl.close()
  return status
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
