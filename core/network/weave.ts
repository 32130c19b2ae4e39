/**
 * Weave Net's routers: one per machine (the `weave` container of the weave-net DaemonSet pod),
 * meshed over TCP 6783, carrying pod traffic between machines over UDP (fastdp on 6784, or the
 * "sleeve" fallback on 6783). FIDELITY.md §1.11.
 *
 * Invariants:
 * 1. Connections are derived, not stored: a link between two peers is a pure function of the
 *    two routers' running state and the Fabric, computed when asked. No timers: a healed link is
 *    up at once (real Weave redials with back-off; the lab skips the wait).
 * 2. A link is "established" when both routers run, the control connection can be made on
 *    TCP 6783, and a data path works: UDP 6784 in both directions (fastdp) or else UDP 6783 in
 *    both directions (sleeve).
 * 3. Simplification: the control connection needs each peer to reach the other on TCP 6783.
 *    Real Weave keeps one TCP connection, dialled by whichever side can; the lab asks for both
 *    so that blocking Weave's port on one node visibly breaks its links (docs/simplifications.md).
 *    Pass `controlNeedsBothDials: false` for Weave's own rule.
 * 4. Traffic between two pods on the same machine never leaves the machine's bridge: it works
 *    whatever the routers and the fabric do.
 * 5. An observer (the routers' connection log, weaveLog.ts) is told when a router starts or
 *    stops, after the change; it only reads.
 */
import type { ComponentProcess } from '../components/component'
import type { Fabric, Protocol, Unreachable } from './fabric'
import { WeaveIpam } from './weaveIpam'

export const WEAVE_CONTROL_PORT = 6783
export const WEAVE_FASTDP_PORT = 6784
export const WEAVE_SLEEVE_PORT = 6783

export type DataPath = 'fastdp' | 'sleeve'

export type WeaveConnection =
  | { peer: string; state: 'established'; dataPath: DataPath }
  | { peer: string; state: 'failed'; reason: string }

export type PodTraffic = { ok: true; dataPath?: DataPath } | { ok: false; reason: string }

export interface WeaveOptions {
  /** See invariant 3. Default true. */
  controlNeedsBothDials?: boolean
  /** The allocation range (weave-kube's IPALLOC_RANGE). Default 10.32.0.0/12. */
  allocRange?: string
}

/** The weave router process on one machine. Starting and stopping it is all it does. */
export class WeaveRouter implements ComponentProcess {
  private up = false
  private containerLog: ((line: string) => void) | undefined

  constructor(
    readonly machine: string,
    private readonly onChange: () => void,
  ) {}

  get running(): boolean {
    return this.up
  }

  /** `log` is the weave container's log (kubectl logs), kept until another container starts it. */
  start(log?: (line: string) => void): void {
    if (log !== undefined) this.containerLog = log
    this.up = true
    this.onChange()
  }

  /** Appends to the weave container's log, if a container ever ran this router. */
  log(line: string): void {
    this.containerLog?.(line)
  }

  stop(): void {
    this.up = false
    this.onChange()
  }
}

/** Told when a router starts or stops (invariant 5). */
export interface WeaveObserver {
  routerChanged(machine: string): void
}

export class WeaveNet {
  readonly ipam: WeaveIpam
  /** Where the routers' lines also go besides their container: the "weave-net-<m>" component log. */
  componentLog: ((machine: string, line: string) => void) | undefined
  private readonly routers = new Map<string, WeaveRouter>()
  private readonly bothDials: boolean
  private changes = 0
  private observer: WeaveObserver | undefined

  constructor(
    private readonly fabric: Fabric,
    peers: readonly string[],
    options: WeaveOptions = {},
  ) {
    this.bothDials = options.controlNeedsBothDials ?? true
    this.ipam = new WeaveIpam(peers, options.allocRange)
    for (const peer of peers) this.routers.set(peer, this.newRouter(peer))
  }

  /** A machine that joins the cluster: a router (stopped until its pod runs) and an IP share. */
  addPeer(machine: string): WeaveRouter {
    const existing = this.routers.get(machine)
    if (existing !== undefined) return existing
    this.ipam.addPeer(machine)
    const router = this.newRouter(machine)
    this.routers.set(machine, router)
    this.changes++
    return router
  }

  router(machine: string): WeaveRouter {
    const router = this.routers.get(machine)
    if (router === undefined) throw new RangeError(`weave: no router on "${machine}"`)
    return router
  }

  peers(): string[] {
    return [...this.routers.keys()]
  }

  get peerCount(): number {
    return this.routers.size
  }

  observe(observer: WeaveObserver): void {
    this.observer = observer
  }

  /** A router's line: its container's log and its component's (`componentLog`). */
  log(machine: string, line: string): void {
    this.routers.get(machine)?.log(line)
    this.componentLog?.(machine, line)
  }

  /** Changes when a router starts or stops; with `fabric.version`, tells views to redraw. */
  get version(): number {
    return this.changes
  }

  /** The link from `a`'s point of view (`weave status connections` on a). */
  connection(a: string, b: string): WeaveConnection {
    const local = this.routers.get(a)
    if (local === undefined || !local.running) {
      return { peer: b, state: 'failed', reason: `weave router on ${a} is not running` }
    }
    const control = this.controlFailure(a, b)
    if (control !== undefined) return { peer: b, state: 'failed', reason: control }
    const dataPath = this.dataPath(a, b)
    if (dataPath === undefined) {
      return {
        peer: b,
        state: 'failed',
        reason: `no working forwarders to ${b}: UDP ${WEAVE_FASTDP_PORT} (fastdp) and UDP ${WEAVE_SLEEVE_PORT} (sleeve) are blocked`,
      }
    }
    return { peer: b, state: 'established', dataPath }
  }

  /** Every link of one peer. O(peers); the full mesh is n² and is for small clusters only. */
  connectionsOf(machine: string): WeaveConnection[] {
    return this.peers()
      .filter((peer) => peer !== machine)
      .map((peer) => this.connection(machine, peer))
  }

  /** Whether a pod on `fromMachine` can exchange packets with a pod on `toMachine`. */
  podTraffic(fromMachine: string, toMachine: string): PodTraffic {
    if (fromMachine === toMachine) return { ok: true }
    for (const machine of [fromMachine, toMachine]) {
      if (!this.fabric.isPoweredOn(machine))
        return { ok: false, reason: `${machine} is powered off` }
      if (!this.routers.get(machine)?.running) {
        return { ok: false, reason: `weave router on ${machine} is not running` }
      }
    }
    const link = this.connection(fromMachine, toMachine)
    if (link.state === 'failed') {
      return {
        ok: false,
        reason: `no weave connection ${fromMachine} -> ${toMachine}: ${link.reason}`,
      }
    }
    return { ok: true, dataPath: link.dataPath }
  }

  private newRouter(machine: string): WeaveRouter {
    return new WeaveRouter(machine, () => {
      this.changes++
      this.observer?.routerChanged(machine)
    })
  }

  /** Why the TCP 6783 control connection cannot be made, or undefined when it can. */
  private controlFailure(a: string, b: string): string | undefined {
    const ab = this.dial(a, b)
    const ba = this.dial(b, a)
    const up = this.bothDials
      ? ab === undefined && ba === undefined
      : ab === undefined || ba === undefined
    return up ? undefined : (ab ?? ba)
  }

  /** The error of `a` dialling `b` on TCP 6783, as Go's net package words it. */
  private dial(a: string, b: string): string | undefined {
    const address = `${this.fabric.ipOf(b) ?? b}:${WEAVE_CONTROL_PORT}`
    const prefix = `dial tcp4 :0->${address}`
    const why = this.fabric.whyUnreachable(a, b, WEAVE_CONTROL_PORT, 'TCP')
    if (why !== undefined) return `${prefix}: ${goError(why)}`
    if (!this.routers.get(b)?.running) return `${prefix}: connect: connection refused`
    return undefined
  }

  private dataPath(a: string, b: string): DataPath | undefined {
    if (this.bothWays(a, b, WEAVE_FASTDP_PORT, 'UDP')) return 'fastdp'
    if (this.bothWays(a, b, WEAVE_SLEEVE_PORT, 'UDP')) return 'sleeve'
    return undefined
  }

  private bothWays(a: string, b: string, port: number, protocol: Protocol): boolean {
    return (
      this.fabric.reachable(a, b, port, protocol) && this.fabric.reachable(b, a, port, protocol)
    )
  }
}

function goError(why: Unreachable): string {
  return why.kind === 'host-down' ? 'connect: no route to host' : 'i/o timeout'
}
