/**
 * The path of one connection through the lab's network, hop by hop: the source machine's
 * kube-proxy rules, the physical fabric between machines, Weave between pods of different
 * machines, the destination machine's rules (NodePorts), and whatever listens at the end.
 *
 * Invariants:
 * 1. Netfilter's nat table is consulted on every machine a new connection enters: OUTPUT on the
 *    machine where a process (or a pod, through its host's PREROUTING) opens it, PREROUTING on
 *    a machine it reaches over the fabric. Addresses local to that machine match
 *    `ADDRTYPE dst-type LOCAL`, which is how NodePorts answer on every node. Bounded: a
 *    connection is NATed at most MAX_NAT times.
 * 2. The laptop (OUTSIDE) has no netfilter rules and routes only to node IPs.
 * 3. Pod-to-pod packets between machines need Weave (`podTraffic`); on one machine they stay on
 *    the `weave` bridge. A host reaches pod IPs through its bridge ("weave expose"), so the same
 *    rule applies to node → pod.
 * 4. An address nothing owns (a ClusterIP without a rule, say) leaves by the default route and is
 *    dropped: the sender sees a timeout, not a refusal.
 */
import type { HttpRequest, HttpResponse } from '../node/program'
import type { Random } from '../random'
import { isDnsServer, type DnsAnswer } from './dns'
import { OUTSIDE, type Fabric } from './fabric'
import { cidrContains, parseCidr } from './ip'
import type { NatTable } from './nat'
import type { WeaveNet } from './weave'
import type { DirectoryPod, Hop, HopPoint, NetworkDirectory } from './directory'

export type { DirectoryPod, Hop, HopPoint, HostListener, NetworkDirectory } from './directory'

export const SERVICE_CIDR = '10.96.0.0/12'
/** The laptop's address on VirtualBox's host-only network. */
export const OUTSIDE_IP = '192.168.56.1'
const MAX_NAT = 3

/** What answers at the end of a path. */
export interface Server {
  point: HopPoint
  /** The port it was reached on, after any DNAT (a Service's targetPort). */
  port: number
  http?: (request: HttpRequest) => HttpResponse | undefined
  dns?: (name: string) => DnsAnswer
  /** False when the tracer must ask http itself whether the port is served. */
  knownListening: boolean
  /** The process holding the port is stopped: the connection opens, no answer ever comes. */
  hangs?: boolean
}

export type Delivery =
  { ok: true; server: Server } | { ok: false; failure: 'refused' | 'unreachable' | 'dropped' }

export interface PathDeps {
  fabric: Fabric
  weave: WeaveNet
  tables(machine: string): NatTable | undefined
  directory: NetworkDirectory
  random: Random
}

const serviceCidr = parseCidr(SERVICE_CIDR)

type Protocol = 'TCP' | 'UDP'
type Failure = 'refused' | 'unreachable' | 'dropped'

/** A new connection's first packet on its way: where it is, from whom, to what. */
interface Flow {
  at: HopPoint
  src: string
  dst: string
  port: number
  protocol: Protocol
  /** How many times it has been NATed so far (invariant 1's bound). */
  nats: number
}

export class PathWalker {
  readonly hops: Hop[] = []

  constructor(private readonly deps: PathDeps) {}

  /** Sends the first packet of a connection from `from` to dst:port (invariant 1). */
  send(from: HopPoint, dst: string, port: number, protocol: Protocol): Delivery {
    const flow: Flow = { at: from, src: from.ip, dst, port, protocol, nats: 0 }
    if (from.pod !== undefined && dst === '127.0.0.1') {
      const self = this.deps.directory.podByIP(from.ip)
      return self === undefined ? this.fail('refused') : this.podServer(self, from, flow)
    }
    return this.enter(flow)
  }

  nodePoint(machine: string): HopPoint {
    return machine === OUTSIDE
      ? { machine, ip: OUTSIDE_IP }
      : { machine, ip: this.deps.fabric.ipOf(machine) ?? '' }
  }

  /** The packet is on `flow.at`'s machine: apply its nat table, then route it. */
  private enter(flow: Flow): Delivery {
    const { at, src, dst, port, protocol } = flow
    const table = at.machine === OUTSIDE ? undefined : this.deps.tables(at.machine)
    if (table === undefined || flow.nats >= MAX_NAT) return this.route(flow)
    const dstLocal =
      dst === '127.0.0.1' ||
      dst === this.deps.fabric.ipOf(at.machine) ||
      dst === this.deps.weave.ipam.bridgeIP(at.machine)
    const verdict = table.match({ src, dst, dport: port, protocol, dstLocal }, this.deps.random)
    if (verdict.kind === 'none') return this.route(flow)
    const node = this.nodePoint(at.machine)
    const via = `iptables ${verdict.chains.join(' -> ')}`
    if (verdict.kind === 'reject') {
      this.hop(flow, node, via, 'rejected', `REJECT: ${verdict.comment}`)
      return this.fail('refused')
    }
    this.hop(flow, node, via, 'ok', `DNAT to ${verdict.ip}:${verdict.port} (${verdict.service})`)
    return this.route({
      ...flow,
      at: node,
      dst: verdict.ip,
      port: verdict.port,
      nats: flow.nats + 1,
    })
  }

  private route(flow: Flow): Delivery {
    const { at, dst } = flow
    const { fabric, directory } = this.deps
    if (at.machine !== OUTSIDE && (dst === '127.0.0.1' || dst === fabric.ipOf(at.machine))) {
      const point = this.nodePoint(at.machine)
      if (at.pod !== undefined) this.hop(flow, point, 'weave bridge', 'ok')
      return this.hostServer(point, flow)
    }
    const node = fabric.machineByIP(dst)
    if (node !== undefined) return this.toNode(flow, node)
    if (at.machine === OUTSIDE) {
      const detail = `the laptop has no route to ${dst}: only node IPs are reachable from outside`
      this.hop(flow, { machine: OUTSIDE, ip: dst }, 'default route', 'dropped', detail)
      return this.fail('dropped')
    }
    const pod = directory.podByIP(dst)
    return pod === undefined ? this.nowhere(flow) : this.toPod(flow, pod)
  }

  private toNode(flow: Flow, node: string): Delivery {
    const to = this.nodePoint(node)
    const why = this.deps.fabric.whyUnreachable(flow.at.machine, node, flow.port, flow.protocol)
    if (why?.kind === 'host-down') {
      const detail = `no ARP answer from ${why.machine}: it is powered off or cut off`
      this.hop(flow, to, 'fabric', 'unreachable', detail)
      return this.fail('unreachable')
    }
    if (why?.kind === 'port-blocked') {
      this.hop(flow, to, 'fabric', 'dropped', `${why.machine} drops ${why.protocol} ${why.port}`)
      return this.fail('dropped')
    }
    this.hop(flow, to, 'fabric', 'ok')
    return this.enter({ ...flow, at: to })
  }

  private toPod(flow: Flow, pod: DirectoryPod): Delivery {
    const namespace = pod.namespace
    const to: HopPoint = { machine: pod.machine, ip: flow.dst, pod: { namespace, name: pod.name } }
    if (pod.machine === flow.at.machine) {
      this.hop(flow, to, 'weave bridge', 'ok')
      return this.podServer(pod, to, flow)
    }
    const traffic = this.deps.weave.podTraffic(flow.at.machine, pod.machine)
    if (!traffic.ok) {
      this.hop(flow, to, 'weave', 'dropped', traffic.reason)
      return this.fail('dropped')
    }
    this.hop(flow, to, `weave ${traffic.dataPath ?? 'fastdp'}`, 'ok')
    return this.podServer(pod, to, flow)
  }

  /** No pod, no node, no rule: a pod-network address without a pod, or the default route. */
  private nowhere(flow: Flow): Delivery {
    const { at, dst, port } = flow
    const owner = this.deps.weave.ipam.ownerOf(dst)
    if (owner !== undefined && this.deps.weave.podTraffic(at.machine, owner).ok) {
      const detail = `no pod has ${dst}: no ARP answer on ${owner}'s weave bridge`
      this.hop(flow, { machine: owner, ip: dst }, 'weave', 'unreachable', detail)
      return this.fail('unreachable')
    }
    const lost = 'the packet leaves by the default route and is lost'
    let detail = `nothing on the lab network has ${dst}: ${lost}`
    if (cidrContains(serviceCidr, dst)) {
      const stale = this.deps.tables(at.machine)?.stale
        ? ' (kube-proxy is stopped: its rules are stale)'
        : ''
      detail = `no kube-proxy rule for ${dst}:${port} on ${at.machine}${stale}; ${lost}`
    }
    this.hop(flow, { machine: at.machine, ip: dst }, 'default route', 'dropped', detail)
    return this.fail('dropped')
  }

  private hostServer(point: HopPoint, flow: Flow): Delivery {
    const port = flow.port
    const listener = this.deps.directory.hostListener(point.machine, port)
    if (listener === undefined) {
      const detail = `nothing listens on ${point.ip}:${port}`
      this.hop({ ...flow, at: point }, point, 'host', 'refused', detail)
      return this.fail('refused')
    }
    const http = listener.http?.bind(listener)
    const hangs = listener.hangs?.() === true
    return {
      ok: true,
      server: { point, port, ...(http ? { http } : {}), knownListening: true, hangs },
    }
  }

  private podServer(pod: DirectoryPod, point: HopPoint, flow: Flow): Delivery {
    const { port, protocol } = flow
    const program = pod.program
    const listening = program?.listening?.()
    const closed = program === undefined || (listening !== undefined && !listening.includes(port))
    if (closed || (protocol === 'UDP' && !isDnsServer(program))) {
      const why = program === undefined ? 'no container process runs' : `nothing listens on ${port}`
      const detail = `${pod.namespace}/${pod.name}: ${why}`
      this.hop({ ...flow, at: point }, point, 'pod', 'refused', detail)
      return this.fail('refused')
    }
    const http = program.http?.bind(program)
    const dns = isDnsServer(program) ? program.dns.bind(program) : undefined
    const knownListening = listening !== undefined
    return {
      ok: true,
      server: { point, port, ...(http ? { http } : {}), ...(dns ? { dns } : {}), knownListening },
    }
  }

  private hop(
    flow: Flow,
    to: HopPoint,
    via: string,
    outcome: Hop['outcome'],
    detail?: string,
  ): void {
    const { at: from, port, protocol } = flow
    const hop: Hop = { from, to, port, protocol, via, outcome }
    this.hops.push(detail === undefined ? hop : { ...hop, detail })
  }

  private fail(failure: Failure): Delivery {
    return { ok: false, failure }
  }
}
