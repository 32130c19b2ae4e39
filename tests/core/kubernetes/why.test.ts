import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../core/api/types'
import type { SchedulingDecision } from '../../../core/scheduler/decision'
import { sim } from '../../support/sim'

const pod = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27', ...extra }] },
})

describe('explain: why?', () => {
  it('explain: a Pending pod with kube-scheduler stopped points at the scheduler, then at the fault that stopped it', () => {
    const t = sim({ seed: 1 })
    t.advance('12s')
    t.fault('process/stop', { kind: 'component', type: 'kube-scheduler', machine: 'cp-1' })
    t.advance('30s')
    t.create(pod('web'))
    t.advance('1m')
    const { chain } = t.simulation.handle({ kind: 'explain/why', subject: 'Pod default/web' })
    expect(chain.map((r) => `${r.subject}: ${r.code}`)).toEqual([
      'Pod default/web: NoSchedulerLeader',
      'Component kube-scheduler-cp-1: FaultApplied',
    ])
    expect(chain[1]!.summary).toBe(
      'kube-scheduler on cp-1 was stopped at 00:00:12 (fault process/stop, fault-1).',
    )
  })

  it("explain: an unschedulable pod answers with the scheduler's per-node, per-plugin results (FIDELITY.md §3.1)", () => {
    const t = sim({ seed: 1 })
    t.create(pod('big', { resources: { requests: { cpu: '64' } } }))
    t.advance('10s')
    const stored = t.stored<Pod>('/registry/pods/default/')[0]!
    const condition = stored.status!.conditions!.find((c) => c.type === 'PodScheduled')!
    expect(condition.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    )
    const { chain } = t.simulation.handle({ kind: 'explain/why', subject: 'Pod default/big' })
    expect(chain[0]!.code).toBe('FailedScheduling')
    const decision = chain[0]!.details as SchedulingDecision
    expect(JSON.stringify(decision)).toContain('Insufficient cpu')
    expect(JSON.stringify(decision)).toContain('TaintToleration')
  })

  it('explain: a NotReady node points at its silent kubelet and the fault that stopped it', () => {
    const t = sim({ seed: 2 })
    t.fault('process/stop', { kind: 'component', type: 'kubelet', machine: 'worker-1' })
    t.advance('90s')
    const { chain } = t.simulation.handle({ kind: 'explain/why', subject: 'Node worker-1' })
    expect(chain.map((r) => r.code)).toEqual(['NodeStatusUnknown', 'FaultApplied'])
  })
})
