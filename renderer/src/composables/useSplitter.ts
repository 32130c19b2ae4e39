/**
 * A remembered panel size with a splitter to change it: drag, or focus the splitter and use the
 * arrow keys (Page Up/Down for bigger steps, Home/End for the ends), as the WAI-ARIA window
 * splitter pattern says. The size survives restarts in localStorage under `key`.
 */
import { ref, watch, type Ref } from 'vue'
import { safeStorage } from '../util/storage'

export interface SplitterOptions {
  /** localStorage key of the remembered size. */
  key: string
  initial: () => number
  min: number
  max: () => number
  step: number
  /** 'up' grows the panel when dragged up (a bottom dock); 'left' when dragged left (a side). */
  grows: 'up' | 'left'
}

export interface Splitter {
  size: Ref<number>
  onKey(event: KeyboardEvent): void
  onPointerDown(event: PointerEvent): void
}

export function useSplitter(options: SplitterOptions): Splitter {
  const clamp = (value: number): number =>
    Math.round(Math.min(options.max(), Math.max(options.min, value)))
  const stored = Number(safeStorage()?.getItem(options.key))
  const size = ref(clamp(Number.isFinite(stored) && stored > 0 ? stored : options.initial()))
  watch(size, (value) => safeStorage()?.setItem(options.key, String(value)))

  const grow = options.grows === 'up' ? ['ArrowUp', 'ArrowDown'] : ['ArrowLeft', 'ArrowRight']

  function onKey(event: KeyboardEvent): void {
    const changes: Record<string, number> = {
      [grow[0]!]: size.value + options.step,
      [grow[1]!]: size.value - options.step,
      PageUp: size.value + options.step * 4,
      PageDown: size.value - options.step * 4,
      Home: options.max(),
      End: options.min,
    }
    const next = changes[event.key]
    if (next === undefined) return
    event.preventDefault()
    size.value = clamp(next)
  }

  function onPointerDown(event: PointerEvent): void {
    const splitter = event.currentTarget as HTMLElement
    const start = options.grows === 'up' ? event.clientY : event.clientX
    const startSize = size.value
    splitter.setPointerCapture(event.pointerId)
    const move = (e: PointerEvent): void => {
      const now = options.grows === 'up' ? e.clientY : e.clientX
      size.value = clamp(startSize + start - now)
    }
    const up = (): void => {
      splitter.removeEventListener('pointermove', move)
      splitter.removeEventListener('pointerup', up)
      splitter.removeEventListener('pointercancel', up)
    }
    splitter.addEventListener('pointermove', move)
    splitter.addEventListener('pointerup', up)
    splitter.addEventListener('pointercancel', up)
  }

  return { size, onKey, onPointerDown }
}
