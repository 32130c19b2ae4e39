/**
 * One kubectl subcommand (`get`, `apply`, `rollout`…): its flags and what it does with an
 * Invocation. kubectl.ts parses the global flags and the verb's own, then calls run().
 */
import type { CommandIO, ShellContext } from '../command'
import type { KubectlApi } from './api'
import type { FlagSpec, ParsedFlags } from './flags'

export interface Invocation {
  /** The verb as typed ("get", "rollout"). */
  readonly verb: string
  /** Positional arguments after the verb, flags removed. */
  readonly args: string[]
  /** How many of `args` came before `--` (-1 when there was no `--`), as cobra counts them. */
  readonly argsBeforeDash: number
  readonly flags: ParsedFlags
  /** The namespace to use: -n, else the kubeconfig context's, else "default". */
  readonly namespace: string
  /** True when -n/--namespace was given. */
  readonly namespaceGiven: boolean
  readonly api: KubectlApi
  readonly context: ShellContext
  readonly io: CommandIO
}

export interface KubectlVerb {
  readonly name: string
  readonly aliases?: readonly string[]
  /** The verb's own flags (the global ones, such as -n and --kubeconfig, are added). */
  readonly flags: readonly FlagSpec[]
  /** Returns kubectl's exit status; may throw KubectlError, which kubectl.ts prints. */
  run(invocation: Invocation): number
  /** Completions for the word being typed after `kubectl VERB words…`. */
  complete?(words: string[], partial: string, api: KubectlApi): string[]
}
