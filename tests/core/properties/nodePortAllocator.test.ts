/**
 * The NodePort allocator alone, near full, where the API-level property cannot cheaply go: the
 * dynamic band (30086-32767) is used up first, then the static band (30000-30085), and no port
 * is ever handed out twice (allocators.ts, invariants 1 and 2).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  AllocationError,
  ERR_ALLOCATED,
  ERR_FULL,
  NODE_PORT_BASE,
  NODE_PORT_SIZE,
  NODE_PORT_STATIC_BAND,
  NodePortAllocator,
} from '../../../core/apiserver/allocators'
import { Random } from '../../../core/random'
import { parameters } from './parameters'

const FIRST = NODE_PORT_BASE
const LAST = NODE_PORT_BASE + NODE_PORT_SIZE - 1
const DYNAMIC_FIRST = NODE_PORT_BASE + NODE_PORT_STATIC_BAND
const PORTS = Array.from({ length: NODE_PORT_SIZE }, (_, i) => FIRST + i)
const isDynamic = (port: number): boolean => port >= DYNAMIC_FIRST

type Op =
  { kind: 'allocateNext' } | { kind: 'allocate'; port: number } | { kind: 'release'; port: number }

const anyPort = fc.integer({ min: FIRST, max: LAST })
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'allocateNext' as const }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('allocate' as const), port: anyPort }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('release' as const), port: anyPort }), weight: 1 },
)

/** Leaves `free` ports of each band unallocated, so the ops soon fill the bands up. */
function nearlyFull(seed: number, freeDynamic: number[], freeStatic: number[]) {
  const allocator = new NodePortAllocator(new Random(seed))
  const held = new Set<number>()
  const free = new Set([...freeDynamic, ...freeStatic])
  for (const port of PORTS) {
    if (free.has(port)) continue
    allocator.allocate(port)
    held.add(port)
  }
  return { allocator, held }
}

function step(allocator: NodePortAllocator, held: Set<number>, o: Op): void {
  const dynamicFree = PORTS.some((p) => isDynamic(p) && !held.has(p))
  if (o.kind === 'allocateNext') {
    if (held.size === NODE_PORT_SIZE) {
      expect(() => allocator.allocateNext()).toThrow(ERR_FULL)
      return
    }
    const port = allocator.allocateNext()
    expect(held.has(port)).toBe(false)
    expect(isDynamic(port)).toBe(dynamicFree)
    held.add(port)
  } else if (o.kind === 'allocate') {
    if (held.has(o.port)) {
      expect(() => allocator.allocate(o.port)).toThrow(new AllocationError(ERR_ALLOCATED))
    } else {
      allocator.allocate(o.port)
      held.add(o.port)
    }
  } else {
    allocator.release(o.port)
    held.delete(o.port)
  }
  expect(allocator.count).toBe(held.size)
}

describe('properties: nodeports: allocator', () => {
  it('properties: nodeports: the allocator gives each port once, the dynamic band before the static band', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.uniqueArray(fc.integer({ min: DYNAMIC_FIRST, max: LAST }), { maxLength: 4 }),
        fc.uniqueArray(fc.integer({ min: FIRST, max: DYNAMIC_FIRST - 1 }), { maxLength: 4 }),
        fc.array(op, { maxLength: 30 }),
        (seed, freeDynamic, freeStatic, ops) => {
          const { allocator, held } = nearlyFull(seed, freeDynamic, freeStatic)
          for (const o of ops) step(allocator, held, o)
          expect(PORTS.filter((p) => allocator.isAllocated(p) !== held.has(p))).toEqual([])
        },
      ),
      parameters(60),
    )
  })
})
