/**
 * kube-proxy in iptables mode: the rules it writes from Services and EndpointSlices, and what
 * happens to them when it stops (FIDELITY.md §8).
 */
import { describe, expect, it } from 'vitest'
import { buildServiceRules } from '../../../core/network/proxyRules'
import { chainHash } from '../../../core/network/hash'
import { kubernetesService } from '../../../core/kubeadm/addons'
import { netSim, MACHINES } from './netSim'

const WORKER_1 = { kind: 'machine', machine: 'worker-1' } as const

function webWithThreePods(seed = 1) {
  const t = netSim({ seed })
  t.service({ name: 'web', clusterIP: '10.96.0.12', nodePort: 30080 })
  t.pod('web-a', 'worker-1')
  t.pod('web-b', 'worker-2')
  t.pod('web-c', 'worker-2')
  t.slice('web', ['web-a', 'web-b', 'web-c'])
  t.settle()
  return t
}

describe('kube-proxy: chains', () => {
  it('kube-proxy: chains: names are base32(sha256) as on every real cluster', () => {
    // Seen in `iptables -t nat -L` of any kubeadm cluster: default/kubernetes:https and kube-dns.
    expect(`KUBE-SVC-${chainHash('default/kubernetes:httpstcp')}`).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y')
    expect(`KUBE-SVC-${chainHash('kube-system/kube-dns:dnsudp')}`).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU')
    expect(`KUBE-SVC-${chainHash('kube-system/kube-dns:dns-tcptcp')}`).toBe(
      'KUBE-SVC-ERIFXISQEP7F7OF4',
    )
    const kubernetes = {
      ...kubernetesService(),
      metadata: { ...kubernetesService().metadata, uid: 'u1', resourceVersion: '1' },
    }
    const built = buildServiceRules(kubernetes, [
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'kubernetes', namespace: 'default', resourceVersion: '2' },
        addressType: 'IPv4',
        endpoints: [{ addresses: ['192.168.56.11'], conditions: { ready: true } }],
        ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
      },
    ])
    expect(built.rules.natServices.map((r) => r.target)).toEqual(['KUBE-SVC-NPX46M4PTMTKRN6Y'])
  })

  it('kube-proxy: chains: iptables -t nat -L -n shows the chain structure kube-proxy writes', () => {
    const t = webWithThreePods()
    const nat = t.net.table('worker-1')!.render()!
    const svc = 'KUBE-SVC-CDGGSHYLG3RE2FKL'
    expect(nat).toContain(
      [
        'Chain KUBE-SERVICES (2 references)',
        'target     prot opt source               destination',
        `${svc}  tcp  --  0.0.0.0/0            10.96.0.12           /* default/web:http cluster IP */ tcp dpt:80`,
        'KUBE-NODEPORTS  all  --  0.0.0.0/0            0.0.0.0/0            /* kubernetes service nodeports; NOTE: this must be the last rule in this chain */ ADDRTYPE match dst-type LOCAL',
      ].join('\n'),
    )
    expect(nat).toContain(
      [
        `Chain ${svc} (2 references)`,
        'target     prot opt source               destination',
        `KUBE-MARK-MASQ  tcp  -- !10.32.0.0/12         10.96.0.12           /* default/web:http cluster IP */ tcp dpt:80`,
        'KUBE-SEP-CN3PYR7S4BJ3BUTC  all  --  0.0.0.0/0            0.0.0.0/0            /* default/web:http -> 10.40.0.1:80 */ statistic mode random probability 0.33333333349',
        'KUBE-SEP-HFYF6DTFP6P6TT2W  all  --  0.0.0.0/0            0.0.0.0/0            /* default/web:http -> 10.44.0.1:80 */ statistic mode random probability 0.50000000000',
        'KUBE-SEP-25UUI27P4BFXVLYE  all  --  0.0.0.0/0            0.0.0.0/0            /* default/web:http -> 10.44.0.2:80 */',
      ].join('\n'),
    )
    expect(nat).toContain(
      [
        'Chain KUBE-SEP-CN3PYR7S4BJ3BUTC (1 references)',
        'target     prot opt source               destination',
        'KUBE-MARK-MASQ  all  --  10.40.0.1            0.0.0.0/0            /* default/web:http */',
        'DNAT       tcp  --  0.0.0.0/0            0.0.0.0/0            /* default/web:http */ tcp to:10.40.0.1:80',
      ].join('\n'),
    )
    expect(nat).toContain(
      'KUBE-EXT-CDGGSHYLG3RE2FKL  tcp  --  0.0.0.0/0            0.0.0.0/0            /* default/web:http */ tcp dpt:30080',
    )
    expect(nat).toContain(
      'MARK       all  --  0.0.0.0/0            0.0.0.0/0            MARK or 0x4000',
    )
    expect(nat).toContain(
      'MASQUERADE  all  --  0.0.0.0/0            0.0.0.0/0            /* kubernetes service traffic requiring SNAT */ random-fully',
    )
    const chains = [...nat.matchAll(/^Chain (\S+)/gm)].map((m) => m[1])
    expect(chains.slice(0, 4)).toEqual(['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'])
    expect(chains.slice(4)).toEqual([...chains.slice(4)].sort())
  })

  it('kube-proxy: chains: one chain can be listed alone, an unknown one is not there', () => {
    const t = webWithThreePods()
    const table = t.net.table('worker-1')!
    expect(table.render({ chain: 'KUBE-NODEPORTS' })).toBe(
      [
        'Chain KUBE-NODEPORTS (1 references)',
        'target     prot opt source               destination',
        'KUBE-EXT-CDGGSHYLG3RE2FKL  tcp  --  0.0.0.0/0            0.0.0.0/0            /* default/web:http */ tcp dpt:30080',
        '',
      ].join('\n'),
    )
    expect(table.render({ chain: 'KUBE-NOPE' })).toBeUndefined()
  })

  it('kube-proxy: chains: a node where kube-proxy never ran has only empty built-in chains', () => {
    const t = netSim({ seed: 1 })
    t.proxies.get('worker-1')!.stop()
    t.net.table('worker-1')!.flush()
    expect(t.net.table('worker-1')!.render()).toBe(
      ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING']
        .map(
          (c) => `Chain ${c} (policy ACCEPT)\ntarget     prot opt source               destination`,
        )
        .join('\n\n')
        .concat('\n'),
    )
  })
})

describe('kube-proxy: endpoints', () => {
  it('kube-proxy: endpoints: only ready endpoints get rules (FIDELITY.md §8.3)', () => {
    const t = netSim({ seed: 1 })
    t.service({ name: 'web', clusterIP: '10.96.0.12' })
    t.pod('web-a', 'worker-1')
    t.pod('web-b', 'worker-2')
    t.pod('web-c', 'worker-2')
    t.slice('web', ['web-a', 'web-b', 'web-c'], { notReady: ['web-b'] })
    t.settle()
    const rendered = t.net.table('cp-1')!.render({ chain: 'KUBE-SVC-CDGGSHYLG3RE2FKL' })!
    expect(rendered).toContain(
      '/* default/web:http -> 10.40.0.1:80 */ statistic mode random probability 0.50000000000',
    )
    expect(rendered).toContain('/* default/web:http -> 10.44.0.2:80 */')
    expect(rendered).not.toContain('10.44.0.1')
  })

  it('kube-proxy: endpoints: with none ready, serving-and-terminating endpoints are used', () => {
    const built = buildServiceRules(
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'default', uid: 'x', resourceVersion: '9' },
        spec: { clusterIP: '10.96.0.12', ports: [{ port: 80, protocol: 'TCP' }] },
      },
      [
        {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: { name: 'web-1', resourceVersion: '10' },
          addressType: 'IPv4',
          endpoints: [
            {
              addresses: ['10.40.0.1'],
              conditions: { ready: false, serving: true, terminating: true },
            },
            {
              addresses: ['10.40.0.2'],
              conditions: { ready: false, serving: false, terminating: true },
            },
          ],
          ports: [{ port: 80, protocol: 'TCP' }],
        },
      ],
    )
    expect(built.ports).toEqual([
      { name: 'default/web', clusterIP: '10.96.0.12', port: 80, protocol: 'TCP', endpoints: 1 },
    ])
    expect(
      [...built.rules.chains.values()]
        .flat()
        .map((r) => r.toDestination)
        .filter(Boolean),
    ).toEqual(['10.40.0.1:80'])
  })

  it('kube-proxy: endpoints: no ready endpoint means a filter REJECT, and the ExplainLog says why', () => {
    const t = netSim({ seed: 1 })
    t.service({ name: 'empty', clusterIP: '10.96.0.13', nodePort: 30081 })
    t.settle()
    const filter = t.net.table('worker-2')!.render({ table: 'filter' })!
    expect(filter).toContain(
      'REJECT     tcp  --  0.0.0.0/0            10.96.0.13           /* default/empty:http has no endpoints */ tcp dpt:80 reject-with icmp-port-unreachable',
    )
    expect(filter).toContain(
      'REJECT     tcp  --  0.0.0.0/0            0.0.0.0/0            /* default/empty:http has no endpoints */ ADDRTYPE match dst-type LOCAL tcp dpt:30081 reject-with icmp-port-unreachable',
    )
    expect(t.net.table('worker-2')!.render()).not.toContain('default/empty')
    expect(t.h.explain.latest('Service default/empty', 'NoEndpoints')?.summary).toBe(
      'default/empty:http has no endpoints: kube-proxy on worker-2 rejects connections to 10.96.0.13:80 and NodePort 30081',
    )
    t.pod('empty-a', 'worker-1')
    t.slice('empty', ['empty-a'])
    t.settle()
    expect(t.h.explain.latest('Service default/empty')?.code).toBe('EndpointsAvailable')
  })
})

describe('kube-proxy: nodeport', () => {
  it('kube-proxy: nodeport: every node has the rule for the port', () => {
    const t = webWithThreePods()
    for (const m of MACHINES) {
      expect(t.net.table(m.name)!.render({ chain: 'KUBE-NODEPORTS' })).toContain('tcp dpt:30080')
    }
  })

  it('kube-proxy: nodeport: answers on every node IP, from the laptop and from a node', () => {
    const t = webWithThreePods()
    for (const m of MACHINES) {
      const fromLaptop = t.curl({ kind: 'outside' }, `http://${m.ip}:30080/`)
      expect(fromLaptop.exitCode).toBe(0)
      expect(fromLaptop.response?.body).toBe('<h1>Welcome to nginx!</h1>\n')
      expect(fromLaptop.hops[1]!.via).toMatch(
        /^iptables KUBE-SERVICES -> KUBE-NODEPORTS -> KUBE-EXT-/,
      )
      expect(t.curl(WORKER_1, `http://${m.ip}:30080/`).exitCode).toBe(0)
    }
    expect(t.curl(WORKER_1, 'http://localhost:30080/').exitCode).toBe(0)
  })
})

describe('kube-proxy: stopped', () => {
  it('kube-proxy: stopped: old rules keep answering, a new Service gets no rule, start resyncs (FIDELITY.md §8.2)', () => {
    const t = webWithThreePods()
    t.proxies.get('worker-1')!.stop()
    t.service({ name: 'api', clusterIP: '10.96.0.20' })
    t.pod('api-a', 'worker-2')
    t.slice('api', ['api-a'])
    t.settle()

    expect(t.curl(WORKER_1, 'http://10.96.0.12/').exitCode).toBe(0)
    const fresh = t.curl(WORKER_1, 'http://10.96.0.20/')
    expect(fresh.error).toBe(
      "curl: (28) Failed to connect to 10.96.0.20 port 80 after 130001 ms: Couldn't connect to server",
    )
    expect(fresh.elapsedMs).toBe(130_001)
    expect(fresh.hops.at(-1)?.detail).toContain('kube-proxy is stopped: its rules are stale')
    expect(t.curl(WORKER_1, 'http://10.96.0.20/', 5_000).error).toBe(
      'curl: (28) Connection timed out after 5001 milliseconds',
    )
    // The other nodes' kube-proxies did their job.
    expect(t.curl({ kind: 'machine', machine: 'worker-2' }, 'http://10.96.0.20/').exitCode).toBe(0)
    expect(t.h.explain.latest('Node worker-1', 'KubeProxyStopped')?.summary).toBe(
      'kube-proxy on worker-1 is stopped: the iptables rules stay as last synced and miss every Service and EndpointSlice change until it starts again',
    )
    expect(t.net.table('worker-1')!.stale).toBe(true)

    t.proxies.get('worker-1')!.start()
    t.settle()
    expect(t.net.table('worker-1')!.stale).toBe(false)
    expect(t.curl(WORKER_1, 'http://10.96.0.20/').exitCode).toBe(0)
  })

  it('kube-proxy: stopped: a Service deleted meanwhile keeps its old rules until the resync', () => {
    const t = webWithThreePods()
    t.proxies.get('worker-1')!.stop()
    t.h.client('test').delete('services', 'default', 'web')
    t.settle()
    expect(t.curl(WORKER_1, 'http://10.96.0.12/').exitCode).toBe(0)
    t.proxies.get('worker-1')!.start()
    t.settle()
    expect(t.net.table('worker-1')!.render()).not.toContain('default/web')
    expect(t.curl(WORKER_1, 'http://10.96.0.12/', 2_000).exitCode).toBe(28)
  })

  it('kube-proxy: startup: with the API server down, the rules are left alone until it answers', () => {
    const t = webWithThreePods()
    const proxy = t.proxies.get('worker-1')!
    proxy.stop()
    t.h.apiserverUp = false
    proxy.start()
    t.h.advance(5_000)
    expect(t.curl(WORKER_1, 'http://10.96.0.12/').exitCode).toBe(0)
    expect(t.net.table('worker-1')!.stale).toBe(true)
    t.h.apiserverUp = true
    t.h.advance(60_000)
    expect(t.net.table('worker-1')!.stale).toBe(false)
  })

  it('kube-proxy: startup: logs as kube-proxy does', () => {
    const t = netSim({ seed: 1 })
    const context = t.h.context('kube-proxy/worker-9', 'worker-1')
    const proxy = t.net.kubeProxy(context)
    proxy.start()
    t.settle()
    expect(context.logs[0]).toBe(
      'I0105 09:00:00.000000       1 server_linux.go:66] "Using iptables proxy"',
    )
    expect(context.logs).toContain(
      'I0105 09:00:00.000000       1 server.go:698] "Successfully retrieved node IP(s)" IPs=["192.168.56.21"]',
    )
    expect(context.logs.at(-1)).toBe(
      'I0105 09:00:00.000000       1 shared_informer.go:320] Caches are synced for endpoint slice config',
    )
  })
})
