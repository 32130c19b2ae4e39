import { describe, expect, it } from 'vitest'
import { isPodReady } from '../../../core/controllers/podUtil'
import {
  deployment,
  events,
  getDeployment,
  kubeletRound,
  lab,
  pods,
  replicaSets,
  setImage,
  settle,
} from './support'

describe('deployment controller: rollouts', () => {
  it('controllers: deployment: a rolling update never exceeds replicas+maxSurge nor drops below replicas−maxUnavailable (FIDELITY §6.1)', () => {
    const h = lab(1)
    h.admin.create('deployments', 'default', deployment('web', 4, 'nginx:1.26'))
    settle(h, 2)
    const oldName = replicaSets(h)[0]!.metadata.name!
    setImage(h, 'nginx:1.27')
    let rounds = 0
    for (; rounds < 20; rounds++) {
      h.advance(0)
      const rss = replicaSets(h)
      const live = pods(h).filter((p) => p.metadata.deletionTimestamp === undefined)
      // 25% of 4: maxSurge rounds up to 1, maxUnavailable rounds down to 1.
      expect(rss.reduce((n, rs) => n + rs.spec.replicas!, 0)).toBeLessThanOrEqual(5)
      expect(live.length).toBeLessThanOrEqual(5)
      expect(live.filter(isPodReady).length).toBeGreaterThanOrEqual(3)
      const status = getDeployment(h).status!
      if (status.updatedReplicas === 4 && status.availableReplicas === 4 && status.replicas === 4)
        break
      kubeletRound(h)
      h.advance(1000)
    }
    // With pods ready at once, the rollout takes three reconcile rounds, 2 s of virtual time.
    expect(rounds).toBe(2)
    const [old, current] = replicaSets(h)
    expect(old!.metadata.name).toBe(oldName)
    expect(old!.spec.replicas).toBe(0)
    expect(current!.spec.replicas).toBe(4)
    expect(current!.spec.template.spec.containers[0]!.image).toBe('nginx:1.27')
    expect(current!.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2')
    const d = getDeployment(h)
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2')
    const newName = current!.metadata.name
    expect(events(h, 'web')).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${oldName} from 0 to 4`,
      `ScalingReplicaSet: Scaled up replica set ${newName} from 0 to 1`,
      `ScalingReplicaSet: Scaled down replica set ${oldName} from 4 to 3`,
      `ScalingReplicaSet: Scaled up replica set ${newName} from 1 to 2`,
      `ScalingReplicaSet: Scaled down replica set ${oldName} from 3 to 1`,
      `ScalingReplicaSet: Scaled up replica set ${newName} from 2 to 4`,
      `ScalingReplicaSet: Scaled down replica set ${oldName} from 1 to 0`,
    ])
    expect(d.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "${newName}" has successfully progressed.`,
    })
  })

  it('controllers: deployment: Recreate scales the old ReplicaSet to 0 and waits for its pods to be gone', () => {
    const h = lab(1)
    h.admin.create(
      'deployments',
      'default',
      deployment('web', 2, 'nginx:1.26', { strategy: { type: 'Recreate' } }),
    )
    settle(h, 1)
    setImage(h, 'nginx:1.27')
    h.advance(0)
    expect(replicaSets(h).map((rs) => rs.spec.replicas)).toEqual([0])
    // The old pods are terminating (30 s grace on their node): no new ReplicaSet yet.
    expect(pods(h).every((p) => p.metadata.deletionTimestamp !== undefined)).toBe(true)
    h.advance(10_000)
    expect(replicaSets(h)).toHaveLength(1)
    kubeletRound(h)
    h.advance(0)
    const [, current] = replicaSets(h)
    expect(current?.spec.replicas).toBe(2)
    expect(events(h, 'web').slice(1)).toEqual([
      `ScalingReplicaSet: Scaled down replica set ${replicaSets(h)[0]!.metadata.name} from 2 to 0`,
      `ScalingReplicaSet: Scaled up replica set ${current!.metadata.name} from 0 to 2`,
    ])
  })

  it('controllers: deployment: revisionHistoryLimit deletes the oldest revisions once the rollout completes', () => {
    const h = lab(1)
    h.admin.create(
      'deployments',
      'default',
      deployment('web', 1, 'nginx:1.25', { revisionHistoryLimit: 1 }),
    )
    settle(h, 2)
    const first = replicaSets(h)[0]!.metadata.name!
    for (const image of ['nginx:1.26', 'nginx:1.27']) {
      setImage(h, image)
      settle(h, 4)
    }
    const left = replicaSets(h).map((rs) => [
      rs.spec.template.spec.containers[0]!.image,
      rs.metadata.annotations?.['deployment.kubernetes.io/revision'],
      rs.spec.replicas,
    ])
    expect(left).toEqual([
      ['nginx:1.26', '2', 0],
      ['nginx:1.27', '3', 1],
    ])
    expect(h.explain.latest(`ReplicaSet default/${first}`)).toMatchObject({
      code: 'RevisionHistoryLimit',
      causedBy: 'Deployment default/web',
    })
  })

  it('controllers: deployment: rollout undo (a template change) reuses the old ReplicaSet with the next revision', () => {
    const h = lab(1)
    h.admin.create('deployments', 'default', deployment('web', 2, 'nginx:1.26'))
    settle(h, 2)
    const first = replicaSets(h)[0]!.metadata.name
    setImage(h, 'nginx:1.27')
    settle(h, 4)
    setImage(h, 'nginx:1.26')
    settle(h, 4)
    const rss = replicaSets(h)
    expect(rss).toHaveLength(2)
    const reused = rss.find((rs) => rs.metadata.name === first)!
    expect(reused.spec.replicas).toBe(2)
    expect(reused.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3')
    expect(reused.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1')
    expect(getDeployment(h).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3')
    expect(events(h, 'web').at(-1)).toMatch(
      /^ScalingReplicaSet: Scaled down replica set web-\w+ from 1 to 0$/,
    )
  })

  it('controllers: deployment: a paused Deployment scales but does not roll out until resumed', () => {
    const h = lab(1)
    h.admin.create('deployments', 'default', deployment('web', 2, 'nginx:1.26'))
    settle(h, 2)
    h.admin.patch('deployments', 'default', 'web', { spec: { paused: true } })
    setImage(h, 'nginx:1.27')
    h.admin.patch('deployments', 'default', 'web', { spec: { replicas: 3 } })
    settle(h, 2)
    expect(
      replicaSets(h).map((rs) => [rs.spec.template.spec.containers[0]!.image, rs.spec.replicas]),
    ).toEqual([['nginx:1.26', 3]])
    expect(
      getDeployment(h).status?.conditions?.find((c) => c.type === 'Progressing'),
    ).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentPaused',
      message: 'Deployment is paused',
    })
    h.admin.patch('deployments', 'default', 'web', { spec: { paused: false } })
    settle(h, 5)
    expect(
      replicaSets(h).map((rs) => [rs.spec.template.spec.containers[0]!.image, rs.spec.replicas]),
    ).toEqual([
      ['nginx:1.26', 0],
      ['nginx:1.27', 3],
    ])
  })

  it('controllers: deployment: no progress for progressDeadlineSeconds gives ProgressDeadlineExceeded at the second it is due', () => {
    const h = lab(1)
    h.admin.create(
      'deployments',
      'default',
      deployment('web', 1, 'nginx:1.26', { progressDeadlineSeconds: 10 }),
    )
    h.advance(0)
    const rsName = replicaSets(h)[0]!.metadata.name
    const progressing = () =>
      getDeployment(h).status?.conditions?.find((c) => c.type === 'Progressing')
    h.advance(10_999)
    expect(progressing()).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated' })
    h.advance(1)
    expect(progressing()).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${rsName}" has timed out progressing.`,
      lastUpdateTime: '2026-01-05T09:00:11Z',
    })
  })
})
