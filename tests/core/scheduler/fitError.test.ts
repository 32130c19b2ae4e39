import { describe, expect, it } from 'vitest'
import { fitErrorMessage, newDiagnosis, reasonHistogram } from '../../../core/scheduler/fitError'
import { unresolvable, unschedulable } from '../../../core/scheduler/status'

describe('kube-scheduler: FitError messages', () => {
  it('scheduler: filter: reasons are counted per node and sorted as whole strings, count included (FIDELITY.md §3.1)', () => {
    const statuses = [
      ...Array.from({ length: 10 }, () => unschedulable('NodeResourcesFit', 'Insufficient cpu')),
      unresolvable('TaintToleration', 'node(s) had untolerated taint {dedicated: gpu}'),
      unresolvable('TaintToleration', 'node(s) had untolerated taint {dedicated: gpu}'),
      unschedulable('NodeResourcesFit', 'Insufficient cpu', 'Insufficient memory'),
    ]
    expect(reasonHistogram(statuses)).toEqual([
      '1 Insufficient memory',
      '11 Insufficient cpu',
      '2 node(s) had untolerated taint {dedicated: gpu}',
    ])
  })

  it('scheduler: filter: a PreFilter rejection replaces the histogram, and PostFilter text is appended as is', () => {
    const d = newDiagnosis()
    d.preFilterMsg = "node(s) didn't satisfy plugin NodeAffinity"
    d.absentStatus = unresolvable('NodeAffinity', d.preFilterMsg)
    d.postFilterMsg =
      'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.'
    expect(fitErrorMessage(3, d)).toBe(
      "0/3 nodes are available: node(s) didn't satisfy plugin NodeAffinity. " +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    )
  })

  it('scheduler: filter: nodes outside a PreFilter node set count with the absent-node reason', () => {
    const d = newDiagnosis()
    d.nodeToStatus.set('worker-1', unschedulable('NodeResourcesFit', 'Insufficient cpu'))
    d.absentStatus = unresolvable('NodeAffinity', "node(s) didn't satisfy plugin(s) [NodeAffinity]")
    expect(fitErrorMessage(4, d)).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    )
  })
})
