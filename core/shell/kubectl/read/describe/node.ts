/**
 * `kubectl describe node` (describeNode, describeNodeResource): conditions, addresses,
 * capacity, system info, the non-terminated pods with their share of the node's allocatable
 * resources, the totals, and the node's Lease.
 */
import { formatBinary, formatMilli, milliValueOrZero, valueOrZero } from '../../../../api/quantity'
import type { Event, Lease, Node, Pod, ResourceList } from '../../../../api/types'
import {
  printAnnotations,
  printEvents,
  printLabels,
  printTaints,
  rfc1123z,
  since,
  type DescribeContext,
  PrefixWriter,
} from './writer'

export interface NodeDescription {
  node: Node
  pods: Pod[]
  events: Event[] | undefined
  /** The Lease, or the error text of its GET ("leases.coordination.k8s.io "x" not found"). */
  lease: Lease | string
}

export function describeNode(d: NodeDescription, context: DescribeContext): string {
  const { node } = d
  const w = new PrefixWriter()
  w.write(0, `Name:\t${node.metadata.name}\n`)
  const roles = nodeRoles(node)
  w.write(0, `Roles:\t${roles.length === 0 ? '<none>' : roles.join(',')}\n`)
  printLabels(w, 'Labels', node.metadata.labels)
  printAnnotations(w, 'Annotations', node.metadata.annotations)
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`)
  printTaints(w, 'Taints', node.spec.taints)
  w.write(0, `Unschedulable:\t${node.spec.unschedulable === true}\n`)
  describeLease(w, d.lease)
  const status = node.status ?? {}
  if (status.conditions && status.conditions.length > 0) {
    w.write(
      0,
      'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n',
    )
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n')
    for (const c of status.conditions) {
      w.write(
        1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      )
    }
  }
  w.write(0, 'Addresses:\n')
  for (const a of status.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`)
  for (const [title, list] of [
    ['Capacity', status.capacity],
    ['Allocatable', status.allocatable],
  ] as const) {
    if (Object.keys(list ?? {}).length === 0) continue
    w.write(0, `${title}:\n`)
    for (const name of Object.keys(list!).sort()) w.write(0, `  ${name}:\t${list![name]}\n`)
  }
  describeSystemInfo(w, node)
  if (node.spec.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`)
  if (node.spec.podCIDRs && node.spec.podCIDRs.length > 0)
    w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`)
  describeNodeResources(w, d.pods, node, context)
  if (d.events !== undefined) printEvents(w, d.events, context)
  return w.toString()
}

/** findNodeRoles: node-role.kubernetes.io/<role> labels and kubernetes.io/role, sorted. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>()
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length)
      if (role !== '') roles.add(role)
    } else if (key === 'kubernetes.io/role' && value !== '') roles.add(value)
  }
  return [...roles].sort()
}

function describeLease(w: PrefixWriter, lease: Lease | string): void {
  if (typeof lease === 'string') return w.write(0, `Lease:\tFailed to get lease: ${lease}\n`)
  w.write(0, 'Lease:\n')
  w.write(1, `HolderIdentity:\t${lease.spec.holderIdentity ?? '<unset>'}\n`)
  w.write(
    1,
    `AcquireTime:\t${lease.spec.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`,
  )
  w.write(1, `RenewTime:\t${lease.spec.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`)
}

function describeSystemInfo(w: PrefixWriter, node: Node): void {
  const info = node.status?.nodeInfo
  w.write(0, 'System Info:\n')
  const rows: [string, string | undefined][] = [
    ['Machine ID', info?.machineID],
    ['System UUID', info?.systemUUID],
    ['Boot ID', info?.bootID],
    ['Kernel Version', info?.kernelVersion],
    ['OS Image', info?.osImage],
    ['Operating System', info?.operatingSystem],
    ['Architecture', info?.architecture],
    ['Container Runtime Version', info?.containerRuntimeVersion],
    ['Kubelet Version', info?.kubeletVersion],
    ['Kube-Proxy Version', info?.kubeProxyVersion],
  ]
  for (const [label, value] of rows) w.write(0, `  ${label}:\t${value ?? ''}\n`)
}

/** resourcehelper.PodRequestsAndLimits: the containers' sum, at least each init container's. */
function podTotals(pod: Pod, kind: 'requests' | 'limits'): Record<string, number> {
  const total: Record<string, number> = {}
  const add = (list: ResourceList | undefined, into: Record<string, number>): void => {
    for (const [name, text] of Object.entries(list ?? {}))
      into[name] = (into[name] ?? 0) + amount(name, text)
  }
  for (const c of pod.spec.containers) add(c.resources?.[kind], total)
  for (const c of pod.spec.initContainers ?? []) {
    const own: Record<string, number> = {}
    add(c.resources?.[kind], own)
    for (const [name, value] of Object.entries(own)) total[name] = Math.max(total[name] ?? 0, value)
  }
  return total
}

/** CPU in millicores, everything else in whole units. */
function amount(name: string, text: string | undefined): number {
  return name === 'cpu' ? milliValueOrZero(text) : valueOrZero(text)
}

function amountText(name: string, value: number): string {
  if (name === 'cpu') return formatMilli(value)
  return value === 0 ? '0' : formatBinary(value)
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.trunc((part / whole) * 100)
}

function describeNodeResources(w: PrefixWriter, pods: Pod[], node: Node, context: DescribeContext) {
  const status = node.status ?? {}
  const allocatable =
    Object.keys(status.allocatable ?? {}).length > 0 ? status.allocatable! : (status.capacity ?? {})
  const whole = (name: string): number => amount(name, allocatable[name])
  const cell = (name: string, value: number): string =>
    `${amountText(name, value)} (${percent(value, whole(name))}%)`
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`)
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n')
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n')
  const requests: Record<string, number> = {}
  const limits: Record<string, number> = {}
  for (const pod of pods) {
    const [req, lim] = [podTotals(pod, 'requests'), podTotals(pod, 'limits')]
    for (const [k, v] of Object.entries(req)) requests[k] = (requests[k] ?? 0) + v
    for (const [k, v] of Object.entries(lim)) limits[k] = (limits[k] ?? 0) + v
    w.write(
      1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cell('cpu', req['cpu'] ?? 0)}\t${cell('cpu', lim['cpu'] ?? 0)}\t${cell('memory', req['memory'] ?? 0)}\t${cell('memory', lim['memory'] ?? 0)}\t${since(pod.metadata.creationTimestamp, context)}\n`,
    )
  }
  w.write(
    0,
    'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n',
  )
  w.write(1, 'Resource\tRequests\tLimits\n')
  w.write(1, '--------\t--------\t------\n')
  const hugePages = Object.keys(allocatable)
    .filter((r) => r.startsWith('hugepages-'))
    .sort()
  for (const name of ['cpu', 'memory', 'ephemeral-storage', ...hugePages]) {
    w.write(1, `${name}\t${cell(name, requests[name] ?? 0)}\t${cell(name, limits[name] ?? 0)}\n`)
  }
}
