import { describe, expect, it } from 'vitest'
import { Clock } from '../../../core/clock'
import { Random } from '../../../core/random'
import { PodInfo } from '../../../core/scheduler/podInfo'
import { Scheduler } from '../../../core/scheduler/scheduler'
import { numFeasibleNodesToFind, selectHost } from '../../../core/scheduler/schedulePod'
import { node, pod } from './fixtures'

/** A scheduler without an API server: nodes and pods are fed to it directly. */
function offline(nodes: number, options: { cordoned?: number } = {}): Scheduler {
  const s = new Scheduler({ clock: new Clock(), random: new Random(1) })
  for (let i = 0; i < nodes; i++) {
    s.onNodeAdd(node(`node-${i}`, { unschedulable: i < (options.cordoned ?? 0) }))
  }
  return s
}

function evaluate(s: Scheduler, name: string) {
  const outcome = s.algorithm.schedulePod(s.framework.newCycleState(), new PodInfo(pod(name)))
  if (outcome.kind !== 'Scheduled') throw new Error(`expected ${name} to fit, got ${outcome.kind}`)
  return outcome.trace
}

describe('kube-scheduler: the scheduling algorithm', () => {
  it('scheduler: filter: percentageOfNodesToScore gives 100 of 100, 420 of 1000, 500 of 5000 nodes (FIDELITY.md §3.5)', () => {
    expect(numFeasibleNodesToFind(0, 50)).toBe(50)
    expect(numFeasibleNodesToFind(0, 100)).toBe(100)
    expect(numFeasibleNodesToFind(0, 1000)).toBe(420)
    expect(numFeasibleNodesToFind(0, 5000)).toBe(500)
    expect(numFeasibleNodesToFind(0, 20_000)).toBe(1000)
    expect(numFeasibleNodesToFind(10, 5000)).toBe(500)
    expect(numFeasibleNodesToFind(1, 5000)).toBe(100)
    expect(numFeasibleNodesToFind(100, 5000)).toBe(5000)
  })

  it('scheduler: filter: with 1000 nodes a cycle stops after 420 feasible ones and the next starts where it stopped', () => {
    const s = offline(1000)
    expect(evaluate(s, 'a')).toMatchObject({ totalNodes: 1000, evaluatedNodes: 420 })
    expect(s.algorithm.nextStartNodeIndex).toBe(420)
    expect(evaluate(s, 'b').feasible[0]!.name).toBe('node-420')
    expect(s.algorithm.nextStartNodeIndex).toBe(840)
    const third = evaluate(s, 'c')
    expect(third.feasible[0]!.name).toBe('node-840')
    expect(third.feasible.at(-1)!.name).toBe('node-259')
    expect(s.algorithm.nextStartNodeIndex).toBe(260)
  })

  it('scheduler: filter: rejected nodes count as examined, and 5000 nodes cost 500 feasible ones', () => {
    const s = offline(1000, { cordoned: 100 })
    expect(evaluate(s, 'a')).toMatchObject({ evaluatedNodes: 520 })
    expect(s.algorithm.nextStartNodeIndex).toBe(520)
    expect(evaluate(offline(5000), 'b')).toMatchObject({ evaluatedNodes: 500, totalNodes: 5000 })
    expect(evaluate(offline(100), 'c')).toMatchObject({ evaluatedNodes: 100 })
  })

  it('scheduler: score: ties are broken by reservoir sampling on the seeded stream', () => {
    const wins = [0, 0, 0, 0]
    const random = new Random(42)
    for (let i = 0; i < 4000; i++) wins[selectHost([7, 9, 9, 9], random)]!++
    expect(wins[0]).toBe(0)
    for (const w of wins.slice(1)) expect(w).toBeGreaterThan(1200)
    expect(selectHost([1, 5, 3], new Random(1))).toBe(1)
    const again = (seed: number) =>
      Array.from({ length: 20 }, () => selectHost([1, 1, 1, 1], new Random(seed)))
    expect(again(3)).toEqual(again(3))
  })
})
