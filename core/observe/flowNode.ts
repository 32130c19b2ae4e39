/**
 * Where the message flow sees a node's traffic: the kubelet's CRI calls to containerd (and the
 * container events coming back), containerd's calls to its shims, and a traced connection (curl)
 * crossing machines, kube-proxy's rules and Weave.
 *
 * Vocabulary:
 * - kubelet → containerd: the CRI RPC's name ("RunPodSandbox", "CreateContainer",
 *   "StartContainer", "StopContainer", "RemovePodSandbox", "PullImage", "ListContainers", …);
 *   containerd → kubelet: the event on the CRI event stream ("CONTAINER_STARTED_EVENT").
 * - containerd → its shims: shims (containerd-shim-runc-v2, which runs runc) are processes, not
 *   drawn components, so these messages go from containerd to the node's machine, as messages to
 *   any client that is no component do: "shim: start", "shim: start task", "shim: shutdown"
 *   (recorded by the Shim itself, core/node/shim.ts).
 * - A traced connection: the request and the port it is addressed to at that point ("GET :30080",
 *   "GET :80" after kube-proxy's DNAT, "DNS :53"), with the outcome when it failed there
 *   ("GET :80 (dropped)").
 *
 * Invariant: each hook costs one boolean check while the recorder is off, and observing never
 * changes what the observed object answers.
 */
import { Containerd } from '../node/containerd'
import type { ContainerEvent } from '../node/cri'
import { OUTSIDE } from '../network/fabric'
import type { Hop } from '../network/path'
import type { TraceSource } from '../network/tracer'
import { LAPTOP } from '../shell/command'
import type { FlowTap } from './flow'

/** Containerd's methods that are CRI calls, with the RPC's name (k8s.io/cri-api runtime/v1). */
const CRI_RPCS: Readonly<Record<string, string>> = {
  status: 'Status',
  version: 'Version',
  pullImage: 'PullImage',
  imageStatus: 'ImageStatus',
  listImages: 'ListImages',
  removeImage: 'RemoveImage',
  runPodSandbox: 'RunPodSandbox',
  stopPodSandbox: 'StopPodSandbox',
  removePodSandbox: 'RemovePodSandbox',
  podSandboxStatus: 'PodSandboxStatus',
  listPodSandbox: 'ListPodSandbox',
  createContainer: 'CreateContainer',
  startContainer: 'StartContainer',
  stopContainer: 'StopContainer',
  removeContainer: 'RemoveContainer',
  containerStatus: 'ContainerStatus',
  listContainers: 'ListContainers',
  execSync: 'ExecSync',
}

type Method = (this: Containerd, ...args: unknown[]) => unknown

/**
 * The kubelet's end of containerd's socket: the same containerd (its state, its getters), through
 * a stub whose every method forwards to it, noting the CRI calls that reach a running containerd
 * and the events it streams back. crictl and ctr on the node keep the undecorated containerd.
 */
export function criClient(
  containerd: Containerd,
  flow: FlowTap,
  kubelet: string,
  runtime: string,
): Containerd {
  const stub = Object.create(containerd) as Record<string, unknown>
  const prototype = Containerd.prototype as unknown as Record<string, unknown>
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const method = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown
    if (name === 'constructor' || typeof method !== 'function') continue
    stub[name] = forward(containerd, method as Method, CRI_RPCS[name], flow, kubelet, runtime)
  }
  const subscribe = containerd.subscribe.bind(containerd)
  stub['subscribe'] = (listener: (event: ContainerEvent) => void) =>
    subscribe((event) => {
      if (flow.active) flow.record(runtime, kubelet, event.type)
      listener(event)
    })
  return stub as unknown as Containerd
}

function forward(
  containerd: Containerd,
  method: Method,
  rpc: string | undefined,
  flow: FlowTap,
  kubelet: string,
  runtime: string,
): (...args: unknown[]) => unknown {
  if (rpc === undefined) return (...args) => method.apply(containerd, args)
  return (...args) => {
    if (flow.active && containerd.running) flow.record(kubelet, runtime, rpc)
    return method.apply(containerd, args)
  }
}

/**
 * A traced connection, as messages between the drawn components and machines it crosses: the
 * source machine (or the laptop), each machine the fabric carries it to, kube-proxy's rules where
 * it is NATed, both Weave routers when it crosses to a pod on another node, and the machine
 * where it is answered. It stops at the first hop that failed.
 */
export function recordPath(
  flow: FlowTap,
  source: TraceSource,
  hops: readonly Hop[],
  method: string,
): void {
  let at = source.kind === 'outside' ? LAPTOP : source.machine
  for (const hop of hops) {
    const label = `${hop.protocol === 'UDP' ? (hop.port === 53 ? 'DNS' : 'UDP') : method} :${hop.port}`
    const places = crossed(hop)
    places.forEach((next, i) => {
      if (next === at) return
      // A failed hop got as far as its last place: the failure is told on the way there.
      const failed = hop.outcome !== 'ok' && i === places.length - 1
      flow.record(at, next, failed ? `${label} (${hop.outcome})` : label)
      at = next
    })
    if (hop.outcome !== 'ok') return
  }
}

/** The drawn places one hop goes through, in order. */
function crossed(hop: Hop): string[] {
  const machine = (name: string): string => (name === OUTSIDE ? LAPTOP : name)
  const to = machine(hop.to.machine)
  if (hop.via.startsWith('iptables')) return [`kube-proxy-${to}`]
  if (hop.via === 'weave' || hop.via.startsWith('weave ')) {
    if (hop.via === 'weave bridge') return [to]
    const routers = [`weave-net-${machine(hop.from.machine)}`, `weave-net-${to}`]
    // Weave's routers carry it across; a packet they lose never reaches the far node.
    return hop.outcome === 'ok' ? [...routers, to] : routers
  }
  // A packet lost on the default route goes nowhere that is drawn.
  if (hop.via === 'default route') return []
  return [to]
}
