import { describe, expect, it } from 'vitest'
import { sim } from '../../support/sim'

describe('node tools: curl, ip, iptables', () => {
  it('curl: the API server answers /livez over TLS with -k, and refuses to verify without', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('curl -k https://192.168.56.11:6443/livez')).toMatchObject({
      stdout: 'ok',
      exitCode: 0,
    })
    const unverified = t.sh('curl https://192.168.56.11:6443/livez')
    expect(unverified.exitCode).toBe(60)
    expect(unverified.stderr.split('\n')[0]).toBe(
      'curl: (60) SSL certificate problem: unable to get local issuer certificate',
    )
  })

  it('curl: readyz?verbose reports etcd as the API server sees it', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh cp-1')
    expect(t.sh('curl -k https://127.0.0.1:6443/readyz?verbose').stdout).toContain('[+]etcd ok\n')
    t.kube.nodes.get('cp-1')!.staticPods.remove('etcd.yaml')
    t.sh('sleep 40s')
    const result = t.sh('curl -k https://127.0.0.1:6443/readyz?verbose')
    expect(result.stdout).toContain('[-]etcd failed: reason withheld\n')
    expect(result.stdout).toMatch(/readyz check failed\n?$/)
  })

  it("curl: a dropped connection takes virtual time and ends with curl's own error", () => {
    const t = sim({ seed: 1 })
    t.sh('ssh worker-1')
    const before = t.nowMs
    const result = t.sh('curl -m 3 http://10.99.99.99')
    expect(result).toMatchObject({
      stderr: 'curl: (28) Connection timed out after 3001 milliseconds\n',
      exitCode: 28,
    })
    expect(t.nowMs - before).toBe(3001)
    expect(t.sh('curl http://127.0.0.1:10248/healthz').stdout).toBe('ok')
    t.sh('systemctl stop kubelet')
    expect(t.sh('curl -s http://127.0.0.1:10248/healthz').exitCode).toBe(7)
    expect(t.sh('curl http://127.0.0.1:10248/healthz').stderr).toBe(
      "curl: (7) Failed to connect to 127.0.0.1 port 10248 after 0 ms: Couldn't connect to server\n",
    )
  })

  it('ip: addr shows the node IP on enp0s8 and the weave bridge', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh worker-1')
    const out = t.sh('ip a').stdout
    expect(out).toContain('    inet 192.168.56.21/24 brd 192.168.56.255 scope global enp0s8\n')
    expect(out).toMatch(/inet 10\.\d+\.\d+\.\d+\/12 brd 10\.47\.255\.255 scope global weave/)
    expect(t.sh('ip r').stdout).toContain(
      '192.168.56.0/24 dev enp0s8 proto kernel scope link src 192.168.56.21 \n',
    )
    expect(t.sh('ip foo')).toMatchObject({
      stderr: 'Object "foo" is unknown, try "ip help".\n',
      exitCode: 255,
    })
  })

  it('iptables: -S prints kube-proxy rules as iptables-save does', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh worker-1')
    const rules = t.sh('iptables -t nat -S').stdout
    expect(rules).toContain(
      '-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU\n',
    )
    expect(rules).toContain('-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000\n')
    expect(t.sh('iptables -t nat -L KUBE-SERVICES').stdout).toContain(
      'anywhere             10.96.0.10           /* kube-system/kube-dns:dns cluster IP */ udp dpt:domain',
    )
  })
})
