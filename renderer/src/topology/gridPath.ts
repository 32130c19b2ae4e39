/**
 * A* search on a grid of cells, for routing edges around components.
 *
 * 1. Deterministic: ties in the open set break on insertion order, so the same grid always
 *    gives the same path.
 * 2. Bounded: the search visits each cell at most once and gives up (returns undefined) when the
 *    goal cannot be reached.
 * 3. Eight neighbours; diagonal steps cost √2 and may not cut the corner of a blocked cell.
 */

export interface Grid {
  columns: number
  rows: number
  blocked(column: number, row: number): boolean
  /** Extra cost of entering a cell (e.g. one another edge already uses). */
  penalty(column: number, row: number): number
}

export type Cell = [column: number, row: number]

const STEPS: [number, number, number][] = [
  [1, 0, 1],
  [-1, 0, 1],
  [0, 1, 1],
  [0, -1, 1],
  [1, 1, Math.SQRT2],
  [1, -1, Math.SQRT2],
  [-1, 1, Math.SQRT2],
  [-1, -1, Math.SQRT2],
]

export function findGridPath(grid: Grid, start: Cell, goal: Cell): Cell[] | undefined {
  const size = grid.columns * grid.rows
  const index = (c: number, r: number): number => r * grid.columns + c
  const cost = new Float64Array(size).fill(Infinity)
  const from = new Int32Array(size).fill(-1)
  const closed = new Uint8Array(size)
  const heap = new MinHeap()
  const goalIndex = index(goal[0], goal[1])
  const h = (c: number, r: number): number => {
    const dx = Math.abs(c - goal[0])
    const dy = Math.abs(r - goal[1])
    return Math.max(dx, dy) + (Math.SQRT2 - 1) * Math.min(dx, dy)
  }
  cost[index(start[0], start[1])] = 0
  heap.push(h(start[0], start[1]), index(start[0], start[1]))
  while (heap.size > 0) {
    const current = heap.pop()
    if (closed[current] === 1) continue
    closed[current] = 1
    if (current === goalIndex) return unwind(from, current, grid.columns)
    const c = current % grid.columns
    const r = Math.floor(current / grid.columns)
    for (const [dc, dr, step] of STEPS) {
      const nc = c + dc
      const nr = r + dr
      if (nc < 0 || nr < 0 || nc >= grid.columns || nr >= grid.rows) continue
      if (grid.blocked(nc, nr)) continue
      if (dc !== 0 && dr !== 0 && (grid.blocked(c + dc, r) || grid.blocked(c, r + dr))) continue
      const next = index(nc, nr)
      const g = cost[current]! + step + grid.penalty(nc, nr)
      if (g >= cost[next]!) continue
      cost[next] = g
      from[next] = current
      heap.push(g + h(nc, nr), next)
    }
  }
  return undefined
}

function unwind(from: Int32Array, end: number, columns: number): Cell[] {
  const path: Cell[] = []
  for (let at = end; at !== -1; at = from[at]!) path.push([at % columns, Math.floor(at / columns)])
  return path.reverse()
}

/** A binary heap of (priority, value), ties broken by insertion order. */
class MinHeap {
  private readonly items: { priority: number; order: number; value: number }[] = []
  private counter = 0

  get size(): number {
    return this.items.length
  }

  push(priority: number, value: number): void {
    const items = this.items
    items.push({ priority, order: this.counter++, value })
    let i = items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(i, parent)) break
      ;[items[i], items[parent]] = [items[parent]!, items[i]!]
      i = parent
    }
  }

  pop(): number {
    const items = this.items
    const top = items[0]!
    const last = items.pop()!
    if (items.length > 0) {
      items[0] = last
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        const right = left + 1
        let smallest = i
        if (left < items.length && this.less(left, smallest)) smallest = left
        if (right < items.length && this.less(right, smallest)) smallest = right
        if (smallest === i) break
        ;[items[i], items[smallest]] = [items[smallest]!, items[i]!]
        i = smallest
      }
    }
    return top.value
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a]!
    const y = this.items[b]!
    return x.priority < y.priority || (x.priority === y.priority && x.order < y.order)
  }
}
