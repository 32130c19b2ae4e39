/**
 * What etcd members and kube-apiserver write when etcd's state changes (core/etcd/etcdLog.ts):
 * etcd 3.5's zap JSON lines and kube-apiserver's klog lines, exact, in the timeline's log and in
 * the containers' logs (kubectl logs), once per change.
 */
import { describe, expect, it } from 'vitest'
import type { EtcdMember } from '../../../core/etcd/etcd'
import { raftLine, zapLine, zapTimestamp } from '../../../core/etcd/etcdLog'
import { sim, type SimTest } from '../../support/sim'

const HA = { controlPlanes: 3, workers: 1 }

/** The lines `component` wrote after `sinceMs` (inclusive), with their times. */
function wrote(t: SimTest, component: string, sinceMs: number): { atMs: number; text: string }[] {
  return t.kube.logs
    .recent(sinceMs - 1)
    .filter((l) => l.component === component)
    .map(({ atMs, text }) => ({ atMs, text }))
}

const texts = (t: SimTest, component: string, sinceMs: number): string[] =>
  wrote(t, component, sinceMs).map((l) => l.text)

/** When etcd noted that `name` stopped (its history: "<ms> member <name> stopped"). */
function stoppedAt(t: SimTest, name: string): number {
  const entry = [...t.kube.etcd.history()]
    .reverse()
    .find((h) => h.endsWith(` member ${name} stopped`))
  return Number(entry!.split(' ')[0])
}

/**
 * Stops the leader's etcd (its manifest moved out: the kubelet stops the static pod and does not
 * restart it) and lets the others elect a new leader.
 */
function stopLeader(t: SimTest): { old: EtcdMember; stopped: number; fault: string } {
  const old = t.kube.etcd.leader!
  const fault = t.fault('process/stop', { kind: 'component', type: 'etcd', machine: old.name }).id
  t.advance('30s')
  return { old, stopped: stoppedAt(t, old.name), fault }
}

describe('etcd: log', () => {
  it('etcd: log: lines are zap JSON stamped with the virtual time to the millisecond', () => {
    expect(zapTimestamp(1234)).toBe('2026-01-05T09:00:01.234Z')
    expect(raftLine(1234, 'a became leader at term 3')).toBe(
      '{"level":"info","ts":"2026-01-05T09:00:01.234Z","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"a became leader at term 3"}',
    )
    expect(zapLine(0, 'warn', 'x.go:1', 'm', { 'peer-id': 'b' })).toBe(
      '{"level":"warn","ts":"2026-01-05T09:00:00.000Z","caller":"x.go:1","msg":"m","peer-id":"b"}',
    )
  })

  it('etcd: log: the new leader says it started an election and became leader at term N', () => {
    const t = sim({ seed: 3, cluster: HA })
    const term = t.kube.etcd.term
    const { old, stopped } = stopLeader(t)
    const w = t.kube.etcd.leader!
    expect(t.kube.etcd.term).toBe(term + 1)
    const election = wrote(t, `etcd-${w.name}`, stopped).filter((l) =>
      l.text.includes('"logger":"raft"'),
    )
    const at = election[0]!.atMs
    // A follower notices after its randomized election timeout, in [1000, 2000) ms.
    expect(at - stopped).toBeGreaterThanOrEqual(1000)
    expect(at - stopped).toBeLessThan(2000)
    expect(election.map((l) => l.text)).toEqual(
      [
        `${w.id} is starting a new election at term ${term}`,
        `${w.id} became pre-candidate at term ${term}`,
        `raft.node: ${w.id} lost leader ${old.id} at term ${term}`,
        `${w.id} became candidate at term ${term + 1}`,
        `${w.id} has received 2 MsgVoteResp votes and 0 vote rejections`,
        `${w.id} became leader at term ${term + 1}`,
        `raft.node: ${w.id} elected leader ${w.id} at term ${term + 1}`,
      ].map((msg) => raftLine(at, msg)),
    )
  })

  it('etcd: log: the other follower says it followed the new leader and lost the old one', () => {
    const t = sim({ seed: 3, cluster: HA })
    const term = t.kube.etcd.term
    const { old, stopped } = stopLeader(t)
    const w = t.kube.etcd.leader!
    const f = t.kube.etcd.members.find((m) => m.up && m !== w)!
    const raft = wrote(t, `etcd-${f.name}`, stopped).filter((l) =>
      l.text.includes('"logger":"raft"'),
    )
    const at = raft[0]!.atMs
    expect(raft.map((l) => l.text)).toEqual(
      [
        `${f.id} [term: ${term}] received a MsgVote message with higher term from ${w.id} [term: ${term + 1}]`,
        `${f.id} became follower at term ${term + 1}`,
        `raft.node: ${f.id} lost leader ${old.id} at term ${term + 1}`,
        `raft.node: ${f.id} elected leader ${w.id} at term ${term + 1}`,
      ].map((msg) => raftLine(at, msg)),
    )
  })

  it('etcd: log: a member whose peer stopped says it lost both streams, the peer became inactive, the prober found it unhealthy', () => {
    const t = sim({ seed: 3, cluster: HA })
    const { old, stopped } = stopLeader(t)
    const ip = old.peerURL.replace('https://', '')
    for (const f of t.kube.etcd.members.filter((m) => m.up)) {
      const lost = texts(t, `etcd-${f.name}`, stopped).slice(0, 4)
      const ts = zapTimestamp(stopped)
      expect(lost).toEqual([
        `{"level":"warn","ts":"${ts}","caller":"rafthttp/stream.go:421","msg":"lost TCP streaming connection with remote peer","stream-reader-type":"stream MsgApp v2","local-member-id":"${f.id}","remote-peer-id":"${old.id}","error":"EOF"}`,
        `{"level":"warn","ts":"${ts}","caller":"rafthttp/stream.go:421","msg":"lost TCP streaming connection with remote peer","stream-reader-type":"stream Message","local-member-id":"${f.id}","remote-peer-id":"${old.id}","error":"EOF"}`,
        `{"level":"warn","ts":"${ts}","caller":"rafthttp/peer_status.go:66","msg":"peer became inactive (message send to peer failed)","peer-id":"${old.id}","error":"failed to dial ${old.id} on stream MsgApp v2 (dial tcp ${ip}: connect: connection refused)"}`,
        `{"level":"warn","ts":"${ts}","caller":"rafthttp/probing_status.go:68","msg":"prober detected unhealthy status","round-tripper-name":"ROUND_TRIPPER_RAFT_MESSAGE","remote-peer-id":"${old.id}","rtt":"0s","error":"dial tcp ${ip}: connect: connection refused"}`,
      ])
    }
  })

  it('etcd: log: a member that comes back follows the leader and its peers see it active', () => {
    const t = sim({ seed: 3, cluster: HA })
    const { old, fault } = stopLeader(t)
    const since = t.nowMs
    t.heal(fault) // the manifest is back: the kubelet starts the static pod again
    t.advance('1m')
    const w = t.kube.etcd.leader!
    expect(t.kube.etcd.member(old.name)!.up).toBe(true)
    const back = texts(t, `etcd-${old.name}`, since).filter((l) => l.includes('"logger":"raft"'))
    expect(back.map((l) => JSON.parse(l).msg)).toEqual([
      `${old.id} became follower at term ${t.kube.etcd.term}`,
      `raft.node: ${old.id} elected leader ${w.id} at term ${t.kube.etcd.term}`,
    ])
    expect(texts(t, `etcd-${w.name}`, since).map((l) => JSON.parse(l))).toContainEqual(
      expect.objectContaining({ msg: 'peer became active', 'peer-id': old.id }),
    )
  })

  it('etcd: log: a leader left without quorum steps down and campaigns once, in vain', () => {
    const t = sim({ seed: 3, cluster: HA })
    const leader = t.kube.etcd.leader!
    const term = t.kube.etcd.term
    const followers = t.kube.etcd.members.filter((m) => m !== leader)
    for (const f of followers)
      t.fault('process/stop', { kind: 'component', type: 'etcd', machine: f.name })
    t.advance('2m')
    expect(t.kube.etcd.leader).toBeUndefined()
    const raft = texts(t, `etcd-${leader.name}`, 0)
      .map((l) => JSON.parse(l) as { level: string; msg: string; logger?: string })
      .filter((l) => l.logger === 'raft')
      .map((l) => `${l.level} ${l.msg}`)
    // Later, its failing liveness probe has the kubelet restart it: it campaigns again, once.
    expect(raft.filter((l) => l.includes('stepped down'))).toHaveLength(1)
    expect(raft.slice(0, 5)).toEqual([
      `warn ${leader.id} stepped down to follower since quorum is not active`,
      `info ${leader.id} became follower at term ${term}`,
      `info ${leader.id} is starting a new election at term ${term}`,
      `info ${leader.id} became pre-candidate at term ${term}`,
      `info raft.node: ${leader.id} lost leader ${leader.id} at term ${term}`,
    ])
  })

  it('etcd: log: the member that streams a snapshot says so, with its size', () => {
    const t = sim({ seed: 1 })
    const since = t.nowMs
    t.sh('ssh cp-1')
    const r = t.sh(
      'etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key snapshot save /tmp/snap.db',
    )
    expect(r.exitCode).toBe(0)
    // The server's size is the one the client reports ("fetched snapshot … size").
    const fetched = /"msg":"fetched snapshot".*"size":"([^"]+)"/.exec(r.stderr)![1]
    const sent = texts(t, 'etcd-cp-1', since).map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(sent.map((l) => l['msg'])).toEqual([
      'sending database snapshot to client',
      'sending database sha256 checksum to client',
      'successfully sent database snapshot to client',
    ])
    expect(sent[0]).toMatchObject({ caller: 'v3rpc/maintenance.go:125', level: 'info' })
    expect(sent[0]).toMatchObject({ size: fetched })
    expect(sent[2]).toMatchObject({ size: fetched, took: 'now' })
    expect(sent[1]).toMatchObject({ 'checksum-size': 32 })
  })

  it('etcd: log: the member that starts on a restored data directory says it recovered the backend from the snapshot', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh cp-1')
    t.sh(
      'etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key snapshot save /tmp/snap.db',
    )
    t.sh('etcdctl snapshot restore /tmp/snap.db --data-dir /var/lib/etcd-restore')
    const since = t.nowMs
    t.sh(
      "sed -i 's#path: /var/lib/etcd$#path: /var/lib/etcd-restore#' /etc/kubernetes/manifests/etcd.yaml",
    )
    t.sh('sleep 60s')
    const started = texts(t, 'etcd-cp-1', since).map(
      (l) => JSON.parse(l) as Record<string, unknown>,
    )
    const recovered = started.filter((l) => l['msg'] === 'recovered v3 backend from snapshot')
    expect(recovered).toHaveLength(1)
    expect(recovered[0]).toMatchObject({ level: 'info', caller: 'etcdserver/server.go:518' })
    expect(recovered[0]!['backend-size-bytes']).toBe(recovered[0]!['backend-size-in-use-bytes'])
    // It comes right before the member's first Raft line as it starts again.
    const i = started.indexOf(recovered[0]!)
    expect(started[i + 1]).toMatchObject({
      logger: 'raft',
      msg: expect.stringContaining('became follower at term'),
    })
  })

  it('etcd: log: kubectl logs of the etcd pod holds the same lines as the timeline', () => {
    const t = sim({ seed: 3, cluster: HA })
    const { old } = stopLeader(t)
    const w = t.kube.etcd.leader!
    const logs = t.sh(`kubectl logs -n kube-system etcd-${w.name} --tail 3`).stdout
    expect(logs).toBe(`${texts(t, `etcd-${w.name}`, 0).slice(-3).join('\n')}\n`)
    expect(logs).toContain(`became leader at term ${t.kube.etcd.term}`)
    expect(old.up).toBe(false)
  })
})

describe('kube-apiserver: log', () => {
  it('kube-apiserver: log: says it serves securely on 6443 when it starts', () => {
    const t = sim({ seed: 1 })
    const lines = t.kube.logs.tail('kube-apiserver-cp-1')
    expect(
      lines.some((l) =>
        /^I0105 \S+ {7}1 secure_serving\.go:213\] Serving securely on \[::\]:6443$/.test(l),
      ),
    ).toBe(true)
  })

  it('kube-apiserver: log: one grpc line when its etcd member stops, however many requests fail', () => {
    const t = sim({ seed: 3, cluster: HA })
    const machine = t.kube.etcd.members.find((m) => m !== t.kube.etcd.leader)!.name
    const since = t.nowMs
    t.fault('process/kill', { kind: 'component', type: 'etcd', machine })
    t.advance('1s')
    const grpc = `W0105 09:00:00.000000       1 logging.go:59] [core] [Channel #1 SubChannel #2] grpc: addrConn.createTransport failed to connect to {Addr: "127.0.0.1:2379", ServerName: "127.0.0.1:2379", }. Err: connection error: desc = "transport: Error while dialing: dial tcp 127.0.0.1:2379: connect: connection refused"`
    expect(texts(t, `kube-apiserver-${machine}`, since)).toEqual([grpc])
  })

  it('kube-apiserver: log: one Unhandled Error line per outage while etcd has no leader', () => {
    const t = sim({ seed: 3, cluster: HA })
    const { stopped } = stopLeader(t)
    const timeout =
      '"Unhandled Error" err="apiserver received an error that is not an metav1.Status: rpctypes.EtcdError{code:0xe, desc:\\"etcdserver: request timed out\\"}: etcdserver: request timed out" logger="UnhandledError"'
    for (const m of t.kube.etcd.members.filter((m) => m.up)) {
      const lines = texts(t, `kube-apiserver-${m.name}`, stopped)
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^E0105 09:00:0\d\.\d{6} {7}1 status\.go:71\] /)
      expect(lines[0]!.endsWith(timeout)).toBe(true)
    }
  })

  it('kube-apiserver: log: nothing more is written while nothing changes', () => {
    const t = sim({ seed: 3, cluster: HA })
    const since = t.nowMs
    t.advance('10m')
    const quiet = ['etcd-', 'kube-apiserver-', 'weave-net-'].flatMap((prefix) =>
      t.kube.logs.recent(since).filter((l) => l.component.startsWith(prefix)),
    )
    expect(quiet).toEqual([])
  })
})
