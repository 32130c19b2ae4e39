/**
 * The trace store: which components and links a terminal command just went through
 * (kubectl → kube-apiserver :6443 → etcd :2379), from the simulation's trace/path events, so
 * the topology can light them up for a moment. Each event replaces the previous path; the light
 * goes out LIGHT_MS after the last one.
 */
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { SimulationEvent, TraceHop } from '../../../core/protocol'
import type { SimulationClient } from '../client/simulationClient'

export const LIGHT_MS = 1500

export interface LitPath {
  /** Component names ("kube-apiserver-cp-1"). */
  components: ReadonlySet<string>
  /** Link names as the world has them ("kube-apiserver-cp-1--etcd-cp-1"). */
  links: ReadonlySet<string>
  summary: string
}

const DARK: LitPath = { components: new Set(), links: new Set(), summary: '' }

export function litPath(summary: string, hops: readonly TraceHop[]): LitPath {
  const components = new Set<string>()
  const links = new Set<string>()
  for (const hop of hops) {
    components.add(hop.to)
    components.add(hop.from)
    links.add(`${hop.from}--${hop.to}`)
    links.add(`${hop.to}--${hop.from}`)
  }
  return { components, links, summary }
}

export const useTraceStore = defineStore('trace', () => {
  const lit = shallowRef<LitPath>(DARK)
  let timer: ReturnType<typeof setTimeout> | undefined

  function show(event: Extract<SimulationEvent, { kind: 'trace/path' }>): void {
    lit.value = litPath(event.summary, event.hops)
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(() => {
      lit.value = DARK
      timer = undefined
    }, LIGHT_MS)
  }

  /** Follows trace events; returns the function that stops. */
  function connect(client: SimulationClient): () => void {
    return client.onEvent((event) => {
      if (event.kind === 'trace/path') show(event)
    })
  }

  return { lit, connect, show }
})
