/**
 * The indexes and tallies that keep controller syncs proportional to what changed (issue 3,
 * "Scale"): each must answer exactly what a walk over the informer cache would.
 */
import { describe, expect, it } from 'vitest'
import type { DaemonSet, Node, Pod, ReplicaSet } from '../../../core/api/types'
import { cacheKey } from '../../../core/client/informer'
import { DaemonSetTallies } from '../../../core/controllers/daemonsetNodes'
import {
  daemonSetStatus,
  podsToRollOut,
  rolloutVictims,
  statusFromCounts,
} from '../../../core/controllers/daemonsetStatus'
import { computeHash } from '../../../core/controllers/hash'
import { NodeNameIndex, SharedInformers } from '../../../core/controllers/informers'
import { isPodActive, isPodReady } from '../../../core/controllers/podUtil'
import { ReplicaSetPodCounter } from '../../../core/controllers/replicaSetPods'
import { apiHarness } from '../../support/apiHarness'
import { node, runPod, type Lab } from './support'

function harness(): Lab {
  const h = apiHarness({ seed: 3 })
  return Object.assign(h, { admin: h.client('kubectl') }) as unknown as Lab
}

function pod(name: string, labels: Record<string, string>, owner?: ReplicaSet | DaemonSet): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      labels,
      ...(owner === undefined
        ? {}
        : {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: owner.kind,
                name: owner.metadata.name!,
                uid: owner.metadata.uid!,
                controller: true,
              },
            ],
          }),
    },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
  }
}

describe('controllers: scale indexes', () => {
  it('controllers: scale: a ReplicaSet tally counts what a walk over its pods counts, through adds, updates, relabels and deletes', () => {
    const h = harness()
    const informers = new SharedInformers(h.clock, h.admin)
    const podInformer = informers.informer<Pod>('pods')
    const counter = new ReplicaSetPodCounter(informers.owners('pods'), podInformer)
    informers.start()
    const rs = h.admin.create<ReplicaSet>('replicasets', 'default', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web', tier: 'front' } },
          spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
        },
      },
    })
    const walk = () => {
      const owned = podInformer
        .list()
        .filter((p) => p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid && isPodActive(p))
      const matching = owned.filter((p) => p.metadata.labels?.['app'] === 'web')
      return {
        active: matching.length,
        ready: matching.filter(isPodReady).length,
        fullyLabeled: matching.filter((p) => p.metadata.labels?.['tier'] === 'front').length,
        mismatched: owned.length - matching.length,
      }
    }
    const tally = () => {
      const { active, ready, fullyLabeled, mismatched } = counter.of(rs)
      return { active, ready, fullyLabeled, mismatched }
    }
    for (let i = 0; i < 5; i++) {
      const labels: Record<string, string> =
        i % 2 === 0 ? { app: 'web', tier: 'front' } : { app: 'web' }
      h.admin.create('pods', 'default', pod(`web-${i}`, labels, rs))
    }
    h.advance(0)
    expect(tally()).toEqual(walk())
    runPod(h, h.admin.get<Pod>('pods', 'default', 'web-0'), 'worker-1')
    runPod(h, h.admin.get<Pod>('pods', 'default', 'web-1'), 'worker-1')
    h.admin.patch('pods', 'default', 'web-2', { metadata: { labels: { app: 'other' } } })
    h.admin.delete('pods', 'default', 'web-3')
    h.advance(0)
    expect(tally()).toEqual(walk())
    expect(tally()).toMatchObject({ active: 3, ready: 2, mismatched: 1 })
  })

  it('controllers: scale: a DaemonSet tally gives the status, creations and rollout victims of the walk over nodes', () => {
    const h = harness()
    const informers = new SharedInformers(h.clock, h.admin)
    const nodes = informers.informer<Node>('nodes')
    const tallies = new DaemonSetTallies(
      informers.owners('pods'),
      informers.informer('pods'),
      nodes,
    )
    informers.start()
    for (const name of ['worker-1', 'worker-2', 'worker-3', 'worker-4'])
      h.admin.create('nodes', undefined, node(name))
    h.admin.create(
      'nodes',
      undefined,
      node('tainted', { taints: [{ key: 'x', effect: 'NoExecute' }] }),
    )
    const ds = h.admin.create<DaemonSet>('daemonsets', 'default', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: {
        selector: { matchLabels: { name: 'agent' } },
        template: {
          metadata: { labels: { name: 'agent' } },
          spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
        },
      },
    })
    const hash = computeHash(ds.spec.template)
    const pinned = (name: string, nodeName: string, revision: string): Pod => {
      const p = pod(name, { name: 'agent', 'controller-revision-hash': revision }, ds)
      p.spec.nodeName = nodeName
      return p
    }
    h.admin.create('pods', 'default', pinned('a1', 'worker-1', hash))
    h.admin.create('pods', 'default', pinned('a2', 'worker-2', 'old'))
    h.admin.create('pods', 'default', pinned('a3', 'worker-3', 'old'))
    h.admin.create('pods', 'default', pinned('a4', 'tainted', hash))
    h.advance(0)
    runPod(h, h.admin.get<Pod>('pods', 'default', 'a1'))
    runPod(h, h.admin.get<Pod>('pods', 'default', 'a2'))
    h.advance(0)
    const tally = tallies.of(ds, hash)
    const sorted = nodes.list().sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
    const byNode = new Map<string, Pod[]>()
    for (const p of informers.owners<Pod>('pods').owned(ds.metadata.uid!))
      byNode.set(p.spec.nodeName!, [...(byNode.get(p.spec.nodeName!) ?? []), p])
    expect(tally.exact).toBe(true)
    expect(statusFromCounts(ds, tally.counts)).toEqual(daemonSetStatus(ds, sorted, byNode, hash, 0))
    expect([...tally.creates]).toEqual(['worker-4'])
    expect([...tally.deletes]).toEqual(['tainted'])
    const oldPods = (names: Set<string>) => [...names].sort().map((n) => tally.oldPodOf(n))
    const victims = rolloutVictims(
      ds,
      tally.counts.desired,
      tally.unavailable,
      oldPods(tally.replace),
      oldPods(tally.candidates),
    )
    expect(victims.map(cacheKey)).toEqual(podsToRollOut(ds, sorted, byNode, hash, 0).map(cacheKey))
  })

  it("controllers: scale: pods by node come out in the informer cache's order", () => {
    const h = harness()
    const informers = new SharedInformers(h.clock, h.admin)
    const podInformer = informers.informer<Pod>('pods')
    const index = new NodeNameIndex(podInformer)
    informers.start()
    for (const name of ['p1', 'p2', 'p3', 'p4']) h.admin.create('pods', 'default', pod(name, {}))
    h.advance(0)
    // Bound in another order than created: the cache keeps creation order.
    for (const name of ['p3', 'p1', 'p4']) h.admin.bind('default', name, 'worker-1')
    h.admin.bind('default', 'p2', 'worker-2')
    h.advance(0)
    const walk = (nodeName: string) =>
      podInformer
        .list()
        .filter((p) => p.spec.nodeName === nodeName)
        .map((p) => p.metadata.name)
    expect(index.on('worker-1').map((p) => p.metadata.name)).toEqual(walk('worker-1'))
    expect(walk('worker-1')).toEqual(['p1', 'p3', 'p4'])
    h.admin.delete('pods', 'default', 'p1', { gracePeriodSeconds: 0 })
    h.advance(0)
    expect(index.on('worker-1').map((p) => p.metadata.name)).toEqual(['p3', 'p4'])
    expect(index.on('worker-2').map((p) => p.metadata.name)).toEqual(['p2'])
  })
})
