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
import type { Inspection, ResourceInspection, SummaryKind } from '../../../core/protocol'
import type { SimulationClient } from '../client/simulationClient'

/**
 * What can be inspected: a component by its name ("kubelet-worker-1"), a machine, or a
 * Kubernetes object (a Pod, Node, Service… with its namespace when it has one).
 */
export type InspectTarget =
  | { object: 'Component' | 'Machine'; name: string }
  | { object: SummaryKind; namespace?: string; name: string }

/** True for a Kubernetes object (inspect/resource), false for a drawn component or machine. */
export function isResourceTarget(
  target: InspectTarget,
): target is { object: SummaryKind; namespace?: string; name: string } {
  return target.object !== 'Component' && target.object !== 'Machine'
}

/** True when both name the same element (a Kubernetes object also by its namespace). */
export function sameTarget(a: InspectTarget | null, b: InspectTarget): boolean {
  return (
    a !== null &&
    a.object === b.object &&
    a.name === b.name &&
    (isResourceTarget(a) ? a.namespace : undefined) ===
      (isResourceTarget(b) ? b.namespace : undefined)
  )
}

const NAMESPACED: ReadonlySet<string> = new Set([
  'Pod',
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'Service',
  'EndpointSlice',
])

/**
 * The element a why-chain subject names, if the inspector can show it: "Component <name>",
 * "Machine <name>", "Node <name>" (the Node object) and "<Kind> <namespace>/<name>" for the
 * namespaced kinds the simulation summarises ("Pod default/web-1", "Service default/web").
 */
export function targetOfSubject(subject: string): InspectTarget | undefined {
  const match = /^(\w+) (\S+)$/.exec(subject)
  if (match === null) return undefined
  const kind = match[1]!
  const name = match[2]!
  if (kind === 'Component' || kind === 'Machine') return { object: kind, name }
  if (kind === 'Node') return { object: 'Node', name }
  const slash = name.indexOf('/')
  if (!NAMESPACED.has(kind) || slash <= 0 || slash === name.length - 1) return undefined
  return {
    object: kind as SummaryKind,
    namespace: name.slice(0, slash),
    name: name.slice(slash + 1),
  }
}

const REFRESHING_EVENTS: ReadonlySet<string> = new Set([
  'world/changed',
  'kube/changed',
  'clock/ticked',
  'fault/applied',
  'fault/healed',
])

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

export const useInspectorStore = defineStore('inspector', () => {
  const target = shallowRef<InspectTarget | null>(null)
  const inspection = shallowRef<Inspection | null>(null)
  /** The inspection of a Kubernetes object, when one is selected. */
  const resource = shallowRef<ResourceInspection | null>(null)
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
    if (!sameTarget(target.value, next)) {
      selection++
      target.value = { ...next }
      inspection.value = null
      resource.value = null
      error.value = ''
    }
    return refresh()
  }

  function close(): void {
    selection++
    target.value = null
    inspection.value = null
    resource.value = null
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
          if (isResourceTarget(wanted)) {
            const result = await client.request({ kind: 'inspect/resource', ...wanted })
            if (mine === selection) {
              resource.value = result
              error.value = ''
            }
          } else {
            const result = await client.request({ kind: 'inspect/object', ...wanted })
            if (mine === selection) {
              inspection.value = result
              error.value = ''
            }
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

  return { target, inspection, resource, error, connect, select, close, refresh }
})
