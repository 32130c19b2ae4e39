/**
 * The assembled cluster, end to end: what a learner does in the labs, checked against the real
 * behaviour (FIDELITY.md sections cited). Each test starts from a fresh lab at 00:00:00, after
 * the 10-minute warm-up that set the cluster up.
 */
import { describe, expect, it } from 'vitest'
import type { Event, Node, Pod } from '../../../core/api/types'
import { ConnectionRefused } from '../../../core/client/client'
import { deployment } from '../../support/objects'
import { sim, type SimTest } from '../../support/sim'

const pods = (t: SimTest, namespace = 'default') => t.stored<Pod>(`/registry/pods/${namespace}/`)
const phases = (t: SimTest, namespace = 'default') => pods(t, namespace).map((p) => p.status?.phase)
const ready = (t: SimTest, node: string) =>
  t
    .stored<Node>('/registry/minions/')
    .find((n) => n.metadata.name === node)!
    .status!.conditions!.find((c) => c.type === 'Ready')!
const events = (t: SimTest, namespace = 'default') =>
  t.stored<Event>(`/registry/events/${namespace}/`)

describe('cluster: boot (kubeadm)', () => {
  it('cluster: boot: three Ready nodes, the control plane as mirror pods, kube-proxy and weave-net on every node, CoreDNS off the control plane', () => {
    const t = sim({ seed: 1 })
    expect(
      t
        .stored<Node>('/registry/minions/')
        .map((n) => `${n.metadata.name} ${ready(t, n.metadata.name!).status}`),
    ).toEqual(['cp-1 True', 'worker-1 True', 'worker-2 True'])
    const system = pods(t, 'kube-system')
    expect(system.every((p) => p.status?.phase === 'Running')).toBe(true)
    expect(system.map((p) => p.metadata.name).filter((n) => n!.endsWith('-cp-1'))).toEqual([
      'etcd-cp-1',
      'kube-apiserver-cp-1',
      'kube-controller-manager-cp-1',
      'kube-scheduler-cp-1',
    ])
    expect(
      system
        .filter((p) => p.metadata.name!.startsWith('kube-proxy-'))
        .map((p) => p.spec.nodeName)
        .sort(),
    ).toEqual(['cp-1', 'worker-1', 'worker-2'])
    expect(system.filter((p) => p.metadata.name!.startsWith('weave-net-'))).toHaveLength(3)
    const dns = system.filter((p) => p.metadata.name!.startsWith('coredns-'))
    expect(dns).toHaveLength(2)
    expect(dns.every((p) => p.spec.nodeName !== 'cp-1')).toBe(true)
  })

  it('cluster: boot: the lab opens at 00:00:00 on a cluster created ten minutes earlier', () => {
    const t = sim({ seed: 1 })
    expect(t.nowMs).toBe(0)
    const node = t.stored<Node>('/registry/minions/')[0]!
    expect(node.metadata.creationTimestamp!.startsWith('2026-01-05T08:50:0')).toBe(true)
  })
})

describe('cluster: the life of a pod (FIDELITY.md §3.4, §5.6)', () => {
  it('cluster: deployment: three replicas end Running on the workers with the real event sequence', () => {
    const t = sim({ seed: 1 })
    expect(t.create(deployment('web', 3)).status).toBe(201)
    t.advance('30s')
    const web = pods(t)
    expect(web).toHaveLength(3)
    expect(phases(t)).toEqual(['Running', 'Running', 'Running'])
    expect(web.every((p) => p.spec.nodeName?.startsWith('worker-'))).toBe(true)
    expect(
      web.every((p) =>
        /^web-[bcdfghjklmnpqrstvwxz2456789]+-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(
          p.metadata.name!,
        ),
      ),
    ).toBe(true)
    const first = web[0]!
    const reasons = events(t)
      .filter((e) => e.involvedObject.name === first.metadata.name)
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
      .map((e) => `${e.reason}: ${e.message}`)
    expect(reasons[0]).toBe(
      `Scheduled: Successfully assigned default/${first.metadata.name} to ${first.spec.nodeName}`,
    )
    expect(reasons.slice(1).map((r) => r.split(':')[0])).toEqual([
      'Pulling',
      'Pulled',
      'Created',
      'Started',
    ])
    expect(reasons).toContain('Created: Created container: web')
    expect(reasons).toContain('Started: Started container web')
  })
})

describe('cluster: faults', () => {
  it('cluster: kube-scheduler stopped (manifest moved out): new pods stay Pending, nothing else breaks; back in, they are scheduled', () => {
    const t = sim({ seed: 2 })
    const fault = t.fault('process/stop', {
      kind: 'component',
      type: 'kube-scheduler',
      machine: 'cp-1',
    })
    t.advance('30s')
    expect(
      t.simulation.components().find((c) => c.metadata.name === 'kube-scheduler-cp-1')!.status
        .state,
    ).toBe('Stopped')
    t.create(deployment('web', 2))
    t.advance('2m')
    expect(phases(t)).toEqual(['Pending', 'Pending'])
    expect(pods(t).every((p) => p.spec.nodeName === undefined)).toBe(true)
    expect(ready(t, 'worker-1').status).toBe('True')
    t.heal(fault.id)
    t.advance('1m')
    expect(phases(t)).toEqual(['Running', 'Running'])
  })

  it('cluster: kubelet stopped on worker-1: Ready Unknown after the 50 s grace period, pods evicted 300 s after the taint (FIDELITY.md §4)', () => {
    const t = sim({ seed: 3 })
    t.create(deployment('web', 4))
    t.advance('30s')
    const onWorker1 = pods(t)
      .filter((p) => p.spec.nodeName === 'worker-1')
      .map((p) => p.metadata.name)
    expect(onWorker1.length).toBeGreaterThan(0)
    t.fault('process/stop', { kind: 'component', type: 'kubelet', machine: 'worker-1' })
    t.advance('40s')
    expect(ready(t, 'worker-1').status).toBe('True')
    t.advance('30s')
    expect(ready(t, 'worker-1')).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    })
    t.advance('4m')
    expect(
      pods(t).filter(
        (p) => onWorker1.includes(p.metadata.name) && p.metadata.deletionTimestamp === undefined,
      ),
    ).toHaveLength(onWorker1.length)
    t.advance('90s')
    const evicted = events(t)
      .filter((e) => e.reason === 'TaintManagerEviction')
      .map((e) => e.message)
    expect(evicted.sort()).toEqual(
      onWorker1.map((n) => `Marking for deletion Pod default/${n}`).sort(),
    )
    // The ReplicaSet replaces them on the healthy workers.
    const live = pods(t).filter((p) => p.metadata.deletionTimestamp === undefined)
    expect(
      live.filter((p) => p.status?.phase === 'Running' && p.spec.nodeName !== 'worker-1'),
    ).toHaveLength(4)
  })

  it('cluster: kube-apiserver manifest moved out: every client gets connection refused on :6443; moved back, it serves again (FIDELITY.md §7.6)', () => {
    const t = sim({ seed: 4 })
    const fault = t.fault('process/stop', {
      kind: 'component',
      type: 'kube-apiserver',
      machine: 'cp-1',
    })
    t.advance('30s')
    expect(() => t.api('GET', '/api/v1/nodes')).toThrow(ConnectionRefused)
    expect(() => t.api('GET', '/api/v1/nodes')).toThrow(
      'dial tcp 192.168.56.11:6443: connect: connection refused',
    )
    t.heal(fault.id)
    t.advance('30s')
    expect(t.api('GET', '/api/v1/nodes').status).toBe(200)
  })

  it('cluster: etcd HA: one member down keeps writes working; two down lose quorum ("etcdserver: request timed out"); healed, writes resume (FIDELITY.md §7.1, §7.3)', () => {
    const t = sim({ seed: 5, cluster: { controlPlanes: 3, workers: 1 } })
    const cm = (name: string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'default' },
    })
    const first = t.fault('process/stop', { kind: 'component', type: 'etcd', machine: 'cp-3' })
    t.advance('30s')
    expect(t.create(cm('one')).status).toBe(201)
    const second = t.fault('process/stop', { kind: 'component', type: 'etcd', machine: 'cp-2' })
    t.advance('30s')
    const failed = t.create(cm('two'))
    expect(failed.status).toBe(500)
    expect(failed.body).toMatchObject({ message: 'etcdserver: request timed out' })
    expect(failed.latencyMs).toBe(7000)
    t.heal(second.id)
    t.heal(first.id)
    t.advance('1m')
    expect(t.create(cm('three')).status).toBe(201)
  })

  it('cluster: kube-controller-manager stopped: a deleted pod is not replaced; started again, it is (after the old Lease expires)', () => {
    const t = sim({ seed: 6 })
    t.create(deployment('web', 2))
    t.advance('30s')
    const fault = t.fault('process/stop', {
      kind: 'component',
      type: 'kube-controller-manager',
      machine: 'cp-1',
    })
    t.advance('10s')
    const victim = pods(t)[0]!.metadata.name!
    t.api('DELETE', `/api/v1/namespaces/default/pods/${victim}`)
    t.advance('1m')
    expect(pods(t).filter((p) => p.metadata.deletionTimestamp === undefined)).toHaveLength(1)
    t.heal(fault.id)
    t.advance('1m')
    expect(
      pods(t).filter(
        (p) => p.metadata.deletionTimestamp === undefined && p.status?.phase === 'Running',
      ),
    ).toHaveLength(2)
  })

  it('cluster: containerd stopped: running containers keep serving through their shims; the node goes NotReady "container runtime is down" (FIDELITY.md §9.2, §9.4)', () => {
    const t = sim({ seed: 7 })
    t.create(deployment('web', 2))
    t.advance('30s')
    const pod = pods(t).find((p) => p.spec.nodeName === 'worker-1') ?? pods(t)[0]!
    const node = pod.spec.nodeName!
    t.fault('process/stop', { kind: 'component', type: 'containerd', machine: node })
    t.advance('1m')
    const trace = t.kube.network
      .tracer(t.kube.directory(), t.simulation.random.fork('test'))
      .trace({
        from: { kind: 'machine', machine: node },
        url: `http://${pod.status!.podIP}/`,
      })
    expect(trace.response?.status).toBe(200)
    expect(ready(t, node)).toMatchObject({ status: 'False', reason: 'KubeletNotReady' })
    expect(ready(t, node).message).toContain('container runtime is down')
  })

  it("cluster: a NodePort Service answers on every node's IP from outside the cluster", () => {
    const t = sim({ seed: 8 })
    t.create(deployment('web', 2))
    t.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }] },
    })
    t.advance('30s')
    const tracer = t.kube.network.tracer(t.kube.directory(), t.simulation.random.fork('test'))
    for (const ip of ['192.168.56.11', '192.168.56.21', '192.168.56.22']) {
      const result = tracer.trace({ from: { kind: 'outside' }, url: `http://${ip}:30080/` })
      expect(result.response?.body, ip).toContain('Welcome to nginx!')
    }
  })
})

describe('cluster: determinism', () => {
  it('cluster: the same seed and the same commands, faults included, give the same event log byte for byte', () => {
    const run = (seed: number): string => {
      const t = sim({ seed })
      t.create(deployment('web', 3))
      t.advance('20s')
      const f = t.fault('process/stop', { kind: 'component', type: 'kubelet', machine: 'worker-2' })
      t.advance('2m')
      t.fault('process/kill', { kind: 'component', type: 'kube-scheduler', machine: 'cp-1' })
      t.advance('1m')
      t.heal(f.id)
      t.advance('6m')
      return JSON.stringify({ events: t.events, etcd: t.stored('/registry/') })
    }
    const first = run(11)
    expect(run(11)).toBe(first)
    expect(run(12)).not.toBe(first)
  })
})

describe('cluster: more faults', () => {
  it('cluster: a killed container is restarted by the kubelet: RESTARTS 1, exit 137 in lastState', () => {
    const t = sim({ seed: 9 })
    t.create(deployment('web', 1))
    t.advance('30s')
    const name = pods(t)[0]!.metadata.name!
    t.fault('container/kill', { kind: 'pod', namespace: 'default', name })
    t.advance('5s')
    const pod = pods(t)[0]!
    const status = pod.status!.containerStatuses![0]!
    expect(status.restartCount).toBe(1)
    expect(status.lastState.terminated).toMatchObject({ exitCode: 137 })
    expect(pod.status!.phase).toBe('Running')
  })

  it('cluster: a powered-off worker goes Unknown, its pods move after 300 s; powered on, it is Ready again', () => {
    const t = sim({ seed: 10 })
    t.create(deployment('web', 4))
    t.advance('30s')
    const off = t.fault('machine/power-off', { kind: 'machine', machine: 'worker-2' })
    t.advance('7m')
    expect(t.simulation.machines().find((m) => m.metadata.name === 'worker-2')!.status.power).toBe(
      'Off',
    )
    expect(t.sh('kubectl get node worker-2').stdout).toMatch(/worker-2 +NotReady +<none> /)
    expect(ready(t, 'worker-2').status).toBe('Unknown')
    const live = pods(t).filter((p) => p.metadata.deletionTimestamp === undefined)
    expect(
      live.filter((p) => p.spec.nodeName === 'worker-1' && p.status?.phase === 'Running'),
    ).toHaveLength(4)
    t.heal(off.id)
    t.advance('1m')
    expect(ready(t, 'worker-2').status).toBe('True')
  })
})

describe('cluster: node pressure', () => {
  it("cluster: memory pressure on worker-1: MemoryPressure True with the kubelet's texts, the node tainted NoSchedule, new pods go to worker-2; healed, the taint goes", () => {
    const t = sim({ seed: 12 })
    const fault = t.fault('node/memory-pressure', { kind: 'machine', machine: 'worker-1' })
    t.advance('30s')
    const node = t.stored<Node>('/registry/minions/').find((n) => n.metadata.name === 'worker-1')!
    expect(node.status!.conditions!.find((c) => c.type === 'MemoryPressure')).toMatchObject({
      status: 'True',
      reason: 'KubeletHasInsufficientMemory',
      message: 'kubelet has insufficient memory available',
    })
    expect(node.spec.taints).toEqual([
      { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
    ])
    t.create(deployment('web', 3))
    t.advance('30s')
    expect(pods(t).map((p) => p.spec.nodeName)).toEqual(['worker-2', 'worker-2', 'worker-2'])
    t.heal(fault.id)
    t.advance('30s')
    expect(
      t.stored<Node>('/registry/minions/').find((n) => n.metadata.name === 'worker-1')!.spec.taints,
    ).toBeUndefined()
  })
})

describe('cluster: restarts', () => {
  it('cluster: containerd restarted: running pods are untouched (their shims keep them), no restart counted (FIDELITY.md §9.2)', () => {
    const t = sim({ seed: 13 })
    t.create(deployment('web', 2))
    t.advance('30s')
    const before = pods(t).map((p) => p.status!.containerStatuses![0]!.containerID)
    t.fault('process/restart', { kind: 'component', type: 'containerd', machine: 'worker-1' })
    t.fault('process/restart', { kind: 'component', type: 'containerd', machine: 'worker-2' })
    t.advance('1m')
    expect(pods(t).map((p) => p.status!.containerStatuses![0]!.containerID)).toEqual(before)
    expect(pods(t).map((p) => p.status!.containerStatuses![0]!.restartCount)).toEqual([0, 0])
  })
})

describe('cluster: reaching the API server', () => {
  it('cluster: kubectl on the laptop cannot reach kube-apiserver while cp-1 is cut off or 6443 is blocked; on cp-1 itself it can', () => {
    const t = sim({ seed: 14 })
    const outside = () => t.kube.request('outside', { method: 'GET', path: '/api/v1/nodes' })
    expect(outside().status).toBe(200)
    const block = t.fault('port/block', {
      kind: 'port',
      machine: 'cp-1',
      port: 6443,
      protocol: 'TCP',
    })
    expect(outside).toThrow()
    expect(t.api('GET', '/api/v1/nodes').status).toBe(200)
    t.heal(block.id)
    const cut = t.fault('machine/partition', { kind: 'machine', machine: 'cp-1' })
    expect(outside).toThrow()
    t.heal(cut.id)
    expect(outside().status).toBe(200)
  })
})
