/**
 * The inspector: which component or machine is selected, and what the simulation says about it
 * (`inspect/object`). Only this store asks the client for inspections.
 *
 * 1. One selection at a time. A reply is shown only if the selection it was asked for is still
 *    the current one (a slow reply for kubelet must not overwrite etcd's).
 * 2. While something is selected, time passing, faults and world changes refresh it. Refreshes never overlap:
 *    one request is in flight at most, and events that arrive meanwhile ask for one more.
 * 3. `simulation/replaced` (a lab started, was reset or left) clears the selection: the object
 *    may not exist in the new cluster, and an old inspection would describe another world.
 * 4. A refused inspection (the object went away) keeps the selection and says why in `error`.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { Inspection } from '../../../core/protocol'
import type { SimulationClient } from '../client/simulationClient'

/** What can be inspected: a component by its name ("kubelet-worker-1") or a machine. */
export interface InspectTarget {
  object: 'Component' | 'Machine'
  name: string
}

/** The element a why-chain subject names, if the inspector can show it. */
export function targetOfSubject(subject: string): InspectTarget | undefined {
  const match = /^(Component|Node|Machine) (\S+)$/.exec(subject)
  if (match === null) return undefined
  return { object: match[1] === 'Component' ? 'Component' : 'Machine', name: match[2]! }
}

const REFRESHING_EVENTS: ReadonlySet<string> = new Set([
  'world/changed',
  'clock/ticked',
  'fault/applied',
  'fault/healed',
])

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

export const useInspectorStore = defineStore('inspector', () => {
  const target = shallowRef<InspectTarget | null>(null)
  const inspection = shallowRef<Inspection | null>(null)
  const error = ref('')
  // Not state: the live channel and the bookkeeping of invariants 1 and 2.
  let client: SimulationClient | null = null
  let selection = 0
  let running: Promise<void> = Promise.resolve()
  let busy = false
  let stale = false

  /** Follows the events that change what is inspected; returns a function that stops. */
  function connect(connected: SimulationClient): () => void {
    client = connected
    close()
    const stop = connected.onEvent((event) => {
      if (event.kind === 'simulation/replaced') close()
      else if (REFRESHING_EVENTS.has(event.kind) && target.value !== null) void refresh()
    })
    return () => {
      stop()
      if (client === connected) {
        client = null
        close()
      }
    }
  }

  /** Selects an element and loads its inspection; selecting it again refreshes it. */
  function select(next: InspectTarget): Promise<void> {
    const current = target.value
    if (current?.object !== next.object || current.name !== next.name) {
      selection++
      target.value = { object: next.object, name: next.name }
      inspection.value = null
      error.value = ''
    }
    return refresh()
  }

  function close(): void {
    selection++
    target.value = null
    inspection.value = null
    error.value = ''
  }

  /** Asks for the current selection's inspection (invariant 2: never two requests at once). */
  function refresh(): Promise<void> {
    stale = true
    if (!busy) {
      busy = true
      running = load()
    }
    return running
  }

  async function load(): Promise<void> {
    try {
      while (stale) {
        stale = false
        const wanted = target.value
        const mine = selection
        if (wanted === null || client === null) return
        try {
          const result = await client.request({ kind: 'inspect/object', ...wanted })
          if (mine === selection) {
            inspection.value = result
            error.value = ''
          }
        } catch (failure) {
          if (mine === selection) error.value = messageOf(failure)
        }
      }
    } finally {
      // Synchronously after the last look at `stale`, so no refresh can slip between the two.
      busy = false
    }
  }

  return { target, inspection, error, connect, select, close, refresh }
})
