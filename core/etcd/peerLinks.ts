/**
 * Which etcd members hear each other. Two members do when both run and the network carries the
 * peer port (2380/TCP) both ways: each dials the other's peer URL, and Raft needs both streams.
 *
 * The answer is kept per pair and recomputed on `refresh` (a member stopped or started, the
 * network changed), so that requests, which ask on every call, cost a lookup; and so that a
 * refresh can tell which connections the network cut and which it carries again.
 */
import type { EtcdMember } from './etcd'

/** Whether the network carries a's packets to b's peer port (one direction). */
export type PeersLinked = (from: string, to: string) => boolean

type Pair = [EtcdMember, EtcdMember]

export class PeerLinks {
  private network: PeersLinked = () => true
  private readonly index = new Map<string, number>()
  /** linked[i][j] for member indexes i ≠ j, as of the last refresh. */
  private links: boolean[][]
  /** Whether the network alone carried each pair, as of the last refresh. */
  private carried: boolean[][]

  constructor(private readonly members: readonly EtcdMember[]) {
    members.forEach((m, i) => this.index.set(m.name, i))
    this.carried = this.measureNetwork()
    this.links = this.measureLinks()
  }

  setNetwork(network: PeersLinked): void {
    this.network = network
  }

  linked(a: string, b: string): boolean {
    const i = this.index.get(a)
    const j = this.index.get(b)
    if (i === undefined || j === undefined) return false
    return i === j ? this.members[i]!.up : this.links[i]![j]!
  }

  /**
   * Measures again. Returns the pairs of running members whose connection the network cut or
   * carries again since the last refresh (a member's own stop or start is not the network's).
   */
  refresh(): { cut: Pair[]; joined: Pair[] } {
    const carried = this.measureNetwork()
    const cut: Pair[] = []
    const joined: Pair[] = []
    for (let i = 0; i < this.members.length; i++)
      for (let j = i + 1; j < this.members.length; j++) {
        const a = this.members[i]!
        const b = this.members[j]!
        if (!a.up || !b.up || carried[i]![j] === this.carried[i]![j]) continue
        ;(carried[i]![j] ? joined : cut).push([a, b])
      }
    this.carried = carried
    this.links = this.measureLinks()
    return { cut, joined }
  }

  private measureNetwork(): boolean[][] {
    return this.members.map((a) =>
      this.members.map(
        (b) => a === b || (this.network(a.name, b.name) && this.network(b.name, a.name)),
      ),
    )
  }

  private measureLinks(): boolean[][] {
    return this.members.map((a, i) =>
      this.members.map((b, j) => a.up && b.up && this.carried[i]![j]!),
    )
  }
}
