/**
 * How etcdctl 3.5 reaches the cluster from a control-plane node: its global flags (and their
 * ETCDCTL_* variables), the TLS a kubeadm etcd demands (client certificates, --client-cert-auth),
 * and the failures it prints. Without the TLS flags etcdctl speaks plaintext gRPC to a TLS-only
 * port: it waits out its 5 s dial timeout and gives up with "context deadline exceeded", which is
 * exactly what a learner who forgets --cacert/--cert/--key sees on a real node.
 */
import type { EtcdMember } from '../../etcd/etcd'
import { rfc3339Micro } from '../../api/time'
import type { CommandIO, ShellContext } from '../command'
import type { NodeHost } from './nodeHost'

/** etcdctl's --dial-timeout and --command-timeout defaults. */
export const DIAL_TIMEOUT_MS = 2_000
export const COMMAND_TIMEOUT_MS = 5_000
export const ETCD_VERSION = '3.5.16'

export interface EtcdGlobals {
  endpoints: string[]
  cacert: string | undefined
  cert: string | undefined
  key: string | undefined
  output: 'simple' | 'table' | 'json'
  cluster: boolean
}

const GLOBAL_VALUED = [
  '--endpoints',
  '--cacert',
  '--cert',
  '--key',
  '-w',
  '--write-out',
  '--dial-timeout',
  '--command-timeout',
]

/** Splits global flags from the command's words (flags may come anywhere, as cobra allows). */
export function parseGlobals(
  args: readonly string[],
  env: ReadonlyMap<string, string>,
): { globals: EtcdGlobals; words: string[]; flags: Set<string>; values: Map<string, string> } {
  const values = new Map<string, string>()
  const flags = new Set<string>()
  const words: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const eq = arg.indexOf('=')
    const name = arg.startsWith('-') && eq > 0 ? arg.slice(0, eq) : arg
    if (arg.startsWith('-') && eq > 0) values.set(name, arg.slice(eq + 1))
    else if (GLOBAL_VALUED.includes(arg) || arg === '--data-dir' || arg === '--limit')
      values.set(arg, args[++i] ?? '')
    else if (arg.startsWith('-')) flags.add(arg)
    else words.push(arg)
  }
  const output = values.get('-w') ?? values.get('--write-out') ?? 'simple'
  const globals: EtcdGlobals = {
    endpoints: (
      values.get('--endpoints') ??
      env.get('ETCDCTL_ENDPOINTS') ??
      '127.0.0.1:2379'
    ).split(','),
    cacert: values.get('--cacert') ?? env.get('ETCDCTL_CACERT'),
    cert: values.get('--cert') ?? env.get('ETCDCTL_CERT'),
    key: values.get('--key') ?? env.get('ETCDCTL_KEY'),
    output: output === 'table' || output === 'json' ? output : 'simple',
    cluster: flags.has('--cluster'),
  }
  return { globals, words, flags, values }
}

/** zap's JSON "ts" as etcd's client logger writes it. */
export function zapTime(nowMs: number): string {
  return rfc3339Micro(nowMs)
}

/** The warning the client's retry interceptor logs before giving up, then etcdctl's error. */
export function deadlineExceeded(
  context: ShellContext,
  io: CommandIO,
  endpoint: string,
  cause: string,
): number {
  context.host.advance(COMMAND_TIMEOUT_MS)
  const target = `etcd-endpoints://0xc0003d6000/${endpoint.replace(/^https?:\/\//, '')}`
  const error = `rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: connection error: desc = \\"${cause}\\"`
  io.err(
    `{"level":"warn","ts":"${zapTime(context.host.nowMs())}","logger":"etcd-client","caller":"v3@v3.5.16/retry_interceptor.go:62","msg":"retrying of unary invoker failed","target":"${target}","attempt":0,"error":"${error}"}\nError: context deadline exceeded\n`,
  )
  return 1
}

export type Connection =
  { ok: true; member: EtcdMember; endpoint: string } | { ok: false; status: number }

/** The member an endpoint names: 127.0.0.1/localhost is the local one, else by client IP. */
function memberAt(host: NodeHost, endpoint: string): EtcdMember | undefined {
  const address = endpoint.replace(/^https?:\/\//, '').replace(/:\d+$/, '')
  const local = host.node.machine.metadata.name
  if (address === '127.0.0.1' || address === 'localhost') return host.cluster.etcd.member(local)
  return host.cluster.etcd.members.find((m) => m.clientURL.includes(`//${address}:`))
}

/**
 * Opens the client's connection to one endpoint: checks the files the flags name, the TLS
 * handshake, that something listens; prints the failure and returns its exit status otherwise.
 */
export function connect(
  host: NodeHost,
  globals: EtcdGlobals,
  endpoint: string,
  context: ShellContext,
  io: CommandIO,
): Connection {
  for (const file of [globals.cacert, globals.cert, globals.key]) {
    if (file !== undefined && context.fs.stat(context.resolve(file))?.type !== 'file') {
      io.err(`Error: open ${file}: no such file or directory\n`)
      return { ok: false, status: 1 }
    }
  }
  const member = memberAt(host, endpoint)
  const hostPort = endpoint.replace(/^https?:\/\//, '')
  const reachable =
    member !== undefined &&
    member.up &&
    host.cluster.network.fabric.reachable(host.node.machine.metadata.name, member.name, 2379, 'TCP')
  if (!reachable) {
    const cause = `transport: Error while dialing: dial tcp ${hostPort}: connect: connection refused`
    return { ok: false, status: deadlineExceeded(context, io, endpoint, cause) }
  }
  const tls =
    globals.cacert !== undefined || globals.cert !== undefined || endpoint.startsWith('https://')
  if (!tls || endpoint.startsWith('http://'))
    return {
      ok: false,
      status: deadlineExceeded(context, io, endpoint, 'error reading server preface: EOF'),
    }
  if (globals.cert === undefined || globals.key === undefined)
    return {
      ok: false,
      status: deadlineExceeded(
        context,
        io,
        endpoint,
        'transport: authentication handshake failed: remote error: tls: certificate required',
      ),
    }
  if (globals.cacert === undefined)
    return {
      ok: false,
      status: deadlineExceeded(
        context,
        io,
        endpoint,
        'transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority',
      ),
    }
  return { ok: true, member, endpoint }
}

/**
 * A linearizable request needs a leader that `member` (the endpoint's) reaches; without one it
 * waits out the command timeout.
 */
export function needsLeader(
  host: NodeHost,
  member: string,
  context: ShellContext,
  io: CommandIO,
): boolean {
  if (host.cluster.etcd.canServe(member)) return true
  context.host.advance(COMMAND_TIMEOUT_MS)
  io.err(
    `{"level":"warn","ts":"${zapTime(context.host.nowMs())}","logger":"etcd-client","caller":"v3@v3.5.16/retry_interceptor.go:62","msg":"retrying of unary invoker failed","target":"etcd-endpoints://0xc0003d6000/127.0.0.1:2379","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = context deadline exceeded"}\nError: context deadline exceeded\n`,
  )
  return false
}

/** "%x" of the member id, as etcdctl prints it (no leading zeros). */
export function memberId(member: EtcdMember): string {
  return member.id.replace(/^0+(?=.)/, '')
}

/** go-humanize's Bytes: "5.2 MB", "21 MB", "803 kB". */
export function humanBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB']
  let value = bytes
  let i = 0
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000
    i++
  }
  if (i === 0) return `${bytes} B`
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ${units[i]!}`
}
