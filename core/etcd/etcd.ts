/**
 * etcd: a cluster of stacked members (one per control-plane node, kubeadm style) holding one
 * MVCC keyspace, with a Raft leader, terms and quorum (FIDELITY.md §7).
 *
 * Invariants:
 * 1. Quorum is floor(n/2)+1 of the configured members. Without quorum there is no leader, and
 *    neither writes nor linearizable reads complete: they time out after ReqTimeout (7 s).
 * 2. A leader exists only while a quorum of members is up. When it stops, the others elect a new
 *    one after a randomized election timeout in [1000, 2000) ms, with term + 1.
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
  private leaderName: string | undefined
  private election: ScheduledTask | undefined
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
      peerURL: `https://${node.ip}:2380`,
      clientURL: `https://${node.ip}:2379`,
      up: true,
    }))
    this.leaderName = this.members[0]?.name
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

  get hasQuorum(): boolean {
    return this.members.filter((m) => m.up).length >= this.quorum
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
    this.note(`member ${name} stopped`)
    const wasLeader = this.leaderName === name
    if (wasLeader || !this.hasQuorum) {
      // Followers notice the silent leader after an election timeout; a leader that cannot hear
      // a quorum steps down (CheckQuorum). Either way, no leader until a new election succeeds.
      this.leaderName = undefined
      this.scheduleElection()
    }
    for (const o of this.observers) o.stopped?.(member, wasLeader)
  }

  /** Starts a member again; it rejoins and, with quorum restored, an election follows. */
  start(name: string): void {
    const member = this.requireMember(name)
    if (member.up) return
    member.up = true
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
    if (this.leaderName === undefined) this.unavailable(via, ERR_TIMEOUT, REQUEST_TIMEOUT_MS)
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
    if (this.leaderName !== undefined) return
    // Without quorum the candidates campaign in vain; the next start() of a member tries again.
    if (!this.hasQuorum) {
      const candidates = this.members.filter((m) => m.up)
      for (const o of this.observers) o.campaignFailed?.(candidates, this.currentTerm)
      return
    }
    const candidates = this.members.filter((m) => m.up)
    const winner = this.random.pick(candidates)
    this.currentTerm++
    this.leaderName = winner.name
    this.note(`${winner.id} elected leader ${winner.id} at term ${this.currentTerm}`)
    for (const o of this.observers) o.elected?.(winner, this.currentTerm)
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
