import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createSimulationClient } from '../../renderer/src/client/simulationClient'
import { createAppI18n } from '../../renderer/src/i18n'
import { useTerminalStore } from '../../renderer/src/stores/terminal'
import TerminalDock from '../../renderer/src/terminal/TerminalDock.vue'
import { startSimulation } from './helpers'

/**
 * The dock as mounted in the app: xterm and CodeMirror really run in happy-dom (they only need
 * the DOM, not canvas); what cannot be checked here (layout, pixels) is left to the e2e test.
 */
describe('TerminalDock', () => {
  let wrapper: VueWrapper
  let store: ReturnType<typeof useTerminalStore>
  let stop: () => void

  beforeEach(async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    store = useTerminalStore()
    stop = store.connect(createSimulationClient(startSimulation().port))
    wrapper = mount(TerminalDock, {
      attachTo: document.body,
      global: { plugins: [pinia, createAppI18n('en')] },
    })
    await flushPromises()
  })
  afterEach(() => {
    wrapper.unmount()
    stop()
  })

  const tabs = () => wrapper.findAll('[role="tab"]')

  it('opens with one laptop tab whose terminal input is named', async () => {
    expect(tabs().map((t) => t.text())).toEqual(['laptop'])
    expect(tabs()[0]!.attributes('aria-selected')).toBe('true')
    const input = wrapper.get('textarea')
    expect(input.attributes('aria-label')).toBe('Terminal on laptop')
    const help = wrapper.get(`#${input.attributes('aria-describedby')}`)
    expect(help.text()).toContain('Shift+Tab')
  })

  it('opens a tab with +, moves between tabs with the arrow keys, and closes one with Delete', async () => {
    await wrapper.get('[data-testid="terminal-new-tab"]').trigger('click')
    expect(tabs()).toHaveLength(2)
    expect(tabs()[1]!.attributes('aria-selected')).toBe('true')
    expect(tabs()[0]!.attributes('tabindex')).toBe('-1')
    await tabs()[1]!.trigger('keydown', { key: 'ArrowLeft' })
    expect(store.activeId).toBe(store.tabs[0]!.id)
    const panels = wrapper.findAll('[role="tabpanel"]')
    expect(panels.map((p) => p.attributes('data-active'))).toEqual(['true', 'false'])
    expect((panels[1]!.element as HTMLElement).style.display).toBe('none')
    await tabs()[0]!.trigger('keydown', { key: 'Delete' })
    expect(tabs()).toHaveLength(1)
    expect(store.tabs).toHaveLength(1)
  })

  it('switches its words to Brazilian Portuguese with the UI', async () => {
    const i18n = createAppI18n('pt-BR')
    const pinia = createPinia()
    setActivePinia(pinia)
    const other = mount(TerminalDock, { global: { plugins: [pinia, i18n] } })
    expect(other.get('[data-testid="terminal-new-tab"]').attributes('aria-label')).toBe(
      'Novo terminal',
    )
    expect(other.get('[data-testid="yaml-apply"]').text()).toBe('Aplicar')
    expect(useTerminalStore().language).toBe('pt-BR')
    other.unmount()
  })

  it('resizes with the arrow keys on its splitter, within bounds', async () => {
    const splitter = wrapper.get('[role="separator"]')
    const before = Number(splitter.attributes('aria-valuenow'))
    await splitter.trigger('keydown', { key: 'ArrowUp' })
    expect(Number(splitter.attributes('aria-valuenow'))).toBe(before + 32)
    await splitter.trigger('keydown', { key: 'End' })
    expect(splitter.attributes('aria-valuenow')).toBe(splitter.attributes('aria-valuemin'))
  })

  it('inserts a template and applies it in the active terminal tab', async () => {
    const apply = vi.spyOn(store, 'applyManifest')
    await wrapper.get('[data-testid="yaml-template"]').setValue('serviceNodePort')
    expect(wrapper.get('[data-testid="yaml-editor-input"]').text()).toContain('type: NodePort')
    await wrapper.get('[data-testid="yaml-apply"]').trigger('click')
    expect(apply).toHaveBeenCalledTimes(1)
    expect(apply.mock.calls[0]![0]).toContain('kind: Service')
    expect(apply.mock.calls[0]![0]).toContain('nodePort: 30080')
  })

  it('hides and shows the editor with its toggle', async () => {
    const toggle = wrapper.get('[data-testid="yaml-editor-toggle"]')
    expect(toggle.attributes('aria-pressed')).toBe('true')
    await toggle.trigger('click')
    expect(toggle.attributes('aria-pressed')).toBe('false')
    expect((wrapper.get('[data-testid="yaml-editor"]').element as HTMLElement).style.display).toBe(
      'none',
    )
  })
})
