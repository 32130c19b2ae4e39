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

  /** score for each node, with each image's spread share worked out once per cycle. */
  scoreNodes(
    _state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    out: Float64Array,
  ): void {
    const images = pod.images
    if (images.length === 0) {
      out.fill(0, 0, nodes.length)
      return
    }
    const totalNodes = this.cache.numNodes
    const shares = images.map((image) => this.cache.imageSpread(image) / totalNodes)
    for (let i = 0; i < nodes.length; i++) {
      const nodeImages = nodes[i]!.images
      if (nodeImages.size === 0) {
        out[i] = 0
        continue
      }
      let sum = 0
      for (let k = 0; k < images.length; k++) {
        const size = nodeImages.get(images[k]!)
        if (size !== undefined) sum += Math.trunc(size * shares[k]!)
      }
      out[i] = imageLocalityPriority(sum, images.length)
    }
  }
}
