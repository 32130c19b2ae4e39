import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Random } from '../../core/random'

const draw = (r: Random, n: number): number[] => Array.from({ length: n }, () => r.nextUint32())

describe('random', () => {
  it('gives the same sequence for the same seed, and another for another seed', () => {
    expect(draw(new Random(42), 8)).toEqual(draw(new Random(42), 8))
    expect(draw(new Random(42), 8)).not.toEqual(draw(new Random(43), 8))
  })

  it('pins the sequence of seed 1, so a change of algorithm cannot pass unnoticed', () => {
    expect(draw(new Random(1), 3)).toMatchInlineSnapshot(`
      [
        587941090,
        3698788925,
        2524488572,
      ]
    `)
  })

  it('forks child streams that do not depend on how much the parent drew', () => {
    const a = new Random(7)
    const b = new Random(7)
    draw(b, 100)
    expect(draw(a.fork('kubelet/worker-1'), 5)).toEqual(draw(b.fork('kubelet/worker-1'), 5))
    expect(draw(a.fork('kubelet/worker-1'), 5)).not.toEqual(draw(a.fork('kubelet/worker-2'), 5))
  })

  it('forks in a different order give different streams', () => {
    const r = new Random(3)
    expect(draw(r.fork('a').fork('b'), 4)).not.toEqual(draw(r.fork('b').fork('a'), 4))
  })

  it('int stays within its bounds (property)', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -1000, max: 1000 }),
        fc.nat(1000),
        (seed, min, span) => {
          const value = new Random(seed).int(min, min + span)
          return Number.isInteger(value) && value >= min && value <= min + span
        },
      ),
    )
  })

  it('is roughly uniform: each of 10 buckets gets 10% ± 1% of 100,000 draws', () => {
    const r = new Random(99)
    const buckets = new Array<number>(10).fill(0)
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(r.next() * 10)]!++
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(1000)
  })
})
