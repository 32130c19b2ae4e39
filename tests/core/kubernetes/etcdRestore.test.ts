/**
 * Restoring etcd from a snapshot, end to end: what the learner types on cp-1 (etcdctl snapshot
 * save, snapshot restore, point etcd.yaml at the restored directory), and how the cluster
 * follows: the API server's watch cache lists again and ends its watches, every informer
 * relists, and the kubelets reconcile their nodes with the restored API.
 */
import { describe, expect, it } from 'vitest'
import { sim, type SimTest } from '../../support/sim'

const TLS =
  '--endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key'

const STATIC_WEB =
  "printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: static-web\\n  namespace: default\\nspec:\\n  containers:\\n  - name: web\\n    image: nginx\\n' > /etc/kubernetes/manifests/static-web.yaml"

/** The nodes whose runtime runs a container of the pod, as `crictl ps` lists them there. */
function runningOn(t: SimTest, pod: string): string[] {
  return ['cp-1', 'worker-1', 'worker-2'].filter((node) =>
    t
      .sh(`ssh ${node} crictl ps`)
      .stdout.split('\n')
      .some((line) => line.includes(' Running ') && line.split(/\s+/).includes(pod)),
  )
}

function restoreSnapshot(t: SimTest): void {
  t.sh('ssh cp-1')
  t.sh('etcdctl snapshot restore /tmp/snap.db --data-dir /var/lib/etcd-restore')
  t.sh(
    "sed -i 's#path: /var/lib/etcd$#path: /var/lib/etcd-restore#' /etc/kubernetes/manifests/etcd.yaml",
  )
  t.sh('exit')
}

describe('etcd: restore', () => {
  it('etcd: restore: kubelets re-sync: a pod created after the snapshot is killed on its node, one deleted after it runs again, and a mirror pod created after it comes back', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run old --image=nginx')
    t.sh('sleep 30s')
    t.sh(`ssh cp-1 etcdctl ${TLS} snapshot save /tmp/snap.db`)
    t.sh('kubectl delete pod old')
    t.sh('kubectl run new --image=nginx')
    t.sh('ssh worker-1')
    t.sh(STATIC_WEB)
    t.sh('exit')
    t.sh('sleep 30s')
    expect(runningOn(t, 'old')).toEqual([])
    expect(runningOn(t, 'new')).toHaveLength(1)
    expect(t.sh('kubectl get pod static-web-worker-1 -o name').stdout).toBe(
      'pod/static-web-worker-1\n',
    )

    restoreSnapshot(t)
    expect(t.sh('kubectl get pod static-web-worker-1').stderr).toBe(
      'Error from server (NotFound): pods "static-web-worker-1" not found\n',
    )
    t.sh('sleep 60s')

    expect(runningOn(t, 'new')).toEqual([])
    expect(runningOn(t, 'old')).toHaveLength(1)
    expect(
      t.sh('kubectl get pods -o custom-columns=NAME:.metadata.name,PHASE:.status.phase').stdout,
    ).toBe(
      'NAME                  PHASE\nold                   Running\nstatic-web-worker-1   Running\n',
    )
  })

  it('etcd: restore: informers take the older copies: a Deployment scaled after the snapshot goes back to its replicas, and a pod snapshotted while starting reports Running again', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx')
    t.sh('sleep 30s')
    t.sh('kubectl run late --image=nginx')
    t.sh('sleep 2s')
    const late = 'kubectl get pod late -o jsonpath={.spec.nodeName}/{.status.phase}'
    const node = t.sh(late).stdout.split('/')[0]!
    expect(t.sh(late).stdout).toBe(`${node}/Pending`)
    expect(node).toMatch(/^worker-/)
    t.sh(`ssh cp-1 etcdctl ${TLS} snapshot save /tmp/snap.db`)
    t.sh('kubectl scale deployment web --replicas=3')
    t.sh('sleep 30s')
    expect(t.sh('kubectl get deployment web').stdout).toContain('web    3/3     3            3')

    restoreSnapshot(t)
    expect(t.sh(late).stdout).toBe(`${node}/Pending`)
    t.sh('sleep 60s')

    expect(t.sh('kubectl get deployment web').stdout).toContain('web    1/1     1            1')
    expect(t.sh('kubectl get pods -l app=web -o name').stdout.split('\n')).toHaveLength(2)
    expect(t.sh(late).stdout).toBe(`${node}/Running`)
  })

  it('etcd: restore: objects keep their resourceVersions while the revision moves past every one clients saw', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create configmap kept --from-literal=a=1')
    const kept = t.stored('/registry/configmaps/default/kept')[0]!.metadata.resourceVersion
    t.sh(`ssh cp-1 etcdctl ${TLS} snapshot save /tmp/snap.db`)
    t.sh('kubectl delete configmap kept')
    const before = t.kube.etcd.kv.revision

    restoreSnapshot(t)

    expect(t.stored('/registry/configmaps/default/kept')[0]!.metadata.resourceVersion).toBe(kept)
    expect(t.kube.etcd.kv.revision).toBeGreaterThan(before)
    t.sh('sleep 60s')
    t.sh('kubectl create configmap later --from-literal=b=2')
    const later = t.stored('/registry/configmaps/default/later')[0]!
    expect(Number(later.metadata.resourceVersion)).toBeGreaterThan(before)
  })
})
