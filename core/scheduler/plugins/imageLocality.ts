/**
 * ImageLocality: prefers nodes that already have the pod's images, weighted by image size and
 * by how widely the image has spread (to avoid piling every pod onto the one node that pulled
 * it first). Images match node.status.images names exactly, after adding ":latest" to an
 * untagged name, as the real plugin does.
 */
import type { SchedulerCache } from '../cache'
import type { NodeInfo } from '../nodeInfo'
import { MAX_NODE_SCORE, type CycleState, type ScorePlugin } from '../plugin'
import type { PodInfo } from '../podInfo'

export const IMAGE_LOCALITY = 'ImageLocality'

const MB = 1024 * 1024
const MIN_THRESHOLD = 23 * MB
const MAX_CONTAINER_THRESHOLD = 1000 * MB

/** calculatePriority: the summed image score mapped onto 0–100 between the two thresholds. */
export function imageLocalityPriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers
  const clamped = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold)
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD))
}

export class ImageLocality implements ScorePlugin {
  readonly name = IMAGE_LOCALITY

  constructor(private readonly cache: SchedulerCache) {}

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    if (node.images.size === 0 || pod.images.length === 0) return 0
    const totalNodes = this.cache.numNodes
    let sum = 0
    for (const image of pod.images) {
      const size = node.images.get(image)
      if (size === undefined) continue
      // scaledImageScore: size × (nodes having the image / all nodes), truncated.
      sum += Math.trunc(size * (this.cache.imageSpread(image) / totalNodes))
    }
    return imageLocalityPriority(sum, pod.images.length)
  }

  scoreNodes(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array): void {
    for (let i = 0; i < nodes.length; i++) out[i] = this.score(state, pod, nodes[i]!)
  }
}
