/**
 * Time controls: play / pause, speed, step and jumps. The simulation never moves by itself; this
 * store moves it with `clock/advance`, the renderer's wall clock setting the pace. The clock
 * store shows the result (it follows `clock/ticked`).
 *
 * 1. At most one `clock/advance` is in flight. Steps and jumps asked for meanwhile add up into
 *    one debt that is sent when the reply comes, so clicks are never lost and never pile up.
 * 2. While playing, every TICK_MS the store advances speed × (wall time since the last tick that
 *    advanced). A tick that finds an advance in flight is skipped: a slow simulation slows virtual
 *    time down instead of building a queue. Wall time counted per advance is capped at
 *    MAX_WALL_MS, so a stalled tab does not jump minutes ahead when it wakes.
 * 3. A hidden window suspends playing; showing it again resumes, without counting the time away.
 * 4. A refused advance stops playing and keeps the message, so the UI can say what happened.
 * 5. `simulation/replaced` pauses and forgets time owed: a new lab starts still, at its own time.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { SimulationClient } from '../client/simulationClient'
import { useClockStore } from './clock'
import { safeStorage } from '../util/storage'

export const SPEEDS = [1, 2, 10, 60, 300] as const
export type Speed = (typeof SPEEDS)[number]

export const TICK_MS = 200
export const MAX_WALL_MS = 1_000
export const STEP_MS = 1_000
export const JUMP_SHORT_MS = 60_000
export const JUMP_LONG_MS = 300_000

/** Wall time and a one-shot timer; tests pass a hand-driven one. */
export interface WallClock {
  now(): number
  after(ms: number, callback: () => void): () => void
}

export const SHORTCUTS_STORAGE_KEY = 'kubelab.timeShortcuts'

export const realWallClock: WallClock = {
  now: () => performance.now(),
  after(ms, callback) {
    const id = setTimeout(callback, ms)
    return () => clearTimeout(id)
  },
}

export const useTimeControlStore = defineStore('timeControl', () => {
  const playing = ref(false)
  const speed = ref<Speed>(1)
  const busy = ref(false)
  const error = ref('')
  /** True while a hidden window holds playing back (invariant 3). */
  const suspended = ref(false)
  const running = computed(() => playing.value && !suspended.value)
  /** The learner may switch single-key shortcuts off; the choice is remembered. */
  const shortcutsEnabled = ref(safeStorage()?.getItem(SHORTCUTS_STORAGE_KEY) !== 'off')
  watch(shortcutsEnabled, (on) => safeStorage()?.setItem(SHORTCUTS_STORAGE_KEY, on ? 'on' : 'off'))
  // Not state: the live channel, the timer and the bookkeeping of invariants 1 and 2.
  let client: SimulationClient | null = null
  let wall: WallClock = realWallClock
  let cancelTick: (() => void) | undefined
  let lastPlayedAt = 0
  let owedMs = 0

  /** Holds the client; returns a function that stops playing and lets it go. */
  function connect(connected: SimulationClient, options: { wall?: WallClock } = {}): () => void {
    client = connected
    wall = options.wall ?? realWallClock
    error.value = ''
    const stop = connected.onEvent((event) => {
      if (event.kind !== 'simulation/replaced') return
      pause()
      owedMs = 0
    })
    return () => {
      stop()
      pause()
      if (client === connected) client = null
      owedMs = 0
    }
  }

  /** Sends what is owed, one advance at a time (invariant 1). */
  async function drain(): Promise<void> {
    if (busy.value || client === null || owedMs <= 0) return
    const ms = owedMs
    owedMs = 0
    busy.value = true
    try {
      const { nowMs } = await client.request({ kind: 'clock/advance', ms })
      useClockStore().observe(nowMs)
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : String(failure)
      owedMs = 0
      pause()
    } finally {
      busy.value = false
    }
    await drain()
  }

  /** Moves virtual time forward by `ms` (a step or a jump), now or after the advance in flight. */
  function advance(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve()
    error.value = ''
    owedMs += Math.round(ms)
    return drain()
  }

  function tick(): void {
    cancelTick = undefined
    if (!running.value) return
    if (!busy.value) {
      const now = wall.now()
      const elapsed = Math.min(MAX_WALL_MS, Math.max(0, now - lastPlayedAt))
      lastPlayedAt = now
      owedMs += Math.round(elapsed * speed.value)
      void drain()
    }
    schedule()
  }

  function schedule(): void {
    cancelTick?.()
    cancelTick = running.value ? wall.after(TICK_MS, tick) : undefined
  }

  function play(): void {
    if (playing.value) return
    error.value = ''
    playing.value = true
    lastPlayedAt = wall.now()
    schedule()
  }

  function pause(): void {
    playing.value = false
    schedule()
  }

  function toggle(): void {
    if (playing.value) pause()
    else play()
  }

  function setSpeed(next: Speed): void {
    speed.value = next
  }

  /** One notch faster (+1) or slower (-1) along SPEEDS, stopping at either end. */
  function changeSpeed(direction: 1 | -1): void {
    const index = SPEEDS.indexOf(speed.value) + direction
    speed.value = SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, index))]!
  }

  /** The window was hidden or shown again (invariant 3). */
  function setVisible(visible: boolean): void {
    if (suspended.value === !visible) return
    suspended.value = !visible
    lastPlayedAt = wall.now()
    schedule()
  }

  return {
    playing,
    speed,
    busy,
    error,
    suspended,
    running,
    shortcutsEnabled,
    connect,
    play,
    pause,
    toggle,
    setSpeed,
    changeSpeed,
    advance,
    step: () => advance(STEP_MS),
    jumpMinute: () => advance(JUMP_SHORT_MS),
    jumpFiveMinutes: () => advance(JUMP_LONG_MS),
    setVisible,
  }
})
