/**
 * curl through the simulated network: which endpoint answers, and curl's own words when nothing
 * does (refused at once, unreachable after ARP gives up, dropped until the SYN retries end).
 */
import { describe, expect, it } from 'vitest'
import { netSim, type NetSim } from './netSim'

const WORKER_1 = { kind: 'machine', machine: 'worker-1' } as const

function web(seed: number): NetSim {
  const t = netSim({ seed })
  t.service({ name: 'web', clusterIP: '10.96.0.12', nodePort: 30080 })
  t.pod('web-a', 'worker-1')
  t.pod('web-b', 'worker-2')
  t.pod('web-c', 'worker-2')
  t.pod('web-d', 'cp-1')
  t.slice('web', ['web-a', 'web-b', 'web-c', 'web-d'], { notReady: ['web-c'] })
  t.settle()
  return t
}

function answers(t: NetSim, count: number): string[] {
  return Array.from({ length: count }, () => {
    const result = t.curl(WORKER_1, 'http://10.96.0.12/')
    return result.response?.headers?.['x-pod'] ?? result.error ?? '?'
  })
}

describe('tracer: clusterIP', () => {
  it('tracer: clusterIP: the statistic rules spread connections over the ready endpoints only', () => {
    const counts = new Map<string, number>()
    for (const pod of answers(web(11), 600)) counts.set(pod, (counts.get(pod) ?? 0) + 1)
    expect([...counts.keys()].sort()).toEqual(['web-a', 'web-b', 'web-d'])
    for (const n of counts.values()) expect(n).toBeGreaterThan(150)
  })

  it('tracer: clusterIP: the same seed makes the same endpoint choices', () => {
    const first = answers(web(5), 40)
    expect(answers(web(5), 40)).toEqual(first)
    expect(answers(web(6), 40)).not.toEqual(first)
  })

  it('tracer: clusterIP: a pod reaches a Service on another node through iptables then Weave', () => {
    const t = web(1)
    t.pod('client-a', 'worker-1')
    const result = t.curl(t.fromPod('client-a'), 'http://10.96.0.12/')
    expect(result.exitCode).toBe(0)
    expect(result.hops[0]).toMatchObject({
      from: { machine: 'worker-1', pod: { namespace: 'default', name: 'client-a' } },
      to: { machine: 'worker-1', ip: '192.168.56.21' },
      via: expect.stringMatching(
        /^iptables KUBE-SERVICES -> KUBE-SVC-CDGGSHYLG3RE2FKL -> KUBE-SEP-/,
      ),
      outcome: 'ok',
    })
  })
})

describe('tracer: refused', () => {
  it('tracer: refused: a Service without endpoints is REJECTed at once', () => {
    const t = netSim({ seed: 1 })
    t.service({ name: 'empty', clusterIP: '10.96.0.13', nodePort: 30081 })
    t.settle()
    expect(t.curl(WORKER_1, 'http://10.96.0.13/')).toMatchObject({
      error:
        "curl: (7) Failed to connect to 10.96.0.13 port 80 after 0 ms: Couldn't connect to server",
      exitCode: 7,
      elapsedMs: 0,
    })
    expect(t.curl({ kind: 'outside' }, 'http://192.168.56.22:30081/').error).toBe(
      "curl: (7) Failed to connect to 192.168.56.22 port 30081 after 0 ms: Couldn't connect to server",
    )
  })

  it('tracer: refused: nothing listening on a pod port or a node port', () => {
    const t = web(1)
    expect(t.curl(WORKER_1, 'http://10.40.0.1:8080/').error).toBe(
      "curl: (7) Failed to connect to 10.40.0.1 port 8080 after 0 ms: Couldn't connect to server",
    )
    expect(t.curl(WORKER_1, 'http://192.168.56.22:9999/').exitCode).toBe(7)
    t.pods.get('web-a')!.program = undefined
    expect(t.curl(WORKER_1, 'http://10.40.0.1/').hops.at(-1)).toMatchObject({
      outcome: 'refused',
      detail: 'default/web-a: no container process runs',
    })
  })

  it('tracer: refused: a listener that closes without answering is an empty reply', () => {
    const t = web(1)
    t.hostListeners.set('worker-2:10256', {})
    expect(t.curl(WORKER_1, 'http://192.168.56.22:10256/healthz')).toMatchObject({
      error: 'curl: (52) Empty reply from server',
      exitCode: 52,
    })
  })
})

describe('tracer: dropped', () => {
  it('tracer: dropped: a pod on a powered-off node times out; the node itself is unreachable', () => {
    const t = web(1)
    t.net.powerOff('worker-2')
    expect(t.curl(WORKER_1, 'http://10.44.0.1/')).toMatchObject({
      error:
        "curl: (28) Failed to connect to 10.44.0.1 port 80 after 130001 ms: Couldn't connect to server",
      elapsedMs: 130_001,
    })
    expect(t.curl(WORKER_1, 'http://192.168.56.22:30080/')).toMatchObject({
      error:
        "curl: (7) Failed to connect to 192.168.56.22 port 30080 after 3070 ms: Couldn't connect to server",
      exitCode: 7,
      elapsedMs: 3_070,
    })
    expect(t.net.table('worker-2')!.hasKubeChains).toBe(false)
  })

  it('tracer: dropped: a blocked NodePort times out, -m ends it sooner', () => {
    const t = web(1)
    t.net.fabric.blockPort('worker-2', 30080, 'TCP')
    expect(t.curl({ kind: 'outside' }, 'http://192.168.56.22:30080/', 3_000)).toMatchObject({
      error: 'curl: (28) Connection timed out after 3001 milliseconds',
      elapsedMs: 3_001,
    })
    expect(t.curl({ kind: 'outside' }, 'http://192.168.56.21:30080/').exitCode).toBe(0)
  })

  it('tracer: dropped: the laptop has no route to ClusterIPs or pod IPs', () => {
    const t = web(1)
    const result = t.curl({ kind: 'outside' }, 'http://10.96.0.12/', 1_000)
    expect(result.error).toBe('curl: (28) Connection timed out after 1001 milliseconds')
    expect(result.hops).toEqual([
      {
        from: { machine: 'outside', ip: '192.168.56.1' },
        to: { machine: 'outside', ip: '10.96.0.12' },
        port: 80,
        protocol: 'TCP',
        via: 'default route',
        outcome: 'dropped',
        detail: 'the laptop has no route to 10.96.0.12: only node IPs are reachable from outside',
      },
    ])
  })
})

describe('tracer: local', () => {
  it('tracer: local: localhost is the pod itself inside a pod, the node on a node', () => {
    const t = web(1)
    expect(t.curl(t.fromPod('web-a'), 'http://localhost/').response?.headers?.['x-pod']).toBe(
      'web-a',
    )
    t.hostListeners.set('worker-1:10248', { http: () => ({ status: 200, body: 'ok' }) })
    expect(t.curl(WORKER_1, 'http://127.0.0.1:10248/healthz').response).toEqual({
      status: 200,
      body: 'ok',
    })
    expect(t.curl(t.fromPod('web-a'), 'http://127.0.0.1:10248/healthz').exitCode).toBe(7)
  })
})

describe('tracer: urls', () => {
  it('tracer: urls: curl rejects what it cannot parse or speak', () => {
    const t = web(1)
    expect(t.tracer.trace({ from: WORKER_1, url: 'ftp://x/' })).toMatchObject({
      error: 'curl: (1) Protocol "ftp" not supported',
      exitCode: 1,
      hops: [],
    })
    expect(t.tracer.trace({ from: WORKER_1, url: 'http://x:99999/' })).toMatchObject({
      error: 'curl: (3) URL using bad/illegal format or missing URL',
      exitCode: 3,
    })
  })

  it('tracer: urls: a bare host:port is http', () => {
    const t = web(1)
    expect(t.curl(WORKER_1, '192.168.56.21:30080').response?.status).toBe(200)
  })
})
