/**
 * Seeded randomness for the simulation.
 *
 * Invariants:
 * 1. The same seed gives the same sequence of numbers on every platform (32-bit integer maths only).
 * 2. `fork(name)` gives a child stream that depends only on the parent's seed and the name, not on
 *    how many numbers the parent drew before: adding a component does not change another's luck.
 * 3. Core never uses Math.random; every random choice comes from a Random.
 */

export class Random {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(readonly seed: number) {
    // splitmix32 spreads even a small seed (1, 2, 3 …) over the whole 128-bit state.
    let s = seed >>> 0
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0
      let z = s
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      return (z ^ (z >>> 16)) >>> 0
    }
    this.a = next()
    this.b = next()
    this.c = next()
    this.d = next()
  }

  /** A uniformly distributed unsigned 32-bit integer (sfc32). */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`random: bad range [${min}, ${max}]`)
    }
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('random: cannot pick from an empty list')
    return items[this.int(0, items.length - 1)]!
  }

  /** An independent stream named after what uses it, e.g. `fork('kubelet/worker-1')`. */
  fork(name: string): Random {
    return new Random(fnv1a(name, this.seed))
  }
}

/** 32-bit FNV-1a hash of a string's UTF-16 code units, optionally mixed with a seed. */
export function fnv1a(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}
