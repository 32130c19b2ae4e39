/**
 * Plane geometry for the topology, in Cytoscape's model coordinates (y grows downwards).
 * Boxes are given by their centre, as Cytoscape positions nodes.
 */

export interface Point {
  x: number
  y: number
}

export interface Box extends Point {
  w: number
  h: number
}

export function inflate(box: Box, margin: number): Box {
  return { x: box.x, y: box.y, w: box.w + 2 * margin, h: box.h + 2 * margin }
}

export function containsPoint(box: Box, p: Point): boolean {
  return Math.abs(p.x - box.x) <= box.w / 2 && Math.abs(p.y - box.y) <= box.h / 2
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return Math.abs(a.x - b.x) < (a.w + b.w) / 2 && Math.abs(a.y - b.y) < (a.h + b.h) / 2
}

/** Where a ray from the box's centre towards `toward` leaves the box. */
export function boxExit(box: Box, toward: Point): Point {
  const dx = toward.x - box.x
  const dy = toward.y - box.y
  if (dx === 0 && dy === 0) return { x: box.x, y: box.y }
  const tx = dx === 0 ? Infinity : box.w / 2 / Math.abs(dx)
  const ty = dy === 0 ? Infinity : box.h / 2 / Math.abs(dy)
  const t = Math.min(tx, ty)
  return { x: box.x + dx * t, y: box.y + dy * t }
}

/** The unit normal of a → b, turned a quarter clockwise on screen (Cytoscape's convention). */
export function unitNormal(a: Point, b: Point): Point {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const length = Math.hypot(dx, dy) || 1
  return { x: -dy / length, y: dx / length }
}

/** True when the segment a–b passes through the box (Liang–Barsky clipping). */
export function segmentHitsBox(a: Point, b: Point, box: Box): boolean {
  const dx = b.x - a.x
  const dy = b.y - a.y
  let t0 = 0
  let t1 = 1
  const edges: [number, number][] = [
    [-dx, a.x - (box.x - box.w / 2)],
    [dx, box.x + box.w / 2 - a.x],
    [-dy, a.y - (box.y - box.h / 2)],
    [dy, box.y + box.h / 2 - a.y],
  ]
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false
      continue
    }
    const r = q / p
    if (p < 0) t0 = Math.max(t0, r)
    else t1 = Math.min(t1, r)
    if (t0 > t1) return false
  }
  return true
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y)
}

/** The point at `fraction` of a polyline's length. */
export function alongPolyline(points: Point[], fraction: number): Point {
  const lengths = points.slice(1).map((p, i) => distance(points[i]!, p))
  let remaining = lengths.reduce((sum, l) => sum + l, 0) * fraction
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i]!
    if (remaining <= l || i === lengths.length - 1) {
      const t = l === 0 ? 0 : Math.min(1, remaining / l)
      const a = points[i]!
      const b = points[i + 1]!
      return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t }
    }
    remaining -= l
  }
  return points[0]!
}

/** The edges of the smallest box holding all of `boxes`. */
export interface Bounds {
  left: number
  right: number
  top: number
  bottom: number
}

export function boundsOf(boxes: Box[]): Bounds {
  let bounds = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity }
  for (const b of boxes)
    bounds = {
      left: Math.min(bounds.left, b.x - b.w / 2),
      right: Math.max(bounds.right, b.x + b.w / 2),
      top: Math.min(bounds.top, b.y - b.h / 2),
      bottom: Math.max(bounds.bottom, b.y + b.h / 2),
    }
  return boxes.length === 0 ? { left: 0, right: 0, top: 0, bottom: 0 } : bounds
}
