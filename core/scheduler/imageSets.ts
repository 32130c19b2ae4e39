/**
 * Node image lists, interned: nodes that report the same images (name → size) share one
 * ImageSet, numbered by a small id. ImageLocality then scores each distinct list once per cycle
 * instead of looking every image up in every node's own map (most nodes of a cluster hold the
 * same images, so a cycle over 500 nodes typically meets one or two lists).
 *
 * Invariants:
 * 1. Two sets are one object exactly when their maps have the same entries in the same order.
 * 2. `refs` counts the NodeInfos using the set; a set nobody uses is forgotten and its id reused,
 *    so ids stay below the number of nodes ever present at once (plus the empty set).
 * 3. The empty list is one permanent set, NO_IMAGES, id 0 (never counted).
 */
import type { Node } from '../api/types'

type NodeImages = NonNullable<Node['status']>['images']

export class ImageSet {
  refs = 0

  constructor(
    readonly id: number,
    /** Image name → size in bytes, from node.status.images (a repeated name keeps its last size). */
    readonly sizes: ReadonlyMap<string, number>,
    readonly key: string,
  ) {}
}

/** Length-prefixed entries: unambiguous whatever characters an image name holds. */
function keyOf(sizes: ReadonlyMap<string, number>): string {
  let key = ''
  for (const [name, size] of sizes) key += `${name.length}:${name}=${String(size)};`
  return key
}

function sameEntries(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false
  const other = b.entries()
  for (const [name, size] of a) {
    const [otherName, otherSize] = other.next().value as [string, number]
    if (name !== otherName || size !== otherSize) return false
  }
  return true
}

/** The empty list, shared by every ImageSets (and by NodeInfos that have no Node yet). */
export const NO_IMAGES = new ImageSet(0, new Map(), '')

export class ImageSets {
  private readonly byKey = new Map<string, ImageSet>([['', NO_IMAGES]])
  private readonly byId: (ImageSet | undefined)[] = [NO_IMAGES]
  private readonly freeIds: number[] = []

  /** One past the highest id in use: the size of an array indexed by set id. */
  get idLimit(): number {
    return this.byId.length
  }

  /**
   * The set of a node's images, counted as used once more. `current` is the set the node had:
   * a Node update seldom changes its images, and comparing is cheaper than building the key.
   */
  acquire(images: NodeImages, current: ImageSet = NO_IMAGES): ImageSet {
    const sizes = new Map<string, number>()
    for (const image of images ?? []) {
      for (const name of image.names) sizes.set(name, image.sizeBytes)
    }
    if (sizes.size === 0) return NO_IMAGES
    if (sameEntries(sizes, current.sizes)) {
      current.refs++
      return current
    }
    const key = keyOf(sizes)
    let set = this.byKey.get(key)
    if (set === undefined) {
      const id = this.freeIds.pop() ?? this.byId.length
      set = new ImageSet(id, sizes, key)
      this.byId[id] = set
      this.byKey.set(key, set)
    }
    set.refs++
    return set
  }

  release(set: ImageSet): void {
    if (set === NO_IMAGES || --set.refs > 0) return
    this.byKey.delete(set.key)
    this.byId[set.id] = undefined
    this.freeIds.push(set.id)
  }

  get(id: number): ImageSet {
    return this.byId[id]!
  }
}
