import { describe, expect, it } from 'vitest'
import { rfc3339, rfc3339Micro } from '../../../core/api/time'
import type { Event, Lease, Node, Pod } from '../../../core/api/types'
import { EventRecorder } from '../../../core/client/events'
import { NodeLifecycleController, evictionDelayMs } from '../../../core/controllers/nodeLifecycle'
import { apiHarness, type ApiHarness } from '../../support/apiHarness'

function readyNode(h: ApiHarness, name: string): void {
  const client = h.client('kubelet')
  client.create<Node>('nodes', undefined, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    spec: {},
    status: {
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: rfc3339(h.clock.nowMs),
        },
      ],
    },
  })
  client.create<Lease>('leases', 'kube-node-lease', {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace: 'kube-node-lease' },
    spec: {
      holderIdentity: name,
      leaseDurationSeconds: 40,
      renewTime: rfc3339Micro(h.clock.nowMs),
    },
  })
}

function heartbeat(h: ApiHarness, name: string): void {
  h.client('kubelet').patch('leases', 'kube-node-lease', name, {
    spec: { renewTime: rfc3339Micro(h.clock.nowMs) },
  })
}

function runningPod(h: ApiHarness, name: string, node: string): void {
  const client = h.client('test')
  client.create<Pod>('pods', 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'web', image: 'nginx' }] },
  })
  client.bind('default', name, node)
}

function start(h: ApiHarness): NodeLifecycleController {
  const context = h.context('kube-controller-manager')
  const controller = new NodeLifecycleController(
    context,
    new EventRecorder(h.clock, context.client, { component: 'node-controller' }),
  )
  controller.start()
  return controller
}

const ready = (h: ApiHarness, name: string) =>
  h
    .client('test')
    .get<Node>('nodes', undefined, name)
    .status!.conditions!.find((c) => c.type === 'Ready')!

describe('node lifecycle (FIDELITY.md §4)', () => {
  it('node-lifecycle: a node that keeps renewing its Lease stays Ready and untainted', () => {
    const h = apiHarness({ seed: 1 })
    readyNode(h, 'worker-1')
    start(h)
    for (let t = 0; t < 12; t++) {
      h.advance(10_000)
      heartbeat(h, 'worker-1')
    }
    expect(ready(h, 'worker-1').status).toBe('True')
    expect(h.client('test').get<Node>('nodes', undefined, 'worker-1').spec.taints).toBeUndefined()
  })

  it('node-lifecycle: silence longer than the 50 s grace period makes Ready Unknown with the real reason and message', () => {
    const h = apiHarness({ seed: 1 })
    readyNode(h, 'worker-1')
    start(h)
    h.advance(50_000)
    expect(ready(h, 'worker-1').status).toBe('True')
    h.advance(5_000)
    const condition = ready(h, 'worker-1')
    expect(condition).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    })
    const node = h.client('test').get<Node>('nodes', undefined, 'worker-1')
    expect(
      node
        .status!.conditions!.filter((c) => c.status === 'Unknown')
        .map((c) => c.type)
        .sort(),
    ).toEqual(['DiskPressure', 'MemoryPressure', 'PIDPressure', 'Ready'])
    h.advance(5_000)
    const taints = h.client('test').get<Node>('nodes', undefined, 'worker-1').spec.taints!
    expect(taints.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ])
  })

  it('node-lifecycle: pods tolerating unreachable for 300 s are evicted 300 s after the taint, with TaintManagerEviction', () => {
    const h = apiHarness({ seed: 1 })
    readyNode(h, 'worker-1')
    runningPod(h, 'web', 'worker-1')
    start(h)
    h.advance(60_000) // Unknown at 55 s, tainted by 60 s
    const taint = h
      .client('test')
      .get<Node>('nodes', undefined, 'worker-1')
      .spec.taints!.find((t) => t.effect === 'NoExecute')!
    expect(taint.timeAdded).toBeDefined()
    h.advance(290_000)
    expect(
      h.client('test').get<Pod>('pods', 'default', 'web').metadata.deletionTimestamp,
    ).toBeUndefined()
    h.advance(15_000)
    expect(
      h.client('test').get<Pod>('pods', 'default', 'web').metadata.deletionTimestamp,
    ).toBeDefined()
    const events = h.client('test').list<Event>('events', 'default').items
    expect(events.map((e) => `${e.reason}: ${e.message}`)).toContain(
      'TaintManagerEviction: Marking for deletion Pod default/web',
    )
  })

  it('node-lifecycle: a heartbeat before the toleration runs out removes the taint and cancels the eviction', () => {
    const h = apiHarness({ seed: 1 })
    readyNode(h, 'worker-1')
    runningPod(h, 'web', 'worker-1')
    start(h)
    h.advance(120_000)
    h.client('kubelet').patch(
      'nodes',
      undefined,
      'worker-1',
      {
        status: {
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              reason: 'KubeletReady',
              message: 'kubelet is posting ready status',
              lastHeartbeatTime: rfc3339(h.clock.nowMs),
            },
          ],
        },
      },
      'strategic',
      'status',
    )
    heartbeat(h, 'worker-1')
    h.advance(10_000)
    expect(h.client('test').get<Node>('nodes', undefined, 'worker-1').spec.taints).toBeUndefined()
    for (let t = 0; t < 40; t++) {
      h.advance(10_000)
      heartbeat(h, 'worker-1')
    }
    expect(
      h.client('test').get<Pod>('pods', 'default', 'web').metadata.deletionTimestamp,
    ).toBeUndefined()
  })

  it('node-lifecycle: a pod without a matching toleration is evicted at once, and one tolerating forever never', () => {
    const unreachable = [
      {
        key: 'node.kubernetes.io/unreachable',
        effect: 'NoExecute' as const,
        timeAdded: rfc3339(0),
      },
    ]
    expect(evictionDelayMs(unreachable, [], 0)).toBe(0)
    expect(
      evictionDelayMs(unreachable, [{ operator: 'Exists', effect: 'NoExecute' }], 0),
    ).toBeUndefined()
    expect(
      evictionDelayMs(
        unreachable,
        [
          {
            key: 'node.kubernetes.io/unreachable',
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 300,
          },
        ],
        100_000,
      ),
    ).toBe(200_000)
  })
})
