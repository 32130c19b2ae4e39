/**
 * ImageLocality: prefers nodes that already have the pod's images, weighted by image size and
 * by how widely the image has spread (to avoid piling every pod onto the one node that pulled
 * it first). Images match node.status.images names exactly, after adding ":latest" to an
 * untagged name, as the real plugin does.
 */
import type { SchedulerCache } from '../cache'
import type { NodeInfo } from '../nodeInfo'
import type { NodeTable } from '../nodeTable'
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
  /** Per image set id: its score in the cycle numbered `memoCycle[id]` (see scoreNodes). */
  private memoScore = new Float64Array(0)
  private memoCycle = new Float64Array(0)
  private cycle = 0

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

  /**
   * score for each node. A node's score depends only on its image list, which most nodes
   * share (imageSets.ts): each distinct list is scored once per cycle, with each image's
   * spread share worked out once.
   */
  scoreNodes(
    _state: CycleState,
    pod: PodInfo,
    table: NodeTable,
    rows: Int32Array,
    out: Float64Array,
  ): void {
    const images = pod.images
    if (images.length === 0) {
      out.fill(0)
      return
    }
    const totalNodes = this.cache.numNodes
    const shares = images.map((image) => this.cache.imageSpread(image) / totalNodes)
    const sets = this.cache.imageSets
    if (this.memoCycle.length < sets.idLimit) {
      this.memoScore = new Float64Array(2 * sets.idLimit)
      this.memoCycle = new Float64Array(2 * sets.idLimit)
    }
    const cycle = ++this.cycle
    const { memoScore, memoCycle } = this
    const ids = table.imageSet
    let id = -1
    let score = 0
    for (let i = 0; i < out.length; i++) {
      const next = ids[rows[i]!]!
      // Neighbouring nodes mostly hold the same list: look the memo up only when it changes.
      if (next !== id) {
        id = next
        if (memoCycle[id] !== cycle) {
          memoCycle[id] = cycle
          memoScore[id] = imageSetScore(images, shares, sets.get(id).sizes)
        }
        score = memoScore[id]!
      }
      out[i] = score
    }
  }
}

/** The score of a node holding `sizes`, for a pod's images and their spread shares. */
function imageSetScore(
  images: readonly string[],
  shares: readonly number[],
  sizes: ReadonlyMap<string, number>,
): number {
  if (sizes.size === 0) return 0
  let sum = 0
  for (let k = 0; k < images.length; k++) {
    const size = sizes.get(images[k]!)
    if (size !== undefined) sum += Math.trunc(size * shares[k]!)
  }
  return imageLocalityPriority(sum, images.length)
}
