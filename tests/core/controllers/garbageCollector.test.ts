import { describe, expect, it } from 'vitest'
import type { ConfigMap, Deployment, Pod, ReplicaSet } from '../../../core/api/types'
import { deployment, kubeletRound, lab, pods, runPod, type Lab } from './support'

function replicaSets(h: Lab): ReplicaSet[] {
  return h.admin.list<ReplicaSet>('replicasets', 'default').items
}

function webWithPods(h: Lab, onNodes = false): { rs: ReplicaSet; pods: Pod[] } {
  h.admin.create('deployments', 'default', deployment('web', 2, 'nginx:1.27'))
  h.advance(0)
  if (onNodes) for (const pod of pods(h)) runPod(h, pod, 'worker-1')
  h.advance(1000)
  return { rs: replicaSets(h)[0]!, pods: pods(h) }
}

function orphanPod(name: string, ownerReferences: Pod['metadata']['ownerReferences']): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ownerReferences },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
  }
}

describe('garbage collector', () => {
  it('controllers: garbage-collector: deleting a Deployment (Background) takes its ReplicaSet and pods', () => {
    const h = lab(1)
    const { rs, pods: before } = webWithPods(h)
    h.admin.delete('deployments', 'default', 'web')
    h.advance(0)
    expect(replicaSets(h)).toEqual([])
    expect(pods(h)).toEqual([])
    const chain = h.explain.chain(`Pod default/${before[0]!.metadata.name}`)
    expect(chain.map((r) => [r.code, r.causedBy])).toEqual([
      ['GarbageCollected', `ReplicaSet default/${rs.metadata.name}`],
      ['GarbageCollected', 'Deployment default/web'],
    ])
    expect(chain[0]!.summary).toBe(
      `Pod ${before[0]!.metadata.name}: deleted by the garbage collector (propagationPolicy Background): its owner ReplicaSet default/${rs.metadata.name} no longer exists`,
    )
  })

  it('controllers: garbage-collector: --cascade=orphan keeps the ReplicaSet and pods, without the owner reference', () => {
    const h = lab(1)
    const { rs, pods: before } = webWithPods(h)
    h.admin.delete('deployments', 'default', 'web', { propagationPolicy: 'Orphan' })
    h.advance(0)
    expect(h.admin.find<Deployment>('deployments', 'default', 'web')).toBeUndefined()
    const [kept] = replicaSets(h)
    expect(kept!.metadata.uid).toBe(rs.metadata.uid)
    expect(kept!.metadata.ownerReferences).toEqual([])
    expect(pods(h).map((p) => p.metadata.uid)).toEqual(before.map((p) => p.metadata.uid))
    expect(h.explain.latest(`ReplicaSet default/${rs.metadata.name}`)).toMatchObject({
      code: 'Orphaned',
      causedBy: 'Deployment default/web',
    })
    // The orphaned ReplicaSet still keeps its replicas.
    h.admin.delete('pods', 'default', before[0]!.metadata.name!)
    h.advance(0)
    expect(pods(h)).toHaveLength(2)
  })

  it('controllers: garbage-collector: Foreground keeps the owners until their dependents are gone', () => {
    const h = lab(1)
    const { rs } = webWithPods(h, true)
    h.admin.delete('deployments', 'default', 'web', { propagationPolicy: 'Foreground' })
    h.advance(0)
    const d = h.admin.get<Deployment>('deployments', 'default', 'web')
    expect(d.metadata.finalizers).toEqual(['foregroundDeletion'])
    const waitingRS = h.admin.get<ReplicaSet>('replicasets', 'default', rs.metadata.name!)
    expect(waitingRS.metadata.finalizers).toEqual(['foregroundDeletion'])
    // The pods ran on a node: they are in their grace period.
    expect(pods(h).every((p) => p.metadata.deletionTimestamp !== undefined)).toBe(true)
    kubeletRound(h)
    h.advance(0)
    expect(pods(h)).toEqual([])
    expect(replicaSets(h)).toEqual([])
    expect(h.admin.find('deployments', 'default', 'web')).toBeUndefined()
  })

  it('controllers: garbage-collector: a dangling owner reference gets the dependent deleted; a live one keeps it', () => {
    const h = lab(1)
    const cm = h.admin.create<ConfigMap>('configmaps', 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'owner' },
    })
    const ghost = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: 'ghost',
      uid: '00000000-0000-4000-8000-000000000000',
    }
    const live = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: cm.metadata.uid! }
    h.admin.create('pods', 'default', orphanPod('doomed', [ghost]))
    h.admin.create('pods', 'default', orphanPod('kept', [ghost, live]))
    h.advance(0)
    expect(pods(h).map((p) => [p.metadata.name, p.metadata.ownerReferences])).toEqual([
      ['kept', [live]],
    ])
  })
})
