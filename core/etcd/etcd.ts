/**
 * etcd: a cluster of stacked members (one per control-plane node, kubeadm style) holding one
 * MVCC keyspace, with a Raft leader, terms and quorum (FIDELITY.md §7).
 *
 * Invariants:
 * 1. Quorum is floor(n/2)+1 of the configured members. Without quorum there is no leader, and
 *    neither writes nor linearizable reads complete: they time out after ReqTimeout (7 s).
 * 2. A leader leads only while it hears a quorum of members (itself counted). When it stops, the
 *    others elect a new one after a randomized election timeout in [1000, 2000) ms, with
 *    term + 1. Members hear each other when both run and the network carries their peer port
 *    (2380/TCP) both ways (`linkPeers`): a leader cut off from the quorum steps down after an
 *    election timeout (CheckQuorum) while the members that still hear a quorum elect another;
 *    a member cut off from the leader serves nothing. With pre-vote (on by default since etcd
 *    3.5) a cut-off minority never raises the term, so healing the network changes no leader.
 * 3. Members share one keyspace: Raft replication is not simulated message by message, only its
 *    observable outcome (an acknowledged write survives while a quorum lives). A member that comes
 *    back has caught up. See docs/simplifications.md.
 * 4. Every timing comes from the virtual clock and every random choice from a forked stream.
 * 5. Observers (the members' logs, the message flow) are told of each change after it is made;
 *    they only watch: telling them reads no randomness and schedules nothing.
 */
import type { Clock, ScheduledTask } from '../clock'
import type { Random } from '../random'
import { ObjectStore, type StoredObject } from '../store/objectStore'
import { PeerLinks, type PeersLinked } from './peerLinks'

/** The port members talk Raft on (--listen-peer-urls). */
export const ETCD_PEER_PORT = 2380
export const HEARTBEAT_INTERVAL_MS = 100
export const ELECTION_TIMEOUT_MS = 1000
/** etcd's ReqTimeout: 5 s + 2 × election timeout. */
export const REQUEST_TIMEOUT_MS = 5000 + 2 * ELECTION_TIMEOUT_MS

export const ERR_TIMEOUT = 'etcdserver: request timed out'
export const ERR_NO_LEADER = 'etcdserver: no leader'
/** What grpc-go says when the API server's dial to its stopped member is refused. */
export const ERR_REFUSED =
  'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 127.0.0.1:2379: connect: connection refused"'

export interface EtcdMember {
  /** The member's name: its node's hostname, as kubeadm names it. */
  name: string
  /** The member ID, 16 hex digits, as `etcdctl member list` prints it. */
  id: string
  peerURL: string
  clientURL: string
  up: boolean
}

export interface EtcdSnapshot<T> {
  revision: number
  entries: [string, T][]
  memberName: string
}

/**
 * What an observer is told (invariant 5). Each call comes after the state changed, so `leader`,
 * `term` and the members' `up` already say how things are now.
 */
export interface EtcdObserver {
  /** A member's process stopped; `wasLeader` when it led until now. */
  stopped?(member: EtcdMember, wasLeader: boolean): void
  started?(member: EtcdMember): void
  /** `winner` won the election for `term` (the new term). */
  elected?(winner: EtcdMember, term: number): void
  /** The leader stopped leading at `term`: it no longer heard a quorum (CheckQuorum). */
  steppedDown?(leader: EtcdMember, term: number): void
  /** The network cut the peer connections `cut` and carries `joined` again (running members). */
  peersChanged?(
    cut: readonly [EtcdMember, EtcdMember][],
    joined: readonly [EtcdMember, EtcdMember][],
  ): void
  /** The running members campaigned for `term` + 1 in vain: no quorum runs. */
  campaignFailed?(candidates: readonly EtcdMember[], term: number): void
  /** A request through `via` failed with `message` (ensureAvailable). */
  unavailable?(via: string, message: string): void
  /** `via` streamed a snapshot of `keys` keys to a client (etcdctl snapshot save). */
  snapshotSent?(via: string, keys: number): void
  /** The keyspace became a restored snapshot's. */
  restored?(revision: number): void
}

export class EtcdUnavailable extends Error {
  constructor(
    message: string,
    /** How long the client waited before giving up. */
    readonly waitedMs: number,
  ) {
    super(message)
    this.name = 'EtcdUnavailable'
  }
}

export class EtcdCluster<T extends StoredObject = StoredObject> {
  readonly kv = new ObjectStore<T>({ historyLimit: 100_000 })
  readonly members: EtcdMember[]
  private currentTerm = 2
  /** The term each member knows, where a cut-off one lags behind (pre-vote keeps it). */
  private readonly knownTerms = new Map<string, number>()
  private leaderName: string | undefined
  private election: ScheduledTask | undefined
  private checkQuorum: ScheduledTask | undefined
  private readonly peers: PeerLinks
  private readonly log: string[] = []
  private readonly observers: EtcdObserver[] = []

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    nodes: { name: string; ip: string }[],
  ) {
    this.members = nodes.map((node) => ({
      name: node.name,
      id: hexId(random.fork(`etcd/member/${node.name}`)),
      peerURL: `https://${node.ip}:${ETCD_PEER_PORT}`,
      clientURL: `https://${node.ip}:2379`,
      up: true,
    }))
    this.leaderName = this.members[0]?.name
    this.peers = new PeerLinks(this.members)
  }

  get quorum(): number {
    return Math.floor(this.members.length / 2) + 1
  }

  get term(): number {
    return this.currentTerm
  }

  get leader(): EtcdMember | undefined {
    return this.members.find((m) => m.name === this.leaderName)
  }

  /** Whether `a` and `b` hear each other (both run, the network carries 2380/TCP both ways). */
  linked(a: string, b: string): boolean {
    return this.peers.linked(a, b)
  }

  /** The leader as `name` sees it: none when it does not run or cannot hear a leading leader. */
  leaderSeenBy(name: string): EtcdMember | undefined {
    const member = this.member(name)
    const leader = this.leader
    if (member?.up !== true || leader === undefined || !this.hearsQuorum(leader)) return undefined
    return member === leader || this.linked(name, leader.name) ? leader : undefined
  }

  /** The term `name` knows: the cluster's, or the last it heard before it was cut off. */
  termSeenBy(name: string): number {
    return this.knownTerms.get(name) ?? this.currentTerm
  }

  /** Whether a request through `name` completes now: it runs and reaches a leader with quorum. */
  canServe(name: string): boolean {
    return this.leaderSeenBy(name) !== undefined
  }

  member(name: string): EtcdMember | undefined {
    return this.members.find((m) => m.name === name)
  }

  /** Tells `observer` of every change from now on (invariant 5). */
  observe(observer: EtcdObserver): void {
    this.observers.push(observer)
  }

  /** Stops a member's process. Losing the leader or the quorum takes effect as in Raft. */
  stop(name: string): void {
    const member = this.requireMember(name)
    if (!member.up) return
    member.up = false
    this.peers.refresh()
    this.note(`member ${name} stopped`)
    const wasLeader = this.leaderName === name
    const leader = this.leader
    const quorumLost =
      leader === undefined
        ? this.members.filter((m) => m.up).length < this.quorum
        : !this.hearsQuorum(leader)
    if (wasLeader || quorumLost) {
      // Followers notice the silent leader after an election timeout; a leader that cannot hear
      // a quorum steps down (CheckQuorum). Either way, no leader until a new election succeeds.
      this.leaderName = undefined
      this.cancelCheckQuorum()
      this.scheduleElection()
    }
    for (const o of this.observers) o.stopped?.(member, wasLeader)
  }

  /** Starts a member again; it rejoins and, with quorum restored, an election follows. */
  start(name: string): void {
    const member = this.requireMember(name)
    if (member.up) return
    member.up = true
    this.peers.refresh()
    this.catchUpTerms()
    this.note(`member ${name} started`)
    if (this.leaderName === undefined) this.scheduleElection()
    for (const o of this.observers) o.started?.(member)
  }

  /**
   * Checks that a request through `via` (the member the client talks to) can complete now.
   * Throws EtcdUnavailable with etcd's error and the time the client waited otherwise.
   */
  ensureAvailable(via: string): void {
    const member = this.requireMember(via)
    // kube-apiserver dials its own member on 127.0.0.1:2379 (--etcd-servers); grpc-go reports
    // a refused dial as Unavailable, and the API server passes the text through.
    if (!member.up) this.unavailable(via, ERR_REFUSED, 0)
    if (!this.canServe(via)) this.unavailable(via, ERR_TIMEOUT, REQUEST_TIMEOUT_MS)
  }

  /** Tells the members which of them the network lets talk (invariant 2); then `networkChanged`. */
  linkPeers(linked: PeersLinked): void {
    this.peers.setNetwork(linked)
    this.networkChanged()
  }

  /**
   * The network between the machines changed (a partition, a blocked port, a heal): Raft reacts
   * as it would (invariant 2). A leader that no longer hears a quorum steps down after an
   * election timeout, and the members that hear a quorum elect another after theirs; a leader
   * elected meanwhile is kept when the network heals.
   */
  networkChanged(): void {
    const { cut, joined } = this.peers.refresh()
    this.catchUpTerms()
    if (cut.length + joined.length > 0)
      for (const o of this.observers) o.peersChanged?.(cut, joined)
    const leader = this.leader
    if (leader === undefined) {
      if (this.election === undefined && joined.length > 0) this.scheduleElection()
      return
    }
    if (this.hearsQuorum(leader)) return this.cancelCheckQuorum()
    this.checkQuorum ??= this.clock.schedule(ELECTION_TIMEOUT_MS, 'etcd/check-quorum', () =>
      this.stepDownWithoutQuorum(),
    )
    // The members that still hear a quorum miss the leader's heartbeats and campaign.
    if (this.election === undefined) this.scheduleElection()
  }

  /**
   * `etcdctl snapshot save`: the keyspace at the current revision, taken through a member that
   * can serve (it needs a leader, as a real snapshot streams from a healthy member).
   */
  snapshotSave(via: string): EtcdSnapshot<T> {
    this.ensureAvailable(via)
    const { revision, entries } = this.kv.snapshot()
    for (const o of this.observers) o.snapshotSent?.(via, entries.length)
    return { revision, entries, memberName: via }
  }

  /**
   * `etcdctl snapshot restore` followed by pointing the members at the restored data: the
   * keyspace becomes the snapshot's. Whatever was written after it is gone.
   */
  snapshotRestore(snapshot: EtcdSnapshot<T>): void {
    this.kv.restore(snapshot)
    this.note(`restored snapshot taken at revision ${snapshot.revision}`)
    for (const o of this.observers) o.restored?.(snapshot.revision)
  }

  /** What happened, for journalctl and "why?". */
  history(): readonly string[] {
    return this.log
  }

  private scheduleElection(): void {
    this.election?.cancel()
    const timeout = ELECTION_TIMEOUT_MS + this.random.int(0, ELECTION_TIMEOUT_MS - 1)
    this.election = this.clock.schedule(timeout, 'etcd/election', () => this.elect())
  }

  private elect(): void {
    this.election = undefined
    const leader = this.leader
    if (leader !== undefined) {
      if (this.hearsQuorum(leader)) return
      // The others' election timeout came first: the old leader has not noticed yet.
      this.cancelCheckQuorum()
      this.dropLeader(leader)
    }
    // Only a member that hears a quorum can win its votes (pre-vote keeps the others' terms).
    const candidates = this.members.filter((m) => m.up && this.hearsQuorum(m))
    if (candidates.length === 0) {
      // Without quorum the members campaign in vain; a member's start or a heal tries again.
      const campaigning = this.members.filter((m) => m.up)
      for (const o of this.observers) o.campaignFailed?.(campaigning, this.currentTerm)
      return
    }
    const winner = this.random.pick(candidates)
    this.currentTerm++
    this.leaderName = winner.name
    // Those cut off from the winner keep the term they knew until they hear it again.
    for (const m of this.members)
      if (m === winner || this.linked(winner.name, m.name)) this.knownTerms.delete(m.name)
      else if (!this.knownTerms.has(m.name)) this.knownTerms.set(m.name, this.currentTerm - 1)
    this.note(`${winner.id} elected leader ${winner.id} at term ${this.currentTerm}`)
    for (const o of this.observers) o.elected?.(winner, this.currentTerm)
  }

  /** CheckQuorum: a leader that heard no quorum for an election timeout steps down. */
  private stepDownWithoutQuorum(): void {
    this.cancelCheckQuorum()
    const leader = this.leader
    if (leader === undefined || this.hearsQuorum(leader)) return
    this.dropLeader(leader)
    if (this.election === undefined) this.scheduleElection()
  }

  private dropLeader(leader: EtcdMember): void {
    this.leaderName = undefined
    this.note(`${leader.id} stepped down to follower since quorum is not active`)
    for (const o of this.observers) o.steppedDown?.(leader, this.currentTerm)
  }

  /** Members that hear the leader again learn its term (from its heartbeats). */
  private catchUpTerms(): void {
    const leader = this.leader
    if (leader === undefined) return
    for (const name of [...this.knownTerms.keys()])
      if (this.linked(leader.name, name)) this.knownTerms.delete(name)
  }

  private cancelCheckQuorum(): void {
    this.checkQuorum?.cancel()
    this.checkQuorum = undefined
  }

  /** Whether `member` runs and hears a quorum of the members, itself counted. */
  private hearsQuorum(member: EtcdMember): boolean {
    if (!member.up) return false
    let heard = 0
    for (const m of this.members) if (m === member || this.linked(member.name, m.name)) heard++
    return heard >= this.quorum
  }

  private unavailable(via: string, message: string, waitedMs: number): never {
    for (const o of this.observers) o.unavailable?.(via, message)
    throw new EtcdUnavailable(message, waitedMs)
  }

  private note(text: string): void {
    this.log.push(`${this.clock.nowMs} ${text}`)
  }

  private requireMember(name: string): EtcdMember {
    const member = this.member(name)
    if (member === undefined) throw new RangeError(`etcd: no member named ${name}`)
    return member
  }
}

function hexId(random: Random): string {
  return [random.nextUint32(), random.nextUint32()]
    .map((n) => n.toString(16).padStart(8, '0'))
    .join('')
}
