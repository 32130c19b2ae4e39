/**
 * Edge routing for the preset layout: every edge gets a path that keeps clear of the
 * components it does not connect, and a label place that covers no component, machine label,
 * other label or other edge.
 *
 * 1. Pure and deterministic: edges are routed one by one in a fixed order (shortest first,
 *    then by id), preferring grid cells no earlier edge uses; then labels are placed in the
 *    same order, clear of every edge and of the labels placed before them.
 * 2. An edge is straight whenever the straight line is clear. Otherwise an A* search on a grid
 *    finds a way around, and string pulling reduces it to a few waypoints, which the view draws
 *    as a polyline with rounded corners (Cytoscape's round-segments).
 * 3. The label is placed at the first clear spot along the path, from the middle outwards; the
 *    result is an offset from where Cytoscape would put it (see `defaultLabelPoint`).
 * 4. Bounded work: past ROUTING_BUDGET obstacles (components and machine labels) every edge
 *    is drawn straight and labelled in the middle; a big cluster is for panning around, not
 *    for reading all at once.
 */
import {
  alongPolyline,
  boxExit,
  boxesOverlap,
  containsPoint,
  inflate,
  segmentHitsBox,
  type Box,
  type Point,
} from './geometry'
import { RoutingGrid } from './routingGrid'

export interface RouteRequest {
  id: string
  /** Names of the two obstacles the edge connects, which it may of course touch. */
  from: string
  to: string
  /** The areas (machines) the two ends are in; the edge may cross these freely. */
  fromArea?: string
  toArea?: string
  source: Box
  target: Box
  /** Size of the edge's label box, padding included. */
  label: { w: number; h: number }
}

export interface Obstacle {
  id: string
  box: Box
}

export interface Route {
  /** Corners between source and target, in model coordinates; empty for a straight edge. */
  waypoints: Point[]
  /** How far the label moves from Cytoscape's default place (text-margin-x/y). */
  labelOffset: Point
}

/** How far an edge keeps from components it does not connect. */
const CLEARANCE = 10
/** Samples (half a grid cell each) an edge may run along another: enough to cross it. */
const MAX_SHARED_RUN = 3
/** Near its ends an edge may share cells: edges converge there on the same component. */
const ENDPOINT_ZONE = 36
const LABEL_FRACTIONS = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82]
export const ROUTING_BUDGET = 200

interface Placed {
  labels: Box[]
  segments: { id: string; a: Point; b: Point }[]
}

/**
 * `areas` are regions edges should rather go around than through (other machines' boxes): a
 * path may still cross one when there is no reasonable way round.
 */
export function routeEdges(
  requests: RouteRequest[],
  obstacles: Obstacle[],
  areas: Obstacle[] = [],
): Map<string, Route> {
  const routes = new Map<string, Route>()
  const ordered = [...requests].sort(
    (a, b) => chordLength(a) - chordLength(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
  if (requests.length === 0) return routes
  if (obstacles.length > ROUTING_BUDGET) {
    for (const r of ordered) routes.set(r.id, { waypoints: [], labelOffset: { x: 0, y: 0 } })
    return routes
  }
  // First every path, then every label: a label can then keep clear of all the edges, and no
  // edge has to detour around a label.
  const grid = new RoutingGrid(obstacles.map((o) => o.box))
  const paths = ordered.map((request) => {
    const blocking = obstacles
      .filter((o) => o.id !== request.from && o.id !== request.to)
      .map((o) => inflate(o.box, CLEARANCE))
    const foreign = areas
      .filter((a) => a.id !== request.fromArea && a.id !== request.toArea)
      .map((a) => a.box)
    const waypoints = findWaypoints(request, blocking, foreign, grid)
    const points = [request.source, ...waypoints, request.target].map((p) => ({ x: p.x, y: p.y }))
    points[0] = boxExit(request.source, points[1]!)
    points[points.length - 1] = boxExit(request.target, points[points.length - 2]!)
    grid.markUsed(points)
    return { request, waypoints, points }
  })
  const placed: Placed = {
    labels: [],
    segments: paths.flatMap(({ request, points }) =>
      points.slice(1).map((p, i) => ({ id: request.id, a: points[i]!, b: p })),
    ),
  }
  for (const { request, waypoints, points } of paths) {
    const labelBox = placeLabel(request, points, obstacles, placed)
    const anchor = defaultLabelPoint(points, waypoints)
    routes.set(request.id, {
      waypoints,
      labelOffset: { x: labelBox.x - anchor.x, y: labelBox.y - anchor.y },
    })
    placed.labels.push(inflate(labelBox, 2))
  }
  return routes
}

function chordLength(r: RouteRequest): number {
  return Math.hypot(r.target.x - r.source.x, r.target.y - r.source.y)
}

function clear(a: Point, b: Point, blocking: Box[]): boolean {
  return !blocking.some((box) => segmentHitsBox(a, b, box))
}

/**
 * The edge's corners. Straight when the line is clear and runs along no other edge; otherwise
 * A* finds a way, and string pulling keeps only the corners it needs: a shortcut is taken if it
 * hits nothing and runs along other edges no longer than the grid path did.
 */
function findWaypoints(
  request: RouteRequest,
  blocking: Box[],
  foreign: Box[],
  grid: RoutingGrid,
): Point[] {
  const ends = [inflate(request.source, ENDPOINT_ZONE), inflate(request.target, ENDPOINT_ZONE)]
  const soft = { ignore: ends, foreign }
  const overlap = (a: Point, b: Point): number => grid.longestSoftRun([a, b], soft)
  if (
    clear(request.source, request.target, blocking) &&
    overlap(request.source, request.target) <= MAX_SHARED_RUN
  )
    return []
  const cells = grid.search(request.source, request.target, blocking, foreign)
  if (cells === undefined) return []
  const path: Point[] = [request.source, ...cells.slice(1, -1), request.target]
  const waypoints: Point[] = []
  let i = 0
  while (i < path.length - 1) {
    let j = path.length - 1
    while (j > i + 1) {
      const allowed = Math.max(MAX_SHARED_RUN, grid.longestSoftRun(path.slice(i, j + 1), soft))
      if (clear(path[i]!, path[j]!, blocking) && overlap(path[i]!, path[j]!) <= allowed) break
      j--
    }
    if (j < path.length - 1) waypoints.push(path[j]!)
    i = j
  }
  // A corner inside either end's box would leave Cytoscape no border to start or end the edge.
  const boxes = [inflate(request.source, 4), inflate(request.target, 4)]
  return waypoints.filter((p) => !boxes.some((box) => containsPoint(box, p)))
}

/** Where Cytoscape puts an edge's label: the middle of a line, or of its middle waypoint(s). */
export function defaultLabelPoint(points: Point[], waypoints: Point[]): Point {
  if (waypoints.length === 0) {
    const a = points[0]!
    const b = points[points.length - 1]!
    return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }
  }
  if (waypoints.length % 2 === 1) return waypoints[(waypoints.length - 1) / 2]!
  const a = waypoints[waypoints.length / 2 - 1]!
  const b = waypoints[waypoints.length / 2]!
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }
}

function placeLabel(
  request: RouteRequest,
  points: Point[],
  obstacles: Obstacle[],
  placed: Placed,
): Box {
  let best: { box: Box; cost: number } | undefined
  for (const fraction of LABEL_FRACTIONS) {
    const at = alongPolyline(points, fraction)
    const box = { ...at, ...request.label }
    const covered = obstacles.filter((o) => boxesOverlap(inflate(o.box, 2), box)).length
    const overLabels = placed.labels.filter((l) => boxesOverlap(l, box)).length
    const overEdges = placed.segments.filter(
      (s) => s.id !== request.id && segmentHitsBox(s.a, s.b, box),
    ).length
    const cost = (covered + overLabels) * 100 + overEdges * 20 + Math.abs(fraction - 0.5) * 10
    if (best === undefined || cost < best.cost) best = { box, cost }
    if (cost === 0) break
  }
  return best!.box
}
