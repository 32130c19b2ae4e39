import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { EventSummary, LogLine, SimulationEvent } from '../../core/protocol'
import type { SimulationClient } from '../../renderer/src/client/simulationClient'
import TimelineView from '../../renderer/src/components/TimelineView.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useInspectorStore } from '../../renderer/src/stores/inspector'
import { useKubeStore } from '../../renderer/src/stores/kube'
import { MAX_LOG_LINES, useTimelineStore } from '../../renderer/src/stores/timeline'

function quietClient() {
  const listeners = new Set<(event: SimulationEvent) => void>()
  const client: SimulationClient = {
    request: (command) =>
      Promise.resolve((command.kind === 'log/list' ? { lines: [] } : { active: [] }) as never),
    onEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: () => {},
  }
  return { client, emit: (event: SimulationEvent) => listeners.forEach((l) => l(event)) }
}

const line = (atMs: number, text: string, component = 'kubelet-worker-1'): LogLine => ({
  atMs,
  component,
  text,
})

const WARNING: EventSummary = {
  kind: 'Event',
  key: 'Event/default/web-1.1',
  uid: 'e1',
  namespace: 'default',
  name: 'web-1.1',
  createdMs: 0,
  type: 'Warning',
  reason: 'FailedScheduling',
  message: '0/3 nodes are available',
  involved: { kind: 'Pod', namespace: 'default', name: 'web-1' },
  source: 'default-scheduler',
  count: 2,
  firstMs: 5_000,
  lastMs: 65_000,
}

describe('TimelineView', () => {
  let pinia: Pinia
  let wrapper: VueWrapper
  let sim: ReturnType<typeof quietClient>

  async function mountView(language: 'en' | 'pt-BR' = 'en'): Promise<void> {
    wrapper = mount(TimelineView, {
      attachTo: document.body,
      global: { plugins: [pinia, createAppI18n(language)] },
    })
    await flushPromises()
  }

  const options = () => wrapper.findAll('[role="option"]')
  const list = () => wrapper.get('[data-testid="timeline-list"]')

  beforeEach(async () => {
    localStorage.clear()
    pinia = createPinia()
    setActivePinia(pinia)
    sim = quietClient()
    useTimelineStore().connect(sim.client)
    await flushPromises()
  })

  afterEach(() => wrapper?.unmount())

  it('lists events and log lines with time, type word and source, and a rule per minute', async () => {
    sim.emit({ kind: 'log/appended', lines: [line(12_000, 'Pulling image "nginx"')] })
    useKubeStore().events = new Map([[WARNING.key, WARNING]])
    await mountView()
    const rows = options().map((o) => o.text())
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain('00:00:12')
    expect(rows[0]).toContain('kubelet-worker-1')
    expect(rows[1]).toContain('00:01:05, Warning, Pod/default/web-1: FailedScheduling')
    expect(rows[1]).toContain('×2')
    expect(wrapper.findAll('.minute').map((m) => m.text())).toEqual(['00:00:00', '00:01:00'])
    expect(wrapper.get('[data-testid="timeline-count"]').text()).toBe('2 of 2 entries')
  })

  it('renders only a window of rows, however many entries there are', async () => {
    const many = Array.from({ length: MAX_LOG_LINES }, (_, i) => line(i * 100, `line ${i}`))
    sim.emit({ kind: 'log/appended', lines: many })
    await mountView()
    expect(useTimelineStore().entries).toHaveLength(MAX_LOG_LINES)
    expect(options().length).toBeGreaterThan(0)
    expect(options().length).toBeLessThan(100)
    expect(options()[0]!.attributes('aria-setsize')).toBe(String(MAX_LOG_LINES))
  })

  it('moves with the arrow keys and shows the chosen entry in the inspector with Enter', async () => {
    sim.emit({
      kind: 'log/appended',
      lines: [line(1_000, 'first', 'etcd-cp-1'), line(2_000, 'second')],
    })
    useKubeStore().events = new Map([[WARNING.key, WARNING]])
    await mountView()
    const inspector = useInspectorStore()
    const select = vi.spyOn(inspector, 'select').mockResolvedValue()
    await list().trigger('focus')
    const active = () => list().attributes('aria-activedescendant')
    expect(active()).toBe(`timeline-option-event:${WARNING.key}`)
    await list().trigger('keydown', { key: 'Enter' })
    expect(select).toHaveBeenLastCalledWith({ object: 'Pod', namespace: 'default', name: 'web-1' })
    await list().trigger('keydown', { key: 'Home' })
    await list().trigger('keydown', { key: 'ArrowDown' })
    await list().trigger('keydown', { key: 'ArrowUp' })
    await list().trigger('keydown', { key: ' ' })
    expect(select).toHaveBeenLastCalledWith({ object: 'Component', name: 'etcd-cp-1' })
    expect(wrapper.get('[aria-selected="true"]').text()).toContain('first')
    expect(wrapper.get('[data-testid="timeline-details"]').text()).toContain('first')
  })

  it('filters by type and by object, and says when nothing matches', async () => {
    sim.emit({ kind: 'log/appended', lines: [line(1_000, 'started')] })
    useKubeStore().events = new Map([[WARNING.key, WARNING]])
    await mountView()
    await wrapper.get('[data-testid="timeline-type-log"]').setValue(false)
    expect(
      options()
        .map((o) => o.text())
        .join(),
    ).not.toContain('started')
    await wrapper.get('[data-testid="timeline-object"]').setValue('no-such-pod')
    expect(options()).toHaveLength(0)
    expect(wrapper.text()).toContain('No entry matches the filters.')
  })

  it('speaks Brazilian Portuguese', async () => {
    await mountView('pt-BR')
    expect(wrapper.text()).toContain('Nada aconteceu ainda')
    expect(
      wrapper.get('[data-testid="timeline-type-fault"]').element.parentElement?.textContent,
    ).toContain('Falha')
  })
})
