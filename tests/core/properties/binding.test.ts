/**
 * Binding: spec.nodeName is set once, by pods/binding, and never changes afterwards. A pod that
 * must move is deleted and replaced by a new pod with a new uid, whatever breaks meanwhile
 * (a scheduler killed mid-cycle, a partitioned node, an evicted pod).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../core/api/types'
import { sim, type SimTest } from '../../support/sim'
import { runStep, steps } from './commands'
import { parameters } from './parameters'

/**
 * Watches every write to pods in etcd (the watch is synchronous, so no write between two steps
 * escapes it) and returns the bindings seen and the rebindings, as sentences.
 */
function watchBindings(t: SimTest): { bound: Map<string, string>; rebindings: string[] } {
  const bound = new Map<string, string>()
  const rebindings: string[] = []
  const see = (pod: Pod, revision: number): void => {
    const uid = pod.metadata.uid!
    const was = bound.get(uid)
    const now = pod.spec.nodeName
    if (was !== undefined && now !== was) {
      rebindings.push(
        `pod ${pod.metadata.namespace}/${pod.metadata.name} (uid ${uid}) bound to ${was}, ` +
          `then to ${now ?? 'no node'} at revision ${revision}`,
      )
    }
    if (was === undefined && now !== undefined) bound.set(uid, now)
  }
  const kv = t.kube.etcd.kv
  for (const pod of t.stored<Pod>('/registry/pods/')) see(pod, kv.revision)
  kv.watch(kv.revision, (event) => {
    if (event.key.startsWith('/registry/pods/')) see(event.object as Pod, event.revision)
  })
  return { bound, rebindings }
}

describe('properties: binding', () => {
  it('properties: binding: a pod is never bound to two nodes', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), steps(10), (seed, plan) => {
        const t = sim({ seed })
        const { bound, rebindings } = watchBindings(t)
        for (const s of plan) {
          runStep(t, s)
          // The admin view after each step agrees with what the watch saw.
          for (const pod of t.stored<Pod>('/registry/pods/')) {
            if (pod.spec.nodeName !== undefined)
              expect(pod.spec.nodeName).toBe(bound.get(pod.metadata.uid!))
          }
        }
        t.simulation.handle({ kind: 'fault/heal-all' })
        t.advance('5m')
        expect(rebindings).toEqual([])
        // The check saw pods at all: the boot's own pods are bound to nodes.
        expect(bound.size).toBeGreaterThan(0)
      }),
      parameters(15),
    )
  })
})
