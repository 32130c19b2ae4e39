import { describe, expect, it } from 'vitest'
import { createSimulation } from '../../../core/simulation'
import type { SimulationEvent } from '../../../core/protocol'
import { deployment } from '../../support/objects'
import { sim } from '../../support/sim'
import { barePod, kubeBatches, listed } from './support'

const keysOf = (batch: { changes: { object: { key: string } }[] }) =>
  batch.changes.map((c) => c.object.key)

describe('kube observer: the views’ objects from etcd', () => {
  it('lists every drawn object with the etcd revision it is at', () => {
    const t = sim({ seed: 1 })
    const { revision, items } = t.simulation.handle({ kind: 'kube/list' })
    expect(revision).toBe(t.kube.etcd.kv.revision)
    const keys = items.map((i) => i.key)
    expect(keys).toEqual(expect.arrayContaining(['Node/cp-1', 'Node/worker-1', 'Node/worker-2']))
    expect(keys).toContain('Service/default/kubernetes')
    expect(keys).toContain('Deployment/kube-system/coredns')
    expect(keys.some((k) => k.startsWith('Lease/') || k.startsWith('ConfigMap/'))).toBe(false)
  })

  it('sends a Deployment’s pods in one batch per command or advance, each pod once', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx:1.27 --replicas=3')
    expect(kubeBatches(t.events)).toHaveLength(1)
    expect(kubeBatches(t.events)[0]!.changes).toEqual([
      { type: 'ADDED', object: expect.objectContaining({ key: 'Deployment/default/web' }) },
    ])
    t.events.length = 0
    t.advance('10s')
    const batches = kubeBatches(t.events)
    expect(batches).toHaveLength(1)
    const keys = keysOf(batches[0]!)
    expect(new Set(keys).size).toBe(keys.length)
    const pods = batches[0]!.changes.filter((c) => c.object.kind === 'Pod')
    expect(pods).toHaveLength(3)
    // Created, bound and started within the batch: one ADDED with the last state.
    for (const change of pods) {
      expect(change.type).toBe('ADDED')
      expect(change.object).toMatchObject({ status: 'Running', phase: 'Running' })
    }
  })

  it('sends nothing when nothing a view draws changed', () => {
    const t = sim({ seed: 1 })
    t.advance('10s')
    t.events.length = 0
    t.sh('kubectl get pods')
    expect(kubeBatches(t.events)).toEqual([])
  })

  it('leaves out a modification that changes nothing drawn, such as a node heartbeat', () => {
    const t = sim({ seed: 1 })
    t.advance('1m')
    t.events.length = 0
    // A kubelet posts its unchanged status every 5 minutes (nodeStatusReportFrequency).
    t.advance('6m')
    const nodes = kubeBatches(t.events).flatMap((b) =>
      b.changes.filter((c) => c.object.kind === 'Node'),
    )
    expect(nodes).toEqual([])
  })

  it('sends a deleted pod as DELETED with its last summary, and revisions that increase', () => {
    const t = sim({ seed: 1 })
    t.create(barePod('solo'))
    t.advance('10s')
    t.sh('kubectl delete pod solo --wait=false')
    t.advance('1m')
    const batches = kubeBatches(t.events)
    const revisions = batches.map((b) => b.revision)
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b))
    expect(new Set(revisions).size).toBe(revisions.length)
    const solo = batches
      .flatMap((b) => b.changes)
      .filter((c) => c.object.key === 'Pod/default/solo')
    expect(solo.map((c) => c.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED'])
    expect(solo[1]!.object).toMatchObject({ status: 'Terminating', deleting: true })
    expect(solo.at(-1)!.object).toMatchObject({ name: 'solo', deleting: true })
  })

  it('cancels an object created and deleted within one batch', () => {
    const t = sim({ seed: 1 })
    t.create(barePod('fleeting', { nodeSelector: { disk: 'none' } }))
    t.api('DELETE', '/api/v1/namespaces/default/pods/fleeting')
    t.advance(0)
    expect(kubeBatches(t.events).flatMap(keysOf)).not.toContain('Pod/default/fleeting')
  })

  it('keeps a change made just before a list: the batch after it still says DELETED', () => {
    const t = sim({ seed: 1 })
    t.create(barePod('early', { nodeSelector: { disk: 'none' } }))
    const list = t.simulation.handle({ kind: 'kube/list' })
    expect(list.items.map((i) => i.key)).toContain('Pod/default/early')
    t.api('DELETE', '/api/v1/namespaces/default/pods/early')
    t.advance(0)
    const after = kubeBatches(t.events).filter((b) => b.revision > list.revision)
    expect(after.flatMap((b) => b.changes)).toContainEqual({
      type: 'DELETED',
      object: expect.objectContaining({ key: 'Pod/default/early' }),
    })
  })

  it('follows an etcd snapshot restore: what came after the snapshot is DELETED', () => {
    const t = sim({ seed: 1 })
    const snapshot = t.kube.etcd.snapshotSave('cp-1')
    t.create(deployment('web', 1))
    t.advance('10s')
    const before = listed(t)
    expect(before.has('Deployment/default/web')).toBe(true)
    t.events.length = 0
    t.kube.etcd.snapshotRestore(snapshot)
    t.advance(0)
    const changes = kubeBatches(t.events).flatMap((b) => b.changes)
    expect(changes).toContainEqual({
      type: 'DELETED',
      object: expect.objectContaining({ key: 'Deployment/default/web' }),
    })
  })

  it('keeps sending changes after etcd compacts its history', () => {
    const t = sim({ seed: 1 })
    t.kube.etcd.kv.compact(t.kube.etcd.kv.revision)
    t.create(deployment('web', 1))
    t.advance('10s')
    expect(kubeBatches(t.events).flatMap(keysOf)).toContain('Deployment/default/web')
  })

  it('gathers nothing while no client listens', () => {
    const simulation = createSimulation({ seed: 1 })
    simulation.kubernetes!.request('cp-1', {
      method: 'POST',
      path: '/apis/apps/v1/namespaces/default/deployments',
      body: deployment('web', 2),
    })
    simulation.handle({ kind: 'clock/advance', ms: 10_000 })
    const events: SimulationEvent[] = []
    simulation.onEvent((event) => events.push(event))
    simulation.handle({ kind: 'clock/advance', ms: 0 })
    expect(kubeBatches(events)).toEqual([])
    expect(events.filter((e) => e.kind === 'log/appended')).toEqual([])
  })

  it('sends the same batches for the same seed and commands', () => {
    const run = () => {
      const t = sim({ seed: 7 })
      t.sh('kubectl create deployment web --image=nginx:1.27 --replicas=4')
      t.advance('30s')
      t.sh('kubectl scale deployment web --replicas=1')
      t.advance('1m')
      return JSON.stringify(kubeBatches(t.events))
    }
    expect(run()).toBe(run())
  })
})
