/**
 * The grid the router searches: cells of CELL model units over the whole drawing, which knows
 * the cells earlier edges already use, so that later edges can keep off them.
 */
import { containsPoint, type Box, type Point } from './geometry'
import { findGridPath, type Cell, type Grid } from './gridPath'

const CELL = 12
const GRID_MARGIN = 96
/** Extra cost of a cell another edge already uses: edges spread out rather than overlap. */
const USED_CELL_PENALTY = 8
/** Extra cost per cell of going through a machine neither end is in. */
const FOREIGN_AREA_PENALTY = 4

/** The routing grid over the whole drawing, with the cells each routed edge already uses. */
export class RoutingGrid {
  private readonly left: number
  private readonly top: number
  private readonly columns: number
  private readonly rows: number
  private readonly used = new Set<number>()

  constructor(boxes: Box[]) {
    this.left = Math.min(...boxes.map((b) => b.x - b.w / 2)) - GRID_MARGIN
    this.top = Math.min(...boxes.map((b) => b.y - b.h / 2)) - GRID_MARGIN
    const right = Math.max(...boxes.map((b) => b.x + b.w / 2)) + GRID_MARGIN
    const bottom = Math.max(...boxes.map((b) => b.y + b.h / 2)) + GRID_MARGIN
    this.columns = Math.ceil((right - this.left) / CELL) + 1
    this.rows = Math.ceil((bottom - this.top) / CELL) + 1
  }

  search(from: Point, to: Point, blocking: Box[], foreign: Box[]): Point[] | undefined {
    const start = this.cellOf(from)
    const goal = this.cellOf(to)
    // The boxes as cell masks, once per search: A* asks about a cell several times per step.
    const blocked = this.mask(blocking)
    const inForeign = this.mask(foreign)
    const grid: Grid = {
      columns: this.columns,
      rows: this.rows,
      blocked: (c, r) => {
        if ((c === start[0] && r === start[1]) || (c === goal[0] && r === goal[1])) return false
        return blocked[r * this.columns + c] === 1
      },
      penalty: (c, r) =>
        (this.used.has(r * this.columns + c) ? USED_CELL_PENALTY : 0) +
        (inForeign[r * this.columns + c] === 1 ? FOREIGN_AREA_PENALTY : 0),
    }
    return findGridPath(grid, start, goal)?.map(([c, r]) => this.centre(c, r))
  }

  /** The cells whose centres lie in (or on the edge of) any of the boxes. */
  private mask(boxes: Box[]): Uint8Array {
    const mask = new Uint8Array(this.columns * this.rows)
    for (const b of boxes) {
      const c0 = Math.max(0, Math.floor((b.x - b.w / 2 - this.left) / CELL))
      const c1 = Math.min(this.columns - 1, Math.ceil((b.x + b.w / 2 - this.left) / CELL))
      const r0 = Math.max(0, Math.floor((b.y - b.h / 2 - this.top) / CELL))
      const r1 = Math.min(this.rows - 1, Math.ceil((b.y + b.h / 2 - this.top) / CELL))
      for (let r = r0; r <= r1; r++)
        for (let c = c0; c <= c1; c++)
          if (containsPoint(b, this.centre(c, r))) mask[r * this.columns + c] = 1
    }
    return mask
  }

  /**
   * The longest stretch of a polyline over cells other edges use or inside a foreign area,
   * not counting what lies in `ignore` (the zones around the edge's own ends).
   */
  longestSoftRun(points: Point[], zones: { ignore: Box[]; foreign: Box[] }): number {
    let run = 0
    let longest = 0
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!
      const b = points[i]!
      const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / (CELL / 2)))
      for (let s = i === 1 ? 0 : 1; s <= steps; s++) {
        const p = { x: a.x + ((b.x - a.x) * s) / steps, y: a.y + ((b.y - a.y) * s) / steps }
        const [c, r] = this.cellOf(p)
        const soft =
          !zones.ignore.some((box) => containsPoint(box, p)) &&
          (this.used.has(r * this.columns + c) ||
            zones.foreign.some((box) => containsPoint(box, p)))
        run = soft ? run + 1 : 0
        longest = Math.max(longest, run)
      }
    }
    return longest
  }

  markUsed(points: Point[]): void {
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!
      const b = points[i]!
      const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / (CELL / 2)))
      for (let s = 0; s <= steps; s++) {
        const [c, r] = this.cellOf({
          x: a.x + ((b.x - a.x) * s) / steps,
          y: a.y + ((b.y - a.y) * s) / steps,
        })
        this.used.add(r * this.columns + c)
      }
    }
  }

  private cellOf(p: Point): Cell {
    const c = Math.round((p.x - this.left) / CELL)
    const r = Math.round((p.y - this.top) / CELL)
    return [Math.min(this.columns - 1, Math.max(0, c)), Math.min(this.rows - 1, Math.max(0, r))]
  }

  private centre(c: number, r: number): Point {
    return { x: this.left + c * CELL, y: this.top + r * CELL }
  }
}
