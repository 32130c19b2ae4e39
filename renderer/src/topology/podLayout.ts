/**
 * Geometry of what Kubernetes runs inside a machine's box: a pod tray under the components and a
 * strip of NodePort badges under the tray.
 *
 * 1. A tray's size depends only on its machine's width, never on how many pods it holds: it has
 *    room for POD_LIMIT_PER_NODE pods, and past that the pods collapse into one count node. So a
 *    pod coming or going never moves a machine, a component or an edge.
 * 2. Pods fill the tray row by row, in a fixed order given by the caller (oldest first), so a
 *    new pod takes the next free cell and the others stay where they are.
 * 3. Badges (one per NodePort) use the same columns as the pods; the strip grows a row only when
 *    a Service with a NodePort is added, which is rare and moves machines by one small step.
 * 4. Tray and strip sit on the side of the machine away from the connections between the rows
 *    (as its label does, see layout.ts): under a worker's components, above a control plane's.
 *    So the workers' edges still reach the API server without going round a tray.
 */
import type { Box } from './geometry'

/** Past this many pods on one node they collapse into a count node (level of detail). */
export const POD_LIMIT_PER_NODE = 8
export const POD_WIDTH = 142
export const POD_HEIGHT = 44
const POD_GAP_X = 10
const POD_GAP_Y = 10
/** Room for the tray's title ("Pods (3)") inside its top edge. */
const TRAY_HEADER = 22
const TRAY_PADDING = 8
/** Between the components and the tray, and between the tray and the badges. */
export const TRAY_GAP = 24
export const STRIP_GAP = 10
export const BADGE_WIDTH = POD_WIDTH
export const BADGE_HEIGHT = 26
const BADGE_GAP = 10

/** How many pods (and badges) fit side by side in a machine whose inside is `width` wide. */
export function podColumns(width: number): number {
  return Math.max(1, Math.floor((width - 2 * TRAY_PADDING + POD_GAP_X) / (POD_WIDTH + POD_GAP_X)))
}

/** Rows of a tray that holds POD_LIMIT_PER_NODE pods. */
function trayRows(width: number): number {
  return Math.ceil(POD_LIMIT_PER_NODE / podColumns(width))
}

/**
 * A control plane's tray is one row: its taint keeps most pods away (DaemonSets and pods that
 * tolerate it), and the room is better spent showing the workers on screen.
 */
export const CONTROL_PLANE_TRAY_ROWS = 1

export function trayHeight(width: number, rows = trayRows(width)): number {
  return TRAY_HEADER + rows * POD_HEIGHT + (rows - 1) * POD_GAP_Y + TRAY_PADDING
}

/** How many pods a tray draws one by one: past that, a count stands for them. */
export function trayCapacity(tray: Box): number {
  const rows = Math.round(
    (tray.h - TRAY_HEADER - TRAY_PADDING + POD_GAP_Y) / (POD_HEIGHT + POD_GAP_Y),
  )
  return Math.min(POD_LIMIT_PER_NODE, rows * podColumns(tray.w))
}

/** Height of the badge strip for `badges` NodePorts (0 without any), its gap to the tray included. */
export function stripHeight(width: number, badges: number): number {
  if (badges === 0) return 0
  const rows = Math.ceil(badges / podColumns(width))
  return STRIP_GAP + rows * BADGE_HEIGHT + (rows - 1) * BADGE_GAP
}

/** Cells of a grid of `count` items of `w` × `h`, `columns` wide, starting at the top-left. */
function gridCells(
  count: number,
  columns: number,
  origin: { left: number; top: number },
  size: { w: number; h: number; gapX: number; gapY: number },
): Box[] {
  return Array.from({ length: count }, (_, i) => ({
    x: origin.left + (i % columns) * (size.w + size.gapX) + size.w / 2,
    y: origin.top + Math.floor(i / columns) * (size.h + size.gapY) + size.h / 2,
    w: size.w,
    h: size.h,
  }))
}

const POD_CELL = { w: POD_WIDTH, h: POD_HEIGHT, gapX: POD_GAP_X, gapY: POD_GAP_Y }

function gridWidth(columns: number): number {
  return columns * POD_WIDTH + (columns - 1) * POD_GAP_X
}

/** Where `count` pods go in a tray (at most its capacity; the caller collapses more). */
export function podCells(tray: Box, count: number): Box[] {
  const columns = podColumns(tray.w)
  const origin = { left: tray.x - gridWidth(columns) / 2, top: tray.y - tray.h / 2 + TRAY_HEADER }
  return gridCells(Math.min(count, trayCapacity(tray)), columns, origin, POD_CELL)
}

/** The count node that stands for a tray's pods when there are too many to draw. */
export function countCell(tray: Box): Box {
  const top = tray.y - tray.h / 2 + TRAY_HEADER
  return { x: tray.x, y: top + POD_HEIGHT / 2, w: gridWidth(podColumns(tray.w)), h: POD_HEIGHT }
}

/** Where a machine's NodePort badges go, their first row's top at `top`. */
export function badgeCells(machine: { x: number; w: number }, top: number, count: number): Box[] {
  const columns = podColumns(machine.w)
  const origin = { left: machine.x - gridWidth(columns) / 2, top }
  const size = { w: BADGE_WIDTH, h: BADGE_HEIGHT, gapX: POD_GAP_X, gapY: BADGE_GAP }
  return gridCells(count, columns, origin, size)
}

/** Pods outside any machine (the unscheduled area) in a grid `columns` wide, its top-left given. */
export function looseCells(
  origin: { left: number; top: number },
  count: number,
  columns: number,
): Box[] {
  return gridCells(count, columns, origin, POD_CELL)
}

export { gridWidth as podGridWidth }
