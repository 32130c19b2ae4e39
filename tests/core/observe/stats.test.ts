import { describe, expect, it } from 'vitest'
import { createSimulation } from '../../../core/simulation'
import { STATS_INTERVAL_MS } from '../../../core/observe/stats'
import { deployment } from '../../support/objects'
import { sim } from '../../support/sim'
import { barePod } from './support'

describe('stats: the charts’ samples', () => {
  it('samples every 10 s of virtual time, at the boundaries, however long an advance is', () => {
    const t = sim({ seed: 1 })
    t.advance('35s')
    const { samples } = t.simulation.handle({ kind: 'stats/history' })
    expect(samples.map((s) => s.atMs)).toEqual([10_000, 20_000, 30_000])
    expect(t.simulation.handle({ kind: 'stats/history', sinceMs: 10_000 }).samples).toHaveLength(2)
    expect(STATS_INTERVAL_MS).toBe(10_000)
  })

  it('counts pods by phase, a pod no node can hold being Pending', () => {
    const t = sim({ seed: 1 })
    t.advance('10s')
    const system = t.simulation.handle({ kind: 'stats/history' }).samples.at(-1)!.podsByPhase
    t.create(deployment('web', 2))
    t.create(barePod('huge', { requests: { cpu: '64' } }))
    t.advance('30s')
    const last = t.simulation.handle({ kind: 'stats/history' }).samples.at(-1)!
    expect(last.podsByPhase).toEqual({
      ...system,
      Pending: system.Pending + 1,
      Running: system.Running + 2,
    })
  })

  it('sums the requests of the pods bound to a node, against its allocatable', () => {
    const t = sim({ seed: 1 })
    t.advance('10s')
    const before = t.simulation.handle({ kind: 'stats/history' }).samples.at(-1)!
    t.create(barePod('placed', { requests: { cpu: '500m', memory: '256Mi' } }))
    t.advance('20s')
    const after = t.simulation.handle({ kind: 'stats/history' }).samples.at(-1)!
    const node = (sample: typeof after, name: string) => sample.nodes.find((n) => n.name === name)!
    const placed = ['worker-1', 'worker-2'].find(
      (name) => node(after, name).cpuRequestedMilli !== node(before, name).cpuRequestedMilli,
    )!
    expect(node(after, placed).cpuRequestedMilli - node(before, placed).cpuRequestedMilli).toBe(500)
    expect(
      node(after, placed).memoryRequestedBytes - node(before, placed).memoryRequestedBytes,
    ).toBe(256 * 1024 * 1024)
    expect(node(after, placed)).toMatchObject({
      cpuAllocatableMilli: 4000,
      memoryAllocatableBytes: expect.any(Number),
    })
  })

  it('reads the leading scheduler’s queue, and null while no scheduler runs', () => {
    const t = sim({ seed: 1 })
    t.create(barePod('huge', { requests: { cpu: '64' } }))
    t.advance('10s')
    expect(t.simulation.handle({ kind: 'stats/history' }).samples.at(-1)!.schedulerQueue).toEqual({
      active: 0,
      backoff: 0,
      unschedulable: 1,
    })
    t.fault('process/stop', { kind: 'component', type: 'kube-scheduler', machine: 'cp-1' })
    t.advance('10s')
    expect(t.simulation.handle({ kind: 'stats/history' }).samples.at(-1)!.schedulerQueue).toBe(null)
  })

  it('takes no sample while no client listens', () => {
    const simulation = createSimulation({ seed: 1 })
    simulation.handle({ kind: 'clock/advance', ms: 60_000 })
    expect(simulation.handle({ kind: 'stats/history' }).samples).toEqual([])
  })

  it('leaves the simulation as it would run without it: the same events with or without', () => {
    const run = (observed: boolean) => {
      const simulation = createSimulation({ seed: 3 })
      const seen: string[] = []
      if (observed) simulation.onEvent(() => {})
      simulation.kubernetes!.request('cp-1', {
        method: 'POST',
        path: '/apis/apps/v1/namespaces/default/deployments',
        body: deployment('web', 3),
      })
      simulation.handle({ kind: 'clock/advance', ms: 60_000 })
      for (const o of simulation.kubernetes!.etcd.kv.list('/registry/events/'))
        seen.push(JSON.stringify(o))
      return { seen, revision: simulation.kubernetes!.etcd.kv.revision }
    }
    expect(run(true)).toEqual(run(false))
  })
})
