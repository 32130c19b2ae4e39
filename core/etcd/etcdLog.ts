/**
 * What the etcd members write when the cluster's state changes, and what each kube-apiserver's
 * etcd client writes about its member: the lines of etcd 3.5 (zap JSON) and kube-apiserver 1.32
 * (klog), with their texts, callers and fields as the real programs print them.
 *
 * Invariants:
 * 1. Lines are written on changes only (a member stops or starts, an election, a snapshot, the
 *    first failed request of an outage), never per request or per tick: where the real program
 *    repeats a line on every retry (grpc redials, the peer prober every 5 s, a failed pre-vote
 *    every election timeout), the lab writes it once per change.
 * 2. Times come from the virtual clock; nothing here reads randomness or schedules a task.
 * 3. Raft's own lines carry `"logger":"raft"` and the zap_raft.go caller, as etcd 3.5 wraps its
 *    Raft logger (zapRaftLogger.Infof / Warningf).
 */
import { klogLine, rfc3339Micro } from '../api/time'
import type { EtcdMember, EtcdObserver } from './etcd'
import { ERR_REFUSED, ERR_TIMEOUT } from './etcd'

export type ZapLevel = 'info' | 'warn'

/** zap's ISO 8601 encoder in UTC, as etcd 3.5 logs: "2026-01-05T09:00:00.000Z". */
export function zapTimestamp(nowMs: number): string {
  return `${rfc3339Micro(nowMs).slice(0, 23)}Z`
}

/** One zap JSON line: level, ts, [logger], caller, msg, then the fields in order. */
export function zapLine(
  nowMs: number,
  level: ZapLevel,
  caller: string,
  msg: string,
  fields: Record<string, unknown> = {},
  logger?: string,
): string {
  return JSON.stringify({
    level,
    ts: zapTimestamp(nowMs),
    ...(logger === undefined ? {} : { logger }),
    caller,
    msg,
    ...fields,
  })
}

/** A Raft line through etcd's zapRaftLogger (Infof on line 77, Warningf on line 85). */
export function raftLine(nowMs: number, msg: string, level: ZapLevel = 'info'): string {
  const caller = level === 'info' ? 'etcdserver/zap_raft.go:77' : 'etcdserver/zap_raft.go:85'
  return zapLine(nowMs, level, caller, msg, {}, 'raft')
}

/** Where the lines go: a member's log ("etcd-<name>") and an API server's ("kube-apiserver-<m>"). */
export interface EtcdLogSinks {
  member(name: string, line: string): void
  /** Written only while that API server runs (the sink decides): true when written. */
  apiserver(machine: string, line: string): boolean
}

/** The database size etcd reports for a keyspace of `keys` keys: bytes and go-humanize's text. */
export type DbSize = (keys: number) => { bytes: number; text: string }

/** etcd's rafthttp stream types, in the order a member opens them. */
const STREAMS = ['stream MsgApp v2', 'stream Message'] as const

function peerHost(member: EtcdMember): string {
  return member.peerURL.replace(/^https?:\/\//, '')
}

/** What the log reads of the cluster: its members, the term, and the keyspace's size. */
export interface EtcdView {
  readonly members: readonly EtcdMember[]
  linked(a: string, b: string): boolean
  readonly term: number
  readonly quorum: number
  readonly kv: { readonly size: number }
}

/** The EtcdObserver that writes the lines (see the file's comment). */
export class EtcdLog implements EtcdObserver {
  /** The leader the members last followed: the "lost leader" of the next election. */
  private lastLeader: EtcdMember | undefined
  /** The leader whose CheckQuorum step-down is written already (campaignFailed skips it). */
  private steppedDownLeader: EtcdMember | undefined
  /** Whether the next member to start recovers from a restored snapshot (its data dir swapped). */
  private restoredPending = false
  /** Per API server machine, the etcd error its running process last reported (invariant 1). */
  private readonly reported = new Map<string, string>()

  constructor(
    private readonly clock: { readonly nowMs: number },
    private readonly etcd: EtcdView,
    private readonly sinks: EtcdLogSinks,
    private readonly dbSize: DbSize,
  ) {}

  stopped(member: EtcdMember, wasLeader: boolean): void {
    if (wasLeader) this.lastLeader = member
    const refused = `dial tcp ${peerHost(member)}: connect: connection refused`
    for (const peer of this.up(member)) {
      for (const stream of STREAMS)
        this.write(
          peer,
          'warn',
          'rafthttp/stream.go:421',
          'lost TCP streaming connection with remote peer',
          {
            'stream-reader-type': stream,
            'local-member-id': peer.id,
            'remote-peer-id': member.id,
            error: 'EOF',
          },
        )
      this.write(
        peer,
        'warn',
        'rafthttp/peer_status.go:66',
        'peer became inactive (message send to peer failed)',
        {
          'peer-id': member.id,
          error: `failed to dial ${member.id} on stream MsgApp v2 (${refused})`,
        },
      )
      this.write(
        peer,
        'warn',
        'rafthttp/probing_status.go:68',
        'prober detected unhealthy status',
        {
          'round-tripper-name': 'ROUND_TRIPPER_RAFT_MESSAGE',
          'remote-peer-id': member.id,
          rtt: '0s',
          error: refused,
        },
      )
    }
    // The API server on that machine loses its connection to 127.0.0.1:2379 at once.
    this.report(member.name, ERR_REFUSED)
  }

  started(member: EtcdMember): void {
    const now = this.clock.nowMs
    this.reported.delete(member.name)
    if (this.restoredPending) {
      this.restoredPending = false
      const size = this.dbSize(this.etcd.kv.size)
      this.sinks.member(
        member.name,
        zapLine(now, 'info', 'etcdserver/server.go:518', 'recovered v3 backend from snapshot', {
          'backend-size-bytes': size.bytes,
          'backend-size': size.text,
          'backend-size-in-use-bytes': size.bytes,
          'backend-size-in-use': size.text,
        }),
      )
    }
    const term = this.etcd.term
    this.sinks.member(member.name, raftLine(now, `${member.id} became follower at term ${term}`))
    for (const peer of this.up(member)) {
      this.write(peer, 'info', 'rafthttp/peer_status.go:53', 'peer became active', {
        'peer-id': member.id,
      })
      this.write(member, 'info', 'rafthttp/peer_status.go:53', 'peer became active', {
        'peer-id': peer.id,
      })
    }
    const leader = this.lastLeader
    if (leader !== undefined && leader.up && leader !== member)
      this.sinks.member(
        member.name,
        raftLine(now, `raft.node: ${member.id} elected leader ${leader.id} at term ${term}`),
      )
  }

  elected(winner: EtcdMember, term: number): void {
    const now = this.clock.nowMs
    const before = term - 1
    const lost = this.lastLeader
    const quorum = this.etcd.quorum
    const says = (member: EtcdMember, text: string): void =>
      this.sinks.member(member.name, raftLine(now, text))
    says(winner, `${winner.id} is starting a new election at term ${before}`)
    says(winner, `${winner.id} became pre-candidate at term ${before}`)
    if (lost !== undefined && lost !== winner)
      says(winner, `raft.node: ${winner.id} lost leader ${lost.id} at term ${before}`)
    says(winner, `${winner.id} became candidate at term ${term}`)
    says(winner, `${winner.id} has received ${quorum} MsgVoteResp votes and 0 vote rejections`)
    says(winner, `${winner.id} became leader at term ${term}`)
    says(winner, `raft.node: ${winner.id} elected leader ${winner.id} at term ${term}`)
    for (const follower of this.heardBy(winner)) {
      says(
        follower,
        `${follower.id} [term: ${before}] received a MsgVote message with higher term from ${winner.id} [term: ${term}]`,
      )
      says(follower, `${follower.id} became follower at term ${term}`)
      if (lost !== undefined && lost !== follower)
        says(follower, `raft.node: ${follower.id} lost leader ${lost.id} at term ${term}`)
      says(follower, `raft.node: ${follower.id} elected leader ${winner.id} at term ${term}`)
    }
    this.lastLeader = winner
    this.steppedDownLeader = undefined
    // With a leader again, requests complete: the next timeout is a new outage.
    for (const [machine, error] of this.reported)
      if (error === ERR_TIMEOUT) this.reported.delete(machine)
  }

  campaignFailed(candidates: readonly EtcdMember[], term: number): void {
    const now = this.clock.nowMs
    const lost = this.lastLeader
    for (const member of candidates) {
      const says = (text: string, level: ZapLevel = 'info'): void =>
        this.sinks.member(member.name, raftLine(now, text, level))
      if (member === lost && member !== this.steppedDownLeader) {
        // CheckQuorum: a leader that cannot hear a quorum steps down.
        says(`${member.id} stepped down to follower since quorum is not active`, 'warn')
        says(`${member.id} became follower at term ${term}`)
      }
      says(`${member.id} is starting a new election at term ${term}`)
      says(`${member.id} became pre-candidate at term ${term}`)
      if (lost !== undefined) says(`raft.node: ${member.id} lost leader ${lost.id} at term ${term}`)
    }
    if (candidates.length > 0) this.lastLeader = undefined
  }

  steppedDown(leader: EtcdMember, term: number): void {
    const now = this.clock.nowMs
    this.sinks.member(
      leader.name,
      raftLine(now, `${leader.id} stepped down to follower since quorum is not active`, 'warn'),
    )
    this.sinks.member(leader.name, raftLine(now, `${leader.id} became follower at term ${term}`))
    this.steppedDownLeader = leader
  }

  /**
   * A partition or a blocked 2380: each side's streams time out and its prober fails; a heal
   * makes the peers active again.
   */
  peersChanged(
    cut: readonly [EtcdMember, EtcdMember][],
    joined: readonly [EtcdMember, EtcdMember][],
  ): void {
    for (const [a, b] of cut)
      for (const [local, remote] of [
        [a, b],
        [b, a],
      ] as const) {
        const timeout = `dial tcp ${peerHost(remote)}: i/o timeout`
        for (const stream of STREAMS)
          this.write(
            local,
            'warn',
            'rafthttp/stream.go:421',
            'lost TCP streaming connection with remote peer',
            {
              'stream-reader-type': stream,
              'local-member-id': local.id,
              'remote-peer-id': remote.id,
              error: `read tcp ${peerHost(local)}->${peerHost(remote)}: i/o timeout`,
            },
          )
        this.write(
          local,
          'warn',
          'rafthttp/peer_status.go:66',
          'peer became inactive (message send to peer failed)',
          {
            'peer-id': remote.id,
            error: `failed to dial ${remote.id} on stream MsgApp v2 (${timeout})`,
          },
        )
        this.write(
          local,
          'warn',
          'rafthttp/probing_status.go:68',
          'prober detected unhealthy status',
          {
            'round-tripper-name': 'ROUND_TRIPPER_RAFT_MESSAGE',
            'remote-peer-id': remote.id,
            rtt: '0s',
            error: timeout,
          },
        )
      }
    for (const [a, b] of joined)
      for (const [local, remote] of [
        [a, b],
        [b, a],
      ] as const)
        this.write(local, 'info', 'rafthttp/peer_status.go:53', 'peer became active', {
          'peer-id': remote.id,
        })
  }

  unavailable(via: string, message: string): void {
    this.report(via, message)
  }

  snapshotSent(via: string, keys: number): void {
    const member = this.etcd.members.find((m) => m.name === via)
    if (member === undefined) return
    const size = this.dbSize(keys)
    this.write(member, 'info', 'v3rpc/maintenance.go:125', 'sending database snapshot to client', {
      'total-bytes': size.bytes,
      size: size.text,
    })
    this.write(
      member,
      'info',
      'v3rpc/maintenance.go:165',
      'sending database sha256 checksum to client',
      {
        'total-bytes': size.bytes,
        'checksum-size': 32,
      },
    )
    this.write(
      member,
      'info',
      'v3rpc/maintenance.go:171',
      'successfully sent database snapshot to client',
      {
        'total-bytes': size.bytes,
        size: size.text,
        took: 'now',
      },
    )
  }

  restored(): void {
    this.restoredPending = true
  }

  /** The API server's line for an etcd error, once per outage (invariant 1). */
  private report(machine: string, message: string): void {
    if (this.reported.get(machine) === message) return
    // Remembered only once written: an API server that starts later reports afresh.
    if (this.sinks.apiserver(machine, this.apiserverLine(message)))
      this.reported.set(machine, message)
  }

  private apiserverLine(message: string): string {
    const now = this.clock.nowMs
    if (message === ERR_REFUSED)
      // grpc-go's channel logs the failed redial through klog (kube-apiserver 1.28+).
      return klogLine(
        now,
        'W',
        'logging.go:59',
        '[core] [Channel #1 SubChannel #2] grpc: addrConn.createTransport failed to connect to {Addr: "127.0.0.1:2379", ServerName: "127.0.0.1:2379", }. Err: connection error: desc = "transport: Error while dialing: dial tcp 127.0.0.1:2379: connect: connection refused"',
      )
    // A raw etcd error reaches the response writer, which logs it (responsewriters/status.go).
    const status = `rpctypes.EtcdError{code:0xe, desc:\\"${message}\\"}`
    return klogLine(
      now,
      'E',
      'status.go:71',
      `"Unhandled Error" err="apiserver received an error that is not an metav1.Status: ${status}: ${message}" logger="UnhandledError"`,
    )
  }

  private write(
    member: EtcdMember,
    level: ZapLevel,
    caller: string,
    msg: string,
    fields: Record<string, unknown>,
  ): void {
    this.sinks.member(member.name, zapLine(this.clock.nowMs, level, caller, msg, fields))
  }

  /** The running members other than `member`. */
  private up(member: EtcdMember): EtcdMember[] {
    return this.etcd.members.filter((m) => m.up && m !== member)
  }

  /** The running members that hear `member` (the network may cut some off). */
  private heardBy(member: EtcdMember): EtcdMember[] {
    return this.etcd.members.filter((m) => m !== member && this.etcd.linked(member.name, m.name))
  }
}
