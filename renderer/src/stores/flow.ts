/**
 * The flow store: the messages components exchange (`flow/messages`) and the paths terminal
 * commands take (`trace/path`), turned into short animations along the graph's edges.
 *
 * 1. Each message maps to a drawn edge (topology/flowEdges.ts); one without an edge is ignored
 *    and counted in `ignored`.
 * 2. Bounded: at most MAX_ANIMATIONS at once, and one per edge. More messages on an edge that is
 *    already animating add to its count and turn it into a pulse (the edge swells) instead of
 *    starting another dot, without starting it over: steady traffic (a batch every 200 ms while
 *    time plays) makes an edge breathe once per FLOW_MS, not flicker. Past the limit, messages
 *    are counted in `dropped` and not shown.
 * 3. Every animation ends FLOW_MS after it starts (after its delay: a traced path plays hop by
 *    hop); one timer, set for the earliest end, sweeps the finished ones.
 * 4. Off, with nothing queued, while the learner turned it off or the system asks for reduced
 *    motion. The learner's choice is remembered in localStorage; the system's is followed live.
 * 5. `simulation/replaced` clears everything: the edges may not exist in the new cluster.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { FlowMessage, TraceHop } from '../../../core/protocol'
import type { SimulationClient } from '../client/simulationClient'
import { edgeOf, flowIndex, type FlowEdge } from '../topology/flowEdges'
import { useClusterStore } from './cluster'
import { useKubeStore } from './kube'
import { safeStorage } from '../util/storage'

export const MAX_ANIMATIONS = 24
export const FLOW_MS = 900
/** Between the hops of a traced path, so the dot seems to go on from one edge to the next. */
export const HOP_DELAY_MS = 450
/** From this many messages on one edge at once, the edge pulses rather than carry a dot. */
export const PULSE_COUNT = 4
export const FLOW_STORAGE_KEY = 'kubelab.messageFlow'
const REDUCED_MOTION = '(prefers-reduced-motion: reduce)'

export interface FlowAnimation {
  /** New for every start: a view plays each id once (a merge keeps the id, and the timing). */
  id: number
  edge: string
  reverse: boolean
  /** How many messages it stands for. */
  count: number
  /** What the first of them said ("PUT nodes/status"). */
  what: string
  delayMs: number
  style: 'dot' | 'pulse'
  /** When it ends, on the store's clock (milliseconds). */
  endsAtMs: number
}

interface Wanted extends FlowEdge {
  count: number
  what: string
  delayMs: number
}

export const useFlowStore = defineStore('flow', () => {
  const cluster = useClusterStore()
  const kube = useKubeStore()
  const media = reducedMotionQuery()
  const enabled = ref(loadChoice())
  const reducedMotion = ref(media?.matches ?? false)
  const active = computed(() => enabled.value && !reducedMotion.value)
  const animations = shallowRef<readonly FlowAnimation[]>([])
  const ignored = ref(0)
  const dropped = ref(0)
  const index = computed(() =>
    flowIndex(cluster.machines, cluster.components, cluster.links, kube.services),
  )
  let nextId = 1
  let timer: ReturnType<typeof setTimeout> | undefined
  const now = (): number => Date.now()

  media?.addEventListener('change', (event) => {
    reducedMotion.value = event.matches
    if (event.matches) clear()
  })

  /** Animates a batch of messages, one animation per edge and direction. */
  function receive(messages: readonly FlowMessage[]): void {
    if (!active.value) return
    const wanted = new Map<string, Wanted>()
    for (const m of messages) {
      const edge = edgeOf(index.value, m.from, m.to, m.what)
      if (edge === undefined) {
        ignored.value += m.count
        continue
      }
      const key = `${edge.edge} ${edge.reverse}`
      const seen = wanted.get(key)
      if (seen === undefined) wanted.set(key, { ...edge, count: m.count, what: m.what, delayMs: 0 })
      else seen.count += m.count
    }
    start([...wanted.values()])
  }

  /** Plays a traced path hop by hop. */
  function follow(hops: readonly TraceHop[]): void {
    if (!active.value) return
    const wanted: Wanted[] = []
    hops.forEach((hop, i) => {
      const what = hop.port === undefined ? '' : `:${hop.port}`
      const edge = edgeOf(index.value, hop.from, hop.to, what)
      if (edge === undefined) ignored.value++
      else wanted.push({ ...edge, count: 1, what, delayMs: i * HOP_DELAY_MS })
    })
    start(wanted)
  }

  function start(wanted: readonly Wanted[]): void {
    if (wanted.length === 0) return
    const next = [...animations.value]
    const at = now()
    for (const w of wanted) {
      const busy = next.findIndex((a) => a.edge === w.edge)
      if (busy !== -1) {
        const playing = next[busy]!
        next[busy] = { ...playing, count: playing.count + w.count, style: 'pulse' }
      } else if (next.length < MAX_ANIMATIONS) {
        const style = w.count >= PULSE_COUNT ? 'pulse' : 'dot'
        next.push({ id: nextId++, ...w, style, endsAtMs: at + w.delayMs + FLOW_MS })
      } else dropped.value += w.count
    }
    animations.value = next
    sweepLater()
  }

  /** Removes finished animations, then waits for the next one to finish. */
  function sweep(): void {
    timer = undefined
    const at = now()
    const left = animations.value.filter((a) => a.endsAtMs > at)
    if (left.length !== animations.value.length) animations.value = left
    sweepLater()
  }

  function sweepLater(): void {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    if (animations.value.length === 0) return
    const first = Math.min(...animations.value.map((a) => a.endsAtMs))
    timer = setTimeout(sweep, Math.max(0, first - now()))
  }

  function clear(): void {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    animations.value = []
  }

  /** Turns the animation on or off, and remembers the choice. */
  function setEnabled(value: boolean): void {
    enabled.value = value
    saveChoice(value)
    if (!value) clear()
  }

  /** Follows flow and trace events; returns the function that stops. */
  function connect(client: SimulationClient): () => void {
    clear()
    const stop = client.onEvent((event) => {
      if (event.kind === 'flow/messages') receive(event.messages)
      else if (event.kind === 'trace/path') follow(event.hops)
      else if (event.kind === 'simulation/replaced') clear()
    })
    return () => {
      stop()
      clear()
    }
  }

  return {
    enabled,
    reducedMotion,
    active,
    animations,
    ignored,
    dropped,
    receive,
    follow,
    setEnabled,
    clear,
    connect,
  }
})

function reducedMotionQuery(): MediaQueryList | undefined {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return undefined
  return window.matchMedia(REDUCED_MOTION)
}

/** On unless the learner turned it off. */
function loadChoice(): boolean {
  return safeStorage()?.getItem(FLOW_STORAGE_KEY) !== 'off'
}

function saveChoice(value: boolean): void {
  try {
    safeStorage()?.setItem(FLOW_STORAGE_KEY, value ? 'on' : 'off')
  } catch {
    // A full or refused storage only costs the memory of the choice.
  }
}
