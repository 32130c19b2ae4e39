/**
 * Where the learner dragged the architecture graph's machines, remembered between sessions.
 *
 * Invariants:
 * 1. A move is kept per cluster shape (the set of machine names): the HA cluster's cp-1 and the
 *    default cluster's cp-1 sit in different places, and each keeps its own arrangement.
 * 2. Moves are offsets from the preset layout, not positions: machines that come later still
 *    take their preset place, and "reset layout" is forgetting the offsets.
 * 3. At most MAX_SHAPES shapes are remembered, the most recently moved kept.
 * 4. Storage that is missing, refused or holds nonsense means no moves, never a failure.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Point } from '../topology/geometry'
import type { MachineMoves } from '../topology/layout'
import { safeStorage } from '../util/storage'

export const LAYOUT_STORAGE_KEY = 'kubelab.layout'
export const MAX_SHAPES = 20

/** Shape key → machine name → [dx, dy]. Insertion order is recency (invariant 3). */
type Saved = Record<string, Record<string, [number, number]>>

/** The key of a cluster's shape: its machines' names, in a fixed order. */
export function shapeKey(machines: readonly string[]): string {
  return [...machines].sort().join(',')
}

function isOffset(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n))
  )
}

/** Invariant 4: only well-formed entries survive. */
function load(): Saved {
  try {
    const raw: unknown = JSON.parse(safeStorage()?.getItem(LAYOUT_STORAGE_KEY) ?? '{}')
    const saved: Saved = {}
    if (typeof raw !== 'object' || raw === null) return saved
    for (const [shape, moves] of Object.entries(raw)) {
      if (typeof moves !== 'object' || moves === null) continue
      const kept = Object.entries(moves).filter(([, offset]) => isOffset(offset))
      if (kept.length > 0)
        saved[shape] = Object.fromEntries(kept) as Record<string, [number, number]>
    }
    return saved
  } catch {
    return {}
  }
}

export const useLayoutStore = defineStore('layout', () => {
  const saved = ref<Saved>(load())

  function persist(): void {
    try {
      safeStorage()?.setItem(LAYOUT_STORAGE_KEY, JSON.stringify(saved.value))
    } catch {
      // A full or refused storage loses the arrangement at the next start, nothing else.
    }
  }

  /** The moves of one cluster shape, as the layout takes them. */
  function movesOf(shape: string): MachineMoves {
    const moves = saved.value[shape] ?? {}
    return new Map(Object.entries(moves).map(([name, [x, y]]) => [name, { x, y }]))
  }

  /** Moves a machine `by` further from where it is (rounded to whole units). */
  function move(shape: string, machine: string, by: Point): void {
    const { [shape]: current = {}, ...others } = saved.value
    const [x, y] = current[machine] ?? [0, 0]
    const next = {
      ...current,
      [machine]: [Math.round(x + by.x), Math.round(y + by.y)] as [number, number],
    }
    if (next[machine]![0] === 0 && next[machine]![1] === 0) delete next[machine]
    // Invariant 3: the moved shape becomes the newest; the oldest beyond the limit go.
    const kept = Object.entries(others).slice(-(MAX_SHAPES - 1))
    saved.value =
      Object.keys(next).length > 0
        ? { ...Object.fromEntries(kept), [shape]: next }
        : Object.fromEntries(kept)
    persist()
  }

  /** Every machine of the shape back to its preset place. */
  function reset(shape: string): void {
    if (saved.value[shape] === undefined) return
    const { [shape]: _dropped, ...others } = saved.value
    saved.value = others
    persist()
  }

  function isMoved(shape: string): boolean {
    return saved.value[shape] !== undefined
  }

  return { saved, movesOf, move, reset, isMoved }
})
