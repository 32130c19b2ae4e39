import { describe, expect, it } from 'vitest'
import { keepIfSame } from '../../renderer/src/util/keepIfSame'

describe('keepIfSame: a rebuilt list keeps its identity while its items do not change', () => {
  const a = { name: 'a' }
  const b = { name: 'b' }

  it('returns the previous list when the new one holds the very same items in order', () => {
    const previous = [a, b]
    expect(keepIfSame(previous, [a, b])).toBe(previous)
  })

  it('returns the new list when an item changed, moved, came or went', () => {
    const previous = [a, b]
    for (const next of [[a, { name: 'b' }], [b, a], [a], [a, b, a]])
      expect(keepIfSame(previous, next)).toBe(next)
    expect(keepIfSame(undefined, previous)).toBe(previous)
  })
})
