/**
 * The renderer benchmark's page: the real app (App.vue, its stores, Cytoscape) connected to a
 * bare simulation of N workers (machines, components and links, no Kubernetes running) whose
 * Kubernetes objects come from syntheticCluster. scripts/bench-renderer.mjs drives it through
 * `window.kubelabBench` in headless Chromium and prints what it measures.
 *
 *   ?workers=100&pods=3000
 */
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from '../../renderer/src/App.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useConnectionStore } from '../../renderer/src/stores/connection'
import '../../renderer/src/theme.css'
import { createPortPair } from '../../core/host/memoryPort'
import { serve } from '../../core/host/serve'
import type { ClientMessage, ClientPort, HostMessage, HostPort } from '../../core/protocol'
import { syntheticCluster } from './syntheticCluster'

const params = new URLSearchParams(location.search)
const workers = Number(params.get('workers') ?? 100)
const pods = Number(params.get('pods') ?? 3_000)
const cluster = syntheticCluster(workers, pods)

const [client, host] = createPortPair<ClientMessage, HostMessage>() as [ClientPort, HostPort]
serve(host, { seed: 1, cluster: { controlPlanes: 1, workers }, kubernetes: false })

/** The client's port, with kube/list answered from the synthetic cluster and batches injected. */
let revision = 1
const handlers = new Set<(message: HostMessage) => void>()
const port: ClientPort = {
  post(message) {
    if (message.command.kind === 'kube/list') {
      const reply: HostMessage = {
        type: 'reply',
        id: message.id,
        ok: true,
        result: { revision, items: cluster.items },
      }
      queueMicrotask(() => handlers.forEach((h) => h(reply)))
    } else client.post(message)
  },
  onMessage(handler) {
    handlers.add(handler)
    const stop = client.onMessage(handler)
    return () => {
      handlers.delete(handler)
      stop()
    }
  },
}

const pinia = createPinia()
createApp(App).use(pinia).use(createAppI18n('en')).mount('#app')
void useConnectionStore(pinia).connect(port)

interface Cy {
  panBy(by: { x: number; y: number }): void
  one(event: string, handler: () => void): void
  nodes(): { length: number }
}

function cy(): Cy {
  const el = document.querySelector('[data-testid="topology"]') as unknown as { _cyreg: { cy: Cy } }
  return el._cyreg.cy
}

const frame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve))

declare global {
  interface Window {
    kubelabBench: typeof bench
  }
}

const bench = {
  /** Graph nodes drawn once the pods have arrived (0 until then). */
  drawnNodes: (): number => cy().nodes().length,
  /** Frames per second while the view pans continuously for `ms`. */
  async panFps(ms: number): Promise<number> {
    const graph = cy()
    let frames = 0
    const start = await frame()
    let now = start
    while (now - start < ms) {
      graph.panBy({ x: frames % 120 < 60 ? 4 : -4, y: frames % 240 < 120 ? 2 : -2 })
      now = await frame()
      frames++
    }
    return (frames * 1000) / (now - start)
  },
  /** Milliseconds from a kube/changed batch of `size` pod changes to the graph's next render. */
  async batchToScreen(size: number): Promise<number> {
    const graph = cy()
    // A batch that changes nothing visible is never rendered: NaN after a second says so.
    const rendered = new Promise<number>((resolve) => {
      graph.one('render', () => resolve(performance.now()))
      setTimeout(() => resolve(Number.NaN), 1_000)
    })
    const event: HostMessage = {
      type: 'event',
      event: { kind: 'kube/changed', revision: ++revision, changes: cluster.batch(size) },
    }
    const start = performance.now()
    handlers.forEach((h) => h(event))
    return (await rendered) - start
  },
}
window.kubelabBench = bench
