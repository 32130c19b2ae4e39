/**
 * `kubectl create -f FILE` and `kubectl create deployment|namespace|configmap|secret generic|
 * service clusterip|nodeport NAME`. The subcommands build their object on the client
 * (generators.ts), then POST it (KUBECTL-WIRE.md §3.10) or, with --dry-run=client, only print it.
 */
import type { KubeObject } from '../../../api/types'
import { findResourceType, resourcePath } from '../resources'
import { KubectlError, clientError } from '../errors'
import type { Invocation, KubectlVerb } from '../verb'
import { withLastApplied } from './apply'
import {
  configMapFor,
  deploymentFor,
  namespaceFor,
  secretFor,
  serviceFor,
  servicePorts,
  type DataSources,
} from './generators'
import { FILENAME_FLAGS, readManifests } from './manifests'
import { failed, requiredFlagError, singleText, throwFailures, withSource } from './outcome'
import { DRY_RUN_FLAG, dryRunOf, OUTPUT_FLAG, outputOf, printAll, report } from './printing'

interface Generator {
  /** "deployment", "secret generic": as kubectl names the subcommand in its hints. */
  command: string
  /** The noun of "failed to create X: …" ("" when kubectl does not wrap the error). */
  failure: string
  build(inv: Invocation, name: string): KubeObject
}

function sources(inv: Invocation): DataSources {
  return {
    literals: inv.flags.all('from-literal'),
    files: inv.flags.all('from-file'),
    read(path) {
      const file = inv.context.resolve(path)
      return inv.context.fs.stat(file)?.type === 'file' ? inv.context.fs.read(file).text : undefined
    },
  }
}

function ns(inv: Invocation): string | undefined {
  return inv.namespaceGiven ? inv.namespace : undefined
}

function service(type: 'ClusterIP' | 'NodePort'): Generator {
  return {
    command: `service ${type.toLowerCase()}`,
    failure: `${type} service: `,
    build(inv, name) {
      const tcp = inv.flags.all('tcp')
      if (tcp.length === 0) throw clientError('at least one tcp port specifier must be provided')
      const nodePort = type === 'NodePort' ? inv.flags.int('node-port') : undefined
      return serviceFor(name, ns(inv), type, servicePorts(tcp, nodePort))
    },
  }
}

const GENERATORS: Record<string, Generator> = {
  deployment: {
    command: 'deployment',
    failure: 'deployment: ',
    build(inv, name) {
      const port = inv.flags.int('port')
      const replicas = inv.flags.int('replicas') ?? 1
      return deploymentFor(name, ns(inv), inv.flags.all('image'), replicas, port)
    },
  },
  namespace: { command: 'namespace', failure: '', build: (_inv, name) => namespaceFor(name) },
  configmap: {
    command: 'configmap',
    failure: 'configmap: ',
    build: (inv, name) => configMapFor(name, ns(inv), sources(inv)),
  },
  'secret generic': {
    command: 'secret generic',
    // kubectl's own format string has no colon here: "failed to create secret %v".
    failure: 'secret ',
    build: (inv, name) => secretFor(name, ns(inv), sources(inv), inv.flags.string('type')),
  },
  'service clusterip': service('ClusterIP'),
  'service nodeport': service('NodePort'),
}

const ALIASES: Record<string, string> = { deploy: 'deployment', ns: 'namespace', cm: 'configmap' }

export const create: KubectlVerb = {
  name: 'create',
  flags: [
    ...FILENAME_FLAGS,
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string', default: 'strict' },
    { name: 'edit', type: 'bool' },
    { name: 'image', type: 'stringArray' },
    { name: 'replicas', short: 'r', type: 'int', default: '1' },
    { name: 'port', type: 'int', default: '-1' },
    { name: 'from-literal', type: 'stringArray' },
    { name: 'from-file', type: 'stringArray' },
    { name: 'from-env-file', type: 'stringArray' },
    { name: 'type', type: 'string' },
    { name: 'tcp', type: 'stringArray' },
    { name: 'node-port', type: 'int', default: '0' },
  ],
  run(inv) {
    const { generator, rest } = subcommand(inv.args)
    if (generator === undefined) return createFromFiles(inv)
    if (generator.command === 'deployment' && inv.flags.all('image').length === 0)
      throw requiredFlagError(inv, 'image')
    if (rest.length !== 1) {
      throw new KubectlError(
        `error: exactly one NAME is required, got ${rest.length}\nSee 'kubectl create ${generator.command} -h' for help and examples`,
      )
    }
    return createGenerated(inv, generator, generator.build(inv, rest[0]!))
  },
}

function subcommand(args: readonly string[]): { generator?: Generator; rest: string[] } {
  const first = ALIASES[args[0] ?? ''] ?? args[0] ?? ''
  const two = `${first} ${args[1] ?? ''}`
  if (GENERATORS[two] !== undefined) return { generator: GENERATORS[two], rest: args.slice(2) }
  if (GENERATORS[first] !== undefined) return { generator: GENERATORS[first], rest: args.slice(1) }
  return { rest: [...args] }
}

function createGenerated(inv: Invocation, generator: Generator, object: KubeObject): number {
  const dryRun = dryRunOf(inv)
  outputOf(inv)
  if (dryRun === 'client') {
    report(inv, object, 'created', dryRun)
    return 0
  }
  const def = findResourceType(object.kind)!
  const namespace = def.namespaced ? inv.namespace : undefined
  const response = inv.api.send({
    method: 'POST',
    path: resourcePath(def, namespace),
    query: {
      fieldManager: 'kubectl-create',
      fieldValidation: 'Strict',
      ...(dryRun === 'server' ? { dryRun: 'All' } : {}),
    },
    body: object,
  })
  if (response.status >= 400) {
    const failure = failed(response)
    if (generator.failure === '') throw new KubectlError(singleText(failure))
    throw clientError(`failed to create ${generator.failure}${failure.status.message ?? ''}`)
  }
  report(inv, response.body as KubeObject, 'created', dryRun)
  return 0
}

function createFromFiles(inv: Invocation): number {
  if (inv.flags.all('filename').length === 0) throw clientError('must specify one of -f and -k')
  const dryRun = dryRunOf(inv)
  outputOf(inv)
  const { infos, failures } = readManifests(inv)
  if (infos.length === 0 && failures.length === 0) throw clientError('no objects passed to create')
  if (infos.length > 0) inv.api.discover()
  const printed: KubeObject[] = []
  for (const info of infos) {
    let object = inv.flags.bool('save-config') ? withLastApplied(info) : info.object
    if (dryRun !== 'client') {
      const response = inv.api.send({
        method: 'POST',
        path: resourcePath(info.def, info.namespace),
        query: {
          fieldManager: 'kubectl-create',
          fieldValidation: 'Strict',
          ...(dryRun === 'server' ? { dryRun: 'All' } : {}),
        },
        body: object,
      })
      if (response.status >= 400) {
        failures.push(withSource('creating', info.source, failed(response)))
        continue
      }
      object = response.body as KubeObject
    }
    if (outputOf(inv) === undefined) report(inv, object, 'created', dryRun)
    else printed.push(object)
  }
  printAll(inv, printed)
  throwFailures(failures)
  return 0
}
