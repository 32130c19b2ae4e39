import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import App from '../../renderer/src/App.vue'
import { createAppI18n, LANGUAGE_STORAGE_KEY } from '../../renderer/src/i18n'
import { useConnectionStore } from '../../renderer/src/stores/connection'
import { settle, startSimulation, type InMemorySimulation } from './helpers'

/** Frames run at once: these tests look at the result, not at the batching. */
const immediate = (callback: () => void): void => callback()

describe('App', () => {
  let pinia: Pinia
  let wrapper: VueWrapper | undefined
  let sim: InMemorySimulation

  beforeEach(async () => {
    localStorage.clear()
    pinia = createPinia()
    setActivePinia(pinia)
    sim = startSimulation()
    wrapper = mount(App, {
      // happy-dom has no canvas: the graph is stubbed; its logic is tested in elements.test.ts.
      global: { plugins: [pinia, createAppI18n('en')], stubs: { TopologyView: true } },
    })
    await useConnectionStore().connect(sim.port, { schedule: immediate })
    await flushPromises()
  })

  afterEach(() => {
    wrapper?.unmount()
    useConnectionStore().disconnect()
  })

  it('shows the outline with all three machines and their components', () => {
    const outline = wrapper!.get('[data-testid="outline"]')
    const machines = outline.findAll('[data-machine]')
    expect(machines.map((m) => m.attributes('data-machine'))).toEqual([
      'cp-1',
      'worker-1',
      'worker-2',
    ])
    expect(machines[0]!.text()).toContain('cp-1 · control plane · 192.168.56.11')
    expect(machines[0]!.findAll('[data-component]')).toHaveLength(8)
    expect(machines[1]!.findAll('[data-component]')).toHaveLength(4)
    expect(outline.get('[data-component="etcd-cp-1"]').text()).toContain(
      ':2380 peer, :2381 metrics (localhost only)',
    )
  })

  it('lists every connection as a sentence', () => {
    const links = wrapper!.findAll('[data-link] .sentence').map((l) => l.text())
    expect(links).toHaveLength(15)
    expect(links).toContain('kubelet (worker-1) → kube-apiserver (cp-1) :6443 HTTPS')
    expect(links).toContain('kubelet (worker-2) → containerd (worker-2) CRI')
    expect(links).toContain('weave-net (worker-1) ↔ weave-net (worker-2) :6783 Weave')
  })

  it('shows the product, the Kubernetes version and the cluster time', async () => {
    const header = wrapper!.get('header')
    expect(header.text()).toContain('KubeLab')
    expect(header.get('[data-testid="kubernetes-version"]').text()).toBe('Kubernetes v1.32.4')
    expect(header.get('[data-testid="cluster-time"]').text()).toBe('00:00:00')
    sim.simulation.advance(90_000)
    await settle()
    expect(header.get('[data-testid="cluster-time"]').text()).toBe('00:01:30')
  })

  it('switches to Brazilian Portuguese and remembers the choice', async () => {
    await wrapper!.get('[data-testid="language-switch"]').setValue('pt-BR')
    expect(wrapper!.get('#outline-title').text()).toBe('Resumo')
    expect(wrapper!.get('[data-testid="outline"]').text()).toContain('Máquinas (3)')
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('pt-BR')
  })
})
