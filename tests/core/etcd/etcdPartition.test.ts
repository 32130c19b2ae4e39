/**
 * etcd's Raft under network faults (core/etcd/etcd.ts invariant 2, FIDELITY.md §7): members hear
 * each other on 2380/TCP, a leader that cannot hear a quorum steps down (CheckQuorum), the
 * members that can elect another, and pre-vote keeps a cut-off minority from disturbing the
 * leader when the network heals.
 */
import { describe, expect, it } from 'vitest'
import { ELECTION_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from '../../../core/etcd/etcd'
import { sim, type SimTest } from '../../support/sim'

const HA = { controlPlanes: 3, workers: 1 }
const TLS =
  '--cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key'

/** An HA lab, its leader cut off from the other control-plane machines. */
function leaderCutOff(): { t: SimTest; leader: string; term: number; fault: string } {
  const t = sim({ seed: 1, cluster: HA })
  const leader = t.kube.etcd.leader!.name
  const term = t.kube.etcd.term
  const fault = t.fault('machine/partition-control-plane', { kind: 'machine', machine: leader })
  return { t, leader, term, fault: fault.id }
}

const raftLines = (t: SimTest, machine: string, sinceMs: number): string[] =>
  t.kube.logs
    .recent(sinceMs - 1)
    .filter((l) => l.component === `etcd-${machine}`)
    .map((l) => JSON.parse(l.text) as { msg: string; logger?: string })
    .filter((l) => l.logger === 'raft')
    .map((l) => l.msg)

describe('etcd: partitions', () => {
  it('etcd: partition: a leader cut off from the quorum steps down after an election timeout, and the others elect a new one at term + 1', () => {
    const { t, leader, term } = leaderCutOff()
    const etcd = t.kube.etcd
    // Nobody commits meanwhile: the old leader cannot reach a quorum, the others still follow it.
    for (const m of etcd.members) expect(etcd.canServe(m.name)).toBe(false)
    t.advance(ELECTION_TIMEOUT_MS)
    expect(raftLines(t, leader, t.nowMs - ELECTION_TIMEOUT_MS)).toContain(
      `${etcd.member(leader)!.id} stepped down to follower since quorum is not active`,
    )
    t.advance(ELECTION_TIMEOUT_MS)
    expect(etcd.leader?.name).not.toBe(leader)
    expect(etcd.leader).toBeDefined()
    expect(etcd.term).toBe(term + 1)
    for (const m of etcd.members) expect(etcd.canServe(m.name)).toBe(m.name !== leader)
    // With pre-vote the cut-off member never campaigns for real: it still knows the old term.
    expect(etcd.termSeenBy(leader)).toBe(term)
  })

  it('etcd: partition: writes through the cut-off member time out with "etcdserver: request timed out"; through the others they succeed', () => {
    const { t, leader } = leaderCutOff()
    t.advance('5s')
    const other = t.kube.etcd.leader!.name
    t.sh(`ssh ${other}`)
    expect(t.sh('kubectl --kubeconfig /etc/kubernetes/admin.conf create configmap a').stdout).toBe(
      'configmap/a created\n',
    )
    t.sh('exit')
    t.sh(`ssh ${leader}`)
    const before = t.nowMs
    const cutOff = t.sh('kubectl --kubeconfig /etc/kubernetes/admin.conf create configmap b')
    // kubectl create configmap wraps the server's error in its own words.
    expect(cutOff.stderr).toBe('error: failed to create configmap: etcdserver: request timed out\n')
    expect(t.nowMs - before).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS)
  })

  it('etcd: partition: etcdctl on the cut-off member shows no leader and the old term; the others show the new leader', () => {
    const { t, leader, term } = leaderCutOff()
    t.advance('5s')
    t.sh(`ssh ${leader}`)
    const cutOff = t.sh(
      `etcdctl --endpoints=https://127.0.0.1:2379 ${TLS} endpoint status -w table`,
    )
    // | ENDPOINT | ID | VERSION | DB SIZE | IS LEADER | IS LEARNER | RAFT TERM | … | ERRORS |
    const row = cutOff.stdout
      .split('\n')[3]!
      .split('|')
      .map((c) => c.trim())
    expect(row[5]).toBe('false')
    expect(row[7]).toBe(String(term))
    expect(row[10]).toBe('etcdserver: no leader')
    t.sh('exit')
    const other = t.kube.etcd.leader!
    t.sh(`ssh ${other.name}`)
    const health = t.sh(`etcdctl --endpoints=https://127.0.0.1:2379 ${TLS} endpoint health`)
    expect(health.stdout).toContain('is healthy: successfully committed proposal')
  })

  it('etcd: partition: healing the network keeps the new leader and its term, and the member follows it again', () => {
    const { t, leader, fault } = leaderCutOff()
    t.advance('5s')
    const elected = t.kube.etcd.leader!.name
    const term = t.kube.etcd.term
    t.heal(fault)
    t.advance('5s')
    const etcd = t.kube.etcd
    expect(etcd.leader?.name).toBe(elected)
    expect(etcd.term).toBe(term)
    expect(etcd.canServe(leader)).toBe(true)
    expect(etcd.termSeenBy(leader)).toBe(term)
    const since = t.nowMs - 5_000
    const peerLines = t.kube.logs
      .recent(since - 1)
      .filter((l) => l.component === `etcd-${leader}`)
      .map((l) => JSON.parse(l.text) as { msg: string })
    expect(peerLines.filter((l) => l.msg === 'peer became active')).toHaveLength(2)
  })

  it('etcd: partition: a follower cut off changes nothing for the others: same leader, same term', () => {
    const t = sim({ seed: 1, cluster: HA })
    const etcd = t.kube.etcd
    const leader = etcd.leader!.name
    const term = etcd.term
    const follower = etcd.members.find((m) => m.name !== leader)!.name
    t.fault('machine/partition-control-plane', { kind: 'machine', machine: follower })
    t.advance('10s')
    expect(etcd.leader?.name).toBe(leader)
    expect(etcd.term).toBe(term)
    expect(etcd.canServe(follower)).toBe(false)
    expect(etcd.canServe(leader)).toBe(true)
    const lines = t.kube.logs
      .recent(t.nowMs - 10_001)
      .filter((l) => l.component === `etcd-${follower}`)
      .map((l) => JSON.parse(l.text) as { msg: string; error?: string })
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'lost TCP streaming connection with remote peer',
        error: expect.stringContaining('i/o timeout'),
      }),
    )
  })

  it("etcd: partition: blocking 2380/TCP on the leader's machine cuts it off as a partition does", () => {
    const t = sim({ seed: 1, cluster: HA })
    const etcd = t.kube.etcd
    const leader = etcd.leader!.name
    t.fault('port/block', { kind: 'port', machine: leader, port: 2380, protocol: 'TCP' })
    t.advance('5s')
    expect(etcd.leader?.name).not.toBe(leader)
    expect(etcd.canServe(leader)).toBe(false)
  })

  it('etcd: partition: with two of three members cut off nobody leads, and writes fail everywhere', () => {
    const t = sim({ seed: 1, cluster: HA })
    const etcd = t.kube.etcd
    const [a, b] = etcd.members.map((m) => m.name)
    t.fault('machine/partition-control-plane', { kind: 'machine', machine: a! })
    t.fault('machine/partition-control-plane', { kind: 'machine', machine: b! })
    t.advance('10s')
    expect(etcd.leader).toBeUndefined()
    for (const m of etcd.members) expect(etcd.canServe(m.name)).toBe(false)
  })
})
