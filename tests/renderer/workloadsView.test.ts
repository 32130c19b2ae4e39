import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import WorkloadsView from '../../renderer/src/components/WorkloadsView.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useInspectorStore } from '../../renderer/src/stores/inspector'
import { useKubeStore } from '../../renderer/src/stores/kube'
import type { KubeSummary } from '../../core/protocol'
import type cytoscape from 'cytoscape'
import { deployment, node, RS, webCluster, WEB_PODS } from './workloadsFixtures'

// happy-dom has no canvas: the graph runs on a headless Cytoscape (same graph logic, no drawing).
vi.mock('cytoscape', async (importOriginal) => {
  const real = (await importOriginal<{ default: typeof cytoscape }>()).default
  const headless = (options: Record<string, unknown>) =>
    real({ ...options, container: undefined, headless: true })
  return { default: headless }
})

describe('WorkloadsView', () => {
  let wrapper: VueWrapper | undefined

  function show(summaries: KubeSummary[]): VueWrapper {
    setActivePinia(createPinia())
    useKubeStore().objects = new Map(summaries.map((o) => [o.key, o]))
    wrapper = mount(WorkloadsView, {
      attachTo: document.body,
      global: { plugins: [createAppI18n('en')] },
    })
    return wrapper
  }

  beforeEach(() => localStorage.clear())
  afterEach(() => wrapper?.unmount())

  it('shows an empty state with a command to try while there are no workloads', () => {
    const view = show([node('cp-1'), node('worker-1')])
    const empty = view.get('[data-testid="workloads-empty"]')
    expect(empty.text()).toContain('No workloads yet. Try:')
    expect(empty.text()).toContain('kubectl create deployment web --image=nginx --replicas=3')
    expect(view.get('[data-testid="workloads-graph"]').attributes('data-nodes')).toBe('6')
  })

  it('draws the chains and hides the empty state once there are workloads', () => {
    const view = show(webCluster())
    expect(view.find('[data-testid="workloads-empty"]').exists()).toBe(false)
    const graph = view.get('[data-testid="workloads-graph"]')
    // 4 headings, 3 nodes, Deployment, ReplicaSet, 3 pods, Service, EndpointSlice.
    expect(graph.attributes('data-nodes')).toBe('14')
    expect(graph.attributes('aria-label')).toContain('2 owners, 3 pods and 3 nodes')
  })

  it('opens a text outline whose buttons inspect the object they name', async () => {
    const view = show(webCluster())
    const toggle = view.get('[data-testid="workloads-outline-toggle"]')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    const outline = view.get('[data-testid="workloads-outline"]')
    expect(outline.get('[data-item="Deployment/default/web"]').text()).toContain(`replicaset/${RS}`)
    await outline.get(`[data-item="Pod/default/${WEB_PODS[1]}"] button`).trigger('click')
    expect(useInspectorStore().target).toEqual({
      object: 'Pod',
      namespace: 'default',
      name: WEB_PODS[1],
    })
  })

  it('hides kube-system until its checkbox is ticked', async () => {
    const view = show([...webCluster(), deployment('coredns', { namespace: 'kube-system' })])
    await view.get('[data-testid="workloads-outline-toggle"]').trigger('click')
    const has = () => view.find('[data-item="Deployment/kube-system/coredns"]').exists()
    expect(has()).toBe(false)
    await view.get('[data-testid="workloads-show-system"]').setValue(true)
    expect(has()).toBe(true)
    const options = view.findAll('[data-testid="workloads-namespace"] option')
    expect(options.map((o) => o.text())).toEqual(['All namespaces', 'default', 'kube-system'])
  })

  it('moves a current element with the arrow keys, announces it, and inspects it on Enter', async () => {
    const view = show(webCluster())
    const graph = view.get('[data-testid="workloads-graph"]')
    expect(graph.attributes('tabindex')).toBe('0')
    for (const key of ['ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowDown'])
      await graph.trigger('keydown', { key })
    expect(graph.attributes('data-current')).toBe(`Pod/default/${WEB_PODS[1]}`)
    expect(view.get('[data-testid="workloads-current"]').text()).toBe(
      `Current: pod/${WEB_PODS[1]}, ✓ Running`,
    )
    await graph.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(useInspectorStore().target).toEqual({
      object: 'Pod',
      namespace: 'default',
      name: WEB_PODS[1],
    })
  })
})
