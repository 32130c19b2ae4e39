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

interface Box {
  x1: number
  x2: number
  y1: number
  y2: number
}

interface Cy {
  nodes(): { length: number; map<T>(f: (node: { renderedBoundingBox(): Box }) => T): T[] }
  width(): number
  height(): number
}

function cy(): Cy {
  const el = document.querySelector('[data-testid="topology"]') as unknown as { _cyreg: { cy: Cy } }
  return el._cyreg.cy
}

declare global {
  interface Window {
    kubelabBench: typeof bench
  }
}

const bench = {
  /** Graph nodes drawn once the pods have arrived (0 until then). */
  drawnNodes: (): number => cy().nodes().length,
  /**
   * A point of the canvas (page coordinates) with no node under it, where a press pans the view
   * as a learner's drag does (a press on a machine would move the machine instead).
   */
  emptyPoint(): { x: number; y: number } | undefined {
    const graph = cy()
    const boxes = graph.nodes().map((n) => n.renderedBoundingBox())
    const page = document.querySelector('[data-testid="topology"]')!.getBoundingClientRect()
    for (let y = 20; y < graph.height() - 20; y += 10)
      for (let x = 20; x < graph.width() - 20; x += 10)
        if (!boxes.some((b) => b.x1 - 8 <= x && x <= b.x2 + 8 && b.y1 - 8 <= y && y <= b.y2 + 8))
          return { x: page.left + x, y: page.top + y }
    return undefined
  },
  /** Counts animation frames until `frames.stop()`: the page's frame rate meanwhile. */
  frames: {
    count: 0,
    start: 0,
    running: false,
    begin(): void {
      this.count = 0
      this.running = true
      this.start = performance.now()
      const tick = (): void => {
        if (!this.running) return
        this.count++
        requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    },
    end(): number {
      this.running = false
      return (this.count * 1000) / (performance.now() - this.start)
    },
  },
  /**
   * Milliseconds from a kube/changed batch of `size` pod changes to the next drawing of the pod
   * counts' words (topology/countOverlay.ts), which follows any render of the graph in the same
   * frame and has a frame of its own when only the words changed.
   */
  async batchToScreen(size: number): Promise<number> {
    const layer = document.querySelector('[data-testid="count-layer"]')!
    // A batch that changes nothing visible is never drawn: NaN after a second says so.
    const rendered = new Promise<number>((resolve) => {
      layer.addEventListener('draw', () => resolve(performance.now()), { once: true })
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
