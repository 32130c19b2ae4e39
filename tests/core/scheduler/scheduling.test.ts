import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../core/api/types'
import {
  controlPlane,
  node,
  pod,
  schedulerTest,
  threeNodes,
  TOLERATE_CONTROL_PLANE,
} from './fixtures'

const TAINT_REASON = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'

describe('kube-scheduler: placing pods', () => {
  it('scheduler: score: a pod binds to the least allocated worker and gets the Scheduled event (FIDELITY.md §3.4)', () => {
    const t = schedulerTest({ nodes: threeNodes() })
    t.createPod(pod('busy', { cpu: '2', nodeName: 'worker-1' }))
    t.advance(10)
    t.createPod(pod('web', { cpu: '500m' }))
    t.advance(10)
    expect(t.nodeOf('web')).toBe('worker-2')
    const scheduled = t.events('web').filter((e) => e.reason === 'Scheduled')
    expect(scheduled).toHaveLength(1)
    expect(scheduled[0]).toMatchObject({
      type: 'Normal',
      action: 'Binding',
      message: 'Successfully assigned default/web to worker-2',
      source: { component: 'default-scheduler' },
    })
    const condition = t.getPod('web').status?.conditions?.find((c) => c.type === 'PodScheduled')
    expect(condition?.status).toBe('True')
  })

  it('scheduler: score: the "why?" table names the rejecting plugin per node and the scores of feasible ones', () => {
    const t = schedulerTest({ nodes: threeNodes() })
    t.createPod(pod('busy', { cpu: '2', nodeName: 'worker-1' }))
    t.advance(10)
    t.createPod(pod('web', { cpu: '500m' }))
    t.advance(10)
    const { code, details } = t.decision('web')
    expect(code).toBe('Scheduled')
    expect(details.selectedNode).toBe('worker-2')
    expect(details.totalNodes).toBe(3)
    expect(details.evaluatedNodes).toBe(3)
    expect(details.feasibleNodes).toBe(2)
    expect(details.filterPlugins).toEqual([
      'NodeUnschedulable',
      'NodeName',
      'TaintToleration',
      'NodeResourcesFit',
    ])
    expect(details.skippedFilterPlugins).toEqual(['NodeAffinity', 'NodePorts'])
    expect(details.scorePlugins).toEqual([
      { plugin: 'TaintToleration', weight: 3 },
      { plugin: 'NodeResourcesFit', weight: 1 },
      { plugin: 'NodeResourcesBalancedAllocation', weight: 1 },
      { plugin: 'ImageLocality', weight: 1 },
    ])
    const rows = Object.fromEntries(details.nodes.map((r) => [r.node, r]))
    expect(rows['cp-1']!.filter).toEqual({
      plugin: 'TaintToleration',
      code: 'UnschedulableAndUnresolvable',
      reasons: [TAINT_REASON],
    })
    // worker-2: cpu (4000 − 500) × 100 / 4000 = 87, memory (8Gi − 200Mi) × 100 / 8Gi = 97 → 92.
    // BalancedAllocation: |500/4000 − 0| / 2 = 0.0625 → 93. TaintToleration 100 × 3.
    expect(rows['worker-2']).toMatchObject({
      filter: null,
      scores: [100, 92, 93, 0],
      total: 485,
      selected: true,
    })
    // worker-1: cpu 2500m → 37; memory 200Mi + 200Mi (defaults for pods without requests) → 95;
    // (37 + 95) / 2 = 66. BalancedAllocation counts real requests: |2500/4000 − 0| / 2 → 68.
    expect(rows['worker-1']).toMatchObject({ filter: null, scores: [100, 66, 68, 0], total: 434 })
  })

  it('scheduler: filter: the control-plane taint keeps pods off cp-1 unless tolerated (FIDELITY.md §3.2)', () => {
    const t = schedulerTest({ nodes: [controlPlane('cp-1')] })
    t.createPod(pod('plain'))
    t.createPod(pod('tolerant', { tolerations: [TOLERATE_CONTROL_PLANE] }))
    t.advance(10)
    expect(t.nodeOf('plain')).toBeUndefined()
    expect(t.nodeOf('tolerant')).toBe('cp-1')
    const message =
      `0/1 nodes are available: 1 ${TAINT_REASON}. ` +
      'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.'
    expect(t.getPod('plain').status?.conditions).toEqual([
      {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: '2026-01-05T09:00:00Z',
        reason: 'Unschedulable',
        message,
      },
    ])
  })

  it('scheduler: filter: nodeSelector picks the labelled node, and no match says so', () => {
    const nodes = [
      controlPlane('cp-1'),
      node('worker-1'),
      node('worker-2', { labels: { disktype: 'ssd' } }),
    ]
    const t = schedulerTest({ nodes })
    t.createPod(pod('fast', { nodeSelector: { disktype: 'ssd' } }))
    t.createPod(pod('gpu', { nodeSelector: { accelerator: 'gpu' } }))
    t.advance(10)
    expect(t.nodeOf('fast')).toBe('worker-2')
    expect(t.nodeOf('gpu')).toBeUndefined()
    expect(t.decision('gpu').details.postFilter?.message).toBe(
      'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    )
    expect(t.decision('gpu').details.message).toBe(
      `0/3 nodes are available: 1 ${TAINT_REASON}, 2 node(s) didn't match Pod's node affinity/selector. ` +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    )
  })

  it('scheduler: filter: matchFields metadata.name narrows the search to the named node, as DaemonSet pods do', () => {
    const pinnedTo = (nodeName: string) => ({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: [nodeName] }],
            },
          ],
        },
      },
    })
    const t = schedulerTest({ nodes: threeNodes() })
    t.createPod(pod('ds-worker-2', { affinity: pinnedTo('worker-2') }))
    t.createPod(pod('ds-gone', { affinity: pinnedTo('worker-9') }))
    t.advance(10)
    expect(t.nodeOf('ds-worker-2')).toBe('worker-2')
    expect(t.decision('ds-worker-2').details).toMatchObject({ evaluatedNodes: 1, feasibleNodes: 1 })
    expect(t.decision('ds-gone').details.message).toBe(
      "0/3 nodes are available: 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    )
  })

  it('scheduler: filter: insufficient cpu gives the exact aggregate FitError with the preemption suffix (FIDELITY.md §3.1, §3.3, §3.4)', () => {
    const t = schedulerTest({ nodes: threeNodes() })
    t.createPod(pod('huge', { cpu: '5' }))
    t.advance(10)
    const message =
      `0/3 nodes are available: 1 ${TAINT_REASON}, 2 Insufficient cpu. ` +
      'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, ' +
      '2 No preemption victims found for incoming pod.'
    const condition = t.getPod('huge').status?.conditions?.find((c) => c.type === 'PodScheduled')
    expect(condition).toMatchObject({ status: 'False', reason: 'Unschedulable', message })
    const failed = t.events('huge').filter((e) => e.reason === 'FailedScheduling')
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject({ type: 'Warning', action: 'Scheduling', message })
    const rows = Object.fromEntries(t.decision('huge').details.nodes.map((r) => [r.node, r]))
    expect(rows['worker-1']).toMatchObject({
      filter: { plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient cpu'] },
      preemption: 'No preemption victims found for incoming pod',
    })
    expect(rows['cp-1']!.preemption).toBe('Preemption is not helpful for scheduling')
  })

  it('scheduler: filter: every shortage of a node is a reason of its own', () => {
    const t = schedulerTest({ nodes: [node('worker-1', { pods: '1' })] })
    t.createPod(pod('first', { nodeName: 'worker-1' }))
    t.advance(10)
    t.createPod(pod('big', { cpu: '8', memory: '16Gi' }))
    t.advance(10)
    expect(t.decision('big').details.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 Too many pods. ' +
        'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    )
  })

  it('scheduler: filter: cordoned nodes are unschedulable unless the pod tolerates it (FIDELITY.md §3.2)', () => {
    const nodes = [
      controlPlane('cp-1'),
      node('worker-1', { unschedulable: true }),
      node('worker-2', { unschedulable: true }),
    ]
    const t = schedulerTest({ nodes })
    t.createPod(pod('web'))
    t.createPod(
      pod('daemon', {
        tolerations: [
          { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
        ],
      }),
    )
    t.advance(10)
    expect(t.nodeOf('web')).toBeUndefined()
    expect(t.decision('web').details.message).toBe(
      `0/3 nodes are available: 1 ${TAINT_REASON}, 2 node(s) were unschedulable. ` +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    )
    expect(t.nodeOf('daemon')).toMatch(/^worker-[12]$/)
  })

  it('scheduler: filter: a hostPort taken on every worker leaves the third pod Pending (FIDELITY.md §3.2)', () => {
    const t = schedulerTest({ nodes: threeNodes() })
    for (const name of ['a', 'b', 'c']) t.createPod(pod(name, { hostPort: 8080 }))
    t.advance(10)
    expect([t.nodeOf('a'), t.nodeOf('b')].sort()).toEqual(['worker-1', 'worker-2'])
    expect(t.nodeOf('c')).toBeUndefined()
    expect(t.decision('c').details.message).toBe(
      `0/3 nodes are available: 1 ${TAINT_REASON}, 2 node(s) didn't have free ports for the requested pod ports. ` +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, ' +
        '2 No preemption victims found for incoming pod.',
    )
  })

  it('scheduler: filter: pods with spec.nodeName or another schedulerName are not its business', () => {
    const t = schedulerTest({ nodes: threeNodes() })
    t.createPod(pod('pinned', { nodeName: 'cp-1' }))
    t.createPod(pod('custom', { schedulerName: 'my-scheduler' }))
    t.advance(5000)
    expect(t.nodeOf('pinned')).toBe('cp-1')
    expect(t.nodeOf('custom')).toBeUndefined()
    expect(t.events('pinned')).toEqual([])
    expect(t.events('custom')).toEqual([])
    expect(t.getPod('custom').status?.conditions).toBeUndefined()
  })

  it('scheduler: score: pods spread over identical workers, one per clock task', () => {
    const t = schedulerTest({ nodes: threeNodes() })
    for (let i = 0; i < 4; i++) t.createPod(pod(`web-${i}`, { cpu: '1' }))
    t.advance(100)
    const placements = [0, 1, 2, 3].map((i) => t.nodeOf(`web-${i}`))
    expect(placements.filter((n) => n === 'worker-1')).toHaveLength(2)
    expect(placements.filter((n) => n === 'worker-2')).toHaveLength(2)
    const times = [0, 1, 2, 3].map((i) => t.decision(`web-${i}`).atMs)
    expect(times).toEqual([0, 1, 2, 3])
  })

  it('scheduler: score: a higher-priority pod is scheduled first', () => {
    const t = schedulerTest({ nodes: [node('worker-1', { cpu: '1' })], start: false })
    t.createPod(pod('low', { cpu: '1' }))
    t.createPod(pod('high', { cpu: '1', priority: 1000 }))
    t.advance(10)
    t.scheduler.start()
    t.advance(10)
    expect(t.nodeOf('high')).toBe('worker-1')
    expect(t.nodeOf('low')).toBeUndefined()
  })
})

export type { Pod }
