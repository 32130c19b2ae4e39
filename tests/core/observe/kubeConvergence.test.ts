/**
 * The informer's promise: a client that lists, then applies every kube/changed batch above the
 * listed revision, holds exactly what a fresh list gives, whatever the workload and the faults.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ConnectionRefused } from '../../../core/client/client'
import type { KubeSummary } from '../../../core/protocol'
import { sim, type SimTest } from '../../support/sim'
import { runStep, steps, type Step } from '../properties/commands'
import { parameters } from '../properties/parameters'
import { barePod, kubeBatches, listed } from './support'

/** An informer as the app's kube store is one: list, then apply batches above the revision. */
class Informer {
  private objects = new Map<string, KubeSummary>()
  private revision = 0
  private applied = 0

  constructor(private readonly t: SimTest) {}

  list(): void {
    const { revision, items } = this.t.simulation.handle({ kind: 'kube/list' })
    this.objects = new Map(items.map((item) => [item.key, item]))
    this.revision = revision
    this.applied = this.t.events.length
  }

  /** Applies the batches that arrived since the last call. */
  catchUp(): void {
    for (const batch of kubeBatches(this.t.events.slice(this.applied))) {
      if (batch.revision <= this.revision) continue
      for (const { type, object } of batch.changes) {
        if (type === 'DELETED') this.objects.delete(object.key)
        else this.objects.set(object.key, object)
      }
      this.revision = batch.revision
    }
    this.applied = this.t.events.length
  }

  get state(): Map<string, KubeSummary> {
    return this.objects
  }
}

/** A write that a fault (the API server stopped or cut off) may refuse, as it refuses kubectl. */
function attempt(write: () => unknown): void {
  try {
    write()
  } catch (error) {
    if (!(error instanceof ConnectionRefused)) throw error
  }
}

function run(workload: Step[], listAt: number): { informer: Informer; t: SimTest } {
  const t = sim({ seed: 1 })
  const informer = new Informer(t)
  workload.forEach((step, i) => {
    if (i === listAt) {
      // A write outside any command is pending when the client lists; it must not get lost.
      attempt(() => t.create(barePod(`listed-${i}`, { nodeSelector: { disk: 'none' } })))
      informer.list()
      attempt(() => t.api('DELETE', `/api/v1/namespaces/default/pods/listed-${i}`))
    }
    runStep(t, step)
    informer.catchUp()
  })
  return { informer, t }
}

describe('kube observer: list then batches', () => {
  it('ends where a fresh list is, for random workloads and faults', () => {
    fc.assert(
      fc.property(
        steps(5).chain((workload) =>
          fc.tuple(fc.constant(workload), fc.nat({ max: workload.length - 1 })),
        ),
        ([workload, listAt]) => {
          const { informer, t } = run(workload, listAt)
          expect(informer.state).toEqual(listed(t))
        },
      ),
      parameters(6),
    )
  })

  it('sends batches whose revisions increase and that name each object once', () => {
    const { t } = run(
      [
        {
          command: { kind: 'deployment/create', name: 'web', replicas: 3, image: 'nginx:1.27' },
          thenSeconds: 20,
        },
        { command: { kind: 'deployment/scale', name: 'web', replicas: 1 }, thenSeconds: 60 },
      ],
      1,
    )
    const batches = kubeBatches(t.events)
    for (let i = 1; i < batches.length; i++)
      expect(batches[i]!.revision).toBeGreaterThan(batches[i - 1]!.revision)
    for (const batch of batches) {
      const keys = batch.changes.map((c) => c.object.key)
      expect(new Set(keys).size).toBe(keys.length)
    }
  })
})
