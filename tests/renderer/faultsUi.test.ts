import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import App from '../../renderer/src/App.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useConnectionStore } from '../../renderer/src/stores/connection'
import { useFaultsStore } from '../../renderer/src/stores/faults'
import { settle, startSimulation, type InMemorySimulation } from './helpers'

const KUBELET_ROW = '[data-component="kubelet-worker-1"]'

describe('fault menu and active faults panel', () => {
  let pinia: Pinia
  let wrapper: VueWrapper
  let sim: InMemorySimulation

  async function mountApp(language: 'en' | 'pt-BR' = 'en'): Promise<void> {
    wrapper = mount(App, {
      attachTo: document.body,
      // happy-dom has no canvas: the graph is stubbed; the outline is the keyboard path.
      global: { plugins: [pinia, createAppI18n(language)], stubs: { TopologyView: true } },
    })
    await useConnectionStore().connect(sim.port, { schedule: (cb) => cb() })
    await flushPromises()
  }

  /** Opens kubelet on worker-1's menu from its ⋯ button and returns the item texts. */
  async function openKubeletMenu(): Promise<string[]> {
    await wrapper.get(`${KUBELET_ROW} [data-fault-button]`).trigger('click')
    await flushPromises()
    return wrapper.findAll('[role="menuitem"]').map((item) => item.text())
  }

  beforeEach(() => {
    localStorage.clear()
    pinia = createPinia()
    setActivePinia(pinia)
    sim = startSimulation()
  })

  afterEach(() => {
    wrapper?.unmount()
    useConnectionStore().disconnect()
  })

  it("offers a component's fault kinds in plain words, and focuses the first", async () => {
    await mountApp()
    const items = await openKubeletMenu()
    expect(items[0]).toContain('Stop the process')
    expect(items.join('\n')).toContain('Kill the process (SIGKILL)')
    expect(items.join('\n')).not.toContain('Power off the machine')
    expect(wrapper.get('[data-testid="fault-menu"]').text()).toContain(
      'Faults for kubelet on worker-1',
    )
    expect(document.activeElement?.textContent).toContain('Stop the process')
  })

  it('moves with the arrow keys, wraps, and closes with Esc back on its button', async () => {
    await mountApp()
    const count = (await openKubeletMenu()).length
    const menu = wrapper.get('[role="menu"]')
    await menu.trigger('keydown', { key: 'ArrowDown' })
    expect(document.activeElement?.textContent).toContain('Kill the process')
    await menu.trigger('keydown', { key: 'ArrowUp' })
    await menu.trigger('keydown', { key: 'ArrowUp' })
    expect(document.activeElement).toBe(wrapper.findAll('[role="menuitem"]')[count - 1]!.element)
    await menu.trigger('keydown', { key: 'Escape' })
    expect(wrapper.find('[data-testid="fault-menu"]').exists()).toBe(false)
    expect(document.activeElement).toBe(wrapper.get(`${KUBELET_ROW} [data-fault-button]`).element)
  })

  it('offers a machine the machine faults, from a right click on its row', async () => {
    await mountApp()
    await wrapper.get('[data-machine="worker-2"]').trigger('contextmenu')
    await flushPromises()
    const items = wrapper.findAll('[role="menuitem"]').map((item) => item.text())
    expect(items.join('\n')).toContain('Power off the machine')
    expect(items.join('\n')).not.toContain('Stop the process')
  })

  it('offers a link the block of the port it dials, and blocks it there', async () => {
    await mountApp()
    const row = wrapper
      .findAll('[data-link]')
      .find((l) => l.text().startsWith('kubelet (worker-1) → kube-apiserver (cp-1)'))!
    await row.get('[data-fault-button]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="fault-menu"]').text()).toContain(
      'Faults for port 6443/TCP on cp-1',
    )
    const items = wrapper.findAll('[role="menuitem"]')
    expect(items.map((i) => i.text())).toEqual(['✖ Block a port'])
    await items[0]!.trigger('click')
    await settle()
    await flushPromises()
    expect(useFaultsStore().active.map((f) => [f.kind, f.target])).toEqual([
      ['port/block', { kind: 'port', machine: 'cp-1', port: 6443, protocol: 'TCP' }],
    ])
  })

  it('stops the kubelet, lists the fault, shows it stopped, and heals it', async () => {
    await mountApp()
    sim.simulation.advance(12_000)
    await openKubeletMenu()
    await wrapper.get('[data-fault="process/stop"]').trigger('click')
    await settle()
    await flushPromises()
    const panel = wrapper.get('[data-testid="faults-panel"]')
    expect(panel.get('h2').text()).toBe('Active faults (1)')
    expect(panel.text()).toContain('Stop the process')
    expect(panel.text()).toContain('kubelet on worker-1')
    expect(panel.text()).toContain('since 00:00:12')
    expect(wrapper.get('[data-testid="faults-outcome"]').text()).toContain('Applied')
    expect(wrapper.get(KUBELET_ROW).text()).toContain('stopped')
    // The menu now offers to heal it instead of stopping it again.
    const items = await openKubeletMenu()
    expect(items[0]).toContain('Heal: Stop the process')
    await wrapper.get('[role="menu"]').trigger('keydown', { key: 'Escape' })
    await panel.get('li button').trigger('click')
    await settle()
    await flushPromises()
    expect(wrapper.get('[data-testid="faults-panel"] h2').text()).toBe('Active faults (0)')
    expect(wrapper.get(KUBELET_ROW).text()).toContain('running')
  })

  it('heals all and speaks Brazilian Portuguese', async () => {
    await mountApp('pt-BR')
    const faults = useFaultsStore()
    await faults.apply('process/stop', { kind: 'component', type: 'kubelet', machine: 'worker-1' })
    await faults.apply('machine/power-off', { kind: 'machine', machine: 'worker-2' })
    await settle()
    await flushPromises()
    const panel = wrapper.get('[data-testid="faults-panel"]')
    expect(panel.text()).toContain('Parar o processo')
    expect(panel.text()).toContain('kubelet em worker-1')
    expect(panel.text()).toContain('Desligar a máquina')
    expect(panel.get('li button').attributes('aria-label')).toBe(
      'Reparar: Parar o processo, kubelet em worker-1',
    )
    await panel.get('[data-testid="faults-heal-all"]').trigger('click')
    await settle()
    await flushPromises()
    expect(wrapper.get('[data-testid="faults-panel"] h2').text()).toBe('Falhas ativas (0)')
    expect(wrapper.get('[data-testid="faults-outcome"]').text()).toContain('(2)')
  })
})
