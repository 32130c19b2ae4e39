/**
 * Cluster DNS: CoreDNS's answers, the pod resolver's search path, and names resolved through
 * the kube-dns Service, which is only as healthy as CoreDNS and the rules that lead to it.
 */
import { describe, expect, it } from 'vitest'
import { COREDNS_IMAGE } from '../../../core/kubeadm/addons'
import { answer, coreDnsPrograms, podSearchPath, queryNames } from '../../../core/network/dns'
import { netSim, programContext } from './netSim'

const lookup = (namespace: string, name: string): string[] | undefined =>
  namespace === 'default' && name === 'web' ? ['10.96.0.12'] : undefined

function webAndDns(seed = 1) {
  const t = netSim({ seed })
  t.service({ name: 'web', clusterIP: '10.96.0.12' })
  t.pod('web-a', 'worker-1')
  t.slice('web', ['web-a'])
  t.coreDns('worker-2')
  t.pod('client-a', 'worker-1')
  t.settle()
  return t
}

describe('dns: names', () => {
  it('dns: a pod asks its namespace first, then svc, cluster.local, then the name (ndots:5)', () => {
    expect(podSearchPath('shop')).toEqual([
      'shop.svc.cluster.local',
      'svc.cluster.local',
      'cluster.local',
    ])
    expect(queryNames('web', podSearchPath('shop'))).toEqual([
      'web.shop.svc.cluster.local',
      'web.svc.cluster.local',
      'web.cluster.local',
      'web',
    ])
    expect(queryNames('web.default.svc.cluster.local.', podSearchPath('shop'))).toEqual([
      'web.default.svc.cluster.local',
    ])
  })

  it('dns: CoreDNS answers <svc>.<ns>.svc.cluster.local, NXDOMAIN for the rest of the zone', () => {
    expect(answer(lookup, 'web.default.svc.cluster.local')).toEqual({
      rcode: 'NOERROR',
      addresses: ['10.96.0.12'],
    })
    expect(answer(lookup, 'WEB.default.svc.cluster.local.').rcode).toBe('NOERROR')
    expect(answer(lookup, 'web.shop.svc.cluster.local').rcode).toBe('NXDOMAIN')
    expect(answer(lookup, 'web.cluster.local').rcode).toBe('NXDOMAIN')
    expect(answer(lookup, 'example.com').rcode).toBe('SERVFAIL')
  })
})

describe('dns: CoreDNS program', () => {
  it('dns: CoreDNS prints its banner and serves /health and /ready', () => {
    const t = netSim({ seed: 1 })
    const logs: string[] = []
    const program = coreDnsPrograms(lookup)(COREDNS_IMAGE)!
    expect(coreDnsPrograms(lookup)('nginx:1.27')).toBeUndefined()
    const running = program.start(programContext(t, 'worker-1', logs))
    expect(logs).toEqual(['.:53', 'CoreDNS-1.11.3', 'linux/amd64, go1.21.11, a6338e9'])
    expect(running.http!({ method: 'GET', path: '/health', port: 8080 })).toEqual({
      status: 200,
      body: 'OK',
    })
    expect(running.http!({ method: 'GET', path: '/ready', port: 8181 })).toEqual({
      status: 200,
      body: 'OK',
    })
    expect(running.listening!()).toEqual([53, 8080, 8181, 9153])
  })

  it('dns: on SIGTERM CoreDNS goes lame-duck for 5 s, then exits 0', () => {
    const t = netSim({ seed: 1 })
    const logs: string[] = []
    const exits: number[] = []
    const running = coreDnsPrograms(lookup)(COREDNS_IMAGE)!.start(
      programContext(t, 'worker-1', logs, exits),
    )
    running.signal('SIGTERM')
    expect(logs.slice(3)).toEqual([
      '[INFO] SIGTERM: Shutting down servers then terminating',
      '[INFO] plugin/health: Going into lameduck mode for 5s',
    ])
    t.h.advance(4_999)
    expect(exits).toEqual([])
    t.h.advance(1)
    expect(exits).toEqual([0])
  })
})

describe('dns: through kube-dns', () => {
  it('dns: a pod resolves a Service name through kube-dns and a CoreDNS pod', () => {
    const t = webAndDns()
    for (const name of ['web', 'web.default', 'web.default.svc.cluster.local']) {
      const result = t.curl(t.fromPod('client-a'), `http://${name}/`)
      expect(result.exitCode, name).toBe(0)
      expect(result.response?.headers?.['x-pod']).toBe('web-a')
    }
    const hops = t.curl(t.fromPod('client-a'), 'http://web/').hops
    expect(hops[0]).toMatchObject({ port: 53, protocol: 'UDP', outcome: 'ok' })
    expect(hops[0]!.via).toMatch(
      /^iptables KUBE-SERVICES -> KUBE-SVC-TCOU7JCQXEZGVUNU -> KUBE-SEP-/,
    )
    expect(hops[1]).toMatchObject({
      to: { machine: 'worker-2', pod: { namespace: 'kube-system', name: 'coredns-abc' } },
      via: 'weave fastdp',
    })
  })

  it("dns: the search path is the pod's own namespace", () => {
    const t = webAndDns()
    t.h.client('test').create('namespaces', undefined, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop' },
    })
    t.pod('other-a', 'worker-1', { namespace: 'shop' })
    expect(t.curl(t.fromPod('other-a'), 'http://web/').error).toBe(
      'curl: (6) Could not resolve host: web',
    )
    expect(t.curl(t.fromPod('other-a'), 'http://web.default/').exitCode).toBe(0)
  })

  it('dns: a node uses its own resolver: Service names fail, machine names work (/etc/hosts)', () => {
    const t = webAndDns()
    const worker1 = { kind: 'machine', machine: 'worker-1' } as const
    expect(t.curl(worker1, 'http://web/')).toMatchObject({
      error: 'curl: (6) Could not resolve host: web',
      exitCode: 6,
      elapsedMs: 0,
    })
    t.hostListeners.set('worker-2:10250', { http: () => ({ status: 401, body: 'Unauthorized' }) })
    expect(t.curl(worker1, 'http://worker-2:10250/pods').response?.status).toBe(401)
  })

  it('dns: with no CoreDNS endpoint, kube-proxy rejects the query and curl gives up at once', () => {
    const t = webAndDns()
    t.slice('kube-dns', ['coredns-abc'], {
      namespace: 'kube-system',
      notReady: ['coredns-abc'],
      ports: [{ name: 'dns', port: 53, protocol: 'UDP' }],
    })
    t.settle()
    const result = t.curl(t.fromPod('client-a'), 'http://web/')
    expect(result).toMatchObject({ error: 'curl: (6) Could not resolve host: web', elapsedMs: 0 })
    expect(result.hops[0]).toMatchObject({
      outcome: 'rejected',
      detail: 'REJECT: kube-system/kube-dns:dns has no endpoints',
    })
  })

  it('dns: with the CoreDNS process gone, the query is refused', () => {
    const t = webAndDns()
    t.pods.get('coredns-abc')!.program = undefined
    expect(t.curl(t.fromPod('client-a'), 'http://web/').error).toBe(
      'curl: (6) Could not resolve host: web',
    )
  })

  it('dns: when Weave cannot reach CoreDNS, resolving times out after 10 s (or -m)', () => {
    const t = webAndDns()
    t.net.weave.router('worker-2').stop()
    expect(t.curl(t.fromPod('client-a'), 'http://web/')).toMatchObject({
      error: 'curl: (6) Could not resolve host: web',
      exitCode: 6,
      elapsedMs: 10_000,
    })
    expect(t.curl(t.fromPod('client-a'), 'http://web/', 5_000)).toMatchObject({
      error: 'curl: (28) Resolving timed out after 5001 milliseconds',
      exitCode: 28,
      elapsedMs: 5_001,
    })
  })
})
