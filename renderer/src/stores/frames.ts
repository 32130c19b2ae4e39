/**
 * When the stores apply what the simulation sent: once per frame at most, and as early as can be.
 */

/** Runs a callback before the next repaint; tests pass their own to control batching. */
export type FrameScheduler = (callback: () => void) => void

export function nextFrame(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => callback())
  else setTimeout(callback, 16)
}

/**
 * The first callback of a frame runs as soon as the current task ends; later ones wait for the
 * next frame. A change that arrives while the page is idle then reaches the views before the
 * coming repaint: deferred to requestAnimationFrame it would run after Cytoscape's own frame
 * callback (registered a frame earlier) and show a frame late. A burst of changes is still
 * applied at most twice a frame.
 */
export function soonOncePerFrame(): FrameScheduler {
  let usedThisFrame = false
  return (callback) => {
    if (usedThisFrame) return nextFrame(callback)
    usedThisFrame = true
    nextFrame(() => (usedThisFrame = false))
    queueMicrotask(callback)
  }
}
