/**
 * The workloads view's model: the kube store's summaries grouped into the ownership chains the
 * view draws (Deployment → ReplicaSet → Pods, DaemonSet → Pods, Service → EndpointSlice) and the
 * Nodes the pods run on. Pure; the graph and its text outline are both drawn from it.
 *
 * 1. A band is one top-level owner: a Deployment, a DaemonSet, a ReplicaSet with no Deployment,
 *    a Service, the pods of an owner the view does not draw (a Job), the static pods of a Node,
 *    or the pods with no owner. Bands are ordered by (namespace, name, kind), so the Service
 *    `kubectl expose` made sits right under the Deployment of the same name.
 * 2. A band holds lanes (one per ReplicaSet or EndpointSlice, else one): the band's owner and the
 *    lane's head share the lane's first row, its pods take one row each. Lanes and pods are
 *    ordered by creation time, then name, so newcomers come last and move nothing above them.
 * 3. A lane with more than MAX_PODS_PER_LANE pods is collapsed into one count (level of detail).
 * 4. The namespace filter hides kube-system unless asked; Nodes (cluster-scoped) always show.
 */
import type {
  DaemonSetSummary,
  DeploymentSummary,
  EndpointSliceSummary,
  KubeSummary,
  NodeSummary,
  PodSummary,
  ReplicaSetSummary,
  ServiceSummary,
} from '../../../core/protocol'
import { compareNames } from '../util/compareNames'

export const MAX_PODS_PER_LANE = 12
export const SYSTEM_NAMESPACE = 'kube-system'

export interface WorkloadsFilter {
  /** One namespace, or '' for all of them. */
  namespace: string
  showSystem: boolean
}

export const DEFAULT_FILTER: WorkloadsFilter = { namespace: '', showSystem: false }

export type BandOwner = DeploymentSummary | DaemonSetSummary | ServiceSummary
export type LaneHead = ReplicaSetSummary | EndpointSliceSummary

export interface Lane {
  /** Unique and stable: the layout remembers rows by it. */
  key: string
  head?: LaneHead
  pods: PodSummary[]
  collapsed: boolean
}

export type BandKind =
  'Deployment' | 'DaemonSet' | 'ReplicaSet' | 'Owner' | 'Service' | 'Static' | 'Unowned'

export interface Band {
  key: string
  kind: BandKind
  namespace: string
  /** The Deployment, DaemonSet or Service drawn in the first column. */
  owner?: BandOwner
  /** For 'Owner' bands, the owner the view does not draw ("Job pi"); for 'Static', the Node. */
  ownerRef?: { kind: string; name: string }
  lanes: Lane[]
}

export interface WorkloadsModel {
  bands: Band[]
  nodes: NodeSummary[]
  /** The namespaces that hold anything, for the filter (kube-system only when shown). */
  namespaces: string[]
  /** No Deployment, DaemonSet, ReplicaSet or Pod passes the filter. */
  empty: boolean
}

interface Parts {
  deployments: DeploymentSummary[]
  daemonSets: DaemonSetSummary[]
  replicaSets: ReplicaSetSummary[]
  pods: PodSummary[]
  services: ServiceSummary[]
  slices: EndpointSliceSummary[]
  nodes: NodeSummary[]
}

const RANK: Record<BandKind, number> = {
  Deployment: 0,
  DaemonSet: 1,
  ReplicaSet: 2,
  Owner: 3,
  Service: 4,
  Static: 5,
  Unowned: 6,
}
/** Sorts after every name: the static and unowned pods close their namespace. */
const LAST = '\uffff'

export function byAge<T extends { createdMs: number; name: string }>(a: T, b: T): number {
  return a.createdMs - b.createdMs || compareNames(a.name, b.name)
}

const ref = (namespace: string, kind: string, name: string): string =>
  `${kind}/${namespace}/${name}`

function split(summaries: Iterable<KubeSummary>, visible: (ns: string) => boolean): Parts {
  const parts: Parts = {
    deployments: [],
    daemonSets: [],
    replicaSets: [],
    pods: [],
    services: [],
    slices: [],
    nodes: [],
  }
  for (const o of summaries) {
    if (o.kind === 'Node') parts.nodes.push(o)
    else if (!visible(o.namespace)) continue
    else if (o.kind === 'Deployment') parts.deployments.push(o)
    else if (o.kind === 'DaemonSet') parts.daemonSets.push(o)
    else if (o.kind === 'ReplicaSet') parts.replicaSets.push(o)
    else if (o.kind === 'Pod') parts.pods.push(o)
    else if (o.kind === 'Service') parts.services.push(o)
    else if (o.kind === 'EndpointSlice') parts.slices.push(o)
  }
  for (const list of Object.values(parts) as { createdMs: number; name: string }[][])
    list.sort(byAge)
  parts.nodes.sort((a, b) => compareNames(a.name, b.name))
  return parts
}

function lane(key: string, pods: PodSummary[], head?: LaneHead): Lane {
  return { key, head, pods, collapsed: pods.length > MAX_PODS_PER_LANE }
}

/** Groups values under a key, keeping their order. */
function groupBy<T>(values: readonly T[], keyOf: (v: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const v of values) {
    const key = keyOf(v)
    if (key === undefined) continue
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [v])
    else group.push(v)
  }
  return groups
}

const ownerKey = (o: KubeSummary): string | undefined =>
  o.owner && ref(o.namespace, o.owner.kind, o.owner.name)

function podBand(pod: PodSummary): { key: string; kind: BandKind; ownerRef?: Band['ownerRef'] } {
  if (pod.mirror) {
    const node = pod.nodeName ?? pod.owner?.name ?? ''
    return { key: `Static/${node}`, kind: 'Static', ownerRef: { kind: 'Node', name: node } }
  }
  if (pod.owner === undefined) return { key: `Unowned/${pod.namespace}`, kind: 'Unowned' }
  return { key: `Owner/${ownerKey(pod)!}`, kind: 'Owner', ownerRef: pod.owner }
}

/** Builds the model of the summaries that pass the filter. */
export function buildModel(
  summaries: Iterable<KubeSummary>,
  filter: WorkloadsFilter = DEFAULT_FILTER,
): WorkloadsModel {
  const all = [...summaries]
  const shown = (ns: string): boolean => filter.showSystem || ns !== SYSTEM_NAMESPACE
  const parts = split(
    all,
    (ns) => shown(ns) && (filter.namespace === '' || ns === filter.namespace),
  )
  const bands = [...workloadBands(parts), ...serviceBands(parts)]
  bands.sort(compareBands)
  const namespaces = [...new Set(all.map((o) => o.namespace))]
    .filter((ns) => ns !== '' && shown(ns))
    .sort(compareNames)
  const empty =
    parts.deployments.length + parts.daemonSets.length + parts.replicaSets.length === 0 &&
    parts.pods.length === 0
  return { bands, nodes: parts.nodes, namespaces, empty }
}

function workloadBands(parts: Parts): Band[] {
  const podsByOwner = groupBy(parts.pods, ownerKey)
  const setsByOwner = groupBy(parts.replicaSets, ownerKey)
  const claimed = new Set<string>()
  const podsOf = (o: KubeSummary): PodSummary[] => {
    claimed.add(o.key)
    return (podsByOwner.get(ref(o.namespace, o.kind, o.name)) ?? []).filter((p) => !p.mirror)
  }
  const bands: Band[] = []
  for (const d of parts.deployments) {
    const sets = setsByOwner.get(ref(d.namespace, d.kind, d.name)) ?? []
    for (const rs of sets) claimed.add(rs.key)
    const lanes = sets.map((rs) => lane(rs.key, podsOf(rs), rs))
    bands.push({ key: d.key, kind: 'Deployment', namespace: d.namespace, owner: d, lanes })
  }
  for (const ds of parts.daemonSets) {
    const lanes = [lane(ds.key, podsOf(ds))]
    bands.push({ key: ds.key, kind: 'DaemonSet', namespace: ds.namespace, owner: ds, lanes })
  }
  for (const rs of parts.replicaSets.filter((r) => !claimed.has(r.key))) {
    const lanes = [lane(rs.key, podsOf(rs), rs)]
    bands.push({ key: rs.key, kind: 'ReplicaSet', namespace: rs.namespace, lanes })
  }
  const drawnOwners = new Set(
    [...parts.replicaSets, ...parts.daemonSets].map((o) => ref(o.namespace, o.kind, o.name)),
  )
  const rest = parts.pods.filter((p) => p.mirror || !drawnOwners.has(ownerKey(p) ?? ''))
  for (const [key, pods] of groupBy(rest, (p) => podBand(p).key)) {
    const { kind, ownerRef } = podBand(pods[0]!)
    const namespace = pods[0]!.namespace
    bands.push({ key, kind, namespace, ownerRef, lanes: [lane(key, pods)] })
  }
  return bands
}

function serviceBands(parts: Parts): Band[] {
  const slicesByService = groupBy(parts.slices, (s) =>
    ref(s.namespace, 'Service', s.owner?.kind === 'Service' ? s.owner.name : s.service),
  )
  return parts.services.map((service) => {
    const slices = slicesByService.get(ref(service.namespace, 'Service', service.name)) ?? []
    const lanes =
      slices.length > 0 ? slices.map((s) => lane(s.key, [], s)) : [lane(service.key, [])]
    return {
      key: service.key,
      kind: 'Service',
      namespace: service.namespace,
      owner: service,
      lanes,
    }
  })
}

function sortName(band: Band): string {
  if (band.kind === 'Unowned') return LAST + LAST
  if (band.kind === 'Static') return LAST + band.ownerRef!.name
  if (band.kind === 'Owner') return band.ownerRef!.name
  return band.owner?.name ?? band.lanes[0]!.head!.name
}

function compareBands(a: Band, b: Band): number {
  return (
    compareNames(a.namespace, b.namespace) ||
    compareNames(sortName(a), sortName(b)) ||
    RANK[a.kind] - RANK[b.kind] ||
    compareNames(a.key, b.key)
  )
}

/** Every pod of the model by key, to resolve endpoints (`ref(namespace, 'Pod', name)`). */
export function podsOf(model: WorkloadsModel): Map<string, { pod: PodSummary; lane: Lane }> {
  const pods = new Map<string, { pod: PodSummary; lane: Lane }>()
  for (const band of model.bands)
    for (const l of band.lanes)
      for (const pod of l.pods) pods.set(podKey(pod.namespace, pod.name), { pod, lane: l })
  return pods
}

export const podKey = (namespace: string, name: string): string => ref(namespace, 'Pod', name)
