/**
 * World objects → Cytoscape element definitions. Pure: the same objects and words always give
 * the same elements, positions included (preset layout), so the view only has to apply them.
 *
 * Machines become compound nodes, components their children, links edges between components.
 * A link whose ends are missing (an object in flight) is left out rather than breaking the graph.
 * Given the Kubernetes objects too (`graph`), pods, Services, NodePorts and the laptop join them
 * (kubeElements.ts), and their edges are routed with the links.
 */
import type { ElementDefinition } from 'cytoscape'
import type { Component, Link, Machine, WorldObject } from '../../../core/protocol'
import { componentFamily } from './families'
import { compareNames } from '../util/compareNames'
import {
  labelSide,
  layoutWorld,
  MACHINE_LABEL_HEIGHT,
  type MachineMoves,
  type TopologyLayout,
} from './layout'
import { badgeCount } from './clientElements'
import { kubeElements, type EdgeSpec, type GraphInput, type KubePart } from './kubeElements'
import {
  componentLabel,
  linkLabel,
  machineLabel,
  type NodeReady,
  type TopologyText,
} from './labels'
import { unitNormal, type Point } from './geometry'
import { routeEdges, type Obstacle, type Route, type RouteRequest } from './routing'

export const EDGE_FONT_SIZE = 12
export const MACHINE_FONT_SIZE = 14
/** Rough text widths for routing: a little wider than the real glyphs, to keep clear. */
const CHAR_WIDTH = 0.62
const LABEL_PADDING = 4

export const machineId = (name: string): string => `machine/${name}`
export const componentId = (name: string): string => `component/${name}`
export const linkId = (name: string): string => `link/${name}`

export interface WorldParts {
  machines: Machine[]
  components: Component[]
  links: Link[]
}

export function splitWorld(objects: Iterable<WorldObject>): WorldParts {
  const parts: WorldParts = { machines: [], components: [], links: [] }
  for (const o of objects) {
    if (o.kind === 'Machine') parts.machines.push(o)
    else if (o.kind === 'Component') parts.components.push(o)
    else parts.links.push(o)
  }
  const byName = (a: WorldObject, b: WorldObject): number =>
    compareNames(a.metadata.name, b.metadata.name)
  parts.machines.sort(byName)
  parts.components.sort(byName)
  parts.links.sort(byName)
  return parts
}

export function toElements(
  objects: Iterable<WorldObject>,
  text: TopologyText,
  graph?: GraphInput,
): ElementDefinition[] {
  return toScene(objects, text, graph).elements
}

/**
 * What a drawing was made from: enough to redraw only the Kubernetes part (pods change far more
 * often than machines, components and links) with `kubeUpdate`.
 */
export interface Scene {
  elements: ElementDefinition[]
  machines: Machine[]
  placed: Component[]
  layout: TopologyLayout
  /** The Kubernetes part's element ids and edge labels: if they are the same, nothing moves. */
  kubeShape: string
  /** The Nodes' Ready conditions the machines' labels say (a change redraws it all). */
  readiness: string
  /** The data the Kubernetes part's nodes are drawn with, by id; `kubeUpdate` keeps it current. */
  kubeData: Map<string, ElementDefinition['data']>
  /** The count nodes' words, drawn over the graph (countOverlay.ts); `kubeUpdate` keeps them. */
  counts: Map<string, string>
}

/**
 * The nodes of the Kubernetes part whose data changed since the scene was drawn or last
 * updated, if its shape is still the scene's (else undefined: redraw it all). Only those are
 * handed to Cytoscape: setting an element's data, even to the same values, costs it a style
 * and size recalculation, and most trays and NodePort badges do not change in a batch. The
 * count nodes' words are updated in the scene: they are not Cytoscape data.
 */
export function kubeUpdate(scene: Scene, graph: GraphInput): ElementDefinition[] | undefined {
  if (readinessKey(readinessOf(graph)) !== scene.readiness) return undefined
  const kube = kubeElements(scene.machines, scene.placed, scene.layout, graph)
  if (shapeOf(kube) !== scene.kubeShape) return undefined
  const changed = kube.nodes.filter((n) => !sameData(scene.kubeData.get(n.data.id!), n.data))
  for (const n of changed) scene.kubeData.set(n.data.id!, n.data)
  scene.counts = kube.counts
  return changed
}

/** Element data are flat records of strings and numbers: equal when every field is. */
function sameData(a: ElementDefinition['data'] | undefined, b: ElementDefinition['data']): boolean {
  if (a === undefined) return false
  const keys = Object.keys(b)
  return keys.length === Object.keys(a).length && keys.every((k) => Object.is(a[k], b[k]))
}

function readinessOf(graph: GraphInput | undefined): Map<string, NodeReady> {
  return new Map((graph?.nodes ?? []).map((n) => [n.name, n.ready]))
}

function readinessKey(readiness: Map<string, NodeReady>): string {
  return [...readiness].map(([name, ready]) => `${name}=${ready}`).join(';')
}

function shapeOf(kube: KubePart | undefined): string {
  if (kube === undefined) return ''
  const nodes = kube.nodes.map((n) => `${n.data.id}@${n.position?.x},${n.position?.y}`)
  return [...nodes, ...kube.edges.map((e) => `${e.id}:${e.label}`)].join('\n')
}

/** `moves`: where the learner dragged machines (layout.ts, invariant 7). */
export function toScene(
  objects: Iterable<WorldObject>,
  text: TopologyText,
  graph?: GraphInput,
  moves?: MachineMoves,
): Scene {
  const { machines, components, links } = splitWorld(objects)
  const readiness = readinessOf(graph)
  const machineNames = new Set(machines.map((m) => m.metadata.name))
  const placed = components.filter((c) => machineNames.has(c.spec.machine))
  const extras = graph && { nodePorts: badgeCount(machines, graph.services) }
  const layout = layoutWorld(machines, placed, extras, moves)
  const elements: ElementDefinition[] = machines.map((m) => ({
    group: 'nodes',
    data: {
      id: machineId(m.metadata.name),
      kind: 'machine',
      role: m.spec.role,
      power: m.status.power,
      ready: readiness.get(m.metadata.name) ?? 'True',
      label: machineLabel(m, text, readiness.get(m.metadata.name)),
    },
  }))
  for (const c of placed) {
    const box = layout.components.get(c.metadata.name)!
    elements.push({
      group: 'nodes',
      data: {
        id: componentId(c.metadata.name),
        parent: machineId(c.spec.machine),
        kind: 'component',
        family: componentFamily(c.spec.type),
        state: c.status.state,
        label: componentLabel(c, text),
      },
      position: { x: box.x, y: box.y },
    })
  }
  const kube = graph && kubeElements(machines, placed, layout, graph)
  if (kube !== undefined) elements.push(...kube.nodes)
  const edges = [...linkSpecs(links, placed, layout), ...(kube?.edges ?? [])]
  const routes = cachedRoutes(
    edges.map((e): RouteRequest => ({
      id: e.id,
      from: e.from,
      to: e.to,
      fromArea: e.fromArea,
      toArea: e.toArea,
      source: e.sourceBox,
      target: e.targetBox,
      label: labelSize(e.label, EDGE_FONT_SIZE),
    })),
    [...obstacles(machines, layout, text, readiness), ...(kube?.obstacles ?? [])],
    [...layout.machines].map(([id, box]) => ({ id, box })),
  )
  for (const e of edges) elements.push(edgeElement(e, routes.get(e.id)!))
  return {
    elements,
    machines,
    placed,
    layout,
    kubeShape: shapeOf(kube),
    readiness: readinessKey(readiness),
    kubeData: new Map((kube?.nodes ?? []).map((n) => [n.data.id!, n.data])),
    counts: kube?.counts ?? new Map(),
  }
}

/** The world's links whose two components are drawn. */
function linkSpecs(links: Link[], placed: Component[], layout: TopologyLayout): EdgeSpec[] {
  const machineOf = new Map(placed.map((c) => [c.metadata.name, c.spec.machine]))
  return links
    .filter((l) => layout.components.has(l.spec.from) && layout.components.has(l.spec.to))
    .map((l) => ({
      id: linkId(l.metadata.name),
      source: componentId(l.spec.from),
      target: componentId(l.spec.to),
      sourceBox: layout.components.get(l.spec.from)!,
      targetBox: layout.components.get(l.spec.to)!,
      from: l.spec.from,
      to: l.spec.to,
      fromArea: machineOf.get(l.spec.from),
      toArea: machineOf.get(l.spec.to),
      label: linkLabel(l),
      kind: 'link',
      mutual: l.spec.mutual,
    }))
}

function edgeElement(e: EdgeSpec, route: Route): ElementDefinition {
  const segments = segmentStyle(e.sourceBox, e.targetBox, route.waypoints)
  return {
    group: 'edges',
    data: {
      id: e.id,
      source: e.source,
      target: e.target,
      kind: e.kind,
      mutual: e.mutual,
      label: e.label,
      ...segments,
      labelDx: route.labelOffset.x,
      labelDy: route.labelOffset.y,
    },
    classes: [
      e.mutual ? 'mutual' : 'directed',
      route.waypoints.length ? 'routed' : 'straight',
      ...(e.kind === 'client' ? ['client'] : []),
    ],
  }
}

/** Components, and each machine's label above its box, are what edges must keep clear of. */
function obstacles(
  machines: Machine[],
  layout: TopologyLayout,
  text: TopologyText,
  readiness: Map<string, NodeReady>,
): Obstacle[] {
  const list: Obstacle[] = [...layout.components].map(([id, box]) => ({ id, box }))
  for (const m of machines) {
    const box = layout.machines.get(m.metadata.name)!
    const size = labelSize(machineLabel(m, text, readiness.get(m.metadata.name)), MACHINE_FONT_SIZE)
    const sign = labelSide(m.spec.role) === 'top' ? -1 : 1
    list.push({
      id: machineId(m.metadata.name),
      box: {
        x: box.x,
        y: box.y + sign * (box.h / 2 + MACHINE_LABEL_HEIGHT / 2),
        w: size.w,
        h: MACHINE_LABEL_HEIGHT,
      },
    })
  }
  return list
}

/**
 * Routing depends only on geometry and label sizes, not on state, so a component stopping or
 * starting (the common change) reuses the last routes instead of searching again.
 */
let lastRouting: { key: string; routes: Map<string, Route> } | undefined

function cachedRoutes(
  requests: RouteRequest[],
  obstacles: Obstacle[],
  areas: Obstacle[],
): Map<string, Route> {
  const key = JSON.stringify([requests, obstacles, areas])
  if (lastRouting?.key !== key)
    lastRouting = { key, routes: routeEdges(requests, obstacles, areas) }
  return lastRouting.routes
}

/**
 * Waypoints as Cytoscape's segment-weights / segment-distances, measured (with
 * `edge-distances: node-position`) along and across the line between the two node centres.
 */
export function segmentStyle(
  source: Point,
  target: Point,
  waypoints: Point[],
): { segmentWeights: number[]; segmentDistances: number[] } {
  const dx = target.x - source.x
  const dy = target.y - source.y
  const length2 = dx * dx + dy * dy || 1
  const normal = unitNormal(source, target)
  return {
    segmentWeights: waypoints.map((p) => ((p.x - source.x) * dx + (p.y - source.y) * dy) / length2),
    segmentDistances: waypoints.map(
      (p) => (p.x - source.x) * normal.x + (p.y - source.y) * normal.y,
    ),
  }
}

/** The box a label needs, estimated from its longest line: the router keeps these clear. */
export function labelSize(label: string, fontSize: number): { w: number; h: number } {
  const lines = label.split('\n')
  const longest = Math.max(...lines.map((line) => line.length))
  return {
    w: longest * fontSize * CHAR_WIDTH + 2 * LABEL_PADDING,
    h: lines.length * fontSize * 1.25 + 2 * LABEL_PADDING,
  }
}
