import { describe, expect, it } from 'vitest'
import type { Node } from '../../../core/api/types'
import { Clock } from '../../../core/clock'
import { podSubject } from '../../../core/explain/explain'
import { PodInfo } from '../../../core/scheduler/podInfo'
import { PrioritySort } from '../../../core/scheduler/plugins/prioritySort'
import { SchedulingQueue } from '../../../core/scheduler/queue'
import { node, pod, schedulerTest, threeNodes } from './fixtures'

/** The virtual times of every scheduling attempt of a pod, from its ExplainLog records. */
function attempts(t: ReturnType<typeof schedulerTest>, name: string): number[] {
  return t.h.explain.all(podSubject('default', name)).map((r) => r.atMs)
}

describe('kube-scheduler: the scheduling queue', () => {
  it('scheduler: queue: back-off is 1 s doubling up to 10 s (FIDELITY.md §3.7)', () => {
    const queue = new SchedulingQueue(
      new Clock(),
      (a, b) => new PrioritySort().less(a, b),
      new Map(),
    )
    const durations = [0, 1, 2, 3, 4, 5, 6, 7].map((attempts) =>
      queue.backoffDurationMs({ attempts }),
    )
    expect(durations).toEqual([0, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000])
  })

  it('scheduler: queue: under a stream of relevant node events a pod is retried after 1 s, 2 s, 4 s, 8 s, then every 10 s', () => {
    const t = schedulerTest({ nodes: threeNodes() })
    t.createPod(pod('picky', { nodeSelector: { disktype: 'nvme' } }))
    t.advance(1)
    // Relabelling a node every 100 ms is a NodeLabelChange, which NodeAffinity registered for.
    for (let i = 1; i <= 400; i++) {
      t.client.patch('nodes', undefined, 'worker-1', { metadata: { labels: { tick: String(i) } } })
      t.advance(100)
    }
    const times = attempts(t, 'picky')
    expect(times.slice(0, 8)).toEqual([0, 1000, 3000, 7000, 15_000, 25_000, 35_000])
    expect(t.scheduler.scheduler?.queue.where('default/picky')).toBe('backoff')
  })

  it('scheduler: queue: events no rejecting plugin registered for do not requeue the pod', () => {
    const t = schedulerTest({ nodes: threeNodes() })
    t.createPod(pod('picky', { nodeSelector: { disktype: 'nvme' } }))
    t.advance(1)
    for (let i = 1; i <= 50; i++) {
      // A heartbeat-like status change (condition message only) is no scheduling event.
      t.client.patch(
        'nodes',
        undefined,
        'worker-1',
        { status: { conditions: [{ type: 'Ready', status: 'True', message: `tick ${i}` }] } },
        'strategic',
        'status',
      )
      t.advance(1000)
    }
    expect(attempts(t, 'picky')).toEqual([0])
    expect(t.scheduler.scheduler?.queue.where('default/picky')).toBe('unschedulable')
  })

  it('scheduler: queue: an unschedulable pod is retried after 5 minutes without any event (checked every 30 s)', () => {
    const t = schedulerTest({ nodes: threeNodes() })
    t.createPod(pod('huge', { cpu: '64' }))
    t.advance(11 * 60_000)
    // 300 s is not more than 5 minutes; the 30 s check at 330 s moves it. Then again at 660 s.
    expect(attempts(t, 'huge')).toEqual([0, 330_000, 660_000])
  })

  it('scheduler: queue: a Pending pod is scheduled as soon as a node is added', () => {
    const t = schedulerTest({ nodes: threeNodes() })
    t.createPod(pod('big', { cpu: '6' }))
    t.advance(5000)
    expect(t.nodeOf('big')).toBeUndefined()
    t.addNode(node('worker-3', { cpu: '8' }))
    t.advance(1)
    expect(t.nodeOf('big')).toBe('worker-3')
    expect(attempts(t, 'big')).toEqual([0, 5000])
  })

  it('scheduler: queue: a Pending pod is scheduled when a node is uncordoned', () => {
    const nodes = [node('worker-1', { unschedulable: true })]
    const t = schedulerTest({ nodes })
    t.createPod(pod('web'))
    t.advance(20_000)
    expect(t.nodeOf('web')).toBeUndefined()
    t.client.patch<Node>('nodes', undefined, 'worker-1', { spec: { unschedulable: null } })
    t.advance(1)
    expect(t.nodeOf('web')).toBe('worker-1')
  })

  it('scheduler: queue: deleting a pod frees its resources for a Pending one', () => {
    const t = schedulerTest({ nodes: [node('worker-1', { cpu: '2' })] })
    t.createPod(pod('first', { cpu: '2' }))
    t.advance(10)
    t.createPod(pod('second', { cpu: '2' }))
    t.advance(10)
    expect(t.nodeOf('second')).toBeUndefined()
    t.client.delete('pods', 'default', 'first', { gracePeriodSeconds: 0 })
    t.advance(2000)
    // AssignedPodDelete moves it at 20 ms, into backoffQ until its 1 s back-off ends.
    expect(attempts(t, 'second')).toEqual([10, 1010])
    expect(t.nodeOf('second')).toBe('worker-1')
  })

  it('scheduler: queue: a pod rejected while backing off waits out its back-off before the retry', () => {
    const t = schedulerTest({ nodes: [node('worker-1', { cpu: '1' })] })
    t.createPod(pod('big', { cpu: '2' }))
    t.advance(200)
    t.addNode(node('worker-2', { cpu: '4' }))
    t.advance(2000)
    // Failed at 0 (back-off 1 s): the NodeAdd at 200 ms puts it in backoffQ until 1000 ms.
    expect(attempts(t, 'big')).toEqual([0, 1000])
    expect(t.nodeOf('big')).toBe('worker-2')
  })

  it('scheduler: queue: PrioritySort orders by priority, then by arrival', () => {
    const clock = new Clock()
    const queue = new SchedulingQueue(clock, (a, b) => new PrioritySort().less(a, b), new Map())
    queue.add(new PodInfo(pod('a')))
    clock.advance(5)
    queue.add(new PodInfo(pod('b', { priority: 10 })))
    queue.add(new PodInfo(pod('c')))
    queue.add(new PodInfo(pod('d', { priority: 10 })))
    const order = [1, 2, 3, 4].map(() => queue.pop()?.info.name)
    expect(order).toEqual(['b', 'd', 'a', 'c'])
  })
})
