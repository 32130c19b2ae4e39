/**
 * Challenge mode: a hidden fault on the cluster that is open, to find and repair. Only this store
 * talks to the simulation about it; the catalogue starts one and the lab panel shows it.
 *
 * 1. The host says when the challenge started, was repaired or ended (`challenge/changed`, also
 *    for one started or revealed in the terminal with `fault challenge`); the store follows.
 * 2. A swapped simulation (a lab started or left) takes its challenge with it: the store forgets
 *    it on `simulation/replaced`.
 * 3. How the last challenge ended stays shown (`ended`) until the learner closes it or starts
 *    another.
 * 4. An event is newer than the reply of a request sent before it arrived: such a reply's
 *    status is not applied over it.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ChallengeEnd, ChallengeStatus } from '../../../core/protocol'
import type { SimulationClient } from '../client/simulationClient'

export interface ChallengeOutcome extends ChallengeEnd {
  /** True when the learner gave up before repairing it. */
  gaveUp: boolean
}

export const useChallengeStore = defineStore('challenge', () => {
  const status = shallowRef<ChallengeStatus | null>(null)
  const ended = shallowRef<ChallengeOutcome | null>(null)
  /** The verdict of the last Check while it runs, so the panel can say "not yet". */
  const checked = ref<'notYet' | null>(null)
  const pending = ref(0)
  const error = ref('')
  /** True while the panel has something to show. */
  const shown = computed(() => status.value !== null || ended.value !== null)
  let client: SimulationClient | null = null
  /** Counts the host's announcements (invariant 4). */
  let heard = 0

  /** Follows the host's challenge (invariants 1 and 2); returns a function that stops. */
  function connect(connected: SimulationClient): () => void {
    client = connected
    const stop = connected.onEvent((event) => {
      if (client !== connected) return
      if (event.kind === 'challenge/changed') {
        heard++
        follow(event.status)
      } else if (event.kind === 'simulation/replaced') {
        heard++
        status.value = null
        ended.value = null
        checked.value = null
      }
    })
    const before = heard
    void connected.request({ kind: 'challenge/status' }).then(
      (current) => client === connected && heard === before && follow(current),
      () => {},
    )
    return () => {
      stop()
      if (client === connected) client = null
    }
  }

  function follow(next: ChallengeStatus | null): void {
    if (next !== null && next.sinceMs !== status.value?.sinceMs) ended.value = null
    if (next === null || next.repaired) checked.value = null
    status.value = next
  }

  async function send<T>(work: (c: SimulationClient) => Promise<T>): Promise<T | undefined> {
    if (client === null) {
      error.value = 'not connected'
      return undefined
    }
    pending.value++
    error.value = ''
    try {
      return await work(client)
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : String(failure)
      return undefined
    } finally {
      pending.value--
    }
  }

  /** Starts a challenge on the open cluster (or shows the one running). */
  async function start(): Promise<boolean> {
    ended.value = null
    checked.value = null
    const before = heard
    const next = await send((c) => c.request({ kind: 'challenge/start' }))
    if (next !== undefined && heard === before) follow(next)
    return next !== undefined
  }

  /** Asks now whether it is repaired (the host also says so by itself as time passes). */
  async function check(): Promise<boolean> {
    const before = heard
    const next = await send((c) => c.request({ kind: 'challenge/status' }))
    if (next === undefined) return false
    if (heard !== before) return true
    follow(next)
    checked.value = next !== null && !next.repaired ? 'notYet' : null
    return true
  }

  /** Ends it and shows what it was: giving up, or closing a repaired one. */
  async function reveal(): Promise<boolean> {
    const end = await send((c) => c.request({ kind: 'challenge/reveal' }))
    if (end === undefined) return false
    status.value = null
    checked.value = null
    ended.value = { ...end, gaveUp: !end.repaired }
    return true
  }

  /** Closes the panel: a repaired challenge is ended on the host first. */
  async function close(): Promise<void> {
    if (status.value !== null) await reveal()
    ended.value = null
  }

  return { status, ended, checked, pending, error, shown, connect, start, check, reveal, close }
})
