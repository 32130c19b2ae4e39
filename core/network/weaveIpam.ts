/**
 * Weave Net's IP address management: the allocation range 10.32.0.0/12 (weave-kube's default
 * IPALLOC_RANGE) is divided among the peers, and each peer hands out pod IPs from its own share.
 *
 * Invariants:
 * 1. Peers that form the cluster together share the range as Weave 2.x's `Ring.ClaimForPeers`
 *    does: split in two halves, the first half to the first half of the peers, recursively, so
 *    every share is CIDR-aligned. With cp-1, worker-1, worker-2 that is 10.32.0.0/13,
 *    10.40.0.0/14 and 10.44.0.0/14. (Weave orders peers by their peer name, a MAC address; the
 *    lab orders them as the machines are listed.)
 * 2. A peer that joins later asks for space: the peer with the most free addresses donates the
 *    upper half (rounded up) of its biggest free range, as `Space.Donate` does. A peer that runs
 *    out asks the same way before it gives up.
 * 3. A peer always allocates its lowest free address (`Space.Allocate`). The first one goes to
 *    the `weave` bridge ("weave expose"), so pods on cp-1 start at 10.32.0.2 and pods on a peer
 *    whose share starts mid-range at .1 (10.44.0.1).
 * 4. The range's own first and last addresses (10.32.0.0, 10.47.255.255) are never handed out.
 */
import { numberToIp, parseCidr, ipToNumber } from './ip'

export const WEAVE_ALLOC_RANGE = '10.32.0.0/12'

/** What the CNI plugin on a node uses to give pods their IPs. */
export interface PodIPAllocator {
  allocate(): string
  release(ip: string): void
}

/** A half-open address range [start, end). */
interface Span {
  start: number
  end: number
}

/** One peer's addresses: what it owns and which of those are free (sorted, coalesced spans). */
class PeerSpace {
  readonly owned: Span[] = []
  readonly free: Span[] = []

  add(span: Span, usable: Span): void {
    insert(this.owned, span)
    const start = Math.max(span.start, usable.start)
    const end = Math.min(span.end, usable.end)
    if (start < end) insert(this.free, { start, end })
  }

  allocate(): number | undefined {
    const first = this.free[0]
    if (first === undefined) return undefined
    const n = first.start
    first.start++
    if (first.start === first.end) this.free.shift()
    return n
  }

  release(n: number): void {
    if (this.owned.some((s) => n >= s.start && n < s.end) && !this.isFree(n)) {
      insert(this.free, { start: n, end: n + 1 })
    }
  }

  owns(n: number): boolean {
    return this.owned.some((s) => n >= s.start && n < s.end)
  }

  numFree(): number {
    return this.free.reduce((sum, s) => sum + s.end - s.start, 0)
  }

  /** Gives away the upper half (rounded up) of the biggest free span (invariant 2). */
  donate(): Span | undefined {
    let biggest: Span | undefined
    for (const span of this.free) {
      if (biggest === undefined || span.end - span.start >= biggest.end - biggest.start)
        biggest = span
    }
    if (biggest === undefined) return undefined
    const size = biggest.end - biggest.start
    const given = { start: biggest.end - Math.ceil(size / 2), end: biggest.end }
    biggest.end = given.start
    if (biggest.start === biggest.end) this.free.splice(this.free.indexOf(biggest), 1)
    subtract(this.owned, given)
    return given
  }

  private isFree(n: number): boolean {
    return this.free.some((s) => n >= s.start && n < s.end)
  }
}

export class WeaveIpam {
  private readonly spaces = new Map<string, PeerSpace>()
  private readonly bridges = new Map<string, string>()
  private readonly usable: Span

  constructor(
    peers: readonly string[],
    readonly range: string = WEAVE_ALLOC_RANGE,
  ) {
    const cidr = parseCidr(range)
    this.usable = { start: cidr.base + 1, end: cidr.base + cidr.size - 1 }
    for (const peer of peers) this.spaces.set(peer, new PeerSpace())
    if (peers.length > 0) this.subdivide(cidr.base, cidr.base + cidr.size, [...peers])
    for (const peer of peers) this.exposeBridge(peer)
  }

  /** A peer joining after the cluster formed gets a donation (invariant 2). */
  addPeer(peer: string): void {
    if (this.spaces.has(peer)) return
    this.spaces.set(peer, new PeerSpace())
    this.requestSpace(peer)
    this.exposeBridge(peer)
  }

  peers(): string[] {
    return [...this.spaces.keys()]
  }

  /** The pod IP allocator the CNI plugin on `peer` uses. */
  allocator(peer: string): PodIPAllocator {
    const space = this.space(peer)
    return {
      allocate: () => {
        let n = space.allocate()
        if (n === undefined && this.requestSpace(peer)) n = space.allocate()
        if (n === undefined) throw new Error(`weave: no free address for ${peer} in ${this.range}`)
        return numberToIp(n)
      },
      release: (ip: string) => space.release(ipToNumber(ip)),
    }
  }

  /** The address of the `weave` bridge on the peer's host. */
  bridgeIP(peer: string): string | undefined {
    return this.bridges.get(peer)
  }

  /** The peer whose share holds an address (where Weave routes packets for it). */
  ownerOf(ip: string): string | undefined {
    const n = ipToNumber(ip)
    for (const [peer, space] of this.spaces) if (space.owns(n)) return peer
    return undefined
  }

  /** The peer's share as `weave status ipam` would list it: "10.44.0.0-10.47.255.255". */
  ranges(peer: string): string[] {
    return this.space(peer).owned.map((s) => `${numberToIp(s.start)}-${numberToIp(s.end - 1)}`)
  }

  freeAddresses(peer: string): number {
    return this.space(peer).numFree()
  }

  private subdivide(from: number, to: number, peers: string[]): void {
    const share = to - from
    if (share === 0) return
    if (share === 1 || peers.length === 1) {
      this.space(peers[0]!).add({ start: from, end: to }, this.usable)
      return
    }
    const half = Math.floor(peers.length / 2)
    const mid = from + Math.floor(share / 2)
    this.subdivide(from, mid, peers.slice(0, half))
    this.subdivide(mid + (share % 2), to, peers.slice(half))
  }

  private requestSpace(peer: string): boolean {
    let donor: PeerSpace | undefined
    for (const [name, space] of this.spaces) {
      if (name === peer) continue
      if (donor === undefined || space.numFree() > donor.numFree()) donor = space
    }
    const given = donor?.donate()
    if (given === undefined) return false
    this.space(peer).add(given, this.usable)
    return true
  }

  private exposeBridge(peer: string): void {
    const n = this.space(peer).allocate()
    if (n !== undefined) this.bridges.set(peer, numberToIp(n))
  }

  private space(peer: string): PeerSpace {
    const space = this.spaces.get(peer)
    if (space === undefined) throw new RangeError(`weave: unknown peer "${peer}"`)
    return space
  }
}

/** Adds a span to a sorted list of spans, coalescing neighbours. */
function insert(spans: Span[], span: Span): void {
  let i = 0
  while (i < spans.length && spans[i]!.end < span.start) i++
  const merged = { ...span }
  while (i < spans.length && spans[i]!.start <= merged.end) {
    merged.start = Math.min(merged.start, spans[i]!.start)
    merged.end = Math.max(merged.end, spans[i]!.end)
    spans.splice(i, 1)
  }
  spans.splice(i, 0, merged)
}

/** Removes a span from a sorted list of spans. */
function subtract(spans: Span[], span: Span): void {
  for (let i = spans.length - 1; i >= 0; i--) {
    const s = spans[i]!
    if (s.end <= span.start || s.start >= span.end) continue
    const pieces: Span[] = []
    if (s.start < span.start) pieces.push({ start: s.start, end: span.start })
    if (s.end > span.end) pieces.push({ start: span.end, end: s.end })
    spans.splice(i, 1, ...pieces)
  }
}
