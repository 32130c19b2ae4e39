/**
 * The kube store's summaries → the workloads graph's Cytoscape elements. Pure: the same
 * summaries, filter, words and layout memory always give the same elements, positions included
 * (a preset layout), so the view only has to apply them and keep the returned memory.
 *
 * Nodes carry `kind` (shape), `health` (colour, with the icon and words in the label), `column`
 * and `target` (what the inspector shows for them). Edges carry `kind`: `owns` (owner → owned),
 * `endpoint` (EndpointSlice → Pod, `ready` or not: solid or dashed, and labelled) and `runsOn`
 * (Pod → Node, dotted). The pods of a collapsed lane become one count node, and their edges one
 * edge per neighbour, labelled with how many they stand for.
 */
import type { EndpointSliceSummary, KubeSummary, PodSummary } from '../../../core/protocol'
import type { InspectTarget } from '../stores/inspector'
import {
  HEALTH_ICON,
  nameLine,
  phaseCounts,
  podHealth,
  shorten,
  statusLine,
  statusOf,
  worstHealth,
  type Drawn,
  type Health,
  type WorkloadsText,
} from './labels'
import { buildModel, podKey, podsOf, type Band, type Lane, type WorkloadsFilter } from './model'
import type { WorkloadsModel } from './model'
import {
  columnX,
  countId,
  groupId,
  hasGroup,
  layoutModel,
  type Column,
  type Point,
  ROW_HEIGHT,
  type LayoutMemory,
  type WorkloadsLayout,
} from './layout'

export type EdgeKind = 'owns' | 'endpoint' | 'runsOn'

/** The column headings sit one row above the first band. */
export const HEADER_Y = -0.9 * ROW_HEIGHT

/**
 * A Cytoscape element definition (the shape `cy.json({ elements })` takes), spelled out here so
 * that only the graph component imports cytoscape.
 */
export interface ElementDefinition {
  group: 'nodes' | 'edges'
  data: { id: string; [key: string]: unknown }
  position?: Point
}

export interface WorkloadsGraph {
  model: WorkloadsModel
  layout: WorkloadsLayout
  elements: ElementDefinition[]
}

/** Summaries → model → layout → elements, in one call. */
export function workloadsGraph(
  summaries: Iterable<KubeSummary>,
  filter: WorkloadsFilter,
  text: WorkloadsText,
  memory?: LayoutMemory,
): WorkloadsGraph {
  const model = buildModel(summaries, filter)
  const layout = layoutModel(model, memory)
  return { model, layout, elements: toElements(model, layout, text) }
}

export function targetOf(o: KubeSummary): InspectTarget {
  return o.namespace === ''
    ? { object: o.kind, name: o.name }
    : { object: o.kind, namespace: o.namespace, name: o.name }
}

interface NodeData {
  kind: string
  column: Column
  health: Health
  label: string
  target?: InspectTarget
}

class Builder {
  readonly elements: ElementDefinition[] = []

  constructor(
    private readonly layout: WorkloadsLayout,
    private readonly text: WorkloadsText,
  ) {}

  node(id: string, data: NodeData): void {
    const position = this.layout.positions.get(id)
    if (position === undefined) return
    this.elements.push({ group: 'nodes', data: { id, ...data }, position: { ...position } })
  }

  object(o: Drawn, column: Column): void {
    const status = statusOf(o, this.text)
    const label = `${nameLine(o.kind, o.name)}\n${statusLine(status)}`
    this.node(o.key, { kind: o.kind, column, health: status.health, label, target: targetOf(o) })
  }

  edge(kind: EdgeKind, source: string, target: string, label: string, ready?: boolean): void {
    const suffix = ready === undefined ? '' : ready ? ':ready' : ':not-ready'
    const id = `${kind}${suffix}/${source}->${target}`
    const data: ElementDefinition['data'] = { id, kind, source, target, label }
    if (ready !== undefined) data['ready'] = ready
    // An owner's edge to a pod arrives high on its side, above the endpoints' (style.ts).
    if (kind === 'owns' && /^Pods?\//.test(target)) data['toPods'] = true
    this.elements.push({ group: 'edges', data })
  }
}

export function toElements(
  model: WorkloadsModel,
  layout: WorkloadsLayout,
  text: WorkloadsText,
): ElementDefinition[] {
  const b = new Builder(layout, text)
  text.columns.forEach((label, column) => {
    const position = { x: columnX(column as Column), y: HEADER_Y }
    b.elements.push({
      group: 'nodes',
      data: { id: `Header/${column}`, kind: 'Header', label },
      position,
    })
  })
  for (const node of model.nodes) b.object(node, 3)
  for (const band of model.bands) addBand(b, band, text)
  const nodeKeys = new Set(model.nodes.map((n) => n.key))
  for (const band of model.bands)
    for (const lane of band.lanes)
      if (lane.collapsed) addRunsOn(b, countId(lane), lane.pods, nodeKeys, text)
      else for (const pod of lane.pods) addRunsOn(b, pod.key, [pod], nodeKeys, text)
  const pods = podsOf(model)
  for (const band of model.bands)
    for (const lane of band.lanes)
      if (lane.head?.kind === 'EndpointSlice') addEndpoints(b, lane.head, pods, text)
  return b.elements
}

/** "runs on", or "runs on ×12" for an edge that stands for many. */
function times(label: string, n: number, many: boolean): string {
  return many ? `${label} ×${n}` : label
}

function addBand(b: Builder, band: Band, text: WorkloadsText): void {
  const owner = band.owner
  if (owner !== undefined) b.object(owner, 0)
  else if (hasGroup(band)) addGroup(b, band, text)
  const source0 = owner?.key ?? (band.kind === 'Owner' ? groupId(band.key) : undefined)
  for (const lane of band.lanes) {
    const head = lane.head
    if (head !== undefined) b.object(head, 1)
    if (source0 !== undefined && head !== undefined) b.edge('owns', source0, head.key, text.owns)
    const laneOwner = head ?? owner
    addPods(b, lane, head?.key ?? source0, laneOwner && targetOf(laneOwner), text)
  }
}

function addGroup(b: Builder, band: Band, text: WorkloadsText): void {
  const ref = band.ownerRef
  const label =
    band.kind === 'Static'
      ? text.staticPods(ref!.name)
      : band.kind === 'Owner'
        ? `${shorten(`${ref!.kind.toLowerCase()}/${ref!.name}`)}\n${text.ownerNotShown}`
        : `${text.unownedPods}\n${band.namespace}`
  const target: InspectTarget | undefined =
    band.kind === 'Static' ? { object: 'Node', name: ref!.name } : undefined
  b.node(groupId(band.key), { kind: 'Group', column: 0, health: 'neutral', label, target })
}

/** The pods of a lane, or their count; `target` is what the count inspects (the lane's owner). */
function addPods(
  b: Builder,
  lane: Lane,
  owner: string | undefined,
  target: InspectTarget | undefined,
  text: WorkloadsText,
): void {
  if (lane.collapsed) {
    const health = worstHealth(lane.pods.map(podHealth))
    const label = `${text.pods(lane.pods.length)}\n${HEALTH_ICON[health]} ${phaseCounts(lane.pods)}`
    b.node(countId(lane), { kind: 'Pods', column: 2, health, label, target })
    if (owner !== undefined) b.edge('owns', owner, countId(lane), text.owns)
    return
  }
  for (const pod of lane.pods) {
    b.object(pod, 2)
    if (owner !== undefined && !pod.mirror) b.edge('owns', owner, pod.key, text.owns)
  }
}

function addRunsOn(
  b: Builder,
  source: string,
  pods: readonly PodSummary[],
  nodeKeys: ReadonlySet<string>,
  text: WorkloadsText,
): void {
  const counts = new Map<string, number>()
  for (const pod of pods) {
    const node = pod.nodeName === undefined ? '' : `Node/${pod.nodeName}`
    if (nodeKeys.has(node)) counts.set(node, (counts.get(node) ?? 0) + 1)
  }
  for (const [node, n] of counts)
    b.edge('runsOn', source, node, times(text.runsOn, n, pods.length > 1))
}

function addEndpoints(
  b: Builder,
  slice: EndpointSliceSummary,
  pods: ReturnType<typeof podsOf>,
  text: WorkloadsText,
): void {
  const tally = new Map<string, { ready: number; notReady: number; many: boolean }>()
  for (const endpoint of slice.endpoints) {
    const found =
      endpoint.pod === undefined ? undefined : pods.get(podKey(slice.namespace, endpoint.pod))
    if (found === undefined) continue
    const target = found.lane.collapsed ? countId(found.lane) : found.pod.key
    const t = tally.get(target) ?? { ready: 0, notReady: 0, many: found.lane.collapsed }
    if (endpoint.ready) t.ready++
    else t.notReady++
    tally.set(target, t)
  }
  for (const [target, t] of tally) {
    if (t.ready > 0) {
      b.edge('endpoint', slice.key, target, times(text.endpointReady, t.ready, t.many), true)
    }
    if (t.notReady > 0) {
      b.edge('endpoint', slice.key, target, times(text.endpointNotReady, t.notReady, t.many), false)
    }
  }
}
