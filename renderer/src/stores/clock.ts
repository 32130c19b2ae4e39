/**
 * The cluster's virtual time, as the simulation reports it (`clock/ticked`, and the nowMs of
 * `simulation/describe`). Virtual time never goes back, so the store keeps the latest value it
 * has seen whatever order a reply and an event arrive in, until `simulation/replaced` brings
 * another simulation, whose time the store then starts from.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { SimulationClient } from '../client/simulationClient'

export function formatClock(nowMs: number): string {
  const totalSeconds = Math.floor(Math.max(0, nowMs) / 1000)
  const pad = (n: number): string => String(n).padStart(2, '0')
  const hours = Math.floor(totalSeconds / 3600)
  return `${pad(hours)}:${pad(Math.floor(totalSeconds / 60) % 60)}:${pad(totalSeconds % 60)}`
}

export const useClockStore = defineStore('clock', () => {
  const nowMs = ref(0)
  /** HH:MM:SS since the simulation started; hours go past 24 rather than wrapping. */
  const text = computed(() => formatClock(nowMs.value))

  function observe(ms: number): void {
    if (ms > nowMs.value) nowMs.value = ms
  }

  /** Follows `clock/ticked`; returns a function that stops following. */
  function connect(client: SimulationClient): () => void {
    nowMs.value = 0
    return client.onEvent((event) => {
      if (event.kind === 'clock/ticked') observe(event.nowMs)
      else if (event.kind === 'simulation/replaced') nowMs.value = event.info.nowMs
    })
  }

  return { nowMs, text, observe, connect }
})
