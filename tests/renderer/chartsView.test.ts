import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { SimulationEvent, StatsSample } from '../../core/protocol'
import type { SimulationClient } from '../../renderer/src/client/simulationClient'
import ChartsView from '../../renderer/src/components/ChartsView.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useChartsStore } from '../../renderer/src/stores/charts'

/** happy-dom has no canvas: uPlot is replaced by a recorder of what the view asked of it. */
const plots = vi.hoisted(() => [] as FakePlot[])
interface FakePlot {
  title: string
  data: unknown[]
  sizes: { width: number; height: number }[]
  destroyed: boolean
  options: { series: { label?: string; dash?: number[]; stroke?: string }[] }
}
vi.mock('uplot', () => ({
  default: class {
    record: FakePlot
    constructor(options: FakePlot['options'] & { width: number; height: number }, data: unknown) {
      this.record = { title: '', data: [data], sizes: [], destroyed: false, options }
      plots.push(this.record)
    }
    setData(data: unknown) {
      this.record.data.push(data)
    }
    setSize(size: { width: number; height: number }) {
      this.record.sizes.push(size)
    }
    destroy() {
      this.record.destroyed = true
    }
  },
}))

function sample(atMs: number, running: number): StatsSample {
  return {
    atMs,
    podsByPhase: { Pending: 1, Running: running, Succeeded: 0, Failed: 0, Unknown: 0 },
    nodes: [
      {
        name: 'worker-1',
        cpuRequestedMilli: 500,
        cpuAllocatableMilli: 2000,
        memoryRequestedBytes: 1,
        memoryAllocatableBytes: 4,
      },
    ],
    schedulerQueue: { active: 0, backoff: 0, unschedulable: 3 },
  }
}

describe('ChartsView', () => {
  let pinia: Pinia
  let wrapper: VueWrapper
  let history: StatsSample[]
  let emit: (event: SimulationEvent) => void

  function connect(): void {
    const listeners = new Set<(event: SimulationEvent) => void>()
    const client: SimulationClient = {
      request: (command) => {
        const since =
          command.kind === 'stats/history' ? ((command as { sinceMs?: number }).sinceMs ?? -1) : -1
        return Promise.resolve({ samples: history.filter((s) => s.atMs > since) } as never)
      },
      onEvent: (listener) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
      close: () => {},
    }
    emit = (event) => listeners.forEach((l) => l(event))
    // Wall time moves a second per look, so the refresh throttle never holds a tick back here.
    let wallMs = 0
    const timers = {
      now: () => (wallMs += 1_000),
      setTimeout: () => 0,
      clearTimeout: () => {},
    }
    useChartsStore().connect(client, { timers })
  }

  async function mountView(language: 'en' | 'pt-BR' = 'en'): Promise<void> {
    wrapper = mount(ChartsView, {
      attachTo: document.body,
      global: { plugins: [pinia, createAppI18n(language)] },
    })
    await flushPromises()
  }

  beforeEach(() => {
    plots.length = 0
    localStorage.clear()
    pinia = createPinia()
    setActivePinia(pinia)
    history = [sample(10_000, 2), sample(20_000, 3)]
    connect()
  })

  afterEach(() => wrapper?.unmount())

  it('loads the history on mount and draws three charts over cluster time', async () => {
    await mountView()
    expect(plots).toHaveLength(3)
    expect(plots[0]!.data[0]).toEqual([
      [10, 20],
      [1, 1],
      [2, 3],
      [0, 0],
      [0, 0],
      [0, 0],
    ])
    const labels = plots[0]!.options.series.slice(1).map((s) => s.label)
    expect(labels).toEqual(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'])
    const dashes = plots[0]!.options.series.slice(1).map((s) => JSON.stringify(s.dash))
    expect(new Set(dashes).size).toBe(5)
  })

  it('says the latest values in text, and offers the samples as a table', async () => {
    await mountView()
    expect(wrapper.get('[data-testid="chart-pods-summary"]').text()).toBe(
      'At 00:00:20: Pending 1, Running 3, Succeeded 0, Failed 0, Unknown 0.',
    )
    expect(wrapper.get('[data-testid="chart-nodes-summary"]').text()).toBe(
      'At 00:00:20: CPU requests 25%, Memory requests 25%.',
    )
    const rows = wrapper.get('[data-testid="chart-queue"] table').findAll('tbody tr')
    expect(
      rows.map((r) =>
        r
          .findAll('th, td')
          .map((c) => c.text())
          .join(' '),
      ),
    ).toEqual(['00:00:20 0 0 3', '00:00:10 0 0 3'])
  })

  it('feeds new samples to the charts as cluster time passes', async () => {
    await mountView()
    history.push(sample(30_000, 5))
    emit({ kind: 'clock/ticked', nowMs: 30_000 })
    await flushPromises()
    expect(plots[0]!.data.at(-1)).toEqual([
      [10, 20, 30],
      [1, 1, 1],
      [2, 3, 5],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ])
  })

  it('lets the learner choose a node, and lets go of uPlot on unmount', async () => {
    await mountView()
    await wrapper.get('[data-testid="charts-node"]').setValue('worker-1')
    expect(plots[1]!.data.at(-1)).toEqual([
      [10, 20],
      [25, 25],
      [25, 25],
    ])
    wrapper.unmount()
    expect(plots.every((p) => p.destroyed)).toBe(true)
  })

  it('says there is nothing yet before the first sample, in Portuguese too', async () => {
    history = []
    await mountView('pt-BR')
    expect(wrapper.get('[data-testid="charts-empty"]').text()).toContain('Ainda não há amostras')
    expect(plots).toHaveLength(0)
  })
})
