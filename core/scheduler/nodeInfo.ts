/**
 * Node-level aggregate of the scheduler cache (framework.NodeInfo): the node's parsed
 * allocatable and taints, and the sum of what the pods assigned to it (or assumed on it)
 * request.
 *
 * Invariants:
 * 1. The `requested*` fields are exactly the sums over the pods in `pods`, and `podCount` is
 *    their number; adding and removing a pod are inverse operations. `free*` is always
 *    allocatable minus requested.
 * 2. Node-derived fields (allocatable, taints, labels, images) are recomputed only in `setNode`,
 *    once per Node update, never per scheduling attempt.
 * 3. A NodeInfo may exist without a Node: pods bound to a node the cache has not seen yet are
 *    counted there, and the node becomes schedulable when it arrives.
 *
 * The batch Filter and Score loops read the cache's copy of these numbers (nodeTable.ts); the
 * one-node forms (preemption's dry runs on clones, a nominated node) read the object, whose
 * `free*` fields let the common case decide on four numbers.
 */
import type { Node, Taint } from '../api/types'
import { NO_IMAGES, type ImageSet } from './imageSets'
import type { HostPort, PodInfo } from './podInfo'
import { parseAllocatable } from './resources'

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({})
const NO_TAINTS: readonly Taint[] = Object.freeze([])

function portKey(protocol: string, port: number): string {
  return `${protocol}/${port}`
}

export class NodeInfo {
  node: Node | undefined
  labels: Readonly<Record<string, string>> = NO_LABELS
  unschedulable = false
  /** NoSchedule and NoExecute taints, in node order (what Filter checks). */
  filterTaints: readonly Taint[] = NO_TAINTS
  /** PreferNoSchedule taints (what Score counts). */
  preferTaints: readonly Taint[] = NO_TAINTS
  /** node.status.images, interned by the cache (nodes with the same images share it). */
  imageSet: ImageSet = NO_IMAGES
  /** Its row in the cache's NodeTable; -1 without a Node, and for clones. */
  row = -1

  // status.allocatable, parsed once per Node update.
  allocatableMilliCPU = 0
  allocatableMemory = 0
  allocatableEphemeralStorage = 0
  allowedPodNumber = 0
  allocatableScalar: ReadonlyMap<string, number> | undefined = undefined

  // What the pods counted here request (NodeInfo.Requested), and with the scoring defaults for
  // containers without requests (NonZeroRequested).
  readonly pods = new Map<string, PodInfo>()
  podCount = 0
  requestedMilliCPU = 0
  requestedMemory = 0
  requestedEphemeralStorage = 0
  nonZeroMilliCPU = 0
  nonZeroMemory = 0

  /**
   * allocatable − requested, kept up to date by setNode and addPod/removePod, so the filter's
   * common case reads four numbers instead of eight (large doubles are boxed in V8, so every
   * read saved is a memory load saved per node, per pod).
   */
  freePods = 0
  freeMilliCPU = 0
  freeMemory = 0
  freeEphemeralStorage = 0
  requestedScalar: Map<string, number> | undefined = undefined
  /** "TCP/8080" → host IPs using it (one entry per claiming port). */
  usedPorts = new Map<string, string[]>()
  /** Bumped on every change, so views can tell when to refresh. */
  generation = 0

  constructor(readonly name: string) {}

  /** Image name → size in bytes, from node.status.images. */
  get images(): ReadonlyMap<string, number> {
    return this.imageSet.sizes
  }

  setNode(node: Node, images: ImageSet): void {
    const previous = this.node
    this.node = node
    this.labels = node.metadata.labels ?? NO_LABELS
    this.unschedulable = node.spec?.unschedulable === true
    const taints = node.spec?.taints ?? []
    const filterTaints = taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')
    const preferTaints = taints.filter((t) => t.effect === 'PreferNoSchedule')
    this.filterTaints = filterTaints.length === 0 ? NO_TAINTS : filterTaints
    this.preferTaints = preferTaints.length === 0 ? NO_TAINTS : preferTaints
    const allocatable = node.status?.allocatable
    if (previous === undefined || !sameList(previous.status?.allocatable, allocatable)) {
      const parsed = parseAllocatable(allocatable)
      this.allocatableMilliCPU = parsed.milliCPU
      this.allocatableMemory = parsed.memory
      this.allocatableEphemeralStorage = parsed.ephemeralStorage
      this.allowedPodNumber = parsed.allowedPodNumber
      this.updateFree()
      this.allocatableScalar = parsed.scalar
    }
    this.imageSet = images
    this.generation++
  }

  addPod(pod: PodInfo): void {
    this.pods.set(pod.key, pod)
    this.update(pod, 1)
  }

  removePod(key: string): PodInfo | undefined {
    const pod = this.pods.get(key)
    if (pod === undefined) return undefined
    this.pods.delete(key)
    this.update(pod, -1)
    return pod
  }

  /** A copy whose pods can be removed and added back without touching the cache (preemption). */
  clone(): NodeInfo {
    const copy = new NodeInfo(this.name)
    Object.assign(copy, this, {
      row: -1,
      pods: new Map(this.pods),
      requestedScalar: this.requestedScalar && new Map(this.requestedScalar),
      usedPorts: new Map([...this.usedPorts].map(([k, ips]) => [k, [...ips]])),
    })
    return copy
  }

  /** True when a port the pod wants is already claimed on this node (HostPortInfo.CheckConflict). */
  portConflict(wanted: readonly HostPort[]): boolean {
    for (const port of wanted) {
      const ips = this.usedPorts.get(portKey(port.protocol, port.port))
      if (ips === undefined) continue
      for (const ip of ips) {
        if (ip === port.hostIP || ip === '0.0.0.0' || port.hostIP === '0.0.0.0') return true
      }
    }
    return false
  }

  private updateFree(): void {
    this.freePods = this.allowedPodNumber - this.podCount
    this.freeMilliCPU = this.allocatableMilliCPU - this.requestedMilliCPU
    this.freeMemory = this.allocatableMemory - this.requestedMemory
    this.freeEphemeralStorage = this.allocatableEphemeralStorage - this.requestedEphemeralStorage
  }

  private update(pod: PodInfo, sign: 1 | -1): void {
    const r = pod.requests
    this.podCount += sign
    this.requestedMilliCPU += sign * r.milliCPU
    this.requestedMemory += sign * r.memory
    this.requestedEphemeralStorage += sign * r.ephemeralStorage
    this.updateFree()
    this.nonZeroMilliCPU += sign * pod.nonZeroMilliCPU
    this.nonZeroMemory += sign * pod.nonZeroMemory
    if (r.scalar !== undefined) {
      const scalar = (this.requestedScalar ??= new Map())
      for (const [name, amount] of r.scalar)
        scalar.set(name, (scalar.get(name) ?? 0) + sign * amount)
    }
    for (const port of pod.hostPorts) {
      const key = portKey(port.protocol, port.port)
      const ips = this.usedPorts.get(key) ?? []
      const at = ips.indexOf(port.hostIP)
      if (sign === 1) ips.push(port.hostIP)
      else if (at >= 0) ips.splice(at, 1)
      if (ips.length === 0) this.usedPorts.delete(key)
      else this.usedPorts.set(key, ips)
    }
    this.generation++
  }
}

function sameList(a: Record<string, string | undefined> | undefined, b: typeof a): boolean {
  if (a === b) return true
  if (a === undefined || b === undefined) return false
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  return keys.every((k) => a[k] === b[k])
}
