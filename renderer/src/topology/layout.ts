/**
 * A deterministic preset layout for the topology: the same world always gets the same picture,
 * so a learner's mental map survives reloads and screenshots can be compared.
 *
 * 1. Control-plane machines sit on the top row; workers fill a grid below, at most
 *    WORKERS_PER_ROW per row. Every row is centred on x = 0.
 * 2. Inside a machine, components take fixed cells by type (SLOTS), chosen so that the usual
 *    connections run between neighbouring cells and the API server faces the workers.
 *    Component types without a cell take the next free cells, row by row.
 * 3. Workers in odd columns are mirrored, so that neighbouring workers face each other with
 *    their weave-net: the Weave mesh between them is then a short straight line.
 * 4. A control plane's label sits above it, a worker's below it: on the side away from the
 *    connections between the rows, so that no edge has to cross a label.
 * 5. Machines and components are ordered by name (numeric-aware), never by arrival order.
 * 6. With Kubernetes objects drawn (`extras`), every machine also holds a pod tray and a strip
 *    of NodePort badges (see podLayout.ts), on its label's side: under a worker's components,
 *    above a control plane's. A tray's size never depends on its pods: pods move nothing.
 * 7. A learner may drag machines (`moves`): a moved machine keeps everything it holds, shifted
 *    by its move from its preset place, so routes, trays and badges follow it and the preset
 *    stays the reference a "reset layout" returns to.
 */
import type { Component, ComponentType, Machine, MachineRole } from '../../../core/protocol'
import { compareNames } from '../util/compareNames'
import type { Box, Point } from './geometry'
import { CONTROL_PLANE_TRAY_ROWS, STRIP_GAP, stripHeight, TRAY_GAP, trayHeight } from './podLayout'

export const COMPONENT_WIDTH = 184
export const COMPONENT_HEIGHT = 64
/** Room around a machine's components; the topology style uses it as the compound padding. */
export const MACHINE_PADDING = 18
/** Height of the machine's label, outside its box (see `labelSide`). */
export const MACHINE_LABEL_HEIGHT = 24
const COLUMN_STEP = COMPONENT_WIDTH + 96
const ROW_STEP = COMPONENT_HEIGHT + 44
export const MACHINE_GAP_X = 96
/** Vertical room between machine rows: the long edges and their labels run there. */
export const MACHINE_GAP_Y = 140
const WORKERS_PER_ROW = 4

type Cell = readonly [column: number, row: number]

interface MachineGrid {
  columns: number
  rows: number
  slots: Partial<Record<ComponentType, Cell>>
}

/**
 * Control plane: the node agents on the left, the control plane on the right, with
 * kube-apiserver on the bottom row so that the workers' connections reach it unobstructed.
 */
const CONTROL_PLANE_GRID: MachineGrid = {
  columns: 4,
  rows: 2,
  slots: {
    containerd: [0, 0],
    'kube-scheduler': [1, 0],
    etcd: [2, 0],
    'kube-controller-manager': [3, 0],
    'weave-net': [0, 1],
    kubelet: [1, 1],
    'kube-apiserver': [2, 1],
    'kube-proxy': [3, 1],
  },
}

/** Worker: the two API clients on top, facing the control plane; containerd under kubelet. */
const WORKER_GRID: MachineGrid = {
  columns: 2,
  rows: 2,
  slots: { kubelet: [0, 0], 'kube-proxy': [1, 0], containerd: [0, 1], 'weave-net': [1, 1] },
}

const GRIDS: Record<MachineRole, MachineGrid> = {
  'control-plane': CONTROL_PLANE_GRID,
  worker: WORKER_GRID,
}

export function labelSide(role: MachineRole): 'top' | 'bottom' {
  return role === 'control-plane' ? 'top' : 'bottom'
}

export interface TopologyLayout {
  /** Each machine's box, padding included (its label is above it). */
  machines: Map<string, Box>
  /** Each component's box, keyed by component name. */
  components: Map<string, Box>
  /** Each machine's pod tray, when pods are drawn. */
  trays: Map<string, Box>
  /** The top of each machine's first row of NodePort badges, when pods are drawn. */
  strips: Map<string, number>
}

/** What else machines hold besides components: a pod tray, and this many NodePort badges. */
export interface MachineExtras {
  nodePorts: number
}

/** How far the learner moved each machine from its preset place, by machine name. */
export type MachineMoves = ReadonlyMap<string, Point>

export function layoutWorld(
  machines: Machine[],
  components: Component[],
  extras?: MachineExtras,
  moves?: MachineMoves,
): TopologyLayout {
  const sorted = [...machines].sort((a, b) => compareNames(a.metadata.name, b.metadata.name))
  const cells = new Map<string, Map<string, Cell>>()
  for (const m of sorted) cells.set(m.metadata.name, assignCells(m, components))
  const rows = machineRows(sorted)
  const layout: TopologyLayout = {
    machines: new Map(),
    components: new Map(),
    trays: new Map(),
    strips: new Map(),
  }
  let top = 0
  for (const row of rows) {
    const sizes = row.map((m) => machineSize(m, cells.get(m.metadata.name)!, extras))
    const width = sizes.reduce((sum, s) => sum + s.w, 0) + MACHINE_GAP_X * (row.length - 1)
    const height = Math.max(...sizes.map((s) => s.h))
    let left = -width / 2
    row.forEach((m, i) => {
      const size = sizes[i]!
      const box = { x: left + size.w / 2, y: top + size.h / 2, w: size.w, h: size.h }
      layout.machines.set(m.metadata.name, box)
      const mirrored = m.spec.role === 'worker' && i % 2 === 1
      const extra = size.h - size.componentsHeight - 2 * MACHINE_PADDING
      const offset = labelSide(m.spec.role) === 'top' ? extra : 0
      placeComponents(box, cells.get(m.metadata.name)!, mirrored, offset, layout.components)
      if (extras !== undefined) placeExtras(m, box, size.componentsHeight, extras, layout)
      left += size.w + MACHINE_GAP_X
    })
    top += height + MACHINE_GAP_Y
  }
  if (moves !== undefined && moves.size > 0) applyMoves(layout, components, moves)
  return layout
}

/** Shifts each moved machine and all it holds (invariant 7). */
function applyMoves(layout: TopologyLayout, components: Component[], moves: MachineMoves): void {
  const shift = (box: Box, by: Point): Box => ({ ...box, x: box.x + by.x, y: box.y + by.y })
  for (const [name, by] of moves) {
    const box = layout.machines.get(name)
    if (box === undefined) continue
    layout.machines.set(name, shift(box, by))
    const tray = layout.trays.get(name)
    if (tray !== undefined) layout.trays.set(name, shift(tray, by))
    const strip = layout.strips.get(name)
    if (strip !== undefined) layout.strips.set(name, strip + by.y)
  }
  for (const c of components) {
    const by = moves.get(c.spec.machine)
    const box = layout.components.get(c.metadata.name)
    if (by !== undefined && box !== undefined)
      layout.components.set(c.metadata.name, shift(box, by))
  }
}

/** Control planes first (one row), then workers in rows of WORKERS_PER_ROW. */
function machineRows(sorted: Machine[]): Machine[][] {
  const controlPlanes = sorted.filter((m) => m.spec.role === 'control-plane')
  const workers = sorted.filter((m) => m.spec.role !== 'control-plane')
  const rows = controlPlanes.length > 0 ? [controlPlanes] : []
  for (let i = 0; i < workers.length; i += WORKERS_PER_ROW)
    rows.push(workers.slice(i, i + WORKERS_PER_ROW))
  return rows
}

function assignCells(machine: Machine, components: Component[]): Map<string, Cell> {
  const grid = GRIDS[machine.spec.role]
  const mine = components
    .filter((c) => c.spec.machine === machine.metadata.name)
    .sort((a, b) => compareNames(a.metadata.name, b.metadata.name))
  const cells = new Map<string, Cell>()
  const taken = new Set<string>()
  const unplaced: Component[] = []
  for (const c of mine) {
    const cell = grid.slots[c.spec.type]
    if (cell === undefined || taken.has(cell.join())) unplaced.push(c)
    else {
      cells.set(c.metadata.name, cell)
      taken.add(cell.join())
    }
  }
  let next = 0
  for (const c of unplaced) {
    let cell: Cell = [next % grid.columns, Math.floor(next / grid.columns)]
    while (taken.has(cell.join())) {
      next++
      cell = [next % grid.columns, Math.floor(next / grid.columns)]
    }
    cells.set(c.metadata.name, cell)
    taken.add(cell.join())
  }
  return cells
}

function machineSize(
  machine: Machine,
  cells: Map<string, Cell>,
  extras: MachineExtras | undefined,
): { w: number; h: number; componentsHeight: number } {
  const grid = GRIDS[machine.spec.role]
  let columns = grid.columns
  let rows = grid.rows
  for (const [column, row] of cells.values()) {
    columns = Math.max(columns, column + 1)
    rows = Math.max(rows, row + 1)
  }
  const inner = (columns - 1) * COLUMN_STEP + COMPONENT_WIDTH
  const componentsHeight = (rows - 1) * ROW_STEP + COMPONENT_HEIGHT
  // The tray and the badges, beside the components.
  const extra =
    extras === undefined
      ? 0
      : TRAY_GAP + roleTrayHeight(machine.spec.role, inner) + stripHeight(inner, extras.nodePorts)
  return {
    w: inner + 2 * MACHINE_PADDING,
    h: componentsHeight + extra + 2 * MACHINE_PADDING,
    componentsHeight,
  }
}

/** A tray's height never depends on its pods (invariant 6), only on its machine's role and width. */
function roleTrayHeight(role: MachineRole, width: number): number {
  return role === 'control-plane' ? trayHeight(width, CONTROL_PLANE_TRAY_ROWS) : trayHeight(width)
}

/**
 * A worker's pod tray under its components and its badges under the tray; a control plane's
 * badges at the top, then its tray, then its components.
 */
function placeExtras(
  machine: Machine,
  box: Box,
  componentsHeight: number,
  extras: MachineExtras,
  out: TopologyLayout,
): void {
  const name = machine.metadata.name
  const w = box.w - 2 * MACHINE_PADDING
  const h = roleTrayHeight(machine.spec.role, w)
  const inner = box.y - box.h / 2 + MACHINE_PADDING
  if (labelSide(machine.spec.role) === 'top') {
    const trayTop = inner + stripHeight(w, extras.nodePorts)
    out.trays.set(name, { x: box.x, y: trayTop + h / 2, w, h })
    out.strips.set(name, inner)
    return
  }
  const trayTop = inner + componentsHeight + TRAY_GAP
  out.trays.set(name, { x: box.x, y: trayTop + h / 2, w, h })
  out.strips.set(name, trayTop + h + STRIP_GAP)
}

/** `offset`: room above the components (a control plane's tray and badges). */
function placeComponents(
  machine: Box,
  cells: Map<string, Cell>,
  mirrored: boolean,
  offset: number,
  out: Map<string, Box>,
): void {
  const left = machine.x - machine.w / 2 + MACHINE_PADDING
  const top = machine.y - machine.h / 2 + MACHINE_PADDING + offset
  const columns = Math.round((machine.w - 2 * MACHINE_PADDING - COMPONENT_WIDTH) / COLUMN_STEP) + 1
  for (const [name, [cell, row]] of cells) {
    const column = mirrored ? columns - 1 - cell : cell
    out.set(name, {
      x: left + column * COLUMN_STEP + COMPONENT_WIDTH / 2,
      y: top + row * ROW_STEP + COMPONENT_HEIGHT / 2,
      w: COMPONENT_WIDTH,
      h: COMPONENT_HEIGHT,
    })
  }
}
