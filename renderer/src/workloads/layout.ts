/**
 * The workloads view's layered layout: four columns (workloads and Services | ReplicaSets and
 * EndpointSlices | Pods | Nodes), one row per pod, bands of rows per owner. Pure: the same model
 * and memory always give the same positions.
 *
 * 1. Rows follow the model's order (model.ts): bands by (namespace, name, kind), lanes and pods
 *    by age, so a new pod is placed after the pods of its own lane and nothing above it moves.
 * 2. The layout remembers which pod sat in which row of a lane (its memory). A pod keeps its row
 *    while it lives; a new pod takes the first free row of its lane before adding one, so a pod
 *    the ReplicaSet replaced appears where the old one was and no other row moves.
 * 3. A lane keeps at most MAX_SLACK free rows: a lane that shrank gives the space back, but a pod
 *    being replaced (the old one Terminating, the new one starting) does not shake the graph twice.
 * 4. Nodes are few and fixed in their column, in name order from the top.
 */
import type { Band, Lane, WorkloadsModel } from './model'

export interface Point {
  x: number
  y: number
}

export const BOX_WIDTH = 210
export const BOX_HEIGHT = 44
export const COLUMN_GAP = 120
export const ROW_HEIGHT = 60
export const BAND_GAP = 26
/** Node rows are taller, so the edges converging on a Node fan out. */
export const NODE_ROW_HEIGHT = 1.5 * ROW_HEIGHT
export const MAX_SLACK = 1

export type Column = 0 | 1 | 2 | 3
export const columnX = (column: Column): number => column * (BOX_WIDTH + COLUMN_GAP)

/** The id of the count node that stands for the pods of a collapsed lane. */
export const countId = (lane: Lane): string => `Pods/${lane.key}`
/** The id of the first-column node of a band with no drawn owner (static or unowned pods). */
export const groupId = (bandKey: string): string => `Group/${bandKey}`

/** Static pods, pods with no owner and pods of an owner not drawn get a caption node instead. */
export const hasGroup = (band: Band): boolean =>
  band.kind === 'Owner' || band.kind === 'Static' || band.kind === 'Unowned'

/** Which pod (by key) sits in each row of each lane; null is a free row. */
export interface LayoutMemory {
  readonly slots: ReadonlyMap<string, readonly (string | null)[]>
}

export const EMPTY_MEMORY: LayoutMemory = { slots: new Map() }

export interface WorkloadsLayout {
  positions: Map<string, Point>
  memory: LayoutMemory
}

/** The rows of one lane: previous rows kept, newcomers in free rows first (invariants 2, 3). */
export function assignSlots(
  previous: readonly (string | null)[] | undefined,
  keys: readonly string[],
): (string | null)[] {
  const present = new Set(keys)
  const slots = (previous ?? []).map((k) => (k !== null && present.has(k) ? k : null))
  const placed = new Set(slots)
  for (const key of keys) {
    if (placed.has(key)) continue
    const free = slots.indexOf(null)
    if (free >= 0) slots[free] = key
    else slots.push(key)
  }
  let free = slots.filter((k) => k === null).length
  for (let i = slots.length - 1; i >= 0 && free > MAX_SLACK; i--) {
    if (slots[i] !== null) continue
    slots.splice(i, 1)
    free--
  }
  return slots
}

export function layoutModel(
  model: WorkloadsModel,
  memory: LayoutMemory = EMPTY_MEMORY,
): WorkloadsLayout {
  const positions = new Map<string, Point>()
  const slots = new Map<string, (string | null)[]>()
  const at = (column: Column, y: number): Point => ({ x: columnX(column), y })
  let y = 0
  model.bands.forEach((band, b) => {
    if (b > 0) y += BAND_GAP
    const start = y
    if (band.owner !== undefined) positions.set(band.owner.key, at(0, y))
    else if (hasGroup(band)) positions.set(groupId(band.key), at(0, y))
    for (const lane of band.lanes) {
      if (lane.head !== undefined) positions.set(lane.head.key, at(1, y))
      if (lane.collapsed) {
        positions.set(countId(lane), at(2, y))
        y += ROW_HEIGHT
        continue
      }
      const rows = assignSlots(
        memory.slots.get(lane.key),
        lane.pods.map((p) => p.key),
      )
      slots.set(lane.key, rows)
      rows.forEach((key, i) => {
        if (key !== null) positions.set(key, at(2, y + i * ROW_HEIGHT))
      })
      y += Math.max(1, rows.length) * ROW_HEIGHT
    }
    // A Deployment with no ReplicaSet yet still takes its row.
    y = Math.max(y, start + ROW_HEIGHT)
  })
  model.nodes.forEach((node, i) => positions.set(node.key, at(3, i * NODE_ROW_HEIGHT)))
  return { positions, memory: { slots } }
}
