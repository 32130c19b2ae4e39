/**
 * What each Weave router writes about its connections to other peers, as Weave Net 2.8 (its
 * weaveworks/mesh library and overlay switch) prints it, and the messages the routers exchange
 * when a connection comes or goes, for the topology's flow:
 *
 *   ->[192.168.56.21:6783] attempting connection
 *   ->[192.168.56.21:6783] error during connection attempt: dial tcp4 :0->192.168.56.21:6783: connect: connection refused
 *   ->[192.168.56.21:6783|6e:1f:…(worker-1)]: connection ready; using protocol version 2
 *   overlay_switch ->[6e:1f:…(worker-1)] using fastdp
 *   ->[192.168.56.21:6783|6e:1f:…(worker-1)]: connection added (new peer)
 *   ->[192.168.56.21:6783|6e:1f:…(worker-1)]: connection fully established
 *   ->[192.168.56.21:6783|6e:1f:…(worker-1)]: connection shutting down due to error: EOF
 *   ->[192.168.56.21:6783|6e:1f:…(worker-1)]: connection deleted
 *   Removed unreachable peer 6e:1f:…(worker-1)
 *
 * Invariants:
 * 1. A router writes only when one of its links changes state (WeaveNet.connection, the derived
 *    truth): never per packet, and once per change where real Weave retries with back-off.
 * 2. Links are checked where they can change: around a router that starts or stops (at once),
 *    and all of them when the fabric's version moved (a fault), at the next `check()` (the
 *    simulation's publish, at the end of the command that changed it). Nothing else costs more
 *    than comparing two numbers.
 * 3. The links followed are the ones the topology draws: a full mesh up to WEAVE_FULL_MESH_MAX
 *    machines, a ring beyond (real Weave meshes every pair; the lab would write n² lines).
 * 4. A stopped router writes nothing; its links are forgotten, and it starts afresh.
 * 5. Flow (FlowTap invariant 1): "connect :6783" from a router to a peer it connected to, and
 *    "gossip topology" to each of its connected peers whenever its own connections changed, as
 *    mesh broadcasts a topology update. Nothing reads randomness or schedules a task.
 */
import { WEAVE_FULL_MESH_MAX } from '../cluster/build'
import type { FlowTap } from '../observe/flow'
import type { Fabric } from './fabric'
import { rfc3339Micro } from '../api/time'
import {
  WEAVE_CONTROL_PORT,
  type WeaveConnection,
  type WeaveNet,
  type WeaveObserver,
} from './weave'

/** Weave's log line (common/logging.go): "INFO: 2026/01/05 09:00:00.000000 message". */
export function weaveLine(nowMs: number, message: string): string {
  const stamp = rfc3339Micro(nowMs)
  const date = stamp.slice(0, 10).replaceAll('-', '/')
  return `INFO: ${date} ${stamp.slice(11, 26)} ${message}`
}

/** FNV-1a with murmur3's finalizer: a stable, well-mixed 32-bit hash of a name. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/**
 * A router's peer name: six bytes written as a MAC address, unicast and locally administered, as
 * Weave derives it from the machine's identity. Here it is derived from the machine's name.
 */
export function weavePeerName(machine: string): string {
  const bytes = [hash(`peer/0/${machine}`), hash(`peer/1/${machine}`)].flatMap((n) => [
    n >>> 24,
    (n >>> 16) & 0xff,
    (n >>> 8) & 0xff,
  ])
  bytes[0] = (bytes[0]! & 0xfe) | 0x02
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':')
}

/** How mesh prints a peer: "name(nickname)"; weave-kube's nickname is the node's name. */
export function weavePeer(machine: string): string {
  return `${weavePeerName(machine)}(${machine})`
}

const UP = 'up:'

export class WeavePeerLog implements WeaveObserver {
  /** Per ordered pair "a\nb", what a last said of its link to b: "none", "up:…" or the reason. */
  private readonly states = new Map<string, string>()
  private fabricSeen: number
  private neighbourCache: { peers: number; map: Map<string, string[]> } | undefined

  constructor(
    private readonly net: WeaveNet,
    private readonly fabric: Fabric,
    private readonly clock: { readonly nowMs: number },
    private readonly flow: FlowTap,
  ) {
    this.fabricSeen = fabric.version
  }

  routerChanged(machine: string): void {
    if (this.fabric.version !== this.fabricSeen) return this.checkAll()
    const pairs: [string, string][] = []
    for (const peer of this.neighbours(machine)) pairs.push([machine, peer], [peer, machine])
    this.update(pairs)
  }

  /** Looks at every followed link if the fabric changed since the last look (invariant 2). */
  check(): void {
    if (this.fabric.version !== this.fabricSeen) this.checkAll()
  }

  private checkAll(): void {
    this.fabricSeen = this.fabric.version
    const pairs: [string, string][] = []
    for (const machine of this.net.peers())
      for (const peer of this.neighbours(machine)) pairs.push([machine, peer])
    this.update(pairs)
  }

  /** The peers `machine` keeps a connection to (invariant 3). */
  private neighbours(machine: string): readonly string[] {
    const count = this.net.peerCount
    if (this.neighbourCache?.peers !== count) {
      const peers = this.net.peers()
      const map = new Map<string, string[]>()
      peers.forEach((name, i) => {
        const others =
          count <= WEAVE_FULL_MESH_MAX
            ? peers.filter((p) => p !== name)
            : [peers[(i + count - 1) % count]!, peers[(i + 1) % count]!]
        map.set(name, [...new Set(others)])
      })
      this.neighbourCache = { peers: count, map }
    }
    return this.neighbourCache.map.get(machine) ?? []
  }

  /**
   * Takes in the links' new states all at once, then writes: what a router says of one link may
   * depend on its others (is the peer still reachable through a third one?), and those changed
   * in the same instant.
   */
  private update(pairs: readonly [string, string][]): void {
    const changes: { a: string; b: string; before: string; link: WeaveConnection }[] = []
    for (const [a, b] of pairs) {
      const key = `${a}\n${b}`
      const before = this.states.get(key) ?? 'none'
      if (!this.net.router(a).running) {
        this.states.set(key, 'none') // invariant 4
        continue
      }
      const link = this.net.connection(a, b)
      const now = link.state === 'established' ? `${UP}${link.dataPath}` : link.reason
      if (now === before) continue
      this.states.set(key, now)
      changes.push({ a, b, before, link })
    }
    const earlier = new Map(changes.map((c) => [`${c.a}\n${c.b}`, c.before]))
    const was = (key: string): string => earlier.get(key) ?? this.states.get(key) ?? 'none'
    for (const { a, b, before, link } of changes) {
      if (link.state === 'established')
        this.connected(a, b, before, link, this.reachableVia(a, b, was))
      else this.failed(a, b, before, link.reason)
    }
  }

  /** `known`: b was reachable through another peer already (mesh's Routes.Unicast). */
  private connected(
    a: string,
    b: string,
    before: string,
    link: Extract<WeaveConnection, { state: 'established' }>,
    known: boolean,
  ): void {
    const peer = weavePeer(b)
    const conn = `->[${this.address(b)}|${peer}]:`
    if (before.startsWith(UP)) {
      this.say(a, `overlay_switch ->[${peer}] using ${link.dataPath}`)
      return
    }
    this.say(a, `->[${this.address(b)}] attempting connection`)
    this.say(a, `${conn} connection ready; using protocol version 2`)
    this.say(a, `overlay_switch ->[${peer}] using ${link.dataPath}`)
    this.say(a, `${conn} connection added${known ? '' : ' (new peer)'}`)
    this.say(a, `${conn} connection fully established`)
    if (this.flow.active) {
      this.flow.record(`weave-net-${a}`, `weave-net-${b}`, `connect :${WEAVE_CONTROL_PORT}`)
      this.gossip(a)
    }
  }

  private failed(a: string, b: string, before: string, reason: string): void {
    const peer = weavePeer(b)
    const conn = `->[${this.address(b)}|${peer}]:`
    const dial = reason.startsWith('dial ')
    if (before.startsWith(UP)) {
      this.say(
        a,
        `${conn} connection shutting down due to error: ${this.shutdownError(a, b, reason)}`,
      )
      this.say(a, `${conn} connection deleted`)
      const now = (key: string): string => this.states.get(key) ?? 'none'
      if (!this.reachableVia(a, b, now)) this.say(a, `Removed unreachable peer ${peer}`)
      if (this.flow.active) this.gossip(a)
    } else if (!dial) {
      // The TCP connection is made, then no forwarder (fastdp, sleeve) gets through.
      this.say(a, `${conn} connection ready; using protocol version 2`)
      this.say(a, `${conn} connection shutting down due to error: no working forwarders to ${peer}`)
    }
    if (dial) {
      this.say(a, `->[${this.address(b)}] attempting connection`)
      this.say(a, `->[${this.address(b)}] error during connection attempt: ${reason}`)
    }
  }

  /** Why an established connection ends, as mesh reports it on a's side. */
  private shutdownError(a: string, b: string, reason: string): string {
    // The peer's process died: its kernel closed the socket, a's read returns EOF.
    if (reason.endsWith('connection refused')) return 'EOF'
    // TCP 6783 dropped: the connection's reads time out (its heartbeats get no answer).
    if (reason.endsWith('i/o timeout')) {
      const port = 32768 + (hash(`${a}->${b}`) % 28232)
      return `read tcp4 ${this.fabric.ipOf(a) ?? a}:${port}->${this.address(b)}: i/o timeout`
    }
    // The peer went silent (off, cut off) or its UDP paths are blocked: every forwarder fails.
    return `no working forwarders to ${weavePeer(b)}`
  }

  /** Whether b is reachable from a through a third peer both are connected to, per `state`. */
  private reachableVia(a: string, b: string, state: (key: string) => string): boolean {
    return this.neighbours(a).some(
      (c) => c !== b && state(`${a}\n${c}`).startsWith(UP) && state(`${c}\n${b}`).startsWith(UP),
    )
  }

  /** mesh's topology update from a to each peer it is connected to (invariant 5). */
  private gossip(a: string): void {
    for (const c of this.neighbours(a))
      if ((this.states.get(`${a}\n${c}`) ?? '').startsWith(UP))
        this.flow.record(`weave-net-${a}`, `weave-net-${c}`, 'gossip topology')
  }

  private address(machine: string): string {
    return `${this.fabric.ipOf(machine) ?? machine}:${WEAVE_CONTROL_PORT}`
  }

  private say(machine: string, message: string): void {
    this.net.log(machine, weaveLine(this.clock.nowMs, message))
  }
}
