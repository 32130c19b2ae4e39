/**
 * Kubernetes objects → graph elements, around the machines layout.ts placed: pods in their node's
 * tray, pods no node was chosen for in a "Pending (unscheduled)" area on the left, Services in
 * an area on the right; and (clientElements.ts) the learner's laptop, NodePorts and their edges.
 *
 * 1. Pure and deterministic, like elements.ts: the same objects give the same elements.
 * 2. Nothing here moves a machine or a component: the areas and the laptop sit outside the
 *    machines' bounds, and trays have a fixed size (podLayout.ts).
 * 3. Level of detail (lod.ts): a tray with too many pods, or a large cluster, shows one count
 *    node; badges and the laptop's NodePort edges are left out past a number of machines.
 */
import type { ElementDefinition } from 'cytoscape'
import type {
  Component,
  Machine,
  NodeSummary,
  PodSummary,
  ServiceSummary,
} from '../../../core/protocol'
import { compareNames } from '../util/compareNames'
import { addClient } from './clientElements'
import { boundsOf, type Bounds, type Box } from './geometry'
import { MACHINE_GAP_X, MACHINE_PADDING, type TopologyLayout } from './layout'
import { collapsesPods, SERVICE_LIMIT } from './lod'
import { countCell, looseCells, podCells, podGridWidth, trayCapacity } from './podLayout'
import {
  comparePods,
  countLabel,
  isDrawnAsComponent,
  podLabel,
  podTone,
  serviceKey,
  serviceLabel,
  type GraphText,
} from './pods'

/** What the graph draws of Kubernetes, from the kube store. */
export interface GraphInput {
  pods: readonly PodSummary[]
  services: readonly ServiceSummary[]
  /** The Nodes, for their Ready condition on the machines' labels. */
  nodes?: readonly NodeSummary[]
  text: GraphText
}

export const SERVICES_AREA_ID = 'area/services'
export const UNSCHEDULED_AREA_ID = 'area/unscheduled'
export const SERVICE_WIDTH = 214
export const SERVICE_HEIGHT = 62
const SERVICE_GAP = 12
const UNSCHEDULED_COLUMNS = 3

export const podId = (namespace: string, name: string): string => `pod/${namespace}/${name}`
export const serviceId = (namespace: string, name: string): string => `service/${namespace}/${name}`
export const trayId = (machine: string): string => `tray/${machine}`
export const countId = (machine: string): string => `pods/${machine}`
/** An edge to route and draw: its ends as element ids, boxes and routing obstacles. */
export interface EdgeSpec {
  id: string
  source: string
  target: string
  sourceBox: Box
  targetBox: Box
  /** Obstacle ids of the ends (the router lets an edge touch its own ends). */
  from: string
  to: string
  fromArea?: string
  toArea?: string
  label: string
  kind: 'link' | 'client'
  mutual: boolean
}

export interface KubePart {
  nodes: ElementDefinition[]
  obstacles: { id: string; box: Box }[]
  edges: EdgeSpec[]
  /**
   * The words of each count node, by id ("12 pods\n10 Running, 2 Pending"). Not in the node's
   * data: they change in nearly every batch, and countOverlay.ts draws them without Cytoscape.
   */
  counts: Map<string, string>
}

export function kubeElements(
  machines: readonly Machine[],
  components: readonly Component[],
  layout: TopologyLayout,
  input: GraphInput,
): KubePart {
  const part: KubePart = { nodes: [], obstacles: [], edges: [], counts: new Map() }
  const names = new Set(components.map((c) => c.metadata.name))
  // Grouped first, sorted only where drawn one by one (addTray, addUnscheduled): a collapsed
  // tray needs no order, and sorting 15,000 pods on every batch cost more than drawing them.
  const pods = input.pods.filter((p) => !isDrawnAsComponent(p, names))
  const byNode = new Map<string, PodSummary[]>()
  for (const p of pods) {
    const key = p.nodeName ?? ''
    const list = byNode.get(key)
    if (list === undefined) byNode.set(key, [p])
    else list.push(p)
  }
  for (const m of machines) {
    const name = m.metadata.name
    addTray(part, name, layout.trays.get(name)!, byNode.get(name) ?? [], pods.length, input.text)
  }
  const bounds = boundsOf([...layout.machines.values()])
  addUnscheduled(part, bounds, byNode.get('') ?? [], pods.length, input.text)
  addServices(part, bounds, input.services, input.text)
  addClient(part, { machines, components, layout, bounds }, input)
  return part
}

function addTray(
  part: KubePart,
  machine: string,
  tray: Box,
  pods: PodSummary[],
  total: number,
  text: GraphText,
): void {
  const parent = `machine/${machine}`
  part.nodes.push({
    group: 'nodes',
    data: {
      id: trayId(machine),
      parent,
      kind: 'tray',
      label: text.tray(pods.length),
      ...size(tray),
    },
    position: { x: tray.x, y: tray.y },
  })
  part.obstacles.push({ id: trayId(machine), box: tray })
  if (pods.length === 0) return
  // Over the tray, not in the machine (see Holder).
  const holder: Holder = { machine }
  if (collapsesPods(pods.length, total, trayCapacity(tray))) {
    const cell = countCell(tray)
    addCount(part, countId(machine), holder, cell, countLabel(pods, text))
    return
  }
  const cells = podCells(tray, pods.length)
  pods.sort(comparePods).forEach((p, i) => part.nodes.push(podNode(p, holder, cells[i]!)))
}

/**
 * What holds a pod (or a count of pods): an area it is a child of, or the machine whose tray it
 * lies over. Not a child of its machine: a compound's bounds are remeasured whenever a child
 * changes, and pods change in every batch. The tray, a child, gives the machine its size; the
 * pods are drawn above it (graphStyle.ts) and move with it (machineDrag.ts).
 */
type Holder = { parent: string } | { machine: string }

function podNode(pod: PodSummary, holder: Holder, cell: Box): ElementDefinition {
  return {
    group: 'nodes',
    data: {
      id: podId(pod.namespace, pod.name),
      ...holder,
      kind: 'pod',
      tone: podTone(pod),
      label: podLabel(pod),
      namespace: pod.namespace,
      name: pod.name,
    },
    position: { x: cell.x, y: cell.y },
  }
}

/** A node that stands for many pods: a box in the graph, its words apart (KubePart.counts). */
function addCount(part: KubePart, id: string, holder: Holder, cell: Box, words: string): void {
  part.nodes.push({
    group: 'nodes',
    data: { id, ...holder, kind: 'podCount', ...size(cell) },
    position: { x: cell.x, y: cell.y },
  })
  part.counts.set(id, words)
}

/** Pods no node was chosen for, in an area left of the control plane, its top aligned with it. */
function addUnscheduled(
  part: KubePart,
  bounds: Bounds,
  pods: PodSummary[],
  total: number,
  text: GraphText,
): void {
  if (pods.length === 0) return
  const right = bounds.left - MACHINE_GAP_X - MACHINE_PADDING
  const origin = {
    left: right - podGridWidth(UNSCHEDULED_COLUMNS),
    top: bounds.top + MACHINE_PADDING,
  }
  part.nodes.push({
    group: 'nodes',
    data: { id: UNSCHEDULED_AREA_ID, kind: 'area', area: 'unscheduled', label: text.unscheduled },
  })
  if (collapsesPods(pods.length, total)) {
    const w = podGridWidth(UNSCHEDULED_COLUMNS)
    const [first] = looseCells(origin, 1, 1)
    const cell = { ...first!, x: origin.left + w / 2, w }
    const id = countId('unscheduled')
    addCount(part, id, { parent: UNSCHEDULED_AREA_ID }, cell, countLabel(pods, text))
    return
  }
  const cells = looseCells(origin, pods.length, UNSCHEDULED_COLUMNS)
  pods
    .sort(comparePods)
    .forEach((p, i) => part.nodes.push(podNode(p, { parent: UNSCHEDULED_AREA_ID }, cells[i]!)))
}

/** Services in one column right of the cluster, by namespace and name, SERVICE_LIMIT at most. */
function addServices(
  part: KubePart,
  bounds: Bounds,
  services: readonly ServiceSummary[],
  text: GraphText,
): void {
  if (services.length === 0) return
  const sorted = [...services].sort((a, b) => compareNames(serviceKey(a), serviceKey(b)))
  const x = bounds.right + MACHINE_GAP_X + MACHINE_PADDING + SERVICE_WIDTH / 2
  const y = (i: number): number =>
    bounds.top + MACHINE_PADDING + i * (SERVICE_HEIGHT + SERVICE_GAP) + SERVICE_HEIGHT / 2
  part.nodes.push({
    group: 'nodes',
    data: { id: SERVICES_AREA_ID, kind: 'area', area: 'services', label: text.services },
  })
  sorted.slice(0, SERVICE_LIMIT).forEach((s, i) =>
    part.nodes.push({
      group: 'nodes',
      data: {
        id: serviceId(s.namespace, s.name),
        parent: SERVICES_AREA_ID,
        kind: 'service',
        label: serviceLabel(s),
        namespace: s.namespace,
        name: s.name,
      },
      position: { x, y: y(i) },
    }),
  )
  const rest = sorted.length - SERVICE_LIMIT
  if (rest > 0)
    part.nodes.push({
      group: 'nodes',
      data: {
        id: 'service/more',
        parent: SERVICES_AREA_ID,
        kind: 'serviceMore',
        label: text.moreServices(rest),
      },
      position: { x, y: y(SERVICE_LIMIT) },
    })
}

function size(box: Box): { w: number; h: number } {
  return { w: box.w, h: box.h }
}
