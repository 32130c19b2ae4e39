/**
 * The workloads view as text, for screen readers and keyboard users (the canvas has no
 * accessibility tree): the same model as the graph, as nested lists per namespace,
 * Deployment › ReplicaSet › Pods, DaemonSet › Pods, Service › EndpointSlice › endpoints. Pure.
 * Every pod is listed, collapsed lanes included (under a disclosure with their count).
 */
import type { EndpointSliceSummary, PodSummary } from '../../../core/protocol'
import type { InspectTarget } from '../stores/inspector'
import { targetOf } from './elements'
import { KIND_PREFIX, phaseCounts, statusOf, type Drawn, type Status } from './labels'
import type { WorkloadsText } from './labels'
import type { Band, Lane, WorkloadsModel } from './model'

export interface OutlineText extends WorkloadsText {
  onNode(node: string): string
  notScheduled: string
  readyEndpoint(target: string): string
  notReadyEndpoint(target: string): string
  collapsed(count: number, phases: string): string
}

export interface OutlineItem {
  /** The graph element's id for objects; unique within the outline. */
  id: string
  /** "deployment/web", whole (the graph shortens long names, the outline does not). */
  name: string
  status?: Status
  /** More words after the status: "on worker-1". */
  detail?: string
  target?: InspectTarget
  children: OutlineItem[]
  /** Set for a collapsed lane: its children sit under a disclosure with these words. */
  summary?: string
}

export interface OutlineSection {
  namespace: string
  items: OutlineItem[]
}

export function buildOutline(model: WorkloadsModel, text: OutlineText): OutlineSection[] {
  const sections: OutlineSection[] = []
  for (const band of model.bands) {
    let section = sections[sections.length - 1]
    if (section?.namespace !== band.namespace) {
      section = { namespace: band.namespace, items: [] }
      sections.push(section)
    }
    section.items.push(...bandItems(band, text))
  }
  return sections
}

function objectItem(o: Drawn, text: OutlineText, children: OutlineItem[] = []): OutlineItem {
  return {
    id: o.key,
    name: `${KIND_PREFIX[o.kind]}/${o.name}`,
    status: statusOf(o, text),
    target: targetOf(o),
    children,
  }
}

function bandItems(band: Band, text: OutlineText): OutlineItem[] {
  const owner = band.owner
  if (owner?.kind === 'Service') {
    const slices = band.lanes.flatMap((l) => (l.head?.kind === 'EndpointSlice' ? [l.head] : []))
    return [
      objectItem(
        owner,
        text,
        slices.map((s) => sliceItem(s, text)),
      ),
    ]
  }
  const lanes = band.lanes.map((lane) => laneItems(lane, text))
  if (owner !== undefined) return [objectItem(owner, text, lanes.flat())]
  if (band.kind === 'ReplicaSet') return lanes.flat()
  const ref = band.ownerRef
  const name =
    band.kind === 'Static'
      ? text.staticPods(ref!.name).replace(/\n/g, ' ')
      : band.kind === 'Owner'
        ? `${ref!.kind.toLowerCase()}/${ref!.name}`
        : text.unownedPods
  const target: InspectTarget | undefined =
    band.kind === 'Static' ? { object: 'Node', name: ref!.name } : undefined
  return [{ id: `Group/${band.key}`, name, target, children: lanes.flat() }]
}

/** A ReplicaSet with its pods, or (a lane with no head) the pods themselves. */
function laneItems(lane: Lane, text: OutlineText): OutlineItem[] {
  const pods = lane.pods.map((p) => podItem(p, text))
  const summary = lane.collapsed
    ? text.collapsed(lane.pods.length, phaseCounts(lane.pods))
    : undefined
  if (lane.head === undefined) {
    if (summary === undefined) return pods
    return [{ id: `Pods/${lane.key}`, name: summary, children: pods, summary }]
  }
  return [{ ...objectItem(lane.head, text, pods), summary }]
}

function podItem(pod: PodSummary, text: OutlineText): OutlineItem {
  const detail = pod.nodeName === undefined ? text.notScheduled : text.onNode(pod.nodeName)
  return { ...objectItem(pod, text), detail }
}

function sliceItem(slice: EndpointSliceSummary, text: OutlineText): OutlineItem {
  const endpoints = slice.endpoints.map((e): OutlineItem => {
    const target = e.pod === undefined ? e.ip : `pod/${e.pod}`
    return {
      id: `${slice.key}/${e.ip}`,
      name: e.ready ? text.readyEndpoint(target) : text.notReadyEndpoint(target),
      status: { health: e.ready ? 'ok' : 'failed', words: '' },
      target:
        e.pod === undefined
          ? undefined
          : { object: 'Pod', namespace: slice.namespace, name: e.pod },
      children: [],
    }
  })
  return objectItem(slice, text, endpoints)
}
