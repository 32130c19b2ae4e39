/**
 * Where the message flow sees etcd's Raft traffic between members, on the peer links (TCP 2380)
 * the topology draws between "etcd-<machine>" components.
 *
 * Vocabulary (Raft's message types, raftpb.MessageType):
 * - A write the API server committed: "MsgProp" from its member to the leader when that member
 *   follows (proposals are forwarded), then "MsgApp" from the leader to each running follower and
 *   "MsgAppResp" back.
 * - The leader's heartbeats: "MsgHeartbeat" to each running follower every heartbeat interval
 *   (100 ms) and "MsgHeartbeatResp" back, counted over the time since the last publish.
 * - An election: "MsgPreVote" and "MsgVote" from the winner to each running member, with
 *   "MsgPreVoteResp" and "MsgVoteResp" back.
 *
 * Invariants:
 * 1. Each hook costs one boolean check while the recorder is off (FlowRecorder invariant 1).
 * 2. Heartbeats are counted from the virtual clock as the heartbeat ticks crossed since the last
 *    sample (or since the recorder switched on, if later), so the totals do not depend on how
 *    often the simulation publishes.
 * 3. Simplification: the members' network is not consulted (etcd in the lab only knows running
 *    and stopped members, see core/etcd/etcd.ts), so a partitioned follower still gets messages.
 */
import { HEARTBEAT_INTERVAL_MS, type EtcdMember, type EtcdObserver } from '../etcd/etcd'
import type { FlowTap } from './flow'

/** What the flow reads of etcd. */
export interface EtcdPeers {
  readonly members: readonly EtcdMember[]
  readonly leader: EtcdMember | undefined
  /** Whether two members hear each other (a partition or a blocked 2380 cuts them). */
  linked(a: string, b: string): boolean
}

const drawn = (member: EtcdMember): string => `etcd-${member.name}`

/** The members a leader's messages reach. */
function followers(etcd: EtcdPeers, leader: EtcdMember): EtcdMember[] {
  return etcd.members.filter((m) => m !== leader && etcd.linked(leader.name, m.name))
}

/** A write committed through `via`'s member: its proposal and the leader's replication. */
export function recordReplication(flow: FlowTap, etcd: EtcdPeers, via: string): void {
  const leader = etcd.leader
  if (!flow.active || leader === undefined) return
  if (via !== leader.name) flow.record(`etcd-${via}`, drawn(leader), 'MsgProp')
  for (const follower of followers(etcd, leader)) {
    flow.record(drawn(leader), drawn(follower), 'MsgApp')
    flow.record(drawn(follower), drawn(leader), 'MsgAppResp')
  }
}

/** Elections' votes as they happen, and the leader's heartbeats sampled at each publish. */
export class EtcdFlow implements EtcdObserver {
  private sampledMs: number

  constructor(
    private readonly flow: FlowTap & { readonly activeSinceMs: number },
    private readonly etcd: EtcdPeers,
    private readonly clock: { readonly nowMs: number },
  ) {
    this.sampledMs = clock.nowMs
  }

  elected(winner: EtcdMember): void {
    if (!this.flow.active) return
    for (const voter of followers(this.etcd, winner))
      for (const [request, response] of [
        ['MsgPreVote', 'MsgPreVoteResp'],
        ['MsgVote', 'MsgVoteResp'],
      ] as const) {
        this.flow.record(drawn(winner), drawn(voter), request)
        this.flow.record(drawn(voter), drawn(winner), response)
      }
  }

  /** The heartbeats since the last sample (invariant 2); a FlowRecorder onPublish hook. */
  sampleHeartbeats(): void {
    const now = this.clock.nowMs
    // Heartbeats sent while nobody listened are not told (FlowRecorder invariant 1).
    const from = Math.max(this.sampledMs, this.flow.activeSinceMs)
    const ticks = Math.floor(now / HEARTBEAT_INTERVAL_MS) - Math.floor(from / HEARTBEAT_INTERVAL_MS)
    this.sampledMs = now
    const leader = this.etcd.leader
    if (!this.flow.active || ticks <= 0 || leader === undefined) return
    for (const follower of followers(this.etcd, leader)) {
      this.flow.record(drawn(leader), drawn(follower), 'MsgHeartbeat', ticks)
      this.flow.record(drawn(follower), drawn(leader), 'MsgHeartbeatResp', ticks)
    }
  }
}
