import { describe, expect, it } from 'vitest'
import { rfc3339 } from '../../../core/api/time'
import type { Pod, ReplicaSet } from '../../../core/api/types'
import { ReplicaSetController } from '../../../core/controllers/replicaset'
import { slowStartBatch } from '../../../core/controllers/podControl'
import { rankPods } from '../../../core/controllers/podRanking'
import { apiHarness } from '../../support/apiHarness'
import { controllerEnv, events, lab, NAME_SUFFIX, pods, runPod, type Lab } from './support'

function replicaSet(
  name: string,
  replicas: number,
  extra: Partial<ReplicaSet['spec']> = {},
): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
      },
      ...extra,
    },
  }
}

function getRS(h: Lab, name: string): ReplicaSet {
  return h.admin.get<ReplicaSet>('replicasets', 'default', name)
}

/** A pod for ranking: phase, node, readiness and times in virtual seconds. */
function rankable(
  name: string,
  o: {
    node?: string
    phase?: string
    readyAt?: number
    created: number
    uid: string
    cost?: string
    restarts?: number
  },
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      uid: o.uid,
      creationTimestamp: rfc3339(o.created * 1000),
      ...(o.cost === undefined
        ? {}
        : { annotations: { 'controller.kubernetes.io/pod-deletion-cost': o.cost } }),
    },
    spec: { containers: [], ...(o.node === undefined ? {} : { nodeName: o.node }) },
    status: {
      phase: (o.phase ?? 'Running') as 'Running',
      conditions:
        o.readyAt === undefined
          ? []
          : [{ type: 'Ready', status: 'True', lastTransitionTime: rfc3339(o.readyAt * 1000) }],
      containerStatuses: [
        {
          name: 'c',
          state: {},
          lastState: {},
          ready: true,
          restartCount: o.restarts ?? 0,
          image: '',
          imageID: '',
        },
      ],
    },
  }
}

describe('replicaset controller', () => {
  it('controllers: replicaset: creates pods from its template with generateName, owner references and events (FIDELITY §6.2, §6.4)', () => {
    const h = lab(1)
    h.admin.create('replicasets', 'default', replicaSet('web', 2))
    h.advance(0)
    const rs = getRS(h, 'web')
    const created = pods(h)
    expect(created).toHaveLength(2)
    for (const pod of created) {
      expect(pod.metadata.generateName).toBe('web-')
      expect(pod.metadata.name!.slice(4)).toMatch(NAME_SUFFIX)
      expect(pod.metadata.labels).toEqual({ app: 'web' })
      expect(pod.metadata.ownerReferences).toEqual([
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web',
          uid: rs.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ])
    }
    expect(events(h, 'web').sort()).toEqual(
      created.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`).sort(),
    )
    expect(rs.status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, observedGeneration: 1 })
  })

  it('controllers: replicaset: status counts ready and, after minReadySeconds, available pods', () => {
    const h = lab(1)
    h.admin.create('replicasets', 'default', replicaSet('web', 3, { minReadySeconds: 10 }))
    h.advance(5000)
    for (const pod of pods(h)) runPod(h, pod, 'worker-1')
    h.advance(0)
    expect(getRS(h, 'web').status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 3,
      observedGeneration: 1,
    })
    h.advance(9999)
    expect(getRS(h, 'web').status?.availableReplicas).toBeUndefined()
    h.advance(1)
    // Ready at 5 s + minReadySeconds 10 = available at 15 s, when the requeue comes.
    expect(h.clock.nowMs).toBe(15_000)
    expect(getRS(h, 'web').status?.availableReplicas).toBe(3)
  })

  it('controllers: replicaset: scale-down order follows ActivePodsWithRanks, rule by rule (FIDELITY §6.3)', () => {
    const candidates = [
      rankable('ready-alone', { node: 'n1', readyAt: 10, created: 10, uid: 'u1' }),
      rankable('ready-doubled', { node: 'n2', readyAt: 10, created: 10, uid: 'u2' }),
      rankable('ready-cheap', { node: 'n3', readyAt: 10, created: 10, uid: 'u3', cost: '-5' }),
      rankable('running-not-ready', { node: 'n4', created: 10, uid: 'u4' }),
      rankable('unknown', { node: 'n4', phase: 'Unknown', created: 10, uid: 'u5' }),
      rankable('pending-assigned', { node: 'n4', phase: 'Pending', created: 10, uid: 'u6' }),
      rankable('unassigned', { phase: 'Pending', created: 10, uid: 'u7' }),
    ]
    const related = [
      ...candidates,
      rankable('sibling', { node: 'n2', readyAt: 10, created: 10, uid: 'u8' }),
    ]
    const order = rankPods(candidates, related, 100_000).map((p) => p.metadata.name)
    expect(order).toEqual([
      'unassigned', // 1. not assigned to a node
      'pending-assigned', // 2. Pending < Unknown < Running
      'unknown',
      'running-not-ready', // 3. not ready < ready
      'ready-cheap', // 4. lower pod-deletion-cost
      'ready-doubled', // 5. more pods of the family on its node (n2 has two)
      'ready-alone',
    ])
  })

  it('controllers: replicaset: creation times are compared in log2 buckets, ties broken by uid (FIDELITY §6.3)', () => {
    // now = 100 s. Ages 90 s and 80 s fall in the same bucket (2^36 ns ≤ age < 2^37 ns), 10 s in a younger one.
    const old = rankable('created-at-10s', { node: 'n1', created: 10, uid: 'a' })
    const middle = rankable('created-at-20s', { node: 'n2', created: 20, uid: 'b' })
    const young = rankable('created-at-90s', { node: 'n3', created: 90, uid: 'c' })
    const order = rankPods([middle, old, young], [], 100_000).map((p) => p.metadata.name)
    expect(order).toEqual(['created-at-90s', 'created-at-10s', 'created-at-20s'])
  })

  it('controllers: replicaset: creations go in slow-start batches 1, 2, 4, … and stop after a failing batch', () => {
    let calls = 0
    const ok = slowStartBatch(10, 1, () => void calls++)
    expect(ok).toEqual({ successes: 10, batches: [1, 2, 4, 3] })
    calls = 0
    const failing = slowStartBatch(10, 1, () => {
      if (++calls === 5) throw new Error('quota exceeded')
    })
    expect(failing.batches).toEqual([1, 2, 4])
    expect(failing.successes).toBe(6)
    expect(calls).toBe(7)
  })

  it('controllers: replicaset: does not over-create while its pod informer lags (expectations)', () => {
    const h = apiHarness({ seed: 1 })
    const admin = h.client('kubectl')
    const env = controllerEnv(h)
    const controller = new ReplicaSetController(env)
    env.informers.start()
    controller.start()
    admin.create('replicasets', 'default', replicaSet('web', 2))
    h.advance(0)
    const podInformer = env.informers.informer<Pod>('pods')
    podInformer.stop() // its cache is frozen at 2 pods from now on
    const mark = env.client.actions.length
    admin.patch('replicasets', 'default', 'web', { spec: { replicas: 4 } })
    h.advance(60_000)
    const creates = () => env.client.actions.slice(mark).filter((a) => a.startsWith('create pods'))
    expect(creates()).toHaveLength(2)
    expect(controller.expectations.pending('default/web')).toEqual({ adds: 2, deletes: 0 })
    podInformer.start()
    h.advance(0)
    expect(creates()).toHaveLength(2)
    expect(controller.expectations.satisfied('default/web')).toBe(true)
    expect(admin.list('pods', 'default').items).toHaveLength(4)
    controller.stop()
    env.informers.stop()
  })

  it('controllers: replicaset: adopts a matching orphan pod, and releases a pod relabelled away', () => {
    const h = lab(1)
    h.admin.create('replicasets', 'default', replicaSet('web', 2))
    h.advance(0)
    const [a, b] = pods(h)
    runPod(h, a!, 'worker-1')
    runPod(h, b!, 'worker-1')
    h.advance(0)
    const mark = h.recorder.actions.length
    h.admin.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bare', labels: { app: 'web' } },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    } as Pod)
    h.advance(0)
    // Adopted, then the one too many: it is Pending and unassigned, so it goes first.
    expect(h.recorder.writesSince(mark).slice(0, 2)).toEqual([
      'patch pods default/bare',
      'delete pods default/bare',
    ])
    expect(events(h, 'web').at(-1)).toBe('SuccessfulDelete: Deleted pod: bare')
    h.admin.patch('pods', 'default', a!.metadata.name!, { metadata: { labels: { app: 'debug' } } })
    h.advance(0)
    const released = h.admin.get<Pod>('pods', 'default', a!.metadata.name!)
    expect(released.metadata.ownerReferences).toEqual([])
    expect(pods(h, 'default', 'app=web')).toHaveLength(2)
    expect(getRS(h, 'web').status?.replicas).toBe(2)
  })

  it('controllers: replicaset: a pod that starts terminating is replaced at once, not after its grace period', () => {
    const h = lab(1)
    h.admin.create('replicasets', 'default', replicaSet('web', 1))
    h.advance(0)
    const [first] = pods(h)
    runPod(h, first!, 'worker-1')
    h.advance(1000)
    h.admin.delete('pods', 'default', first!.metadata.name!)
    h.advance(0)
    const all = pods(h)
    expect(all).toHaveLength(2)
    expect(
      all.find((p) => p.metadata.name === first!.metadata.name)?.metadata.deletionTimestamp,
    ).toBe(rfc3339(31_000))
    expect(
      all.find((p) => p.metadata.name !== first!.metadata.name)?.metadata.creationTimestamp,
    ).toBe(rfc3339(1000))
  })

  it('controllers: replicaset: one scale-down reconcile deletes pods, then writes status twice', () => {
    const h = lab(1)
    h.admin.create('replicasets', 'default', replicaSet('web', 3))
    h.advance(0)
    const mark = h.recorder.actions.length
    h.admin.patch('replicasets', 'default', 'web', { spec: { replicas: 1 } })
    h.advance(0)
    const [left] = pods(h)
    const deleted = h.recorder
      .writesSince(mark)
      .filter((a) => a.startsWith('delete pods'))
      .map((a) => a.split('/')[1])
    expect(deleted).not.toContain(left!.metadata.name)
    expect(h.recorder.writesSince(mark)).toEqual([
      `delete pods default/${deleted[0]}`,
      `delete pods default/${deleted[1]}`,
      // observedGeneration 2 with the pods it had when it decided …
      'update replicasets/status default/web',
      // … then replicas 1 once its informer saw the deletions.
      'update replicasets/status default/web',
    ])
    expect(getRS(h, 'web').status).toEqual({
      replicas: 1,
      fullyLabeledReplicas: 1,
      observedGeneration: 2,
    })
  })

  it('controllers: replicaset: with the API server unreachable its informer relists with back-off, then it creates the pods', () => {
    const h = lab(1)
    h.admin.create('replicasets', 'default', replicaSet('web', 3))
    // The API server goes away before the watch event is delivered: the watch ends.
    h.apiserverUp = false
    h.advance(1000) // the relist at 1 s fails: the next one is 2 s later
    h.apiserverUp = true
    h.advance(1999)
    expect(pods(h)).toEqual([])
    h.advance(1)
    expect(pods(h)).toHaveLength(3)
  })
})
