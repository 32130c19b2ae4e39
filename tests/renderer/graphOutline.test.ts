import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { buildWorld } from '../../core/cluster/build'
import { DEFAULT_CLUSTER } from '../../core/cluster/spec'
import type { KubeSummary } from '../../core/protocol'
import OutlinePanel from '../../renderer/src/components/OutlinePanel.vue'
import { afterPaint } from '../../renderer/src/composables/useAfterPaint'
import { createAppI18n } from '../../renderer/src/i18n'
import { objectKey, useClusterStore } from '../../renderer/src/stores/cluster'
import { useInspectorStore } from '../../renderer/src/stores/inspector'
import { useKubeStore } from '../../renderer/src/stores/kube'
import { pod, service, WEB_NODEPORT } from './graphFixtures'

const KUBE: KubeSummary[] = [
  pod('web-1', {
    nodeName: 'worker-1',
    createdMs: 1,
    podIP: '10.32.0.4',
  }),
  pod('web-2', {
    nodeName: 'worker-1',
    createdMs: 2,
    status: 'CrashLoopBackOff',
    readyContainers: 0,
    restarts: 3,
  }),
  pod('web-3', { nodeName: 'worker-2', createdMs: 3 }),
  pod('huge', { phase: 'Pending', status: 'Pending', createdMs: 4 }),
  // Drawn as the etcd component already: not listed again as a pod.
  pod('etcd-cp-1', { namespace: 'kube-system', nodeName: 'cp-1', mirror: true }),
  WEB_NODEPORT,
  service('kube-dns', { namespace: 'kube-system' }),
]

/** The outline follows the pods a frame after the graph (useAfterPaint): wait for it. */
async function painted(): Promise<void> {
  await new Promise<void>((resolve) => afterPaint(resolve))
  await nextTick()
}

describe('outline: pods and Services', () => {
  let wrapper: VueWrapper

  async function mountOutline(language: 'en' | 'pt-BR' = 'en'): Promise<void> {
    wrapper = mount(OutlinePanel, { global: { plugins: [createAppI18n(language)] } })
    useClusterStore().objects = new Map(buildWorld(DEFAULT_CLUSTER).map((o) => [objectKey(o), o]))
    useKubeStore().objects = new Map(KUBE.map((o) => [o.key, o]))
    await painted()
  }

  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })
  afterEach(() => wrapper?.unmount())

  // The icon is decoration (aria-hidden); the words say the same.
  it('lists the pods under the machine they run on, with STATUS, READY, restarts and IP', async () => {
    await mountOutline()
    const worker1 = wrapper.get('[data-machine="worker-1"]')
    expect(worker1.findAll('[data-pod]').map((p) => p.attributes('data-pod'))).toEqual([
      'default/web-1',
      'default/web-2',
    ])
    expect(worker1.get('h4').text()).toBe('Pods (2)')
    expect(worker1.get('[data-pod="default/web-1"]').text()).toBe(
      '●web-1⋯ — Running, 1/1 ready, 0 restarts, IP 10.32.0.4',
    )
    expect(worker1.get('[data-pod="default/web-2"]').text()).toContain(
      '✕web-2⋯ — CrashLoopBackOff, 0/1 ready, 3 restarts',
    )
    expect(wrapper.get('[data-machine="cp-1"]').findAll('[data-pod]')).toHaveLength(0)
  })

  it('lists the pods still waiting for a node on their own', async () => {
    await mountOutline()
    expect(wrapper.text()).toContain('Pending (unscheduled) (1)')
    expect(wrapper.get('.unscheduled [data-pod="default/huge"]').text()).toContain(
      '◷huge⋯ — Pending',
    )
  })

  it('folds a node of many pods into a count by status, and makes the rows only when opened', async () => {
    await mountOutline()
    const many = Array.from({ length: 20 }, (_, i) =>
      pod(`big-${i}`, {
        nodeName: 'worker-2',
        createdMs: 10 + i,
        ...(i < 3 ? { status: 'Pending', phase: 'Pending' } : {}),
      }),
    )
    useKubeStore().objects = new Map([...KUBE, ...many].map((o) => [o.key, o]))
    // The graph draws the change first; the outline follows once that frame is painted.
    await nextTick()
    expect(wrapper.find('[data-machine="worker-2"] summary').exists()).toBe(false)
    await painted()
    const worker2 = wrapper.get('[data-machine="worker-2"]')
    expect(worker2.get('summary').text()).toBe('21 pods: 18 Running, 3 Pending')
    expect(worker2.findAll('[data-pod]')).toHaveLength(0)
    const details = worker2.get('details')
    ;(details.element as HTMLDetailsElement).open = true
    await details.trigger('toggle')
    expect(worker2.findAll('[data-pod]')).toHaveLength(21)
  })

  it('lists the Services with their ClusterIP, ports and NodePort', async () => {
    await mountOutline()
    expect(wrapper.get('[data-service="default/web"]').text()).toBe(
      'default/web — type NodePort, ClusterIP 10.96.45.2, ports 80:30080/TCP; open on every node as NodePort 30080/TCP',
    )
    expect(wrapper.get('[data-service="kube-system/kube-dns"]').text()).toContain(
      'type ClusterIP, ClusterIP 10.96.0.10, ports 80/TCP',
    )
  })

  it('inspects a pod or a Service from its row, as a click on the graph does', async () => {
    await mountOutline()
    const inspector = useInspectorStore()
    await wrapper.get('[data-pod="default/web-2"] button').trigger('click')
    expect(inspector.target).toEqual({ object: 'Pod', namespace: 'default', name: 'web-2' })
    const button = wrapper.get('[data-service="default/web"] button')
    expect(button.attributes('aria-label')).toBe('Inspect Service default/web')
    await button.trigger('click')
    expect(inspector.target).toEqual({ object: 'Service', namespace: 'default', name: 'web' })
  })

  it('speaks Brazilian Portuguese, keeping kubectl’s status words', async () => {
    await mountOutline('pt-BR')
    expect(wrapper.get('[data-pod="default/web-2"]').text()).toContain(
      'CrashLoopBackOff, 0/1 prontos, 3 reinícios',
    )
    expect(wrapper.text()).toContain('Pendentes, sem nó (1)')
  })
})
