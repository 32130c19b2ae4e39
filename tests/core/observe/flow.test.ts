import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Pod, Service } from '../../../core/api/types'
import { ApiClient } from '../../../core/client/client'
import { DEFAULT_CLUSTER } from '../../../core/cluster/spec'
import { FLOW_BATCH_LIMIT, FlowRecorder } from '../../../core/observe/flow'
import { FlowApiClient } from '../../../core/observe/flowApi'
import type { ShellResult, SimulationEvent } from '../../../core/protocol'
import { transcript } from '../../../core/shell/transcript'
import { createSimulation, type Simulation } from '../../../core/simulation'
import { sim, type SimTest } from '../../support/sim'

type Batch = Extract<SimulationEvent, { kind: 'flow/messages' }>

function batches(t: SimTest): Batch[] {
  return t.events.filter((e): e is Batch => e.kind === 'flow/messages')
}

/** Every message of every batch, as "from → to: what". */
function said(t: SimTest): string[] {
  return batches(t).flatMap((b) => b.messages.map((m) => `${m.from} → ${m.to}: ${m.what}`))
}

/** Index of the first batch that holds the message. */
function batchOf(t: SimTest, message: string): number {
  return batches(t).findIndex((b) =>
    b.messages.some((m) => `${m.from} → ${m.to}: ${m.what}` === message),
  )
}

function createWeb(t: SimTest): void {
  t.sh('kubectl create deployment web --image=nginx')
  for (let i = 0; i < 6; i++) t.advance('5s')
}

describe('flow', () => {
  it('flow: API: a Deployment created in the terminal is told from the laptop to containerd, in order', () => {
    const t = sim({ seed: 1 })
    createWeb(t)
    const node = t.stored<Pod>('/registry/pods/default/web')[0]!.spec.nodeName!
    const path = [
      'laptop → kube-apiserver-cp-1: POST deployments',
      'kube-apiserver-cp-1 → etcd-cp-1: put /registry/deployments',
      'kube-apiserver-cp-1 → kube-controller-manager-cp-1: WATCH deployments: ADDED',
      'kube-controller-manager-cp-1 → kube-apiserver-cp-1: POST replicasets',
      'kube-controller-manager-cp-1 → kube-apiserver-cp-1: POST pods',
      'kube-apiserver-cp-1 → etcd-cp-1: put /registry/pods',
      'kube-apiserver-cp-1 → kube-scheduler-cp-1: WATCH pods: ADDED',
      'kube-scheduler-cp-1 → kube-apiserver-cp-1: POST pods/binding',
      `kube-apiserver-cp-1 → kubelet-${node}: WATCH pods: ADDED`,
      `kubelet-${node} → containerd-${node}: RunPodSandbox`,
      `containerd-${node} → ${node}: shim: start`,
      `kubelet-${node} → containerd-${node}: PullImage`,
      `kubelet-${node} → containerd-${node}: CreateContainer`,
      `kubelet-${node} → containerd-${node}: StartContainer`,
      `containerd-${node} → ${node}: shim: start task`,
      `kubelet-${node} → kube-apiserver-cp-1: PATCH pods/status`,
    ]
    const where = path.map((message) => batchOf(t, message))
    expect(
      where.every((i) => i >= 0),
      `missing: ${path.filter((_, i) => where[i]! < 0)}`,
    ).toBe(true)
    // Batches follow time: nothing on the path is told before what caused it.
    expect(where).toEqual([...where].sort((a, b) => a - b))
  })

  it('flow: API: repeated messages of one batch are aggregated with their count and first time', () => {
    const t = sim({ seed: 1 })
    t.advance('1m')
    const leases = batches(t)
      .flatMap((b) => b.messages)
      .filter((m) => m.from === 'kubelet-worker-1' && m.what === 'PUT leases')
    expect(leases).toHaveLength(1)
    expect(leases[0]!.count).toBeGreaterThan(1)
    expect(leases[0]!.atMs).toBeLessThan(60_000)
  })

  it('flow: API: a request the API server never got (connection refused) is not told', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl get pods')
    expect(said(t)).toContain('laptop → kube-apiserver-cp-1: LIST pods')
    // A static pod stops once the kubelet sees its manifest gone.
    t.fault('process/stop', { kind: 'component', type: 'kube-apiserver', machine: 'cp-1' })
    t.advance('30s')
    const before = batches(t).length
    expect(t.sh('kubectl get pods').exitCode).toBe(1)
    const after = batches(t)
      .slice(before)
      .flatMap((b) => b.messages)
    expect(after.filter((m) => m.from === 'laptop' || m.to === 'kube-apiserver-cp-1')).toEqual([])
  })
  it('flow: network: a curl to a NodePort crosses the node, kube-proxy and Weave to the pod', () => {
    const t = sim({ seed: 1 })
    createWeb(t)
    t.sh('kubectl expose deployment web --type=NodePort --port=80')
    t.advance('5s')
    const nodePort = t.stored<Service>('/registry/services/specs/default/web')[0]!.spec.ports![0]!
      .nodePort!
    const node = t.stored<Pod>('/registry/pods/default/web')[0]!.spec.nodeName!
    const other = node === 'worker-1' ? 'worker-2' : 'worker-1'
    const ip = other === 'worker-1' ? '192.168.56.21' : '192.168.56.22'
    const before = batches(t).length
    expect(t.sh(`curl -s http://${ip}:${nodePort}`).exitCode).toBe(0)
    const hops = batches(t)
      .slice(before)
      .flatMap((b) => b.messages)
      .map((m) => `${m.from} → ${m.to}: ${m.what}`)
    expect(hops).toEqual([
      `laptop → ${other}: GET :${nodePort}`,
      `${other} → kube-proxy-${other}: GET :${nodePort}`,
      `kube-proxy-${other} → weave-net-${other}: GET :80`,
      `weave-net-${other} → weave-net-${node}: GET :80`,
      `weave-net-${node} → ${node}: GET :80`,
    ])
  })

  it('flow: network: a connection that failed is told up to where it failed', () => {
    const t = sim({ seed: 1 })
    t.fault('port/block', { kind: 'port', machine: 'worker-1', port: 30080, protocol: 'TCP' })
    const before = batches(t).length
    t.sh('curl -s -m 1 http://192.168.56.21:30080')
    const hops = batches(t)
      .slice(before)
      .flatMap((b) => b.messages)
      .filter((m) => m.from === 'laptop')
    expect(hops.map((m) => `${m.to}: ${m.what}`)).toEqual(['worker-1: GET :30080 (dropped)'])
  })
})

describe('FlowRecorder', () => {
  it('bounds a batch to FLOW_BATCH_LIMIT kinds and counts the messages it left out', () => {
    const flow = new FlowRecorder({ nowMs: 7 })
    flow.active = true
    for (let i = 0; i < FLOW_BATCH_LIMIT + 50; i++) flow.record('a', 'b', `m${i}`)
    flow.record('a', 'b', 'm0')
    flow.record('a', 'b', `m${FLOW_BATCH_LIMIT}`)
    const emitted: SimulationEvent[] = []
    flow.publish((e) => emitted.push(e))
    const batch = emitted[0] as Batch
    expect(batch.messages).toHaveLength(FLOW_BATCH_LIMIT)
    expect(batch.messages[0]).toEqual({ atMs: 7, from: 'a', to: 'b', what: 'm0', count: 2 })
    expect(batch.dropped).toBe(51)
    flow.publish((e) => emitted.push(e))
    expect(emitted).toHaveLength(1)
  })

  it('records nothing while no client listens, and stops when the last one leaves', () => {
    const simulation = createSimulation({ seed: 1 })
    simulation.handle({
      kind: 'shell/exec',
      session: 't',
      line: 'kubectl create deployment web --image=nginx',
    })
    simulation.handle({ kind: 'clock/advance', ms: 30_000 })
    expect(simulation.flow.active).toBe(false)
    expect(simulation.flow.size).toBe(0)
    const events: SimulationEvent[] = []
    const stop = simulation.onEvent((e) => events.push(e))
    simulation.handle({ kind: 'clock/advance', ms: 0 })
    expect(events.filter((e) => e.kind === 'flow/messages')).toEqual([])
    simulation.handle({ kind: 'clock/advance', ms: 30_000 })
    expect(events.some((e) => e.kind === 'flow/messages')).toBe(true)
    stop()
    simulation.handle({ kind: 'clock/advance', ms: 30_000 })
    expect(simulation.flow.size).toBe(0)
  })

  it('is told of every request an ApiClient can make (add new ones to FlowApiClient)', () => {
    const requests = Object.getOwnPropertyNames(ApiClient.prototype).filter(
      (name) => !['constructor', 'find', 'reachable', 'server'].includes(name),
    )
    const observed = Object.getOwnPropertyNames(FlowApiClient.prototype)
    expect(requests.filter((name) => !observed.includes(name))).toEqual([])
  })
})

describe('flow: determinism', () => {
  /** A short session: a Deployment, a scale, a curl; what it printed and what etcd holds. */
  function session(simulation: Simulation): string {
    const sh = (line: string): ShellResult =>
      simulation.handle({ kind: 'shell/exec', session: 't', line, language: 'en' })
    const replies = [sh('kubectl create deployment web --image=nginx')]
    for (let i = 0; i < 6; i++) simulation.handle({ kind: 'clock/advance', ms: 5000 })
    replies.push(sh('kubectl scale deployment web --replicas=3'))
    simulation.handle({ kind: 'clock/advance', ms: 30_000 })
    replies.push(sh('curl -s http://192.168.56.21:30080'))
    const etcd = simulation.kubernetes!.etcd.kv.list('/registry/')
    return JSON.stringify({ replies, etcd, nowMs: simulation.clock.nowMs })
  }

  function watched(seed: number): { events: SimulationEvent[]; result: string } {
    const simulation = createSimulation({ seed })
    const events: SimulationEvent[] = []
    simulation.onEvent((e) => events.push(e))
    return { events, result: session(simulation) }
  }

  it('flow: replay: the same seed gives the same batches', () => {
    const [first, second] = [watched(3).events, watched(3).events]
    const flow = (events: SimulationEvent[]): string =>
      JSON.stringify(events.filter((e) => e.kind === 'flow/messages'))
    expect(first.filter((e) => e.kind === 'flow/messages').length).toBeGreaterThan(5)
    expect(flow(second)).toBe(flow(first))
  })

  it('flow: replay: observing changes nothing: replies, time and etcd match an unobserved run', () => {
    expect(watched(4).result).toBe(session(createSimulation({ seed: 4 })))
  })

  it('flow: replay: every golden transcript is unchanged with a listener attached', () => {
    const dir = join(import.meta.dirname, '..', '..', 'golden')
    let told = 0
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.sh'))) {
      const lines = readFileSync(join(dir, file), 'utf8').replace(/\n$/, '').split('\n')
      const header = lines[0]?.startsWith('# kubelab') ? lines[0] : ''
      const flag = (name: string, fallback: number): number =>
        Number(new RegExp(`--${name}[ =](\\d+)`).exec(header)?.[1] ?? fallback)
      const simulation = createSimulation({
        seed: flag('seed', 1),
        cluster: {
          controlPlanes: flag('control-planes', DEFAULT_CLUSTER.controlPlanes),
          workers: flag('workers', DEFAULT_CLUSTER.workers),
        },
      })
      simulation.onEvent((e) => void (e.kind === 'flow/messages' && told++))
      const actual = transcript(lines, (line) =>
        simulation.handle({ kind: 'shell/exec', session: 'golden', line, language: 'en' }),
      )
      expect(actual, file).toBe(readFileSync(join(dir, file.replace(/\.sh$/, '.txt')), 'utf8'))
    }
    expect(told).toBeGreaterThan(0)
  }, 60_000)
})
