/**
 * NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory would be used in equal
 * shares after placing the pod: score = (1 − std of the shares) × 100, with the pod's actual
 * requests (no 100m / 200Mi defaults). With two resources, std = |share₁ − share₂| / 2.
 */
import type { NodeInfo } from '../nodeInfo'
import type { NodeTable } from '../nodeTable'
import { MAX_NODE_SCORE, type CycleState, type ScorePlugin } from '../plugin'
import type { PodInfo } from '../podInfo'
import { RowScores } from '../rowScores'

export const NODE_RESOURCES_BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation'

/** balancedResourceScorer over the resources with non-zero allocatable. */
export function balancedResourceScore(requested: number[], allocatable: number[]): number {
  const fractions: number[] = []
  let total = 0
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue
    const fraction = Math.min(requested[i]! / allocatable[i]!, 1)
    total += fraction
    fractions.push(fraction)
  }
  let std = 0
  if (fractions.length === 2) std = Math.abs((fractions[0]! - fractions[1]!) / 2)
  else if (fractions.length > 2) {
    const mean = total / fractions.length
    let sum = 0
    for (const f of fractions) sum += (f - mean) * (f - mean)
    std = Math.sqrt(sum / fractions.length)
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE)
}

/** The score of a node whose pods request `requested*`, for a pod requesting `pod*`. */
function balancedAllocationScore(
  allocCPU: number,
  allocMemory: number,
  requestedCPU: number,
  requestedMemory: number,
  podCPU: number,
  podMemory: number,
): number {
  const cpu = allocCPU === 0 ? 0 : requestedCPU + podCPU
  const memory = allocMemory === 0 ? 0 : requestedMemory + podMemory
  // The two-resource case inline: it runs for every feasible node of every pod.
  if (allocCPU !== 0 && allocMemory !== 0) {
    const std = Math.abs((Math.min(cpu / allocCPU, 1) - Math.min(memory / allocMemory, 1)) / 2)
    return Math.trunc((1 - std) * MAX_NODE_SCORE)
  }
  return balancedResourceScore([cpu, memory], [allocCPU, allocMemory])
}

export class BalancedAllocation implements ScorePlugin {
  readonly name = NODE_RESOURCES_BALANCED_ALLOCATION
  /** The score of each node, kept while neither it nor the pod's requests change. */
  private readonly kept = new RowScores()

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    return balancedAllocationScore(
      node.allocatableMilliCPU,
      node.allocatableMemory,
      node.requestedMilliCPU,
      node.requestedMemory,
      pod.requests.milliCPU,
      pod.requests.memory,
    )
  }

  scoreNodes(
    _state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    rows: Int32Array,
    out: Float64Array,
  ): void {
    const { allocatableMilliCPU, allocatableMemory, requestedMilliCPU, requestedMemory, stamp } =
      table
    const { milliCPU, memory } = pod.requests
    const kept = this.kept
    kept.begin(table, milliCPU, memory)
    const { stamps, scores } = kept
    for (let i = 0; i < out.length; i++) {
      const r = rows[i]!
      if (stamps[r] !== stamp[r]) {
        stamps[r] = stamp[r]!
        scores[r] = balancedAllocationScore(
          allocatableMilliCPU[r]!,
          allocatableMemory[r]!,
          requestedMilliCPU[r]!,
          requestedMemory[r]!,
          milliCPU,
          memory,
        )
      }
      out[i] = scores[r]!
    }
  }
}
