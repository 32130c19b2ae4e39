/**
 * NodeResourcesFit: Filter compares the pod's requests with what is left of the node's
 * allocatable (every shortage is a reason: "Too many pods", "Insufficient cpu", "Insufficient
 * memory", …, FIDELITY.md §3.2); Score is LeastAllocated over cpu and memory, weight 1 each,
 * counting 100m / 200Mi for containers that request nothing (FIDELITY.md §3.6).
 */
import { ActionType, type ClusterEvent } from '../clusterEvents'
import type { NodeInfo } from '../nodeInfo'
import {
  MAX_NODE_SCORE,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  type ScorePlugin,
} from '../plugin'
import type { PodInfo } from '../podInfo'
import { unschedulable, type Status } from '../status'

export const NODE_RESOURCES_FIT = 'NodeResourcesFit'

/** Shared statuses for the common combinations, so a full node allocates nothing. */
const COMMON = new Map<string, Status>()

function status(reasons: string[]): Status {
  const key = reasons.join('|')
  let s = COMMON.get(key)
  if (s === undefined) {
    s = unschedulable(NODE_RESOURCES_FIT, ...reasons)
    if (COMMON.size < 64) COMMON.set(key, s)
  }
  return s
}

/** fitsRequest: the reasons the pod does not fit, in the real order; empty when it fits. */
export function insufficientResources(pod: PodInfo, node: NodeInfo): string[] {
  const reasons: string[] = []
  if (node.podCount + 1 > node.allowedPodNumber) reasons.push('Too many pods')
  const req = pod.requests
  const none = req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0
  if (none && req.scalar === undefined) return reasons
  if (req.milliCPU > 0 && req.milliCPU > node.allocatableMilliCPU - node.requestedMilliCPU) {
    reasons.push('Insufficient cpu')
  }
  if (req.memory > 0 && req.memory > node.allocatableMemory - node.requestedMemory) {
    reasons.push('Insufficient memory')
  }
  const freeStorage = node.allocatableEphemeralStorage - node.requestedEphemeralStorage
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > freeStorage) {
    reasons.push('Insufficient ephemeral-storage')
  }
  for (const [name, amount] of req.scalar ?? []) {
    const free = (node.allocatableScalar?.get(name) ?? 0) - (node.requestedScalar?.get(name) ?? 0)
    if (amount > 0 && amount > free) reasons.push(`Insufficient ${name}`)
  }
  return reasons
}

/** leastRequestedScore: the free share of a resource after placing the pod, 0–100. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity)
}

export class NodeResourcesFit implements FilterPlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NODE_RESOURCES_FIT

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    // The common case (it fits) decides on numbers alone and allocates nothing.
    const req = pod.requests
    if (
      node.freePods > 0 &&
      req.milliCPU <= node.freeMilliCPU &&
      req.memory <= node.freeMemory &&
      req.ephemeralStorage <= node.freeEphemeralStorage &&
      req.scalar === undefined
    ) {
      return null
    }
    const reasons = insufficientResources(pod, node)
    return reasons.length === 0 ? null : status(reasons)
  }

  /** LeastAllocated, cpu and memory weighted 1 each (a resource without allocatable drops out). */
  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const cpu = node.allocatableMilliCPU
    const memory = node.allocatableMemory
    let total = 0
    let weights = 0
    if (cpu !== 0) {
      total += leastRequestedScore(node.nonZeroMilliCPU + pod.nonZeroMilliCPU, cpu)
      weights++
    }
    if (memory !== 0) {
      total += leastRequestedScore(node.nonZeroMemory + pod.nonZeroMemory, memory)
      weights++
    }
    return weights === 0 ? 0 : Math.trunc(total / weights)
  }

  eventsToRegister(): readonly ClusterEvent[] {
    return [
      { resource: 'AssignedPod', actions: ActionType.Delete, label: 'Pod' },
      {
        resource: 'Node',
        actions: ActionType.Add | ActionType.UpdateNodeAllocatable,
        label: 'Node',
      },
    ]
  }

  filterNodes(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    count: number,
    statuses: (Status | null)[],
  ): void {
    for (let j = 0; j < count; j++) {
      if (statuses[j] === null) statuses[j] = this.filter(state, pod, nodes[j]!)
    }
  }

  scoreNodes(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array): void {
    for (let i = 0; i < nodes.length; i++) out[i] = this.score(state, pod, nodes[i]!)
  }
}
