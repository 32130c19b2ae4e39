/**
 * Weave Net: the fabric it runs on, how it shares 10.32.0.0/12, and the links between its
 * routers (FIDELITY.md §1.11: TCP 6783 control, UDP 6783/6784 data).
 */
import { describe, expect, it } from 'vitest'
import { Fabric } from '../../../core/network/fabric'
import { WeaveNet } from '../../../core/network/weave'
import { WeaveIpam } from '../../../core/network/weaveIpam'
import { WEAVE_IMAGE, WEAVE_NPC_IMAGE } from '../../../core/kubeadm/addons'
import { MACHINES, netSim, programContext } from './netSim'

function mesh(options: { controlNeedsBothDials?: boolean } = {}) {
  const fabric = new Fabric(MACHINES)
  const weave = new WeaveNet(
    fabric,
    MACHINES.map((m) => m.name),
    options,
  )
  for (const m of MACHINES) weave.router(m.name).start()
  return { fabric, weave }
}

describe('weave: fabric', () => {
  it('weave: fabric: a blocked port drops inbound packets to that machine only', () => {
    const fabric = new Fabric(MACHINES)
    fabric.blockPort('worker-2', 6783, 'TCP')
    expect(fabric.reachable('worker-1', 'worker-2', 6783, 'TCP')).toBe(false)
    expect(fabric.reachable('worker-2', 'worker-1', 6783, 'TCP')).toBe(true)
    expect(fabric.reachable('worker-1', 'worker-2', 6783, 'UDP')).toBe(true)
    expect(fabric.reachable('worker-2', 'worker-2', 6783, 'TCP')).toBe(true)
    expect(fabric.whyUnreachable('worker-1', 'worker-2', 6783, 'TCP')).toEqual({
      kind: 'port-blocked',
      machine: 'worker-2',
      port: 6783,
      protocol: 'TCP',
    })
    fabric.unblockPort('worker-2', 6783, 'TCP')
    expect(fabric.reachable('worker-1', 'worker-2', 6783, 'TCP')).toBe(true)
  })

  it('weave: fabric: power and partitions cut a machine off, the laptop included', () => {
    const fabric = new Fabric(MACHINES)
    fabric.powerOff('worker-1')
    expect(fabric.reachable('cp-1', 'worker-1', 10250, 'TCP')).toBe(false)
    expect(fabric.reachable('outside', 'worker-1', 30080, 'TCP')).toBe(false)
    fabric.powerOn('worker-1')
    fabric.partition('worker-2', 'control-plane')
    expect(fabric.reachable('worker-2', 'cp-1', 6443, 'TCP')).toBe(false)
    expect(fabric.reachable('cp-1', 'worker-2', 10250, 'TCP')).toBe(false)
    expect(fabric.reachable('worker-1', 'worker-2', 6783, 'TCP')).toBe(true)
    expect(fabric.reachable('outside', 'worker-2', 30080, 'TCP')).toBe(true)
    fabric.partition('worker-2', 'all')
    expect(fabric.reachable('worker-1', 'worker-2', 6783, 'TCP')).toBe(false)
    expect(fabric.reachable('outside', 'worker-2', 30080, 'TCP')).toBe(false)
    fabric.heal('worker-2')
    expect(fabric.reachable('cp-1', 'worker-2', 10250, 'TCP')).toBe(true)
  })
})

describe('weave: ipam', () => {
  it('weave: ipam: the peers share 10.32.0.0/12 as ClaimForPeers splits it', () => {
    const ipam = new WeaveIpam(['cp-1', 'worker-1', 'worker-2'])
    expect(ipam.ranges('cp-1')).toEqual(['10.32.0.0-10.39.255.255'])
    expect(ipam.ranges('worker-1')).toEqual(['10.40.0.0-10.43.255.255'])
    expect(ipam.ranges('worker-2')).toEqual(['10.44.0.0-10.47.255.255'])
    // The weave bridge takes each share's first usable address; 10.32.0.0 is never handed out.
    expect(['cp-1', 'worker-1', 'worker-2'].map((p) => ipam.bridgeIP(p))).toEqual([
      '10.32.0.1',
      '10.40.0.0',
      '10.44.0.0',
    ])
    const worker2 = ipam.allocator('worker-2')
    expect([worker2.allocate(), worker2.allocate(), ipam.allocator('cp-1').allocate()]).toEqual([
      '10.44.0.1',
      '10.44.0.2',
      '10.32.0.2',
    ])
    worker2.release('10.44.0.1')
    expect(worker2.allocate()).toBe('10.44.0.1')
    expect(ipam.ownerOf('10.44.0.2')).toBe('worker-2')
    expect(ipam.ownerOf('10.96.0.1')).toBeUndefined()
  })

  it('weave: ipam: a peer that joins later gets half of the biggest free range', () => {
    const ipam = new WeaveIpam(['cp-1', 'worker-1', 'worker-2'])
    ipam.addPeer('worker-3')
    // cp-1 has the most free addresses, [10.32.0.2, 10.40.0.0): it gives the upper half, rounded up.
    expect(ipam.ranges('cp-1')).toEqual(['10.32.0.0-10.36.0.0'])
    expect(ipam.ranges('worker-3')).toEqual(['10.36.0.1-10.39.255.255'])
    expect(ipam.bridgeIP('worker-3')).toBe('10.36.0.1')
    expect(ipam.allocator('worker-3').allocate()).toBe('10.36.0.2')
  })

  it('weave: ipam: 5,000 peers each get a share of their own', () => {
    const peers = Array.from({ length: 5000 }, (_, i) => `worker-${i + 1}`)
    const ipam = new WeaveIpam(peers)
    const first = new Set(peers.map((p) => ipam.allocator(p).allocate()))
    expect(first.size).toBe(5000)
    expect(ipam.freeAddresses('worker-5000')).toBeGreaterThan(100)
  })
})

describe('weave: connections', () => {
  it('weave: connections: routers that both run are linked over fastdp', () => {
    const { weave } = mesh()
    expect(weave.connection('worker-1', 'worker-2')).toEqual({
      peer: 'worker-2',
      state: 'established',
      dataPath: 'fastdp',
    })
    expect(weave.connectionsOf('cp-1').map((c) => c.state)).toEqual(['established', 'established'])
  })

  it('weave: connections: failures read as Weave reports its dials', () => {
    const { fabric, weave } = mesh()
    weave.router('worker-2').stop()
    expect(weave.connection('worker-1', 'worker-2')).toEqual({
      peer: 'worker-2',
      state: 'failed',
      reason: 'dial tcp4 :0->192.168.56.22:6783: connect: connection refused',
    })
    expect(weave.connection('worker-2', 'worker-1')).toEqual({
      peer: 'worker-1',
      state: 'failed',
      reason: 'weave router on worker-2 is not running',
    })
    weave.router('worker-2').start()
    fabric.blockPort('worker-2', 6783, 'TCP')
    expect(weave.connection('worker-1', 'worker-2')).toMatchObject({
      state: 'failed',
      reason: 'dial tcp4 :0->192.168.56.22:6783: i/o timeout',
    })
    // From worker-2's side its own dial works; the lab still needs both (weave.ts invariant 3).
    expect(weave.connection('worker-2', 'worker-1')).toMatchObject({ state: 'failed' })
    expect(weave.connection('cp-1', 'worker-1').state).toBe('established')
    fabric.unblockPort('worker-2', 6783, 'TCP')
    fabric.powerOff('worker-2')
    expect(weave.connection('worker-1', 'worker-2')).toMatchObject({
      reason: 'dial tcp4 :0->192.168.56.22:6783: connect: no route to host',
    })
  })

  it("weave: connections: with Weave's own rule one working dial is enough", () => {
    const { fabric, weave } = mesh({ controlNeedsBothDials: false })
    fabric.blockPort('worker-2', 6783, 'TCP')
    expect(weave.connection('worker-1', 'worker-2').state).toBe('established')
  })

  it('weave: connections: without UDP 6784 Weave falls back to sleeve; without UDP 6783 too, no data path', () => {
    const { fabric, weave } = mesh()
    fabric.blockPort('worker-2', 6784, 'UDP')
    expect(weave.connection('worker-1', 'worker-2')).toMatchObject({ dataPath: 'sleeve' })
    fabric.blockPort('worker-2', 6783, 'UDP')
    expect(weave.connection('worker-1', 'worker-2')).toEqual({
      peer: 'worker-2',
      state: 'failed',
      reason:
        'no working forwarders to worker-2: UDP 6784 (fastdp) and UDP 6783 (sleeve) are blocked',
    })
    expect(weave.podTraffic('worker-1', 'worker-2').ok).toBe(false)
    expect(weave.podTraffic('worker-2', 'worker-2')).toEqual({ ok: true })
  })
})

describe('weave: pod traffic', () => {
  function twoPodsOnWorker2AndOneOnWorker1() {
    const t = netSim({ seed: 3 })
    t.pod('client-a', 'worker-1')
    t.pod('web-b', 'worker-2')
    t.pod('client-b', 'worker-2')
    return t
  }

  it('weave: blocking TCP 6783 on worker-2 breaks worker-1 -> worker-2, not worker-2 -> worker-2', () => {
    const t = twoPodsOnWorker2AndOneOnWorker1()
    expect(t.curl(t.fromPod('client-a'), 'http://10.44.0.1/').exitCode).toBe(0)
    t.net.fabric.blockPort('worker-2', 6783, 'TCP')

    const across = t.curl(t.fromPod('client-a'), 'http://10.44.0.1/')
    expect(across.error).toBe(
      "curl: (28) Failed to connect to 10.44.0.1 port 80 after 130001 ms: Couldn't connect to server",
    )
    expect(across.exitCode).toBe(28)
    expect(across.hops.at(-1)).toMatchObject({
      via: 'weave',
      outcome: 'dropped',
      detail:
        'no weave connection worker-1 -> worker-2: dial tcp4 :0->192.168.56.22:6783: i/o timeout',
    })
    const within = t.curl(t.fromPod('client-b'), 'http://10.44.0.1/')
    expect(within.exitCode).toBe(0)
    expect(within.hops.at(-1)?.via).toBe('weave bridge')
    expect(t.curl({ kind: 'machine', machine: 'worker-1' }, 'http://10.44.0.1/', 5_000).error).toBe(
      'curl: (28) Connection timed out after 5001 milliseconds',
    )
  })

  it("weave: a stopped router cuts its machine's pods off from the other machines", () => {
    const t = twoPodsOnWorker2AndOneOnWorker1()
    t.net.weave.router('worker-2').stop()
    expect(t.curl(t.fromPod('client-a'), 'http://10.44.0.1/').exitCode).toBe(28)
    expect(t.curl(t.fromPod('client-b'), 'http://10.44.0.1/').exitCode).toBe(0)
    t.net.weave.router('worker-2').start()
    expect(t.curl(t.fromPod('client-a'), 'http://10.44.0.1/').exitCode).toBe(0)
  })
})

describe('weave: program', () => {
  it('weave: the weave container runs the router; SIGTERM stops it and the process exits 0', () => {
    const t = netSim({ seed: 1 })
    const router = t.net.weave.router('worker-2')
    router.stop()
    const programs = t.net.programs(() => undefined)
    expect(programs(WEAVE_NPC_IMAGE)).toBeDefined()
    const logs: string[] = []
    const exits: number[] = []
    const running = programs(WEAVE_IMAGE)!.start(programContext(t, 'worker-2', logs, exits))
    expect(router.running).toBe(true)
    expect(logs[0]).toBe('INFO: 2026/01/05 09:00:00.000000 weave  2.8.1')
    expect(running.http!({ method: 'GET', path: '/status', port: 6784 })!.body).toBe(
      '-> cp-1:6783  established fastdp\n-> worker-1:6783  established fastdp\n',
    )
    running.signal('SIGTERM')
    expect(router.running).toBe(false)
    expect(t.net.weave.podTraffic('worker-1', 'worker-2')).toEqual({
      ok: false,
      reason: 'weave router on worker-2 is not running',
    })
    t.settle()
    expect(exits).toEqual([0])
  })
})
