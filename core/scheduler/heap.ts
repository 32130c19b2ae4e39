/**
 * A binary heap whose items know their position, so one can be removed or re-sorted in
 * O(log n) (the scheduling queue's activeQ and backoffQ, like internal/heap in the real queue).
 *
 * Invariants:
 * 1. `item.heapIndex` is the item's index in `items` while it is in this heap, and -1 otherwise.
 * 2. An item is in at most one heap at a time (the queue moves it, never shares it).
 */

export interface HeapItem {
  heapIndex: number
}

export class Heap<T extends HeapItem> {
  private readonly items: T[] = []

  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get length(): number {
    return this.items.length
  }

  peek(): T | undefined {
    return this.items[0]
  }

  has(item: T): boolean {
    return item.heapIndex >= 0 && this.items[item.heapIndex] === item
  }

  push(item: T): void {
    item.heapIndex = this.items.length
    this.items.push(item)
    this.up(item.heapIndex)
  }

  pop(): T | undefined {
    const top = this.items[0]
    if (top !== undefined) this.remove(top)
    return top
  }

  remove(item: T): boolean {
    if (!this.has(item)) return false
    const i = item.heapIndex
    const last = this.items.pop()!
    item.heapIndex = -1
    if (last !== item) {
      this.items[i] = last
      last.heapIndex = i
      this.fix(i)
    }
    return true
  }

  /** Restores order after the item's sort key changed. */
  fix(i: number): void {
    if (!this.up(i)) this.down(i)
  }

  /** The items in no particular order (for listing, not for popping). */
  values(): readonly T[] {
    return this.items
  }

  private up(i: number): boolean {
    const items = this.items
    const start = i
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(items[i]!, items[parent]!)) break
      this.swap(i, parent)
      i = parent
    }
    return i !== start
  }

  private down(i: number): void {
    const items = this.items
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let smallest = i
      if (left < items.length && this.less(items[left]!, items[smallest]!)) smallest = left
      if (right < items.length && this.less(items[right]!, items[smallest]!)) smallest = right
      if (smallest === i) return
      this.swap(i, smallest)
      i = smallest
    }
  }

  private swap(i: number, j: number): void {
    const items = this.items
    const a = items[i]!
    const b = items[j]!
    items[i] = b
    items[j] = a
    a.heapIndex = j
    b.heapIndex = i
  }
}
