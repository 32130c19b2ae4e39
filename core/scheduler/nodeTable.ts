/**
 * The scheduler cache's nodes as a table (a struct of arrays): row r is the r-th node in cache
 * order, and each number that Filter and Score read about a node is one typed array indexed by
 * row. A cycle walks a few hundred consecutive rows per pod; reading numbers from a handful of
 * contiguous arrays costs a fraction of visiting as many NodeInfo objects, whose large numbers
 * (memory in bytes) V8 keeps boxed, one more pointer to follow each.
 *
 * Invariants:
 * 1. `infos[r].row === r` for every row; a NodeInfo without a Node has no row (-1).
 * 2. Outside a cache method, every column of row r equals the matching field of infos[r]: the
 *    cache calls `refresh` after each change to a NodeInfo that has a row, which also gives the
 *    row a new `stamp`.
 * 3. The table is a copy, never the truth: the plugins' one-node forms read the NodeInfo (so
 *    they also work on preemption's clones, which have no row).
 */
import type { NodeInfo } from './nodeInfo'

/** Bits of `flags`: what sends a node's Filter or Score to the plugin's one-node form. */
export const UNSCHEDULABLE = 1
export const FILTER_TAINTS = 2
export const PREFER_TAINTS = 4
export const USED_PORTS = 8

function grown<T extends Float64Array | Int32Array | Uint8Array>(column: T, capacity: number): T {
  const next = new (column.constructor as new (length: number) => T)(capacity)
  next.set(column)
  return next
}

const FLAG_BITS = 4

export class NodeTable {
  /** The NodeInfo of each row. */
  readonly infos: NodeInfo[] = []
  /** How many rows have each bit of `flags` set, by bit position. */
  private readonly rowsWithBit = new Int32Array(FLAG_BITS)

  // NodeResourcesFit's Filter: allocatable − requested.
  freePods = new Float64Array(0)
  freeMilliCPU = new Float64Array(0)
  freeMemory = new Float64Array(0)
  freeEphemeralStorage = new Float64Array(0)
  // The scores: NodeResourcesFit (nonZero*), BalancedAllocation (requested*).
  allocatableMilliCPU = new Float64Array(0)
  allocatableMemory = new Float64Array(0)
  requestedMilliCPU = new Float64Array(0)
  requestedMemory = new Float64Array(0)
  nonZeroMilliCPU = new Float64Array(0)
  nonZeroMemory = new Float64Array(0)
  /** UNSCHEDULABLE | FILTER_TAINTS | PREFER_TAINTS | USED_PORTS. */
  flags = new Uint8Array(0)
  /** The node's ImageSet id (imageSets.ts), for ImageLocality. */
  imageSet = new Int32Array(0)
  /**
   * A number no other row contents ever had: `refresh` gives the row a new one, and a row that
   * moves up keeps its own. Scores computed at a stamp hold while the stamp does (rowScores.ts).
   */
  stamp = new Float64Array(0)
  private stamps = 0

  get length(): number {
    return this.infos.length
  }

  /** True when some row has the flag (one bit): a plugin with nothing to find skips its loop. */
  anyRow(flag: number): boolean {
    return this.rowsWithBit[31 - Math.clz32(flag)]! > 0
  }

  append(info: NodeInfo): void {
    const row = this.infos.length
    if (row === this.flags.length) this.grow(Math.max(64, 2 * row))
    this.infos.push(info)
    info.row = row
    this.flags[row] = 0
    this.refresh(info)
  }

  /** Removes a node's row; the rows after it move up by one (node removal is rare). */
  remove(info: NodeInfo): void {
    const row = info.row
    if (row < 0) return
    const end = this.infos.length
    this.countFlags(this.flags[row]!, -1)
    for (const column of this.columns()) column.copyWithin(row, row + 1, end)
    this.infos.splice(row, 1)
    for (let r = row; r < this.infos.length; r++) this.infos[r]!.row = r
    info.row = -1
  }

  /** Copies a NodeInfo's numbers into its row. */
  refresh(info: NodeInfo): void {
    const r = info.row
    if (r < 0) return
    this.freePods[r] = info.freePods
    this.freeMilliCPU[r] = info.freeMilliCPU
    this.freeMemory[r] = info.freeMemory
    this.freeEphemeralStorage[r] = info.freeEphemeralStorage
    this.allocatableMilliCPU[r] = info.allocatableMilliCPU
    this.allocatableMemory[r] = info.allocatableMemory
    this.requestedMilliCPU[r] = info.requestedMilliCPU
    this.requestedMemory[r] = info.requestedMemory
    this.nonZeroMilliCPU[r] = info.nonZeroMilliCPU
    this.nonZeroMemory[r] = info.nonZeroMemory
    const flags =
      (info.unschedulable ? UNSCHEDULABLE : 0) |
      (info.filterTaints.length > 0 ? FILTER_TAINTS : 0) |
      (info.preferTaints.length > 0 ? PREFER_TAINTS : 0) |
      (info.usedPorts.size > 0 ? USED_PORTS : 0)
    if (flags !== this.flags[r]) {
      this.countFlags(this.flags[r]!, -1)
      this.countFlags(flags, 1)
      this.flags[r] = flags
    }
    this.imageSet[r] = info.imageSet.id
    this.stamp[r] = ++this.stamps
  }

  private countFlags(flags: number, sign: 1 | -1): void {
    for (let bit = 0; bit < FLAG_BITS; bit++) {
      if ((flags & (1 << bit)) !== 0) this.rowsWithBit[bit]! += sign
    }
  }

  private columns(): (Float64Array | Int32Array | Uint8Array)[] {
    return [
      this.freePods,
      this.freeMilliCPU,
      this.freeMemory,
      this.freeEphemeralStorage,
      this.allocatableMilliCPU,
      this.allocatableMemory,
      this.requestedMilliCPU,
      this.requestedMemory,
      this.nonZeroMilliCPU,
      this.nonZeroMemory,
      this.flags,
      this.imageSet,
      this.stamp,
    ]
  }

  private grow(capacity: number): void {
    this.freePods = grown(this.freePods, capacity)
    this.freeMilliCPU = grown(this.freeMilliCPU, capacity)
    this.freeMemory = grown(this.freeMemory, capacity)
    this.freeEphemeralStorage = grown(this.freeEphemeralStorage, capacity)
    this.allocatableMilliCPU = grown(this.allocatableMilliCPU, capacity)
    this.allocatableMemory = grown(this.allocatableMemory, capacity)
    this.requestedMilliCPU = grown(this.requestedMilliCPU, capacity)
    this.requestedMemory = grown(this.requestedMemory, capacity)
    this.nonZeroMilliCPU = grown(this.nonZeroMilliCPU, capacity)
    this.nonZeroMemory = grown(this.nonZeroMemory, capacity)
    this.flags = grown(this.flags, capacity)
    this.imageSet = grown(this.imageSet, capacity)
    this.stamp = grown(this.stamp, capacity)
  }
}
