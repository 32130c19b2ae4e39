/**
 * The `kubectl` command: global flags, the verb, the verb's flags, then the verb runs against
 * the API server through KubectlApi. Every failure is printed as the real kubectl prints it,
 * with its exit status.
 */
import type { CommandIO, ShellCommand, ShellContext } from '../command'
import { KubectlApi } from './api'
import { KubectlError, usageError } from './errors'
import { FlagError, parseFlags, type FlagSpec } from './flags'
import { EXEC_VERBS } from './exec/index'
import { READ_VERBS } from './read/index'
import type { KubectlVerb } from './verb'
import { WRITE_VERBS } from './write/index'

/** kubectl's persistent flags, accepted by every verb. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'server', short: 's', type: 'string' },
  { name: 'request-timeout', type: 'string', default: '0' },
  { name: 'v', short: 'v', type: 'int', default: '0' },
  { name: 'as', type: 'string' },
  { name: 'insecure-skip-tls-verify', type: 'bool' },
  { name: 'token', type: 'string' },
  { name: 'help', short: 'h', type: 'bool' },
]

export const VERBS: readonly KubectlVerb[] = [...READ_VERBS, ...WRITE_VERBS, ...EXEC_VERBS]

export function findVerb(name: string): KubectlVerb | undefined {
  return VERBS.find((v) => v.name === name || v.aliases?.includes(name))
}

export const kubectl: ShellCommand = {
  name: 'kubectl',
  run(args, context, io) {
    try {
      return runKubectl(args, context, io)
    } catch (error) {
      if (error instanceof KubectlError) {
        io.err(`${error.text}\n`)
        return error.exitCode
      }
      throw error
    }
  },
  complete(words, partial, context) {
    if (words.length === 0) return VERBS.map((v) => v.name).filter((n) => n.startsWith(partial))
    const verb = findVerb(words[0]!)
    if (verb?.complete === undefined) return []
    try {
      const api = new KubectlApi(context, { out: () => undefined, err: () => undefined })
      return verb.complete(words.slice(1), partial, api)
    } catch {
      return []
    }
  },
}

function runKubectl(args: string[], context: ShellContext, io: CommandIO): number {
  // The verb is the first word that is not a flag or a global flag's value.
  const verbIndex = findVerbIndex(args)
  if (verbIndex < 0) {
    io.out(
      `kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n`,
    )
    return 0
  }
  const name = args[verbIndex]!
  const verb = findVerb(name)
  if (verb === undefined) {
    throw new KubectlError(`Error: unknown command "${name}" for "kubectl"${suggestion(name)}`)
  }
  const rest = [...args.slice(0, verbIndex), ...args.slice(verbIndex + 1)]
  let parsed
  try {
    parsed = parseFlags(rest, [...GLOBAL_FLAGS, ...verb.flags])
  } catch (error) {
    if (error instanceof FlagError) throw usageError(name, error.message)
    throw error
  }
  const { flags, positional, argsBeforeDash } = parsed
  const namespace = flags.string('namespace')
  const api = new KubectlApi(
    context,
    io,
    {
      kubeconfig: flags.string('kubeconfig'),
      requestTimeout: flags.has('request-timeout') ? flags.string('request-timeout') : undefined,
    },
    kubectlPid(context),
  )
  return verb.run({
    verb: name,
    args: positional,
    argsBeforeDash,
    flags,
    namespace: namespace ?? 'default',
    namespaceGiven: namespace !== undefined,
    api,
    context,
    io,
  })
}

/** Index of the verb among kubectl's arguments, skipping global flags and their values. */
function findVerbIndex(args: readonly string[]): number {
  const takesValue = new Set(
    GLOBAL_FLAGS.filter((f) => f.type !== 'bool').flatMap((f) =>
      f.short === undefined ? [`--${f.name}`] : [`--${f.name}`, `-${f.short}`],
    ),
  )
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (!arg.startsWith('-')) return i
    if (takesValue.has(arg)) i++
  }
  return -1
}

/** cobra's "Did you mean this?" for a mistyped verb (Levenshtein distance ≤ 2, or a prefix). */
function suggestion(typed: string): string {
  const names = VERBS.map((v) => v.name).filter(
    (n) => n.startsWith(typed) || levenshtein(n, typed) <= 2,
  )
  return names.length === 0
    ? "\nSee 'kubectl --help' for usage."
    : `\n\nDid you mean this?\n${names.map((n) => `\t${n}\n`).join('')}`
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    }
    previous = current
  }
  return previous[b.length]!
}

/** A process id for klog's lines: from the machine's process table, or the laptop's counter. */
function kubectlPid(context: ShellContext): number {
  const node = context.host.kubernetes?.nodes.get(context.machine.name)
  if (node === undefined) return 4000 + (Math.floor(context.host.nowMs() / 1000) % 60000)
  const process = node.processes.spawn(1, 'kubectl')
  node.processes.exit(process.pid)
  return process.pid
}
