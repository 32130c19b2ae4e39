/**
 * `crictl` (cri-tools v1.32) against the node's containerd: ps [-a] [-q] [--name RE]
 * [--pod ID] [--state S], pods [-q] [--name RE] [--namespace RE], images [-q], logs [--tail N]
 * [-t] ID, inspect ID, inspectp ID, exec ID CMD…, version. Tables are laid out by Go's tabwriter
 * as crictl's display does; ids may be given as unique prefixes. With containerd stopped every
 * call fails as crictl does against a refused socket.
 */
import type { ContainerStatus } from '../../node/cri'
import { CriError } from '../../node/cri'
import type { CommandIO, ShellCommand, ShellContext } from '../command'
import { byPrefix, criEndpoint, criState, criUnavailable, short } from './criClient'
import { inspectContainer, inspectSandbox } from './crictlInspect'
import { goTabwriter, nodeHost, onNode, printLines, type NodeHost } from './nodeHost'
import { goUnitsDuration, goUnitsSize } from './timeText'

const SUBCOMMANDS = [
  'ps',
  'pods',
  'images',
  'img',
  'logs',
  'inspect',
  'inspectp',
  'exec',
  'version',
]
const STATES: Record<string, string> = {
  CONTAINER_CREATED: 'Created',
  CONTAINER_RUNNING: 'Running',
  CONTAINER_EXITED: 'Exited',
  CONTAINER_UNKNOWN: 'Unknown',
}

/** Flags with a value, and boolean flags, of the subcommands the lab implements. */
function split(args: readonly string[]): { flags: Map<string, string>; words: string[] } {
  const valued = new Set([
    '--name',
    '--pod',
    '-p',
    '--state',
    '-s',
    '--namespace',
    '--tail',
    '--label',
    '-o',
    '--output',
  ])
  const flags = new Map<string, string>()
  const words: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg.startsWith('--') && arg.includes('='))
      flags.set(arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1))
    else if (valued.has(arg)) flags.set(arg, args[++i] ?? '')
    else if (arg.startsWith('-') && words.length === 0) flags.set(arg, 'true')
    else words.push(arg)
  }
  return { flags, words }
}

function matches(pattern: string | undefined, text: string): boolean {
  if (pattern === undefined) return true
  try {
    return new RegExp(pattern).test(text)
  } catch {
    return false
  }
}

function psTable(
  host: NodeHost,
  context: ShellContext,
  containers: ContainerStatus[],
  flags: Map<string, string>,
): string[] {
  const all = flags.has('-a') || flags.has('--all')
  const state = flags.get('--state') ?? flags.get('-s')
  const pod = flags.get('--pod') ?? flags.get('-p')
  const imageIds = new Map(host.node.containerd.listImages().map((i) => [i.repoTags[0], i.id]))
  const now = context.host.nowMs()
  const shown = containers
    .filter((c) =>
      state !== undefined
        ? STATES[c.state]!.toLowerCase() === state.toLowerCase()
        : all || c.state === 'CONTAINER_RUNNING',
    )
    .filter((c) => pod === undefined || c.podSandboxId.startsWith(pod))
    .filter((c) => matches(flags.get('--name'), c.metadata.name))
    .sort((a, b) => b.createdAtMs - a.createdAtMs)
  if (flags.has('-q') || flags.has('--quiet')) return shown.map((c) => c.id)
  return goTabwriter([
    ['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE'],
    ...shown.map((c) => [
      short(c.id),
      short(imageIds.get(c.image) ?? c.image),
      `${goUnitsDuration(now - c.createdAtMs)} ago`,
      STATES[c.state]!,
      c.metadata.name,
      String(c.metadata.attempt),
      short(c.podSandboxId),
      c.labels['io.kubernetes.pod.name'] ?? 'unknown',
      c.labels['io.kubernetes.pod.namespace'] ?? 'unknown',
    ]),
  ])
}

function podsTable(host: NodeHost, context: ShellContext, flags: Map<string, string>): string[] {
  const now = context.host.nowMs()
  const sandboxes = host.node.containerd
    .listPodSandbox()
    .filter((s) => matches(flags.get('--name'), s.metadata.name))
    .filter((s) => matches(flags.get('--namespace'), s.metadata.namespace))
    .sort((a, b) => b.createdAtMs - a.createdAtMs)
  if (flags.has('-q') || flags.has('--quiet')) return sandboxes.map((s) => s.id)
  return goTabwriter([
    ['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'],
    ...sandboxes.map((s) => [
      short(s.id),
      `${goUnitsDuration(now - s.createdAtMs)} ago`,
      s.state === 'SANDBOX_READY' ? 'Ready' : 'NotReady',
      s.metadata.name,
      s.metadata.namespace,
      String(s.metadata.attempt),
      '(default)',
    ]),
  ])
}

function imagesTable(host: NodeHost, flags: Map<string, string>): string[] {
  const images = [...host.node.containerd.listImages()].sort((a, b) =>
    a.repoTags[0]!.localeCompare(b.repoTags[0]!),
  )
  if (flags.has('-q') || flags.has('--quiet')) return images.map((i) => i.id)
  return goTabwriter([
    ['IMAGE', 'TAG', 'IMAGE ID', 'SIZE'],
    ...images.map((i) => {
      const tag = i.repoTags[0] ?? '<none>:<none>'
      const colon = tag.lastIndexOf(':')
      return [tag.slice(0, colon), tag.slice(colon + 1), short(i.id), goUnitsSize(i.sizeBytes)]
    }),
  ])
}

function logs(host: NodeHost, id: string, flags: Map<string, string>, io: CommandIO): number {
  const found = byPrefix(host.node.containerd.listContainers(), id, 'container')
  if (!found.ok) {
    io.err(`FATA[0000] rpc error: ${found.error.replace(/^rpc error: /, '')} \n`)
    return 1
  }
  const tail = flags.get('--tail')
  const log = host.node.containerd.containerLog(found.item.id)
  let entries = log.entries()
  if (tail !== undefined && Number(tail) >= 0)
    entries = Number(tail) === 0 ? [] : entries.slice(-Number(tail))
  for (const e of entries) (e.stream === 'stderr' ? io.err : io.out).call(io, `${e.text}\n`)
  return 0
}

function exec(host: NodeHost, words: string[], io: CommandIO): number {
  const [id = '', ...command] = words
  const found = byPrefix(host.node.containerd.listContainers(), id, 'container')
  if (!found.ok) {
    io.err(`FATA[0000] execing command in container: ${found.error} \n`)
    return 1
  }
  try {
    const result = host.node.containerd.execSync(found.item.id, command, 60_000)
    io.out(result.output)
    return result.exitCode
  } catch (error) {
    if (!(error instanceof CriError)) throw error
    io.err(`FATA[0000] execing command in container: ${error.message} \n`)
    return 1
  }
}

function run(
  verb: string,
  host: NodeHost,
  words: string[],
  flags: Map<string, string>,
  context: ShellContext,
  io: CommandIO,
): number {
  const containers = host.node.containerd.listContainers()
  switch (verb) {
    case 'ps':
      printLines(io, psTable(host, context, containers, flags))
      return 0
    case 'pods':
      printLines(io, podsTable(host, context, flags))
      return 0
    case 'images':
    case 'img':
      printLines(io, imagesTable(host, flags))
      return 0
    case 'logs':
      return logs(host, words[0] ?? '', flags, io)
    case 'exec':
      return exec(host, words, io)
    case 'inspect': {
      const found = byPrefix(containers, words[0] ?? '', 'container')
      if (!found.ok) {
        io.err(
          `FATA[0000] getting the status of the container "${words[0] ?? ''}": ${found.error} \n`,
        )
        return 1
      }
      const sandbox = host.node.containerd
        .listPodSandbox()
        .find((s) => s.id === found.item.podSandboxId)
      const imageId = host.node.containerd.imageStatus(found.item.image)?.id ?? ''
      io.out(inspectContainer(found.item, sandbox, imageId))
      return 0
    }
    case 'inspectp': {
      const found = byPrefix(host.node.containerd.listPodSandbox(), words[0] ?? '', 'sandbox')
      if (!found.ok) {
        io.err(
          `FATA[0000] getting the pod sandbox status of "${words[0] ?? ''}": ${found.error} \n`,
        )
        return 1
      }
      io.out(inspectSandbox(host, found.item))
      return 0
    }
    default: {
      const version = host.node.containerd.version()
      io.out(
        `Version:  0.1.0\nRuntimeName:  ${version.runtimeName}\nRuntimeVersion:  ${version.runtimeVersion}\nRuntimeApiVersion:  ${version.runtimeApiVersion}\n`,
      )
      return 0
    }
  }
}

export const crictl: ShellCommand = {
  name: 'crictl',
  availableOn: onNode,
  run(args, context, io) {
    const index = args.findIndex((a) => !a.startsWith('-'))
    const verb = index < 0 ? undefined : args[index]!
    if (verb === undefined) {
      io.out(
        'NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n\nVERSION:\n   v1.32.0\n',
      )
      return 0
    }
    if (!SUBCOMMANDS.includes(verb)) {
      io.err(`No help topic for '${verb}'\n`)
      return 3
    }
    const { flags, words } = split(args.slice(index + 1))
    const clients =
      verb === 'images' || verb === 'img'
        ? (['image'] as const)
        : verb === 'ps'
          ? (['runtime', 'image'] as const)
          : (['runtime'] as const)
    const endpoint = criEndpoint(context, io, clients)
    const host = nodeHost(context)
    if (host === undefined || criState(host) === undefined) {
      io.err(criUnavailable(endpoint, clients[0]))
      return 1
    }
    if (['logs', 'inspect', 'inspectp', 'exec'].includes(verb) && words.length === 0) {
      io.err(`FATA[0000] ID cannot be empty \n`)
      return 1
    }
    return run(verb, host, words, flags, context, io)
  },
  complete(words, partial) {
    return words.length === 0 ? SUBCOMMANDS.filter((s) => s.startsWith(partial)) : []
  },
}
