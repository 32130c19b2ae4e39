/**
 * What the workloads view says about each object: its health (colour, icon and words together,
 * never colour alone), its kind as kubectl prints it, and its label. Pure.
 */
import type {
  DaemonSetSummary,
  KubeSummary,
  DeploymentSummary,
  EndpointSliceSummary,
  NodeSummary,
  PodPhase,
  PodSummary,
  ReplicaSetSummary,
  ServiceSummary,
} from '../../../core/protocol'

/** How an object is doing, the view's one colour cue (always with an icon and a word). */
export type Health = 'ok' | 'progress' | 'failed' | 'done' | 'unknown' | 'neutral'

export const HEALTH_ICON: Record<Health, string> = {
  ok: '✓',
  progress: '◔',
  failed: '✗',
  done: '■',
  unknown: '?',
  neutral: '',
}

/** The words of the labels, from vue-i18n (the view passes them in; this module stays pure). */
export interface WorkloadsText {
  ready(ready: number, total: number): string
  noEndpoints: string
  restarts(count: number): string
  pods(total: number): string
  schedulingDisabled: string
  /** The caption of a band of static pods: "static pods\non cp-1". */
  staticPods(node: string): string
  unownedPods: string
  ownerNotShown: string
  owns: string
  runsOn: string
  endpointReady: string
  endpointNotReady: string
  /** The column headings, left to right. */
  columns: readonly [string, string, string, string]
}

/** Kinds as `kubectl get all` names them: "deployment/web", "pod/web-7c9f8d6b5-x2k4j". */
export const KIND_PREFIX = {
  Deployment: 'deployment',
  DaemonSet: 'daemonset',
  ReplicaSet: 'replicaset',
  Pod: 'pod',
  Service: 'service',
  EndpointSlice: 'endpointslice',
  Node: 'node',
} as const

export type DrawnKind = keyof typeof KIND_PREFIX

/** Long labels lose their middle, so the start (the owner) and the end (the random suffix) stay. */
export const MAX_LABEL_CHARS = 26

export function shorten(text: string, max = MAX_LABEL_CHARS): string {
  if (text.length <= max) return text
  const tail = Math.floor((max - 1) / 3)
  return `${text.slice(0, max - 1 - tail)}…${text.slice(text.length - tail)}`
}

export function nameLine(kind: DrawnKind, name: string): string {
  return shorten(`${KIND_PREFIX[kind]}/${name}`)
}

const FAILED_STATUS = /BackOff|Err|Error|OOMKilled|Evicted|Failed|Invalid/

export function podHealth(pod: PodSummary): Health {
  if (FAILED_STATUS.test(pod.status) || pod.phase === 'Failed') return 'failed'
  if (pod.deleting === true) return 'progress'
  if (pod.phase === 'Succeeded') return 'done'
  if (pod.phase === 'Unknown') return 'unknown'
  if (pod.phase === 'Pending') return 'progress'
  return pod.readyContainers >= pod.containers ? 'ok' : 'progress'
}

export function readyHealth(ready: number, total: number): Health {
  return ready >= total ? 'ok' : 'progress'
}

export function endpointHealth(slice: EndpointSliceSummary): Health {
  if (slice.endpoints.length === 0) return 'failed'
  return readyHealth(slice.endpoints.filter((e) => e.ready).length, slice.endpoints.length)
}

export function nodeHealth(node: NodeSummary): Health {
  if (node.ready === 'True') return 'ok'
  return node.ready === 'False' ? 'failed' : 'unknown'
}

/** How an object is doing, in a colour cue and in words (the icon goes with the colour). */
export interface Status {
  health: Health
  words: string
}

/** Everything the view draws, Events aside. */
export type Drawn = Exclude<KubeSummary, { kind: 'Event' }>

export function statusOf(o: Drawn, text: WorkloadsText): Status {
  switch (o.kind) {
    case 'Pod':
      return podStatus(o, text)
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
      return { health: workloadHealth(o), words: text.ready(o.ready, desired(o)) }
    case 'Service':
      return { health: 'neutral', words: serviceWords(o) }
    case 'EndpointSlice':
      return sliceStatus(o, text)
    case 'Node':
      return nodeStatus(o, text)
  }
}

/** "✓ 3/3 ready": the icon, then the words. */
export function statusLine(status: Status): string {
  return status.health === 'neutral'
    ? status.words
    : `${HEALTH_ICON[status.health]} ${status.words}`
}

function podStatus(pod: PodSummary, text: WorkloadsText): Status {
  const restarts = pod.restarts > 0 ? ` · ${text.restarts(pod.restarts)}` : ''
  return { health: podHealth(pod), words: `${pod.status}${restarts}` }
}

type Workload = DeploymentSummary | ReplicaSetSummary | DaemonSetSummary

const desired = (o: Workload): number => (o.kind === 'DaemonSet' ? o.desired : o.replicas)

export function workloadHealth(o: Workload): Health {
  return readyHealth(o.ready, desired(o))
}

function serviceWords(service: ServiceSummary): string {
  const ports = service.ports
    .map((p) => `${p.port}${p.nodePort === undefined ? '' : `:${p.nodePort}`}/${p.protocol}`)
    .join(', ')
  return [service.type, ports].filter((part) => part !== '').join(' · ')
}

function sliceStatus(slice: EndpointSliceSummary, text: WorkloadsText): Status {
  const health = endpointHealth(slice)
  if (slice.endpoints.length === 0) return { health, words: text.noEndpoints }
  const ready = slice.endpoints.filter((e) => e.ready).length
  return { health, words: text.ready(ready, slice.endpoints.length) }
}

function nodeStatus(node: NodeSummary, text: WorkloadsText): Status {
  const words = node.ready === 'True' ? 'Ready' : node.ready === 'False' ? 'NotReady' : 'Unknown'
  const cordoned = node.unschedulable ? `,${text.schedulingDisabled}` : ''
  return { health: nodeHealth(node), words: `${words}${cordoned}` }
}

const PHASES: readonly PodPhase[] = ['Running', 'Pending', 'Succeeded', 'Failed', 'Unknown']

/** "38 Running, 2 Pending": the collapsed pods of a lane, by phase, in a fixed order. */
export function phaseCounts(pods: readonly PodSummary[]): string {
  const counts = new Map<PodPhase, number>()
  for (const pod of pods) counts.set(pod.phase, (counts.get(pod.phase) ?? 0) + 1)
  return PHASES.filter((p) => counts.has(p))
    .map((p) => `${counts.get(p)} ${p}`)
    .join(', ')
}

/** The worst health of a group of pods: one failing pod makes the count node say so. */
export function worstHealth(healths: Iterable<Health>): Health {
  const order: Health[] = ['failed', 'unknown', 'progress', 'done', 'ok', 'neutral']
  let worst = order.length - 1
  for (const h of healths) worst = Math.min(worst, order.indexOf(h))
  return order[worst]!
}
