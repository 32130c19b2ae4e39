import { describe, expect, it } from 'vitest'
import { sim } from '../../support/sim'

const TLS =
  '--endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key'

describe('node tools: etcdctl and kubeadm', () => {
  it('etcdctl: without the TLS flags it waits 5 s and fails as against a TLS-only server', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh cp-1')
    const before = t.nowMs
    const result = t.sh('etcdctl member list')
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toMatch(
      /"error":"rpc error: code = DeadlineExceeded desc = .*error reading server preface: EOF.*"\}\nError: context deadline exceeded\n$/,
    )
    expect(t.nowMs - before).toBe(5000)
  })

  it('etcdctl: is installed on control-plane nodes only', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh worker-1')
    expect(t.sh('etcdctl version').stderr).toBe('bash: etcdctl: command not found\n')
  })

  it('etcdctl: member list with TLS prints the member', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh cp-1')
    const member = t.kube.etcd.members[0]!
    expect(t.sh(`etcdctl ${TLS} member list`).stdout).toBe(
      `${member.id.replace(/^0+/, '')}, started, cp-1, https://192.168.56.11:2380, https://192.168.56.11:2379, false\n`,
    )
  })

  it('etcdctl: del of a registry key removes the object the API server serves', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh cp-1')
    expect(t.sh(`etcdctl ${TLS} get /registry/namespaces/kube-public --keys-only`).stdout).toBe(
      '/registry/namespaces/kube-public\n\n',
    )
    expect(t.sh(`etcdctl ${TLS} del /registry/namespaces/kube-public`).stdout).toBe('1\n')
    expect(t.stored('/registry/namespaces/kube-public')).toHaveLength(0)
  })

  it('etcdctl: a snapshot restored and mounted by the etcd manifest brings the old keyspace back', () => {
    const t = sim({ seed: 1 })
    t.sh('ssh cp-1')
    expect(t.sh(`etcdctl ${TLS} snapshot save /tmp/snap.db`).stdout).toBe(
      'Snapshot saved at /tmp/snap.db\n',
    )
    t.sh(`etcdctl ${TLS} del /registry/namespaces/kube-public`)
    expect(t.stored('/registry/namespaces/kube-public')).toHaveLength(0)
    expect(
      t.sh('etcdctl snapshot restore /tmp/snap.db --data-dir /var/lib/etcd-restore').exitCode,
    ).toBe(0)
    const staticPods = t.kube.nodes.get('cp-1')!.staticPods
    // What the etcd docs and kubeadm guides say: point the etcd-data hostPath at the new dir.
    const pod = staticPods.get('etcd.yaml')!
    pod.spec.volumes!.find((v) => v.name === 'etcd-data')!.hostPath!.path = '/var/lib/etcd-restore'
    staticPods.add('etcd.yaml', pod)
    expect(t.stored('/registry/namespaces/kube-public')).toHaveLength(1)
  })

  it('etcdctl: endpoint health fails without quorum', () => {
    const t = sim({ seed: 1, cluster: { controlPlanes: 3, workers: 1 } })
    t.sh('ssh cp-1')
    expect(t.sh(`etcdctl ${TLS} endpoint health --cluster`).exitCode).toBe(0)
    t.kube.etcd.stop('cp-2')
    t.kube.etcd.stop('cp-3')
    t.advance('3s')
    const result = t.sh(`etcdctl ${TLS} endpoint health`)
    expect(result).toMatchObject({
      stderr:
        'https://127.0.0.1:2379 is unhealthy: failed to commit proposal: context deadline exceeded\nError: unhealthy cluster\n',
      exitCode: 1,
    })
  })

  it("kubeadm: certs check-expiration counts down from the cluster's creation", () => {
    const t = sim({ seed: 1 })
    t.sh('ssh cp-1')
    const out = t.sh('kubeadm certs check-expiration').stdout
    expect(out).toContain('apiserver                  Jan 05, 2027 08:50 UTC   364d            ca ')
    expect(out).toContain('ca                      Jan 03, 2036 08:50 UTC   9y ')
  })
})

describe('etcdctl endpoint status --cluster with a member down', () => {
  it('prints the members that answer and reports the other on stderr, with status 1', () => {
    const t = sim({ seed: 1, cluster: { controlPlanes: 3, workers: 1 } })
    t.sh('ssh cp-3 mv /etc/kubernetes/manifests/etcd.yaml /root/')
    t.sh('sleep 25s')
    t.sh('ssh cp-1')
    const result = t.sh(`etcdctl ${TLS} endpoint status --cluster`)
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(2)
    expect(result.stderr).toBe(
      'Failed to get the status of endpoint https://192.168.56.13:2379 (context deadline exceeded)\n',
    )
    expect(result.exitCode).toBe(1)
  })
})
