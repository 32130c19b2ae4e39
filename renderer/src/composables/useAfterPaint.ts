import { shallowRef, watch, type ShallowRef } from 'vue'

/** Runs a callback once the next frame has been painted. */
export function afterPaint(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function')
    requestAnimationFrame(() => setTimeout(callback, 0))
  else setTimeout(callback, 0)
}

/**
 * `source`'s value, followed a frame late: it changes only after the frame that shows the
 * source's change has been painted. For views that may lag a frame behind the graph (the text
 * outline), so that their work does not delay the graph's drawing of a change.
 */
export function useAfterPaint<T>(source: () => T): Readonly<ShallowRef<T>> {
  const value = shallowRef(source())
  let pending = false
  watch(
    source,
    () => {
      if (pending) return
      pending = true
      afterPaint(() => {
        pending = false
        value.value = source()
      })
    },
    { flush: 'sync' },
  )
  return value
}
