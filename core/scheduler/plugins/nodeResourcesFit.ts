/**
 * NodeResourcesFit: Filter compares the pod's requests with what is left of the node's
 * allocatable (every shortage is a reason: "Too many pods", "Insufficient cpu", "Insufficient
 * memory", …, FIDELITY.md §3.2); Score is LeastAllocated over cpu and memory, weight 1 each,
 * counting 100m / 200Mi for containers that request nothing (FIDELITY.md §3.6).
 */
import { ActionType, type ClusterEvent } from '../clusterEvents'
import type { NodeInfo } from '../nodeInfo'
import type { NodeTable } from '../nodeTable'
import {
  MAX_NODE_SCORE,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  type ScorePlugin,
} from '../plugin'
import type { PodInfo } from '../podInfo'
import { RowScores } from '../rowScores'
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

/** LeastAllocated over cpu and memory, weight 1 each; a resource without allocatable drops out. */
export function leastAllocatedScore(
  allocatableMilliCPU: number,
  allocatableMemory: number,
  requestedMilliCPU: number,
  requestedMemory: number,
): number {
  // Both resources, the usual case: the loop's sum (0 + cpu + memory) over a constant divisor.
  if (allocatableMilliCPU !== 0 && allocatableMemory !== 0) {
    const cpu = leastRequestedScore(requestedMilliCPU, allocatableMilliCPU)
    return Math.trunc((0 + cpu + leastRequestedScore(requestedMemory, allocatableMemory)) / 2)
  }
  let total = 0
  let weights = 0
  if (allocatableMilliCPU !== 0) {
    total += leastRequestedScore(requestedMilliCPU, allocatableMilliCPU)
    weights++
  }
  if (allocatableMemory !== 0) {
    total += leastRequestedScore(requestedMemory, allocatableMemory)
    weights++
  }
  return weights === 0 ? 0 : Math.trunc(total / weights)
}

export class NodeResourcesFit implements FilterPlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NODE_RESOURCES_FIT
  /** LeastAllocated of each node, kept while neither it nor the pod's requests change. */
  private readonly kept = new RowScores()

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

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    return leastAllocatedScore(
      node.allocatableMilliCPU,
      node.allocatableMemory,
      node.nonZeroMilliCPU + pod.nonZeroMilliCPU,
      node.nonZeroMemory + pod.nonZeroMemory,
    )
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

  /** filter's common case (the pod fits) on the table's numbers; `filter` gives the reasons. */
  filterNodes(
    state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    rows: Int32Array,
    count: number,
    statuses: (Status | null)[],
  ): void {
    const req = pod.requests
    const { milliCPU, memory, ephemeralStorage } = req
    const { freePods, freeMilliCPU, freeMemory, freeEphemeralStorage, infos } = table
    const simple = req.scalar === undefined
    for (let j = 0; j < count; j++) {
      if (statuses[j] !== null) continue
      const r = rows[j]!
      if (
        simple &&
        freePods[r]! > 0 &&
        milliCPU <= freeMilliCPU[r]! &&
        memory <= freeMemory[r]! &&
        ephemeralStorage <= freeEphemeralStorage[r]!
      ) {
        continue
      }
      statuses[j] = this.filter(state, pod, infos[r]!)
    }
  }

  scoreNodes(
    _state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    rows: Int32Array,
    out: Float64Array,
  ): void {
    const { allocatableMilliCPU, allocatableMemory, nonZeroMilliCPU, nonZeroMemory, stamp } = table
    const cpu = pod.nonZeroMilliCPU
    const memory = pod.nonZeroMemory
    const kept = this.kept
    kept.begin(table, cpu, memory)
    const { stamps, scores } = kept
    for (let i = 0; i < out.length; i++) {
      const r = rows[i]!
      if (stamps[r] !== stamp[r]) {
        stamps[r] = stamp[r]!
        scores[r] = leastAllocatedScore(
          allocatableMilliCPU[r]!,
          allocatableMemory[r]!,
          nonZeroMilliCPU[r]! + cpu,
          nonZeroMemory[r]! + memory,
        )
      }
      out[i] = scores[r]!
    }
  }
}
