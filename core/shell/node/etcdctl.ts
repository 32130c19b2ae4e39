/**
 * `etcdctl` 3.5 on a control-plane node, against the cluster's etcd: member list, endpoint
 * health|status [--cluster], get [--prefix] [--keys-only] [--print-value-only] [--limit N],
 * put, del [--prefix], snapshot save|status|restore, version; -w simple|table|json for the
 * listing commands. Connection and TLS behaviour: etcdConnection.ts.
 *
 * Simplifications: Kubernetes objects are printed as JSON (the API server stores most of them
 * as protobuf, which etcdctl prints as binary); keys a learner puts outside what the API server
 * wrote live beside the Kubernetes keyspace (they are listed and deleted like the others).
 */
import type { CommandIO, ShellCommand, ShellContext } from '../command'
import {
  connect,
  ETCD_VERSION,
  humanBytes,
  memberId,
  needsLeader,
  parseGlobals,
  type EtcdGlobals,
} from './etcdConnection'
import { dbSizeBytes, snapshotRestore, snapshotSave, snapshotStatus } from './etcdSnapshot'
import { etcdTable } from './etcdTable'
import { nodeHost, onControlPlane, stableNumber, type NodeHost } from './nodeHost'

const own = new WeakMap<object, Map<string, string>>()

function learnerKeys(host: NodeHost): Map<string, string> {
  let keys = own.get(host.cluster)
  if (keys === undefined) own.set(host.cluster, (keys = new Map()))
  return keys
}

function entries(host: NodeHost): [string, string][] {
  const stored = host.cluster.etcd.kv
    .snapshot()
    .entries.map(([k, v]): [string, string] => [k, JSON.stringify(v)])
  return [...stored, ...learnerKeys(host)].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
}

function memberList(host: NodeHost, globals: EtcdGlobals, io: CommandIO): number {
  const header = ['ID', 'Status', 'Name', 'Peer Addrs', 'Client Addrs', 'Is Learner']
  const rows = host.cluster.etcd.members.map((m) => [
    memberId(m),
    'started',
    m.name,
    m.peerURL,
    m.clientURL,
    'false',
  ])
  if (globals.output === 'table') io.out(etcdTable(header, rows))
  else io.out(rows.map((r) => `${r.join(', ')}\n`).join(''))
  return 0
}

function clusterEndpoints(host: NodeHost, globals: EtcdGlobals): string[] {
  return globals.cluster ? host.cluster.etcd.members.map((m) => m.clientURL) : globals.endpoints
}

function endpointHealth(
  host: NodeHost,
  globals: EtcdGlobals,
  context: ShellContext,
  io: CommandIO,
): number {
  let healthy = true
  for (const endpoint of clusterEndpoints(host, globals)) {
    const connection = connect(host, globals, endpoint, context, {
      out: () => undefined,
      err: () => undefined,
      stdin: '',
    })
    const took = `${stableNumber(`${endpoint}/${context.host.nowMs()}`, 6, 19)}.${stableNumber(endpoint, 100, 999)}ms`
    if (connection.ok && host.cluster.etcd.canServe(connection.member.name))
      io.out(`${endpoint} is healthy: successfully committed proposal: took = ${took}\n`)
    else {
      healthy = false
      io.err(`${endpoint} is unhealthy: failed to commit proposal: context deadline exceeded\n`)
    }
  }
  if (!healthy) io.err('Error: unhealthy cluster\n')
  return healthy ? 0 : 1
}

function endpointStatus(
  host: NodeHost,
  globals: EtcdGlobals,
  context: ShellContext,
  io: CommandIO,
): number {
  const etcd = host.cluster.etcd
  const keys = etcd.kv.size + learnerKeys(host).size
  const rows: string[][] = []
  // etcdctl 3.5 reports an endpoint it cannot reach on stderr and goes on with the others
  // (epStatusCommandFunc); the table shows those that answered, and the exit status is 1.
  const many = clusterEndpoints(host, globals)
  let unreachable = 0
  for (const endpoint of many) {
    const quiet = { ...io, out: () => undefined, err: () => undefined }
    const connection = connect(host, globals, endpoint, context, many.length > 1 ? quiet : io)
    if (!connection.ok) {
      if (many.length === 1) return connection.status
      io.err(`Failed to get the status of endpoint ${endpoint} (context deadline exceeded)\n`)
      unreachable++
      continue
    }
    const index = String(etcd.kv.revision + etcd.term * 3)
    rows.push([
      endpoint,
      memberId(connection.member),
      ETCD_VERSION,
      humanBytes(dbSizeBytes(keys)),
      String(etcd.leaderSeenBy(connection.member.name) === connection.member),
      'false',
      String(etcd.termSeenBy(connection.member.name)),
      index,
      index,
      etcd.leaderSeenBy(connection.member.name) === undefined ? 'etcdserver: no leader' : '',
    ])
  }
  const header = [
    'Endpoint',
    'ID',
    'Version',
    'DB Size',
    'Is Leader',
    'Is Learner',
    'Raft Term',
    'Raft Index',
    'Raft Applied Index',
    'Errors',
  ]
  if (globals.output === 'table') io.out(etcdTable(header, rows))
  else io.out(rows.map((r) => `${r.join(', ')}\n`).join(''))
  return unreachable > 0 ? 1 : 0
}

function get(
  host: NodeHost,
  words: string[],
  flags: Set<string>,
  values: Map<string, string>,
  io: CommandIO,
): number {
  const [key = '', end] = words
  const prefix = flags.has('--prefix')
  let found = entries(host).filter(([k]) =>
    prefix ? k.startsWith(key) : end !== undefined ? k >= key && k < end : k === key,
  )
  const limit = Number(values.get('--limit') ?? 0)
  if (limit > 0) found = found.slice(0, limit)
  if (flags.has('--count-only')) return 0
  for (const [k, v] of found) {
    if (flags.has('--keys-only')) io.out(`${k}\n\n`)
    else if (flags.has('--print-value-only')) io.out(`${v}\n`)
    else io.out(`${k}\n${v}\n`)
  }
  return 0
}

function del(host: NodeHost, words: string[], flags: Set<string>, io: CommandIO): number {
  const key = words[0] ?? ''
  const matching = entries(host).filter(([k]) =>
    flags.has('--prefix') ? k.startsWith(key) : k === key,
  )
  for (const [k] of matching) {
    if (!learnerKeys(host).delete(k)) host.cluster.etcd.kv.delete(k)
  }
  io.out(`${matching.length}\n`)
  return 0
}

function keyCommand(
  verb: string,
  host: NodeHost,
  member: string,
  words: string[],
  flags: Set<string>,
  values: Map<string, string>,
  context: ShellContext,
  io: CommandIO,
): number {
  if (words.length === 0 || (verb === 'put' && words.length < 2)) {
    io.err(
      `Error: ${verb} command needs ${verb === 'put' ? '2 arguments' : '1 argument and --prefix flag or 1 arguments'}\n`,
    )
    return 1
  }
  if (!needsLeader(host, member, context, io)) return 1
  if (verb === 'get') return get(host, words, flags, values, io)
  if (verb === 'del') return del(host, words, flags, io)
  learnerKeys(host).set(words[0]!, words.slice(1).join(' '))
  io.out('OK\n')
  return 0
}

function run(host: NodeHost, args: string[], context: ShellContext, io: CommandIO): number {
  const { globals, words, flags, values } = parseGlobals(args, context.env)
  const [verb = '', sub = '', ...rest] = words
  if (verb === 'version') {
    io.out(`etcdctl version: ${ETCD_VERSION}\nAPI version: 3.5\n`)
    return 0
  }
  if (verb === 'snapshot' && sub === 'status')
    return snapshotStatus(rest[0] ?? '', globals.output === 'table', context, io, etcdTable)
  if (verb === 'snapshot' && sub === 'restore')
    return snapshotRestore(host, rest[0] ?? '', values.get('--data-dir'), context, io)
  const known = ['member', 'endpoint', 'get', 'put', 'del', 'snapshot']
  if (!known.includes(verb)) {
    io.err(`Error: unknown command "${verb}" for "etcdctl"\nRun 'etcdctl --help' for usage.\n`)
    return 1
  }
  const endpoint = globals.endpoints[0]!
  let member = ''
  if (!(verb === 'endpoint')) {
    const connection = connect(host, globals, endpoint, context, io)
    if (!connection.ok) return connection.status
    member = connection.member.name
  }
  if (verb === 'member' && (sub === 'list' || sub === 'ls')) return memberList(host, globals, io)
  if (verb === 'endpoint' && sub === 'health') return endpointHealth(host, globals, context, io)
  if (verb === 'endpoint' && sub === 'status') return endpointStatus(host, globals, context, io)
  if (verb === 'snapshot' && sub === 'save') {
    if (!needsLeader(host, member, context, io)) return 1
    return snapshotSave(host, endpoint, rest[0] ?? '', context, io)
  }
  if (verb === 'get' || verb === 'put' || verb === 'del')
    return keyCommand(
      verb,
      host,
      member,
      [sub, ...rest].filter((w) => w !== ''),
      flags,
      values,
      context,
      io,
    )
  io.err(
    `Error: unknown command "${sub}" for "etcdctl ${verb}"\nRun 'etcdctl ${verb} --help' for usage.\n`,
  )
  return 1
}

export const etcdctl: ShellCommand = {
  name: 'etcdctl',
  availableOn: onControlPlane,
  run(args, context, io) {
    const host = nodeHost(context)
    if (host === undefined) {
      io.err('Error: context deadline exceeded\n')
      return 1
    }
    return run(host, args, context, io)
  },
  complete(words, partial) {
    const next =
      words.length === 0
        ? ['member', 'endpoint', 'get', 'put', 'del', 'snapshot', 'version']
        : words[0] === 'snapshot'
          ? ['save', 'status', 'restore']
          : words[0] === 'endpoint'
            ? ['health', 'status']
            : words[0] === 'member'
              ? ['list']
              : []
    return next.filter((w) => w.startsWith(partial))
  },
}
