/**
 * The message flow between etcd members (Raft on the peer links, core/observe/flowEtcd.ts) and
 * between Weave routers (core/network/weaveLog.ts): who tells whom what, and how often.
 */
import { describe, expect, it } from 'vitest'
import type { Link } from '../../../core/cluster/world'
import type { FlowMessage, SimulationEvent } from '../../../core/protocol'
import { sim, type SimTest } from '../../support/sim'

const HA = { controlPlanes: 3, workers: 1 }

type Batch = Extract<SimulationEvent, { kind: 'flow/messages' }>

/** Every message told in the events from index `from` (up to `to`, exclusive). */
function told(t: SimTest, from = 0, to = t.events.length): FlowMessage[] {
  return t.events
    .slice(from, to)
    .filter((e): e is Batch => e.kind === 'flow/messages')
    .flatMap((b) => b.messages)
}

/** How many `what` messages went from → to, over all batches since index `from`. */
function count(t: SimTest, from: string, to: string, what: string, since = 0): number {
  return told(t, since)
    .filter((m) => m.from === from && m.to === to && m.what === what)
    .reduce((n, m) => n + m.count, 0)
}

describe('flow: etcd', () => {
  it('flow: etcd: a committed write goes from the leader to each follower as MsgApp, acknowledged with MsgAppResp', () => {
    const t = sim({ seed: 3, cluster: HA })
    const leader = t.kube.etcd.leader!
    const since = t.events.length
    t.sh('kubectl create namespace demo')
    for (const f of t.kube.etcd.members.filter((m) => m !== leader)) {
      expect(count(t, `etcd-${leader.name}`, `etcd-${f.name}`, 'MsgApp', since)).toBeGreaterThan(0)
      expect(
        count(t, `etcd-${f.name}`, `etcd-${leader.name}`, 'MsgAppResp', since),
      ).toBeGreaterThan(0)
    }
  })

  it('flow: etcd: a follower member forwards its API server’s writes to the leader as MsgProp', () => {
    const t = sim({ seed: 3, cluster: HA })
    const leader = t.kube.etcd.leader!
    const since = t.events.length
    t.advance('30s') // every control plane's components renew their Leases through their own API server
    const props = told(t, since).filter((m) => m.what === 'MsgProp')
    expect(props.length).toBeGreaterThan(0)
    for (const m of props) {
      expect(m.to).toBe(`etcd-${leader.name}`)
      expect(m.from).not.toBe(`etcd-${leader.name}`)
    }
  })

  it('flow: etcd: the leader’s heartbeats are counted from the clock: 10 s are 100 MsgHeartbeat to each follower', () => {
    const t = sim({ seed: 3, cluster: HA })
    const leader = t.kube.etcd.leader!
    t.advance('4s')
    t.advance('6s')
    for (const f of t.kube.etcd.members.filter((m) => m !== leader)) {
      expect(count(t, `etcd-${leader.name}`, `etcd-${f.name}`, 'MsgHeartbeat')).toBe(100)
      expect(count(t, `etcd-${f.name}`, `etcd-${leader.name}`, 'MsgHeartbeatResp')).toBe(100)
    }
  })

  it('flow: etcd: heartbeats sent while nobody listened are not told', () => {
    const t = sim({ seed: 3, cluster: HA })
    const leader = t.kube.etcd.leader!
    const follower = t.kube.etcd.members.find((m) => m !== leader)!
    expect(t.simulation.flow.active).toBe(true)
    t.simulation.flow.active = false
    t.advance('1m')
    t.simulation.flow.active = true
    t.advance('1s')
    expect(count(t, `etcd-${leader.name}`, `etcd-${follower.name}`, 'MsgHeartbeat')).toBe(10)
  })

  it('flow: etcd: an election is told as MsgPreVote and MsgVote from the winner, and the answers', () => {
    const t = sim({ seed: 3, cluster: HA })
    const old = t.kube.etcd.leader!
    const since = t.events.length
    t.fault('process/stop', { kind: 'component', type: 'etcd', machine: old.name })
    t.advance('30s')
    const winner = t.kube.etcd.leader!
    const voter = t.kube.etcd.members.find((m) => m.up && m !== winner)!
    const [w, v] = [`etcd-${winner.name}`, `etcd-${voter.name}`]
    expect(count(t, w, v, 'MsgPreVote', since)).toBe(1)
    expect(count(t, v, w, 'MsgPreVoteResp', since)).toBe(1)
    expect(count(t, w, v, 'MsgVote', since)).toBe(1)
    expect(count(t, v, w, 'MsgVoteResp', since)).toBe(1)
    // Once stopped, the member is sent nothing.
    const stopped = Number(
      [...t.kube.etcd.history()]
        .reverse()
        .find((h) => h.endsWith(` member ${old.name} stopped`))!
        .split(' ')[0],
    )
    expect(told(t, since).filter((m) => m.to === `etcd-${old.name}` && m.atMs > stopped)).toEqual(
      [],
    )
  })
})

describe('flow: weave', () => {
  it('flow: weave: a healed partition is told as connect :6783 and topology gossip between the routers', () => {
    const t = sim({ seed: 1 })
    const lost = t.events.length
    const fault = t.fault('machine/partition', { kind: 'machine', machine: 'worker-1' })
    t.advance('1m')
    const since = t.events.length
    t.heal(fault.id)
    expect(count(t, 'weave-net-cp-1', 'weave-net-worker-1', 'connect :6783', since)).toBe(1)
    expect(count(t, 'weave-net-worker-1', 'weave-net-cp-1', 'connect :6783', since)).toBe(1)
    expect(
      count(t, 'weave-net-worker-1', 'weave-net-worker-2', 'gossip topology', since),
    ).toBeGreaterThan(0)
    // While it was cut off, the routers only told each other the news: no connection was made.
    expect(
      told(t, lost, since).filter(
        (m) =>
          m.from.startsWith('weave-net-') &&
          m.to.startsWith('weave-net-') &&
          m.what !== 'gossip topology',
      ),
    ).toEqual([])
  })
})

describe('flow: etcd and weave: drawn links', () => {
  it('flow: etcd and weave messages go between components the topology links', () => {
    const t = sim({ seed: 5, cluster: HA })
    const f = t.fault('machine/partition', { kind: 'machine', machine: 'worker-1' })
    t.fault('process/stop', { kind: 'component', type: 'etcd', machine: t.kube.etcd.leader!.name })
    t.advance('30s')
    t.heal(f.id)
    t.sh('kubectl create namespace demo')
    const links = t.simulation
      .handle({ kind: 'world/list' })
      .items.filter((o): o is Link => o.kind === 'Link')
    const linked = new Set(
      links.flatMap((l) => [`${l.spec.from} ${l.spec.to}`, `${l.spec.to} ${l.spec.from}`]),
    )
    const peers = told(t).filter(
      (m) =>
        (m.from.startsWith('etcd-') && m.to.startsWith('etcd-')) ||
        (m.from.startsWith('weave-net-') && m.to.startsWith('weave-net-')),
    )
    expect(new Set(peers.map((m) => m.what))).toEqual(
      new Set([
        'MsgApp',
        'MsgAppResp',
        'MsgProp',
        'MsgHeartbeat',
        'MsgHeartbeatResp',
        'MsgPreVote',
        'MsgPreVoteResp',
        'MsgVote',
        'MsgVoteResp',
        'connect :6783',
        'gossip topology',
      ]),
    )
    expect(peers.filter((m) => !linked.has(`${m.from} ${m.to}`))).toEqual([])
  })
})
