import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { Command, SimulationEvent, StatsSample } from '../../core/protocol'
import type { SimulationClient } from '../../renderer/src/client/simulationClient'
import {
  ALL_NODES,
  mergeSamples,
  nodeColumns,
  podPhaseColumns,
  queueColumns,
  REFRESH_INTERVAL_MS,
  useChartsStore,
  type RefreshTimers,
} from '../../renderer/src/stores/charts'
import { settle } from './helpers'

function sample(atMs: number, over: Partial<StatsSample> = {}): StatsSample {
  return {
    atMs,
    podsByPhase: { Pending: 1, Running: 2, Succeeded: 0, Failed: 0, Unknown: 0 },
    nodes: [
      {
        name: 'cp-1',
        cpuRequestedMilli: 950,
        cpuAllocatableMilli: 2000,
        memoryRequestedBytes: 0,
        memoryAllocatableBytes: 4_000,
      },
      {
        name: 'worker-1',
        cpuRequestedMilli: 250,
        cpuAllocatableMilli: 2000,
        memoryRequestedBytes: 1_000,
        memoryAllocatableBytes: 4_000,
      },
    ],
    schedulerQueue: { active: 0, backoff: 1, unschedulable: 2 },
    ...over,
  }
}

/** Wall time the test moves by hand: a fake clock for the throttle. */
function fakeTimers(): RefreshTimers & { advance(ms: number): void } {
  let nowMs = 1_000_000
  let due: { atMs: number; run: () => void }[] = []
  return {
    now: () => nowMs,
    setTimeout: (run, ms) => {
      const timer = { atMs: nowMs + ms, run }
      due.push(timer)
      return timer
    },
    clearTimeout: (timer) => void (due = due.filter((t) => t !== timer)),
    advance(ms) {
      nowMs += ms
      const ready = due.filter((t) => t.atMs <= nowMs)
      due = due.filter((t) => t.atMs > nowMs)
      ready.forEach((t) => t.run())
    },
  }
}

/** A client that answers stats/history from `history` and lets the test emit events. */
function statsClient(history: () => StatsSample[]) {
  const asked: Command[] = []
  const listeners = new Set<(event: SimulationEvent) => void>()
  const client: SimulationClient = {
    request: (command) => {
      asked.push(command)
      const since =
        command.kind === 'stats/history' ? ((command as { sinceMs?: number }).sinceMs ?? -1) : -1
      return Promise.resolve({ samples: history().filter((s) => s.atMs > since) } as never)
    },
    onEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: () => {},
  }
  const emit = (event: SimulationEvent): void => listeners.forEach((l) => l(event))
  const tick = (nowMs: number): void => emit({ kind: 'clock/ticked', nowMs })
  return { client, asked, emit, tick }
}

describe('chart data shaping', () => {
  const samples = [sample(10_000), sample(20_000, { schedulerQueue: null })]

  it('turns samples into uPlot columns: seconds of cluster time, then one column per phase', () => {
    expect(podPhaseColumns(samples)).toEqual([
      [10, 20],
      [1, 1],
      [2, 2],
      [0, 0],
      [0, 0],
      [0, 0],
    ])
  })

  it('leaves gaps in the queue while no scheduler leads', () => {
    expect(queueColumns(samples)).toEqual([
      [10, 20],
      [0, null],
      [1, null],
      [2, null],
    ])
  })

  it("gives a node's requests, or every node's, as a percent of allocatable", () => {
    expect(nodeColumns(samples, 'worker-1')).toEqual([
      [10, 20],
      [12.5, 12.5],
      [25, 25],
    ])
    expect(nodeColumns(samples, ALL_NODES)).toEqual([
      [10, 20],
      [30, 30],
      [12.5, 12.5],
    ])
    expect(nodeColumns(samples, 'gone')).toEqual([
      [10, 20],
      [null, null],
      [null, null],
    ])
  })

  it('appends only newer samples, in order, and keeps the newest when bounded', () => {
    const held = [sample(10_000), sample(20_000)]
    const merged = mergeSamples(held, [sample(40_000), sample(20_000), sample(30_000)], 3)
    expect(merged.map((s) => s.atMs)).toEqual([20_000, 30_000, 40_000])
  })
})

describe('useChartsStore', () => {
  let charts: ReturnType<typeof useChartsStore>
  let timers: ReturnType<typeof fakeTimers>
  let history: StatsSample[]
  let sim: ReturnType<typeof statsClient>

  beforeEach(() => {
    setActivePinia(createPinia())
    charts = useChartsStore()
    timers = fakeTimers()
    history = [sample(10_000)]
    sim = statsClient(() => history)
    charts.connect(sim.client, { timers })
  })

  it('fetches nothing until a chart is shown, then loads the whole history', async () => {
    sim.tick(10_000)
    await settle()
    expect(sim.asked).toEqual([])
    charts.show()
    await settle()
    expect(sim.asked).toEqual([{ kind: 'stats/history' }])
    expect(charts.samples.map((s) => s.atMs)).toEqual([10_000])
  })

  it('refreshes on clock ticks at most once per interval of wall time, asking after the last', async () => {
    charts.show()
    await settle()
    history = [sample(10_000), sample(20_000)]
    for (let i = 0; i < 5; i++) sim.tick(20_000 + i)
    await settle()
    expect(sim.asked).toHaveLength(1)
    timers.advance(REFRESH_INTERVAL_MS - 1)
    await settle()
    expect(sim.asked).toHaveLength(1)
    timers.advance(1)
    await settle()
    expect(sim.asked).toEqual([
      { kind: 'stats/history' },
      { kind: 'stats/history', sinceMs: 10_000 },
    ])
    expect(charts.samples.map((s) => s.atMs)).toEqual([10_000, 20_000])
    timers.advance(10 * REFRESH_INTERVAL_MS)
    await settle()
    expect(sim.asked).toHaveLength(2)
  })

  it('stops refreshing once the view lets go', async () => {
    const release = charts.show()
    await settle()
    release()
    timers.advance(REFRESH_INTERVAL_MS)
    sim.tick(30_000)
    await settle()
    expect(sim.asked).toHaveLength(1)
  })

  it('forgets the samples when the simulation is replaced, and reloads while shown', async () => {
    charts.show()
    await settle()
    history = [sample(0, { podsByPhase: { ...sample(0).podsByPhase, Running: 9 } })]
    timers.advance(REFRESH_INTERVAL_MS)
    sim.emit({
      kind: 'simulation/replaced',
      info: { seed: 2, nowMs: 0, kubernetesVersion: 'v1', cluster: {} as never },
    })
    expect(charts.samples).toEqual([])
    await settle()
    expect(sim.asked.at(-1)).toEqual({ kind: 'stats/history' })
    expect(charts.samples.map((s) => s.podsByPhase.Running)).toEqual([9])
  })

  it('drops a reply from the simulation that was replaced while it was asked', async () => {
    setActivePinia(createPinia())
    const held = useChartsStore()
    const replies: ((result: { samples: StatsSample[] }) => void)[] = []
    const listeners = new Set<(event: SimulationEvent) => void>()
    const client: SimulationClient = {
      request: () => new Promise((resolve) => replies.push(resolve as never)),
      onEvent: (listener) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
      close: () => {},
    }
    held.connect(client, { timers })
    held.show()
    listeners.forEach((l) =>
      l({
        kind: 'simulation/replaced',
        info: { seed: 2, nowMs: 0, kubernetesVersion: 'v1', cluster: {} as never },
      }),
    )
    expect(replies).toHaveLength(2)
    replies[0]!({ samples: [sample(90_000)] })
    await settle()
    expect(held.samples).toEqual([])
    replies[1]!({ samples: [sample(10_000)] })
    await settle()
    expect(held.samples.map((s) => s.atMs)).toEqual([10_000])
  })

  it('lists the nodes the samples name, for the node choice', async () => {
    charts.show()
    await settle()
    expect(charts.nodes).toEqual(['cp-1', 'worker-1'])
    expect(charts.latest?.atMs).toBe(10_000)
  })
})
