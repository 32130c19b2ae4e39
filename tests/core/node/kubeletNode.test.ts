/**
 * The kubelet as a node agent: registration, heartbeats (status and Lease), and what happens
 * when the learner stops the kubelet or containerd (FIDELITY.md §4, §9).
 */
import { describe, expect, it } from 'vitest'
import type { Lease, Node } from '../../../core/api/types'
import { parseTimestamp } from '../../../core/api/time'
import { CONTROL_PLANE_LABELS, CONTROL_PLANE_TAINT } from '../../../core/node/kubelet'
import { NODE, NODE_IP, nodeHarness, pod } from './nodeHarness'

const NGINX = ['docker.io/library/nginx:latest', 'registry.k8s.io/pause:3.10']
const RUNTIME_DOWN =
  'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused"'

function node(n: ReturnType<typeof nodeHarness>): Node {
  return n.client('test').get<Node>('nodes', undefined, NODE)
}

function ready(n: ReturnType<typeof nodeHarness>): {
  status: string
  reason?: string
  message?: string
} {
  return node(n).status!.conditions!.find((c) => c.type === 'Ready')!
}

function lease(n: ReturnType<typeof nodeHarness>): Lease {
  return n.client('test').get<Lease>('leases', 'kube-node-lease', NODE)
}

describe('kubelet: node', () => {
  it("kubelet: register: the Node carries the kubelet's labels, addresses, info and conditions (FIDELITY.md §4.3)", () => {
    const n = nodeHarness({ seed: 1, images: NGINX })
    n.advance(1_000)
    const registered = node(n)
    expect(registered.metadata.labels).toEqual({
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': NODE,
      'kubernetes.io/os': 'linux',
    })
    expect(registered.status!.addresses).toEqual([
      { type: 'InternalIP', address: NODE_IP },
      { type: 'Hostname', address: NODE },
    ])
    expect(registered.status!.nodeInfo).toMatchObject({
      kubeletVersion: 'v1.32.4',
      containerRuntimeVersion: 'containerd://1.7.24',
      osImage: 'Ubuntu 24.04.1 LTS',
      kernelVersion: '6.8.0-51-generic',
      operatingSystem: 'linux',
      architecture: 'amd64',
    })
    expect(registered.status!.capacity).toMatchObject({
      cpu: '4',
      memory: '8148992Ki',
      pods: '110',
    })
    expect(registered.status!.allocatable!.memory).toBe('8046592Ki')
    expect(
      registered.status!.conditions!.map(
        (c) => `${c.type}=${c.status} ${c.reason!}: ${c.message!}`,
      ),
    ).toEqual([
      'MemoryPressure=False KubeletHasSufficientMemory: kubelet has sufficient memory available',
      'DiskPressure=False KubeletHasNoDiskPressure: kubelet has no disk pressure',
      'PIDPressure=False KubeletHasSufficientPID: kubelet has sufficient PID available',
      'Ready=True KubeletReady: kubelet is posting ready status',
    ])
    expect(registered.status!.images!.map((i) => i.names[1])).toEqual([
      'docker.io/library/nginx:latest',
      'registry.k8s.io/pause:3.10',
    ])
    expect(n.eventsOf(NODE).map((e) => e.message)).toEqual([
      'Starting kubelet.',
      'Updated Node Allocatable limit across pods',
      `Node ${NODE} status is now: NodeHasSufficientMemory`,
      `Node ${NODE} status is now: NodeHasNoDiskPressure`,
      `Node ${NODE} status is now: NodeHasSufficientPID`,
    ])
  })

  it('kubelet: register: a control-plane node registers with its role label and NoSchedule taint', () => {
    const n = nodeHarness({
      seed: 1,
      config: { labels: { ...CONTROL_PLANE_LABELS }, taints: [CONTROL_PLANE_TAINT] },
    })
    n.advance(1_000)
    expect(node(n).metadata.labels!['node-role.kubernetes.io/control-plane']).toBe('')
    expect(node(n).spec.taints).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ])
  })

  it('kubelet: register: with the API server down the kubelet retries until it can register', () => {
    const n = nodeHarness({ seed: 1, startKubelet: false })
    n.apiserverUp = false
    n.kubelet.start()
    n.advance(30_000)
    n.apiserverUp = true
    n.advance(8_000)
    expect(node(n).status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True')
  })

  it('kubelet: heartbeat: the Lease is renewed every 10 s with duration 40 s (FIDELITY.md §4.7)', () => {
    const n = nodeHarness({ seed: 1 })
    n.advance(1_000)
    const first = lease(n)
    expect(first.spec).toMatchObject({ holderIdentity: NODE, leaseDurationSeconds: 40 })
    expect(first.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Node', name: NODE, uid: node(n).metadata.uid },
    ])
    const renewals: number[] = []
    let last = first.spec.renewTime
    for (let t = 0; t < 60; t++) {
      n.advance(1_000)
      const now = lease(n).spec.renewTime
      if (now !== last) renewals.push(parseTimestamp(now!))
      last = now
    }
    expect(renewals.slice(1).map((t, i) => t - renewals[i]!)).toEqual([
      10_000, 10_000, 10_000, 10_000, 10_000,
    ])
  })

  it('kubelet: heartbeat: the node status is posted when it changes, and at least every 5 minutes (FIDELITY.md §4.7)', () => {
    const n = nodeHarness({ seed: 1 })
    n.advance(1_000)
    const heartbeat = (): string => node(n).status!.conditions![3]!.lastHeartbeatTime!
    const before = heartbeat()
    n.advance(290_000)
    expect(heartbeat()).toBe(before)
    n.advance(20_000)
    expect(parseTimestamp(heartbeat()) - parseTimestamp(before)).toBe(300_000)
  })
})

describe('kubelet: stopped', () => {
  it('kubelet: stop: no Lease renewals and no status, but containers keep running (FIDELITY.md §9.3)', () => {
    const n = nodeHarness({ seed: 1, images: NGINX })
    n.createPod(pod('web', 'nginx:latest', {}, { imagePullPolicy: 'IfNotPresent' }))
    n.advance(5_000)
    const containerID = n.getPod('web')!.status!.containerStatuses![0]!.containerID!
    n.kubelet.stop()
    const renewTime = lease(n).spec.renewTime
    n.advance(120_000)
    expect(lease(n).spec.renewTime).toBe(renewTime)
    expect(n.containerd.listContainers().map((c) => c.state)).toEqual(['CONTAINER_RUNNING'])
    expect(
      n.processes.list().some((p) => p.command === 'nginx: master process nginx -g daemon off;'),
    ).toBe(true)
    expect(n.processes.list().some((p) => p.command.startsWith('/usr/bin/kubelet'))).toBe(false)
    expect(n.containerd.http('10.244.1.2', { method: 'GET', path: '/', port: 80 })).toMatchObject({
      status: 200,
    })
    expect(() => n.kubelet.logs('default', 'web', 'web')).toThrow(
      `Get "https://${NODE_IP}:10250/containerLogs/default/web/web": dial tcp ${NODE_IP}:10250: connect: connection refused`,
    )
    n.kubelet.start()
    n.advance(5_000)
    expect(lease(n).spec.renewTime).not.toBe(renewTime)
    // The restarted kubelet adopts the running container: no new one, no restart.
    const status = n.getPod('web')!.status!.containerStatuses![0]!
    expect(status.containerID).toBe(containerID)
    expect(status.restartCount).toBe(0)
    expect(n.reasons('web').filter((r) => r === 'Started')).toHaveLength(1)
    expect(n.eventsOf(NODE).filter((e) => e.reason === 'Starting')).toHaveLength(2)
  })

  it('kubelet: stop: a pod deleted while the kubelet is away is stopped when it comes back', () => {
    const n = nodeHarness({ seed: 1, images: NGINX })
    n.createPod(pod('web', 'nginx:latest', {}, { imagePullPolicy: 'IfNotPresent' }))
    n.advance(5_000)
    n.kubelet.stop()
    n.client('kubectl').delete('pods', 'default', 'web', { gracePeriodSeconds: 0 })
    n.advance(10_000)
    expect(n.containerd.listContainers()).toHaveLength(1)
    n.kubelet.start()
    n.advance(10_000)
    expect(n.containerd.listContainers()).toEqual([])
    expect(n.releasedIPs).toEqual(['10.244.1.2'])
  })
})

describe('kubelet: containerd stopped', () => {
  it('containerd: stop: running containers survive, new pods fail, the node goes NotReady (FIDELITY.md §9.2, §9.4)', () => {
    const n = nodeHarness({ seed: 1, images: NGINX })
    n.createPod(pod('web', 'nginx:latest', {}, { imagePullPolicy: 'IfNotPresent' }))
    n.advance(5_000)
    const containerID = n.getPod('web')!.status!.containerStatuses![0]!.containerID!
    n.containerd.stop()
    const stoppedAt = n.clock.nowMs
    n.createPod(pod('late', 'nginx:latest', {}, { imagePullPolicy: 'IfNotPresent' }))
    n.advance(1_000)
    const failed = n.eventsOf('late').find((e) => e.reason === 'FailedCreatePodSandBox')!
    expect(failed.type).toBe('Warning')
    expect(failed.message).toBe(`Failed to create pod sandbox: ${RUNTIME_DOWN}`)
    expect(n.explain.latest('Pod default/late', 'FailedCreatePodSandBox')?.causedBy).toBe(
      `Component containerd-${NODE}`,
    )
    // The container runs on under its shim.
    expect(n.containerd.http('10.244.1.2', { method: 'GET', path: '/', port: 80 })).toMatchObject({
      status: 200,
    })
    expect(
      n.processes.list().some((p) => p.command.startsWith('/usr/bin/containerd-shim-runc-v2')),
    ).toBe(true)
    expect(n.processes.list().some((p) => p.command === '/usr/bin/containerd')).toBe(false)
    const notReadyAt = n.until(() => ready(n).status === 'False', 120_000, 1_000)
    expect(notReadyAt - stoppedAt).toBeGreaterThanOrEqual(30_000)
    expect(notReadyAt - stoppedAt).toBeLessThanOrEqual(46_000)
    expect(ready(n)).toMatchObject({
      reason: 'KubeletNotReady',
      message: 'container runtime is down',
    })
    expect(n.eventsOf(NODE).at(-1)!.message).toBe(`Node ${NODE} status is now: NodeNotReady`)
    expect(n.explain.latest(`Node ${NODE}`)).toMatchObject({
      code: 'KubeletNotReady',
      causedBy: `Component containerd-${NODE}`,
    })
    n.advance(200_000)
    expect(ready(n).message).toMatch(
      /^\[container runtime is down, PLEG is not healthy: pleg was last seen active 3m\d+(\.\d+)?s ago; threshold is 3m0s\]$/,
    )
    n.containerd.start()
    n.until(() => ready(n).status === 'True', 30_000, 1_000)
    expect(n.eventsOf(NODE).at(-1)!.message).toBe(`Node ${NODE} status is now: NodeReady`)
    n.until(() => n.getPod('late')!.status?.phase === 'Running', 30_000)
    const web = n.getPod('web')!.status!.containerStatuses![0]!
    expect(web.containerID).toBe(containerID)
    expect(web.restartCount).toBe(0)
  })

  it('containerd: restart: running containers survive through their shims', () => {
    const n = nodeHarness({ seed: 1, images: NGINX })
    n.createPod(pod('web', 'nginx:latest', {}, { imagePullPolicy: 'IfNotPresent' }))
    n.advance(5_000)
    const shim = n.containerd.shimPids()
    const before = n.containerd.listContainers()
    const oldPid = n.containerd.pid
    n.containerd.restart()
    expect(n.containerd.pid).not.toBe(oldPid)
    expect(n.containerd.shimPids()).toEqual(shim)
    expect(n.containerd.listContainers()).toEqual(before)
    n.advance(60_000)
    expect(n.reasons('web')).toEqual(['Pulled', 'Created', 'Started'])
    expect(ready(n).status).toBe('True')
  })

  it('containerd: restart: an exit that happened while containerd was down is reported when it comes back', () => {
    const n = nodeHarness({
      seed: 1,
      images: ['docker.io/library/busybox:latest', 'registry.k8s.io/pause:3.10'],
    })
    n.createPod(
      pod(
        'job',
        'busybox:latest',
        {},
        { imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', 'sleep 20; exit 4'] },
      ),
    )
    n.advance(5_000)
    n.containerd.stop()
    n.advance(40_000)
    // Nobody has been told: the API still shows the container running.
    expect(n.getPod('job')!.status!.containerStatuses![0]!.state.running).toBeDefined()
    n.containerd.start()
    n.advance(10_000)
    const status = n.getPod('job')!.status!.containerStatuses![0]!
    expect(status.restartCount).toBe(1)
    expect(status.lastState.terminated).toMatchObject({ exitCode: 4, reason: 'Error' })
  })

  it('kubelet: start: with containerd down the kubelet fails to start and systemd retries every 10 s', () => {
    const n = nodeHarness({ seed: 1, startKubelet: false })
    n.containerd.stop()
    n.kubelet.start()
    n.advance(25_000)
    const failures = n.kubeletLog.filter((l) => l.includes('"command failed"'))
    expect(failures).toHaveLength(3)
    expect(failures[0]).toContain(
      'err="failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///var/run/containerd/containerd.sock\\": rpc error: code = Unavailable',
    )
    n.containerd.start()
    n.advance(10_000)
    expect(ready(n).status).toBe('True')
  })
})

describe('kubelet: determinism', () => {
  it('kubelet: seed: the same seed gives the same container ids and timings', () => {
    const run = (seed: number): string[] => {
      const n = nodeHarness({ seed })
      n.createPod(pod('web', 'nginx'))
      n.createPod(pod('crash', 'kubelab/crash'))
      n.advance(120_000)
      return [
        ...n.events.map((e) => `${e.atMs} ${e.object} ${e.reason} ${e.message}`),
        ...n.containerd.listContainers().map((c) => c.id),
        ...n.processes.list().map((p) => `${p.pid} ${p.command}`),
      ]
    }
    expect(run(7)).toEqual(run(7))
    expect(run(7)).not.toEqual(run(8))
  })
})
