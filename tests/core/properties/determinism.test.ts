/**
 * Determinism (the simulation's invariant 1): the same seed and the same commands give the same
 * replies, events and etcd contents, byte for byte. Two simulations in one process also share
 * nothing: a module-level counter or cache would make the second run differ from the first.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sim } from '../../support/sim'
import { runStep, steps, type Step } from './commands'
import { parameters } from './parameters'

/** Everything observable of one run, as text. */
function replay(seed: number, plan: Step[]): { replies: string; events: string; etcd: string } {
  const t = sim({ seed })
  const replies = plan.map((s) => runStep(t, s))
  replies.push(JSON.stringify(t.simulation.handle({ kind: 'fault/heal-all' })))
  t.advance('1m')
  replies.push(t.sh('kubectl get pods -A -o wide').stdout)
  return {
    replies: JSON.stringify(replies),
    events: JSON.stringify(t.events),
    etcd: JSON.stringify(t.stored('/registry/')),
  }
}

describe('properties: determinism', () => {
  it('properties: determinism: the same seed and commands replay byte for byte', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), steps(6), (seed, plan) => {
        const first = replay(seed, plan)
        const second = replay(seed, plan)
        // Compared one by one, so that a failure names what differed first.
        expect(second.replies).toBe(first.replies)
        expect(second.events).toBe(first.events)
        expect(second.etcd).toBe(first.etcd)
      }),
      parameters(10),
    )
  })
})
