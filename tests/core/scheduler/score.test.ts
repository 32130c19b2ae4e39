import { describe, expect, it } from 'vitest'
import type { Node } from '../../../core/api/types'
import { Clock } from '../../../core/clock'
import { Random } from '../../../core/random'
import { defaultNormalizeScore } from '../../../core/scheduler/normalize'
import { PodInfo } from '../../../core/scheduler/podInfo'
import { balancedResourceScore } from '../../../core/scheduler/plugins/balancedAllocation'
import { imageLocalityPriority } from '../../../core/scheduler/plugins/imageLocality'
import { leastRequestedScore } from '../../../core/scheduler/plugins/nodeResourcesFit'
import { Scheduler } from '../../../core/scheduler/scheduler'
import { node, pod, type PodOptions } from './fixtures'

/** Scores of every feasible node by plugin, for a pod on the given nodes. */
function scores(nodes: Node[], options: PodOptions = {}): Record<string, Record<string, number>> {
  const s = new Scheduler({ clock: new Clock(), random: new Random(1) })
  for (const n of nodes) s.onNodeAdd(n)
  const outcome = s.algorithm.schedulePod(
    s.framework.newCycleState(),
    new PodInfo(pod('p', options)),
  )
  if (outcome.kind !== 'Scheduled') throw new Error(outcome.kind)
  const out: Record<string, Record<string, number>> = {}
  outcome.trace.feasible.forEach((n, i) => {
    out[n.name] = Object.fromEntries(outcome.trace.scores.map((p) => [p.plugin, p.scores[i]!]))
    out[n.name]!['total'] = outcome.trace.totals[i]!
  })
  return out
}

describe('kube-scheduler: score plugins', () => {
  it('scheduler: score: DefaultNormalizeScore scales to 100, reversed for TaintToleration', () => {
    const plain = [0, 1, 3]
    defaultNormalizeScore(100, false, plain)
    expect(plain).toEqual([0, 33, 100])
    const reversed = [0, 1, 3]
    defaultNormalizeScore(100, true, reversed)
    expect(reversed).toEqual([100, 67, 0])
    const none = [0, 0]
    defaultNormalizeScore(100, true, none)
    expect(none).toEqual([100, 100])
  })

  it('scheduler: score: untolerated PreferNoSchedule taints lower a node, weighted 3 (FIDELITY.md §3.6)', () => {
    const soft = { key: 'dedicated', value: 'batch', effect: 'PreferNoSchedule' as const }
    const result = scores([node('a'), node('b', { taints: [soft] })])
    expect(result['a']!['TaintToleration']).toBe(100)
    expect(result['b']!['TaintToleration']).toBe(0)
    expect(result['a']!['total']! - result['b']!['total']!).toBe(300)
    const tolerant = scores([node('a'), node('b', { taints: [soft] })], {
      tolerations: [{ key: 'dedicated', operator: 'Exists' }],
    })
    expect(tolerant['b']!['TaintToleration']).toBe(100)
  })

  it('scheduler: score: preferred node affinity adds its weights, normalized, weighted 2', () => {
    const affinity = {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 80,
            preference: {
              matchExpressions: [{ key: 'zone', operator: 'In' as const, values: ['a'] }],
            },
          },
          {
            weight: 20,
            preference: { matchExpressions: [{ key: 'ssd', operator: 'Exists' as const }] },
          },
        ],
      },
    }
    const result = scores(
      [
        node('n1', { labels: { zone: 'a', ssd: '' } }),
        node('n2', { labels: { zone: 'a' } }),
        node('n3', { labels: { ssd: '' } }),
      ],
      { affinity },
    )
    expect([result['n1'], result['n2'], result['n3']].map((r) => r!['NodeAffinity'])).toEqual([
      100, 80, 20,
    ])
    // Without preferred terms NodeAffinity does not score at all (PreScore Skip).
    expect(scores([node('n1'), node('n2')])['n1']!['NodeAffinity']).toBeUndefined()
  })

  it('scheduler: score: LeastAllocated and BalancedAllocation use integer maths as Go does', () => {
    expect(leastRequestedScore(500, 4000)).toBe(87)
    expect(leastRequestedScore(5000, 4000)).toBe(0)
    expect(leastRequestedScore(0, 0)).toBe(0)
    expect(balancedResourceScore([2000, 4 * 2 ** 30], [4000, 8 * 2 ** 30])).toBe(100)
    expect(balancedResourceScore([4000, 0], [4000, 8 * 2 ** 30])).toBe(50)
    expect(balancedResourceScore([1000, 0, 0], [4000, 0, 0])).toBe(100)
  })

  it('scheduler: score: ImageLocality favours nodes that have the image, scaled by its spread', () => {
    const mb = 1024 * 1024
    expect(imageLocalityPriority(0, 1)).toBe(0)
    expect(imageLocalityPriority(500 * mb, 1)).toBe(48)
    expect(imageLocalityPriority(5000 * mb, 1)).toBe(100)
    const image = { names: ['registry.k8s.io/big:1.0'], sizeBytes: 600 * mb }
    const result = scores([node('with', { images: [image] }), node('without')], {
      image: 'registry.k8s.io/big:1.0',
    })
    // 600 MB × (1 node of 2) = 300 MB → 100 × (300 − 23) / (1000 − 23) = 28.
    expect(result['with']!['ImageLocality']).toBe(28)
    expect(result['without']!['ImageLocality']).toBe(0)
  })
})
