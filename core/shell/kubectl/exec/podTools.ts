/**
 * The commands a container image offers that reach the network or the pod's view of the node,
 * which the lab's container shell cannot answer from its own files: curl (nginx's Debian image),
 * wget and nslookup (busybox and alpine applets), and the files the kubelet writes into every
 * container (/etc/resolv.conf with the cluster DNS, /etc/hosts, /etc/hostname). Anything else
 * runs through containerd's ExecSync in the container's program.
 */
import type { KubernetesCluster } from '../../../kubernetes/cluster'
import { DNS_SERVICE_IP } from '../../../kubeadm/addons'
import { DNS_PORT, podSearchPath, queryNames } from '../../../network/dns'
import { PathWalker } from '../../../network/path'
import type { TraceSource } from '../../../network/tracer'
import { fnv1a, Random } from '../../../random'
import type { CommandIO, ShellHost } from '../../command'
import { parseCurl, runCurl } from '../../node/curlRun'

export type PodSource = Extract<TraceSource, { kind: 'pod' }>

/** Which network tools each image ships (by repository). */
const TOOLS: Record<string, readonly string[]> = {
  nginx: ['curl', 'cat'],
  httpd: ['cat'],
  redis: ['cat'],
  busybox: ['wget', 'nslookup', 'cat'],
  alpine: ['wget', 'nslookup', 'cat'],
}

export function toolsOf(image: string): readonly string[] {
  const repository = image.replace(/^docker\.io\/library\//, '').replace(/[:@].*$/, '')
  return TOOLS[repository] ?? []
}

/** The kubelet-managed files every container sees. */
export function podFile(path: string, source: PodSource): string | undefined {
  const search = podSearchPath(source.namespace).join(' ')
  switch (path) {
    case '/etc/resolv.conf':
      return `search ${search}\nnameserver ${DNS_SERVICE_IP}\noptions ndots:5\n`
    case '/etc/hostname':
      return `${source.name}\n`
    case '/etc/hosts':
      return `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${source.ip}\t${source.name}\n`
    default:
      return undefined
  }
}

function resolve(
  cluster: KubernetesCluster,
  source: PodSource,
  name: string,
): { fqdn: string; address: string } | 'unreachable' | undefined {
  const network = cluster.network
  const walker = new PathWalker({
    fabric: network.fabric,
    weave: network.weave,
    tables: (machine) => network.table(machine),
    directory: cluster.directory(),
    random: new Random(fnv1a(`nslookup ${name}`)),
  })
  const from = {
    machine: source.machine,
    ip: source.ip,
    pod: { namespace: source.namespace, name: source.name },
  }
  for (const fqdn of queryNames(name, podSearchPath(source.namespace))) {
    const delivery = walker.send(from, DNS_SERVICE_IP, DNS_PORT, 'UDP')
    const answer = delivery.ok ? delivery.server.dns?.(fqdn) : undefined
    if (answer === undefined) return 'unreachable'
    if (answer.rcode === 'NOERROR' && answer.addresses[0] !== undefined)
      return { fqdn: fqdn.replace(/\.$/, ''), address: answer.addresses[0] }
  }
  return undefined
}

/** busybox nslookup. */
export function nslookup(
  cluster: KubernetesCluster,
  source: PodSource,
  args: string[],
  host: ShellHost,
  io: CommandIO,
): number {
  const name = args.find((a) => !a.startsWith('-'))
  if (name === undefined) {
    io.err(
      'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n',
    )
    return 1
  }
  const found = resolve(cluster, source, name)
  if (found === 'unreachable') {
    host.advance(15_000)
    io.out(`;; connection timed out; no servers could be reached\n\n`)
    return 1
  }
  const header = `Server:\t\t${DNS_SERVICE_IP}\nAddress:\t${DNS_SERVICE_IP}:53\n\n`
  if (found === undefined) {
    io.out(header)
    io.err(`** server can't find ${name}: NXDOMAIN\n\n`)
    return 1
  }
  io.out(`${header}Name:\t${found.fqdn}\nAddress: ${found.address}\n\n`)
  return 0
}

/** busybox wget: -q, -O FILE (-O- for stdout), -T SECONDS. */
export function wget(
  cluster: KubernetesCluster,
  source: PodSource,
  args: string[],
  host: ShellHost,
  io: CommandIO,
): number {
  const quiet = args.some((a) => /^-[a-zA-Z]*q/.test(a))
  const toStdout = args.some(
    (a) => a === '-O-' || a === '-qO-' || a === '-O' || /^-[a-zA-Z]*O-$/.test(a),
  )
  // The URL is the first word that is neither an option nor an option's value (-O FILE, -T SEC…).
  const url = args.find(
    (a, i) =>
      !a.startsWith('-') &&
      !/^-[a-zA-Z]*[OoTUP]$|^--(header|post-data|post-file)$/.test(args[i - 1] ?? ''),
  )
  if (url === undefined) {
    io.err(
      'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n',
    )
    return 1
  }
  const collected = { out: '', err: '' }
  const status = runCurl(
    source,
    {
      ...(parseCurl([url]) as ReturnType<typeof parseCurl> & object),
      silent: true,
      showError: true,
    },
    cluster,
    host,
    { stdin: '', out: (t) => void (collected.out += t), err: (t) => void (collected.err += t) },
    () => undefined,
  )
  const hostName = url.replace(/^https?:\/\//, '').replace(/[/:].*$/, '')
  if (status !== 0) {
    const why =
      status === 6
        ? `wget: bad address '${hostName}'`
        : status === 28
          ? 'wget: download timed out'
          : `wget: can't connect to remote host: Connection refused`
    if (!quiet) io.err(`Connecting to ${hostName}\n`)
    io.err(`${why}\n`)
    return 1
  }
  if (!quiet)
    io.err(
      `Connecting to ${hostName}\n${toStdout ? 'writing to stdout\n' : "saving to 'index.html'\n"}`,
    )
  if (toStdout) io.out(collected.out)
  if (!quiet) io.err(toStdout ? 'written to stdout\n' : "'index.html' saved\n")
  return 0
}

export function podCurl(
  cluster: KubernetesCluster,
  source: PodSource,
  args: string[],
  host: ShellHost,
  io: CommandIO,
): number {
  const options = parseCurl(args)
  if (typeof options === 'string') {
    io.err(`${options}\n`)
    return 2
  }
  return runCurl(source, options, cluster, host, io, () => undefined)
}
