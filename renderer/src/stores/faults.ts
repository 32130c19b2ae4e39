/**
 * Faults: the kinds the simulation offers, the faults active now, and the actions that apply and
 * heal them. Only this store talks to the client about faults.
 *
 * 1. `connect` subscribes to `fault/applied` / `fault/healed` before asking for the list. The port
 *    keeps order, so every event that arrives before the list's reply is already in that list:
 *    the reply replaces what the events built, and later events apply on top.
 * 2. A fault that ends by itself (a killed process restarts: `reversible: false`) is never active,
 *    even though the simulation reports it as applied.
 * 3. `last` says, in data, what the last action did or why it was refused, for a status line.
 * 4. `simulation/replaced` empties the active faults and lists the new simulation's.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ActiveFault, FaultKind, FaultKindId, FaultTarget } from '../../../core/protocol'
import type { SimulationClient } from '../client/simulationClient'

export type FaultOutcome =
  | { type: 'applied' | 'healed'; fault: ActiveFault }
  | { type: 'healed-all'; count: number }
  | { type: 'failed'; message: string }

/** Where a fault menu was opened: a component, a machine, a port on a machine (a link or a
 * NodePort), or a pod. */
export type MenuTarget = FaultTarget

const TARGET_FIELDS = ['kind', 'machine', 'type', 'port', 'protocol', 'namespace', 'name'] as const

/** Two targets name the same place, whatever order their fields came in. */
export function sameTarget(a: FaultTarget, b: FaultTarget): boolean {
  const field = (t: FaultTarget, key: string): unknown => (t as Record<string, unknown>)[key]
  return TARGET_FIELDS.every((key) => field(a, key) === field(b, key))
}

/** The kinds that apply to a target: its own kind of target, and for components, its type. */
export function kindsFor(kinds: readonly FaultKind[], target: MenuTarget): FaultKind[] {
  return kinds.filter(
    (k) =>
      k.target === target.kind &&
      (target.kind !== 'component' || (k.components ?? []).includes(target.type)),
  )
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

/** Oldest first, then by id ("fault-2" before "fault-10"). */
function byAge(a: ActiveFault, b: ActiveFault): number {
  return a.sinceMs - b.sinceMs || a.id.localeCompare(b.id, 'en', { numeric: true })
}

export const useFaultsStore = defineStore('faults', () => {
  const kinds = shallowRef<readonly FaultKind[]>([])
  const faults = shallowRef<ReadonlyMap<string, ActiveFault>>(new Map())
  const last = shallowRef<FaultOutcome | null>(null)
  const pending = ref(0)
  const reversible = computed(() => new Map(kinds.value.map((k) => [k.id, k.reversible])))
  const active = computed(() =>
    [...faults.value.values()].filter((f) => reversible.value.get(f.kind) !== false).sort(byAge),
  )
  // Not state: the live channel.
  let client: SimulationClient | null = null
  let generation = 0

  function put(fault: ActiveFault): void {
    faults.value = new Map(faults.value).set(fault.id, fault)
  }

  function drop(id: string): void {
    if (!faults.value.has(id)) return
    const next = new Map(faults.value)
    next.delete(id)
    faults.value = next
  }

  /** Follows the faults, then lists kinds and active ones; resolves with a function that stops. */
  async function connect(connected: SimulationClient): Promise<() => void> {
    const mine = ++generation
    client = connected
    faults.value = new Map()
    last.value = null
    const stop = connected.onEvent((event) => {
      if (event.kind === 'fault/applied') put(event.fault)
      else if (event.kind === 'fault/healed') drop(event.fault.id)
      else if (event.kind === 'simulation/replaced') void relist(connected, mine)
    })
    const release = (): void => {
      stop()
      if (client === connected) client = null
    }
    try {
      const [offered, listed] = await Promise.all([
        connected.request({ kind: 'fault/kinds' }),
        connected.request({ kind: 'fault/list' }),
      ])
      if (mine === generation) {
        kinds.value = offered.kinds
        faults.value = new Map(listed.active.map((f) => [f.id, f]))
      }
    } catch (error) {
      release()
      last.value = { type: 'failed', message: messageOf(error) }
      throw error
    }
    return release
  }

  /** Replaces the active faults by the new simulation's (invariant 4). */
  async function relist(connected: SimulationClient, mine: number): Promise<void> {
    faults.value = new Map()
    try {
      const listed = await connected.request({ kind: 'fault/list' })
      if (mine === generation) faults.value = new Map(listed.active.map((f) => [f.id, f]))
    } catch (error) {
      last.value = { type: 'failed', message: messageOf(error) }
    }
  }

  /** Runs one fault command, recording what it did or why it failed (invariant 3). */
  async function run(work: (c: SimulationClient) => Promise<FaultOutcome>): Promise<boolean> {
    if (client === null) {
      last.value = { type: 'failed', message: 'not connected' }
      return false
    }
    pending.value++
    try {
      last.value = await work(client)
      return true
    } catch (error) {
      last.value = { type: 'failed', message: messageOf(error) }
      return false
    } finally {
      pending.value--
    }
  }

  const apply = (fault: FaultKindId, target: FaultTarget): Promise<boolean> =>
    run(async (c) => {
      const applied = await c.request({ kind: 'fault/apply', fault, target })
      return { type: 'applied', fault: applied }
    })

  const heal = (id: string): Promise<boolean> =>
    run(async (c) => ({ type: 'healed', fault: await c.request({ kind: 'fault/heal', id }) }))

  const healAll = (): Promise<boolean> =>
    run(async (c) => {
      const { healed } = await c.request({ kind: 'fault/heal-all' })
      return { type: 'healed-all', count: healed.length }
    })

  /** The active faults on one target, for the menu to offer healing them. */
  function activeOn(target: FaultTarget): ActiveFault[] {
    return active.value.filter((f) => sameTarget(f.target, target))
  }

  return { kinds, active, last, pending, connect, apply, heal, healAll, activeOn }
})
