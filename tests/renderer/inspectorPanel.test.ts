import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import App from '../../renderer/src/App.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import type { NodeSummary } from '../../core/protocol'
import { createSimulationClient } from '../../renderer/src/client/simulationClient'
import InspectorPanel from '../../renderer/src/components/InspectorPanel.vue'
import { useConnectionStore } from '../../renderer/src/stores/connection'
import { useInspectorStore } from '../../renderer/src/stores/inspector'
import { useKubeStore } from '../../renderer/src/stores/kube'
import { settle, startSimulation, type InMemorySimulation } from './helpers'

const KUBELET_ROW = '[data-component="kubelet-worker-1"]'

const NODE: NodeSummary = {
  kind: 'Node',
  key: 'Node/worker-1',
  uid: 'u-w1',
  namespace: '',
  name: 'worker-1',
  createdMs: 0,
  ready: 'True',
  unschedulable: false,
  roles: [],
  taints: [],
  allocatable: { cpuMilli: 2000, memoryBytes: 2 ** 31, pods: 110 },
}

describe('inspector panel', () => {
  let pinia: Pinia
  let wrapper: VueWrapper
  let sim: InMemorySimulation

  async function mountApp(language: 'en' | 'pt-BR'): Promise<void> {
    wrapper = mount(App, {
      attachTo: document.body,
      // happy-dom has no canvas: the graph is stubbed; the outline is the keyboard path.
      global: { plugins: [pinia, createAppI18n(language)], stubs: { TopologyView: true } },
    })
    await useConnectionStore().connect(sim.port, { schedule: (cb) => cb() })
    await flushPromises()
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

  it('opens from an outline row, says the state in words, and closes with its button', async () => {
    await mountApp('en')
    expect(wrapper.find('[data-testid="inspector"]').exists()).toBe(false)
    await wrapper.get(`${KUBELET_ROW} button.inspect`).trigger('click')
    await settle(20)
    await flushPromises()
    const panel = wrapper.get('[data-testid="inspector"]')
    expect(panel.get('h2').text()).toBe('▾ Inspector: kubelet-worker-1')
    expect(panel.get('[data-testid="inspector-state"]').text()).toContain('Running')
    expect(panel.text()).toContain('Journal (journalctl -u kubelet)')
    await panel.get('[data-testid="inspector-close"]').trigger('click')
    expect(wrapper.find('[data-testid="inspector"]').exists()).toBe(false)
  })

  it('speaks Brazilian Portuguese: a stopped kubelet is "Parado", with its Por quê? chain', async () => {
    await mountApp('pt-BR')
    sim.simulation.handle({
      kind: 'fault/apply',
      fault: 'process/stop',
      target: { kind: 'component', type: 'kubelet', machine: 'worker-1' },
    })
    await wrapper.get(`${KUBELET_ROW} button.inspect`).trigger('click')
    await settle(20)
    await flushPromises()
    const panel = wrapper.get('[data-testid="inspector"]')
    expect(panel.get('h2').text()).toContain('Inspetor: kubelet-worker-1')
    expect(panel.get('[data-testid="inspector-state"]').text()).toContain('Parado')
    expect(panel.text()).toContain('Por quê?')
    expect(panel.get('[data-testid="inspector-why"]').text()).toContain('process/stop')
  })
})

describe('inspector panel: a machine', () => {
  let wrapper: VueWrapper | undefined

  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => wrapper?.unmount())

  it("shows the Node's Ready condition next to the power state, as kubectl words it", async () => {
    const sim = startSimulation()
    const inspector = useInspectorStore()
    inspector.connect(createSimulationClient(sim.port))
    // The kube store as the informer would fill it: worker-1's kubelet stopped reporting.
    const kube = useKubeStore()
    kube.objects = new Map([['Node/worker-1', { ...NODE, ready: 'Unknown' }]])
    wrapper = mount(InspectorPanel, {
      attachTo: document.body,
      global: { plugins: [createAppI18n('en')] },
    })
    await inspector.select({ object: 'Machine', name: 'worker-1' })
    await flushPromises()
    const state = wrapper.get('[data-testid="inspector-state"]')
    expect(state.text()).toMatch(/^● Powered on ·\s*\? NotReady \(Unknown\)/)
    expect(state.get('[data-testid="inspector-node-ready"]').attributes('title')).toContain(
      'stopped reporting',
    )

    kube.objects = new Map([['Node/worker-1', { ...NODE, ready: 'True', unschedulable: true }]])
    await flushPromises()
    expect(state.text()).toContain('● Ready,SchedulingDisabled')
  })

  it('shows no Node condition for a machine that has no Node', async () => {
    const sim = startSimulation()
    const inspector = useInspectorStore()
    inspector.connect(createSimulationClient(sim.port))
    wrapper = mount(InspectorPanel, {
      attachTo: document.body,
      global: { plugins: [createAppI18n('en')] },
    })
    await inspector.select({ object: 'Machine', name: 'worker-1' })
    await flushPromises()
    expect(wrapper.get('[data-testid="inspector-state"]').text()).toBe('● Powered on')
  })
})
