import { describe, expect, it } from 'vitest'
import { createSimulation } from '../../core/simulation'
import { sim } from '../support/sim'

describe('simulation', () => {
  it('describes itself: seed, cluster shape, Kubernetes version and time', () => {
    const t = sim({ seed: 5 })
    t.advance('1m')
    expect(t.simulation.handle({ kind: 'simulation/describe' })).toEqual({
      seed: 5,
      cluster: { controlPlanes: 1, workers: 2 },
      kubernetesVersion: 'v1.32.4',
      nowMs: 60_000,
    })
  })

  it('lists the world with the revision it is at, for an informer to start from', () => {
    const t = sim({ seed: 1 })
    const list = t.simulation.handle({ kind: 'world/list' })
    expect(list.items).toHaveLength(list.resourceVersion)
    expect(list.items.filter((o) => o.kind === 'Machine')).toHaveLength(3)
  })

  it('emits clock/ticked after each advance, with the new time', () => {
    const t = sim({ seed: 1 })
    t.advance('30s')
    t.sh('sleep 30s')
    expect(t.events.filter((e) => e.kind === 'clock/ticked')).toEqual([
      { kind: 'clock/ticked', nowMs: 30_000 },
      { kind: 'clock/ticked', nowMs: 60_000 },
    ])
  })

  it('refuses a bad advance with a BadCommand error and keeps its time', () => {
    const t = sim({ seed: 1 })
    for (const ms of [-1, Number.NaN, Number.POSITIVE_INFINITY, 31 * 24 * 3600 * 1000]) {
      expect(() => t.simulation.handle({ kind: 'clock/advance', ms })).toThrow(
        expect.objectContaining({ code: 'BadCommand' }),
      )
    }
    expect(t.nowMs).toBe(0)
  })

  it('refuses an unknown command kind', () => {
    const simulation = createSimulation({ seed: 1 })
    const bogus = { kind: 'cluster/explode' } as unknown as Parameters<typeof simulation.handle>[0]
    expect(() => simulation.handle(bogus)).toThrow('unknown command kind cluster/explode')
  })

  it('refuses a non-integer seed', () => {
    expect(() => createSimulation({ seed: 1.5 })).toThrow('seed must be an integer')
  })

  it('replays byte for byte: same seed and same commands give the same replies and events', () => {
    const run = (seed: number): string => {
      const t = sim({ seed })
      const replies = ['sleep 90s', 'nodes', 'bogus', 'sleep 2h', 'nodes', 'help'].map((l) =>
        t.sh(l),
      )
      return JSON.stringify({
        replies,
        events: t.events,
        world: t.simulation.handle({ kind: 'world/list' }),
      })
    }
    expect(run(1)).toBe(run(1))
  })

  it('keeps shell sessions apart', () => {
    const simulation = createSimulation({ seed: 1 })
    simulation.handle({ kind: 'shell/exec', session: 'a', line: 'bogus' })
    const b = simulation.handle({ kind: 'shell/exec', session: 'b', line: 'exit' })
    expect(b.exitCode).toBe(0)
  })
})
