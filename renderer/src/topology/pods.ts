/**
 * The words and looks of pods and Services in the graph and its outline. Pure: status words stay
 * as kubectl prints them (Running, ContainerCreating, CrashLoopBackOff), since the lab teaches
 * the real vocabulary; only KubeLab's own words come in translated, as `GraphText`.
 */
import type { PodSummary, ServiceSummary } from '../../../core/protocol'
import { compareNames } from '../util/compareNames'

/** The translated words the graph's Kubernetes objects need (see i18n `graph.*`). */
export interface GraphText {
  /** "your laptop" */
  laptop: string
  /** The Services area's title. */
  services: string
  /** The title of the area of pods no node was chosen for: "Pending (unscheduled)". */
  unscheduled: string
  /** A machine's pod tray title: "Pods (3)". */
  tray: (count: number) => string
  /** The first line of a count node: "12 pods". */
  podCount: (count: number) => string
  /** The node standing for Services past the limit: "+3 more Services". */
  moreServices: (count: number) => string
}

/**
 * How a pod looks, from its phase, refined by kubectl's STATUS where the phase hides trouble: a
 * pod in CrashLoopBackOff is still in phase Running, but it is failing, not running.
 */
export type PodTone = 'running' | 'pending' | 'failed' | 'succeeded' | 'unknown' | 'terminating'

export const POD_TONES: readonly PodTone[] = [
  'running',
  'pending',
  'failed',
  'succeeded',
  'unknown',
  'terminating',
]

/** The icon each tone carries besides its colour, so colour is never the only cue. */
export const TONE_GLYPHS: Record<PodTone, string> = {
  running: '●',
  pending: '◷',
  failed: '✕',
  succeeded: '✓',
  unknown: '?',
  terminating: '◌',
}

/** kubectl STATUS words that mean a container keeps failing, whatever the phase says. */
const FAILING_STATUS = /BackOff|Err|Error|OOMKilled|Failed|Evicted|DeadlineExceeded|Invalid/

export function podTone(pod: PodSummary): PodTone {
  if (pod.deleting || pod.status === 'Terminating') return 'terminating'
  if (pod.phase === 'Failed' || FAILING_STATUS.test(pod.status)) return 'failed'
  if (pod.phase === 'Succeeded' || pod.status === 'Completed') return 'succeeded'
  if (pod.phase === 'Unknown' || pod.status === 'Unknown') return 'unknown'
  if (pod.phase === 'Pending') return 'pending'
  return 'running'
}

/** Oldest first, then by name: a new pod goes last, so the others keep their places. */
export function comparePods(a: PodSummary, b: PodSummary): number {
  return (
    a.createdMs - b.createdMs ||
    compareNames(a.namespace, b.namespace) ||
    compareNames(a.name, b.name)
  )
}

/**
 * True for pods the graph already draws as components: the control plane's mirror pods
 * ("etcd-cp-1" is the etcd-cp-1 component) and the DaemonSet pods of kube-proxy and weave-net
 * on each node. Other static or DaemonSet pods a learner creates are drawn as pods.
 */
export function isDrawnAsComponent(pod: PodSummary, components: ReadonlySet<string>): boolean {
  if (pod.mirror) return components.has(pod.name)
  if (pod.owner?.kind === 'DaemonSet' && pod.nodeName !== undefined)
    return components.has(`${pod.owner.name}-${pod.nodeName}`)
  return false
}

/** Shortens a name to `max` characters, keeping its end ("coredns-66…-x2k4p"): the unique part. */
export function shortName(name: string, max: number): string {
  if (name.length <= max) return name
  const tail = Math.min(6, max - 2)
  return `${name.slice(0, max - tail - 1)}…${name.slice(-tail)}`
}

/** What fits on a line of a pod's pill (podLayout.ts POD_WIDTH) at the graph's font size. */
const POD_LINE_CHARS = 17
const POD_NAME_CHARS = POD_LINE_CHARS - 2

/**
 * "● web-7d4…-x2k4p\nRunning 1/1": icon and name (a no-break space between, so the icon never
 * wraps alone), then kubectl's STATUS and READY; READY gives way to a long STATUS, which says
 * more ("CrashLoopBackOff").
 */
export function podLabel(pod: PodSummary): string {
  const name = `${TONE_GLYPHS[podTone(pod)]}\u00a0${shortName(pod.name, POD_NAME_CHARS)}`
  const ready = `${pod.readyContainers}/${pod.containers}`
  const fits = pod.status.length + 1 + ready.length <= POD_LINE_CHARS
  return `${name}\n${fits ? `${pod.status} ${ready}` : pod.status}`
}

/** "10 Running, 2 Pending": pods by STATUS, most first, at most `limit` kinds then "…". */
export function statusBreakdown(pods: readonly PodSummary[], limit = 3): string {
  const counts = new Map<string, number>()
  for (const p of pods) counts.set(p.status, (counts.get(p.status) ?? 0) + 1)
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || compareNames(a[0], b[0]))
  const shown = sorted.slice(0, limit).map(([status, n]) => `${n} ${status}`)
  if (sorted.length > limit) shown.push('…')
  return shown.join(', ')
}

/** "12 pods\n10 Running, 2 Pending", for the node that stands for a tray's pods. */
export function countLabel(pods: readonly PodSummary[], text: GraphText): string {
  return `${text.podCount(pods.length)}\n${statusBreakdown(pods)}`
}

/** kubectl get svc's PORT(S): "80:30080/TCP,443/TCP". */
export function servicePorts(service: ServiceSummary): string {
  return service.ports
    .map((p) => `${p.port}${p.nodePort === undefined ? '' : `:${p.nodePort}`}/${p.protocol}`)
    .join(',')
}

const SERVICE_LINE_CHARS = 26

/** "web\nNodePort 10.96.45.2\n80:30080/TCP"; names outside `default` carry their namespace. */
export function serviceLabel(service: ServiceSummary): string {
  const name = service.namespace === 'default' ? service.name : serviceKey(service)
  const address = service.clusterIP === undefined ? '' : ` ${service.clusterIP}`
  return [
    shortName(name, SERVICE_LINE_CHARS),
    `${service.type}${address}`,
    shortName(servicePorts(service), SERVICE_LINE_CHARS),
  ].join('\n')
}

export function serviceKey(service: Pick<ServiceSummary, 'namespace' | 'name'>): string {
  return `${service.namespace}/${service.name}`
}

/** One port a Service opens on every node. */
export interface NodePortEntry {
  nodePort: number
  protocol: ServiceSummary['ports'][number]['protocol']
  service: ServiceSummary
}

/** Every NodePort of NodePort and LoadBalancer Services, by port number. */
export function nodePorts(services: readonly ServiceSummary[]): NodePortEntry[] {
  const entries: NodePortEntry[] = []
  for (const service of services) {
    if (service.type !== 'NodePort' && service.type !== 'LoadBalancer') continue
    for (const p of service.ports)
      if (p.nodePort !== undefined)
        entries.push({ nodePort: p.nodePort, protocol: p.protocol, service })
  }
  return entries.sort((a, b) => a.nodePort - b.nodePort || compareNames(a.protocol, b.protocol))
}

const BADGE_NAME_CHARS = 10

/** ":30080 web" (or ":30053/UDP dns"): the badge on a node for one NodePort. */
export function badgeLabel(entry: NodePortEntry): string {
  const protocol = entry.protocol === 'TCP' ? '' : `/${entry.protocol}`
  return `:${entry.nodePort}${protocol} ${shortName(entry.service.name, BADGE_NAME_CHARS)}`
}
