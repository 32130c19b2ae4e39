import { describe, expect, it } from 'vitest'
import { node, pod, schedulerTest } from './fixtures'

describe('kube-scheduler: preemption', () => {
  it('scheduler: preemption: a higher-priority pod evicts a lower-priority one and is nominated to its node', () => {
    const t = schedulerTest({ nodes: [node('worker-1', { cpu: '2' })] })
    t.createPod(pod('low', { cpu: '2' }))
    t.advance(10)
    expect(t.nodeOf('low')).toBe('worker-1')
    t.createPod(pod('high', { cpu: '2', priority: 1000 }))
    t.advance(10)
    const high = t.getPod('high')
    expect(high.status?.nominatedNodeName).toBe('worker-1')
    // Preemption succeeded, so no "preemption:" part: the pod waits for its victim to go.
    expect(t.decision('high').details.message).toBe('0/1 nodes are available: 1 Insufficient cpu.')
    const low = t.getPod('low')
    expect(low.metadata.deletionTimestamp).toBeDefined()
    expect(low.status?.conditions).toContainEqual(
      expect.objectContaining({
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'PreemptionByScheduler',
        message: 'default-scheduler: preempting to accommodate a higher priority pod',
      }),
    )
    expect(t.events('low').find((e) => e.reason === 'Preempted')).toMatchObject({
      type: 'Normal',
      action: 'Preempting',
      message: `Preempted by pod ${high.metadata.uid!} on node worker-1`,
    })

    // While the victim terminates, a retry does not preempt again.
    t.client.patch(
      'nodes',
      undefined,
      'worker-1',
      { status: { allocatable: { cpu: '2', memory: '9Gi', pods: '110' } } },
      'merge',
      'status',
    )
    t.advance(2000)
    expect(t.decision('high').details.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. ' +
        'preemption: not eligible due to a terminating pod on the nominated node.',
    )
    // The kubelet finishes the deletion: the freed room goes to the nominated pod.
    t.client.delete('pods', 'default', 'low', { gracePeriodSeconds: 0 })
    t.advance(5000)
    expect(t.nodeOf('high')).toBe('worker-1')
  })

  it('scheduler: preemption: a pod with preemptionPolicy Never says it is not eligible', () => {
    const t = schedulerTest({ nodes: [node('worker-1', { cpu: '1' })] })
    const polite = pod('polite', { cpu: '2', priority: 10 })
    polite.spec.preemptionPolicy = 'Never'
    t.createPod(polite)
    t.advance(10)
    expect(t.decision('polite').details.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    )
  })
})
