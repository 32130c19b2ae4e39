import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../core/api/types'
import { computeHash } from '../../../core/controllers/hash'
import {
  deployment,
  events,
  getDeployment,
  lab,
  NAME_SUFFIX,
  pods,
  replicaSets,
  runPod,
} from './support'

describe('deployment controller', () => {
  it('controllers: deployment: a Deployment of 3 creates one ReplicaSet web-<hash> with 3 pods web-<hash>-xxxxx (FIDELITY §6.2)', () => {
    const h = lab(1)
    h.admin.create('deployments', 'default', deployment('web', 3, 'nginx:1.26'))
    h.advance(0)
    const d = getDeployment(h)
    const hash = computeHash(d.spec.template)
    expect(hash).toMatch(/^[456789bcdf]{1,10}$/)
    const [rs, ...others] = replicaSets(h)
    expect(others).toEqual([])
    expect(rs!.metadata.name).toBe(`web-${hash}`)
    expect(rs!.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash })
    expect(rs!.spec.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } })
    expect(rs!.spec.template.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash })
    expect(rs!.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    })
    expect(rs!.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web',
        uid: d.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ])
    const created = pods(h)
    expect(created).toHaveLength(3)
    for (const pod of created) {
      expect(pod.metadata.name!.slice(0, `web-${hash}-`.length)).toBe(`web-${hash}-`)
      expect(pod.metadata.name!.slice(`web-${hash}-`.length)).toMatch(NAME_SUFFIX)
      expect(pod.metadata.generateName).toBe(`web-${hash}-`)
      expect(pod.metadata.ownerReferences?.[0]).toMatchObject({
        kind: 'ReplicaSet',
        name: `web-${hash}`,
        controller: true,
        blockOwnerDeletion: true,
      })
      // The whole chain runs in one instant of virtual time.
      expect(pod.metadata.creationTimestamp).toBe(d.metadata.creationTimestamp)
    }
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1')
    expect(events(h, 'web')).toEqual([
      `ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 3`,
    ])
    expect(events(h, `web-${hash}`).sort()).toEqual(
      created.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`).sort(),
    )
  })

  it('controllers: deployment: the explain log answers why a pod exists, back to its Deployment', () => {
    const h = lab(1)
    h.admin.create('deployments', 'default', deployment('web', 1, 'nginx:1.26'))
    h.advance(0)
    const [pod] = pods(h)
    const rsName = replicaSets(h)[0]!.metadata.name!
    const chain = h.explain.chain(`Pod default/${pod!.metadata.name}`)
    expect(chain.map((r) => [r.subject, r.code, r.causedBy])).toEqual([
      [`Pod default/${pod!.metadata.name}`, 'SuccessfulCreate', `ReplicaSet default/${rsName}`],
      [`ReplicaSet default/${rsName}`, 'ScalingReplicaSet', 'Deployment default/web'],
    ])
    expect(chain[1]!.summary).toBe(`Scaled up replica set ${rsName} from 0 to 1`)
  })

  it('controllers: deployment: status counts and conditions use the real reasons and messages (FIDELITY §6.4)', () => {
    const h = lab(1)
    h.admin.create('deployments', 'default', deployment('web', 3, 'nginx:1.26'))
    h.advance(0)
    const rsName = replicaSets(h)[0]!.metadata.name!
    const before = getDeployment(h).status!
    expect(before).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      unavailableReplicas: 3,
    })
    expect(before.readyReplicas).toBeUndefined()
    expect(before.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      [
        'Available',
        'False',
        'MinimumReplicasUnavailable',
        'Deployment does not have minimum availability.',
      ],
      ['Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`],
    ])
    h.advance(5000)
    for (const pod of pods(h)) runPod(h, pod, 'worker-1')
    h.advance(0)
    const after = getDeployment(h).status!
    expect(after).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    })
    expect(after.unavailableReplicas).toBeUndefined()
    expect(
      after.conditions?.map((c) => [c.type, c.status, c.reason, c.message, c.lastUpdateTime]),
    ).toEqual([
      [
        'Available',
        'True',
        'MinimumReplicasAvailable',
        'Deployment has minimum availability.',
        '2026-01-05T09:00:05Z',
      ],
      [
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "${rsName}" has successfully progressed.`,
        '2026-01-05T09:00:05Z',
      ],
    ])
  })

  it('controllers: deployment: scale 3→5→2 deletes pending pods, then not-ready ones, first (FIDELITY §6.3, §6.4)', () => {
    const h = lab(1)
    h.admin.create('deployments', 'default', deployment('web', 3, 'nginx:1.26'))
    h.advance(0)
    const rsName = replicaSets(h)[0]!.metadata.name!
    const [a, b, c] = pods(h)
    runPod(h, a!, 'worker-1')
    runPod(h, b!, 'worker-2')
    runPod(h, c!, 'worker-2', false)
    h.advance(1000)
    h.admin.patch('deployments', 'default', 'web', { spec: { replicas: 5 } })
    h.advance(0)
    const newcomers = pods(h).filter(
      (p) => ![a, b, c].some((o) => o!.metadata.name === p.metadata.name),
    )
    expect(newcomers).toHaveLength(2)
    h.advance(1000)
    h.admin.patch('deployments', 'default', 'web', { spec: { replicas: 2 } })
    h.advance(0)
    // c ran on a node: it is terminating (30 s grace) rather than gone.
    const left = pods(h).filter((p) => p.metadata.deletionTimestamp === undefined)
    expect(left.map((p) => p.metadata.name)).toEqual([a!.metadata.name, b!.metadata.name].sort())
    expect(events(h, 'web')).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${rsName} from 0 to 3`,
      `ScalingReplicaSet: Scaled up replica set ${rsName} from 3 to 5`,
      `ScalingReplicaSet: Scaled down replica set ${rsName} from 5 to 2`,
    ])
    const deleted = events(h, rsName).filter((e) => e.startsWith('SuccessfulDelete'))
    expect(deleted.sort()).toEqual(
      [...newcomers, c!].map((p) => `SuccessfulDelete: Deleted pod: ${p.metadata.name}`).sort(),
    )
    const why = h.explain.latest(`Pod default/${newcomers[0]!.metadata.name}`, 'SuccessfulDelete')
    expect(why?.summary).toContain('it is not assigned to a node')
    expect(
      h.explain.latest(`Pod default/${c!.metadata.name}`, 'SuccessfulDelete')?.summary,
    ).toContain('it is not ready')
    expect(getDeployment(h).status?.observedGeneration).toBe(3)
  })

  it('controllers: deployment: a new Deployment causes exactly these writes, in this order', () => {
    const h = lab(1)
    // Let the other loops settle first (the root-ca-cert-publisher writes each namespace's CA).
    h.advance(1000)
    const mark = h.recorder.actions.length
    h.admin.create('deployments', 'default', deployment('web', 2, 'nginx:1.26'))
    h.advance(0)
    const rs = replicaSets(h)[0]!.metadata.name
    const [p1, p2] = h.recorder
      .writesSince(mark)
      .filter((a) => a.startsWith('create pods'))
      .map((a) => a.split('/')[1])
    expect(h.recorder.writesSince(mark)).toEqual([
      // The deployment controller: the ReplicaSet, the revision annotation, the
      // NewReplicaSetCreated condition, then the rollout status.
      `create replicasets default/${rs}`,
      'patch deployments default/web',
      'update deployments/status default/web',
      'update deployments/status default/web',
      // The ReplicaSet controller.
      `create pods default/${p1}`,
      `create pods default/${p2}`,
      // The ReplicaSet's first status is computed before its pods exist (replicas 0) …
      `update replicasets/status default/${rs}`,
      // … the next once its informer has seen them.
      `update replicasets/status default/${rs}`,
      `update deployments/status default/web`,
    ])
    expect(
      pods(h)
        .map((p: Pod) => p.metadata.name)
        .sort(),
    ).toEqual([p1, p2].sort())
  })
})
