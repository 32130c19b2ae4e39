/**
 * `kubectl config view | current-context | get-contexts | get-clusters | use-context`: the
 * kubeconfig file of the machine (--kubeconfig, $KUBECONFIG or ~/.kube/config). `view` hides
 * certificate data as DATA+OMITTED and tokens as REDACTED unless --raw, as kubectl does.
 */
import { parse } from 'yaml'
import { KubectlError } from '../errors'
import { toYaml } from '../print/object'
import { GET_TABS, tabbed } from '../print/tabWriter'
import type { Invocation, KubectlVerb } from '../verb'
import { parseOutput, printValue } from './output'

interface Named<T> {
  name: string
  [key: string]: unknown
  value?: T
}

interface KubeConfig {
  clusters?: Named<unknown>[] | null
  contexts?:
    { name: string; context?: { cluster?: string; user?: string; namespace?: string } }[] | null
  users?: Named<unknown>[] | null
  'current-context'?: string
  [key: string]: unknown
}

const HELP = `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.
  3.  Otherwise, \${HOME}/.kube/config is used and no merging takes place.

Available Commands:
  current-context   Display the current-context
  delete-cluster    Delete the specified cluster from the kubeconfig
  delete-context    Delete the specified context from the kubeconfig
  delete-user       Delete the specified user from the kubeconfig
  get-clusters      Display clusters defined in the kubeconfig
  get-contexts      Describe one or many contexts
  get-users         Display users defined in the kubeconfig
  rename-context    Rename a context from the kubeconfig file
  set               Set an individual value in a kubeconfig file
  set-cluster       Set a cluster entry in kubeconfig
  set-context       Set a context entry in kubeconfig
  set-credentials   Set a user entry in kubeconfig
  unset             Unset an individual value in a kubeconfig file
  use-context       Set the current-context in a kubeconfig file
  view              Display merged kubeconfig settings or a specified kubeconfig file

Usage:
  kubectl config SUBCOMMAND [options]

Use "kubectl config <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`

function configPath(inv: Invocation): string {
  return inv.context.resolve(
    inv.flags.string('kubeconfig') ?? inv.context.env.get('KUBECONFIG') ?? '/root/.kube/config',
  )
}

function load(inv: Invocation): KubeConfig {
  const path = configPath(inv)
  if (inv.context.fs.stat(path)?.type !== 'file') return {}
  return (parse(inv.context.fs.read(path).text) as KubeConfig | null) ?? {}
}

const DATA_FIELDS = ['certificate-authority-data', 'client-certificate-data', 'client-key-data']
const SECRET_FIELDS = ['token', 'password']

/** ShortenConfig and RedactSecrets: what `config view` hides without --raw. */
function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      DATA_FIELDS.includes(k) ? 'DATA+OMITTED' : SECRET_FIELDS.includes(k) ? 'REDACTED' : redact(v),
    ]),
  )
}

function view(inv: Invocation): number {
  const config = load(inv)
  const current = config['current-context'] ?? ''
  let shown: KubeConfig = {
    apiVersion: 'v1',
    clusters: config.clusters ?? null,
    contexts: config.contexts ?? null,
    'current-context': current,
    kind: 'Config',
    preferences: config['preferences'] ?? {},
    users: config.users ?? null,
  }
  if (inv.flags.bool('minify')) {
    const context = (config.contexts ?? []).find((c) => c.name === current)
    if (context === undefined)
      throw new KubectlError('error: current-context must exist in order to minify')
    shown = {
      ...shown,
      contexts: [context],
      clusters: (config.clusters ?? []).filter((c) => c.name === context.context?.cluster),
      users: (config.users ?? []).filter((u) => u.name === context.context?.user),
    }
  }
  const value = inv.flags.bool('raw') ? shown : redact(shown)
  const output = parseOutput(inv.flags.string('output') ?? 'yaml')
  if (output.kind === 'table' || output.kind === 'name' || output.kind === 'custom-columns')
    throw new KubectlError(
      `error: unable to match a printer suitable for the output format "${inv.flags.string('output')}"`,
    )
  inv.io.out(output.kind === 'yaml' ? toYaml(value) : printValue(value, output))
  return 0
}

function getContexts(inv: Invocation, names: string[]): number {
  const config = load(inv)
  const contexts = config.contexts ?? []
  const current = config['current-context'] ?? ''
  if (inv.flags.string('output') === 'name') {
    inv.io.out(contexts.map((c) => `${c.name}\n`).join(''))
    return 0
  }
  const chosen = names.length === 0 ? contexts : contexts.filter((c) => names.includes(c.name))
  const rows = chosen.map((c) =>
    [
      c.name === current ? '*' : '',
      c.name,
      c.context?.cluster ?? '',
      c.context?.user ?? '',
      c.context?.namespace ?? '',
    ].join('\t'),
  )
  const header = inv.flags.bool('no-headers') ? [] : ['CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE']
  inv.io.out(tabbed([...header, ...rows].map((l) => `${l}\n`).join(''), GET_TABS))
  const missing = names.filter((n) => !contexts.some((c) => c.name === n))
  if (missing.length > 0)
    throw new KubectlError(missing.map((n) => `error: context ${n} not found`).join('\n'))
  return 0
}

function useContext(inv: Invocation, name: string | undefined): number {
  if (name === undefined)
    throw new KubectlError(
      "error: Unexpected args: []\nSee 'kubectl config use-context -h' for help and examples",
    )
  const config = load(inv)
  if (!(config.contexts ?? []).some((c) => c.name === name))
    throw new KubectlError(`error: no context exists with the name: "${name}"`)
  config['current-context'] = name
  inv.context.fs.write(configPath(inv), { text: toYaml(config) })
  inv.io.out(`Switched to context "${name}".\n`)
  return 0
}

export const configVerb: KubectlVerb = {
  name: 'config',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'raw', type: 'bool' },
    { name: 'minify', type: 'bool' },
    { name: 'flatten', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
  ],
  run(inv) {
    const [sub, ...rest] = inv.args
    switch (sub) {
      case undefined:
        inv.io.err(HELP)
        return 1
      case 'view':
        return view(inv)
      case 'current-context': {
        const current = load(inv)['current-context']
        if (!current) throw new KubectlError('error: current-context is not set')
        inv.io.out(`${current}\n`)
        return 0
      }
      case 'get-contexts':
        return getContexts(inv, rest)
      case 'get-clusters':
        inv.io.out(
          ['NAME', ...(load(inv).clusters ?? []).map((c) => c.name)].map((l) => `${l}\n`).join(''),
        )
        return 0
      case 'get-users':
        inv.io.out(
          ['NAME', ...(load(inv).users ?? []).map((u) => u.name)].map((l) => `${l}\n`).join(''),
        )
        return 0
      case 'use-context':
      case 'use':
        return useContext(inv, rest[0])
      default:
        throw new KubectlError(
          `error: unknown command "${sub}"\nSee 'kubectl config -h' for help and examples`,
        )
    }
  },
  complete: (words, partial) =>
    words.length === 0
      ? [
          'current-context',
          'get-clusters',
          'get-contexts',
          'get-users',
          'use-context',
          'view',
        ].filter((s) => s.startsWith(partial))
      : [],
}
