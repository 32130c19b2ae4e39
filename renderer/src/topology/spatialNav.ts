/**
 * Keyboard movement over the architecture graph: one element is current (a roving selection;
 * the canvas keeps the focus) and an arrow key moves to the nearest element that way. Pure, so
 * it is tested without a canvas.
 *
 * 1. A candidate must lie in the arrow's direction: ahead by more than it is off to the side
 *    (a 45° cone each side), so Right never lands on something mostly below.
 * 2. Of those, the nearest wins, a sideways offset counting double: moving right along a row
 *    keeps to the row before jumping to a closer element on another.
 * 3. Nothing in the cone: the nearest element anywhere ahead, so that Down always reaches the
 *    row below if there is one. Nothing ahead at all: the current element stays. Nothing current (or it is gone): the first
 *    element in reading order (top to bottom, left to right).
 */
export interface NavPoint {
  id: string
  x: number
  y: number
}

export const ARROWS = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'] as const
export type Arrow = (typeof ARROWS)[number]

export function isArrow(key: string): key is Arrow {
  return (ARROWS as readonly string[]).includes(key)
}

const DIRECTIONS: Record<Arrow, { x: number; y: number }> = {
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
}

export function firstInReadingOrder(points: readonly NavPoint[]): string | undefined {
  let first: NavPoint | undefined
  for (const p of points)
    if (first === undefined || p.y < first.y || (p.y === first.y && p.x < first.x)) first = p
  return first?.id
}

/** The element an arrow moves to from `current` (see the invariants above). */
export function nextInDirection(
  points: readonly NavPoint[],
  current: string | undefined,
  arrow: Arrow,
): string | undefined {
  const here = points.find((p) => p.id === current)
  if (here === undefined) return firstInReadingOrder(points)
  const way = DIRECTIONS[arrow]
  let inCone: { id: string; score: number } | undefined
  let ahead: { id: string; score: number } | undefined
  for (const p of points) {
    if (p.id === here.id) continue
    const dx = p.x - here.x
    const dy = p.y - here.y
    const along = dx * way.x + dy * way.y
    const aside = Math.abs(dx * way.y - dy * way.x)
    if (along <= 0) continue
    const score = along + 2 * aside
    if (aside <= along && (inCone === undefined || score < inCone.score))
      inCone = { id: p.id, score }
    if (ahead === undefined || score < ahead.score) ahead = { id: p.id, score }
  }
  return (inCone ?? ahead)?.id ?? here.id
}
