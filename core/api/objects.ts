/** Small helpers over Kubernetes objects: deep copy, deep equality, names, owners, uids. */
import type { Random } from '../random'
import type { KubeObject, OwnerReference } from './types'

/**
 * A deep copy of a JSON value. Objects crossing a component boundary are copied, never shared.
 * A plain recursive copy: several times faster than a JSON round trip, and this is a hot path.
 * Like JSON, it drops `undefined` object members.
 */
export function clone<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map((item) => clone(item) as unknown) as T
  const out: Record<string, unknown> = {}
  for (const key in value as Record<string, unknown>) {
    const member = (value as Record<string, unknown>)[key]
    if (member !== undefined) out[key] = clone(member)
  }
  return out as T
}

/**
 * A deep copy, frozen: what watches share among their watchers. Informer caches hold these, and
 * as with client-go's shared informers, nobody may mutate them (in strict mode a write throws).
 */
export function frozenClone<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value))
    return Object.freeze(value.map((item) => frozenClone(item) as unknown)) as T
  const out: Record<string, unknown> = {}
  for (const key in value as Record<string, unknown>) {
    const member = (value as Record<string, unknown>)[key]
    if (member !== undefined) out[key] = frozenClone(member)
  }
  return Object.freeze(out) as T
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bArray = b as unknown[]
    return a.length === bArray.length && a.every((item, i) => deepEqual(item, bArray[i]))
  }
  const aKeys = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined)
  const bKeys = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined)
  if (aKeys.length !== bKeys.length) return false
  return aKeys.every((k) =>
    deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  )
}

/** Two hex digits per byte value: a uid is written a byte at a time (every object has one). */
const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** Eight hex digits of a 32-bit word. */
function hexWord(n: number): string {
  return (
    HEX_BYTES[n >>> 24]! +
    HEX_BYTES[(n >>> 16) & 0xff]! +
    HEX_BYTES[(n >>> 8) & 0xff]! +
    HEX_BYTES[n & 0xff]!
  )
}

/**
 * A random version-4 UUID from a seeded stream, as the API server assigns metadata.uid: four
 * words of hex, the version nibble set to 4 and the variant's top bits to 10.
 */
export function uuid(random: Random): string {
  const a = random.nextUint32()
  const b = hexWord(random.nextUint32())
  const c = random.nextUint32()
  const d = hexWord(random.nextUint32())
  const variant = (((c >>> 28) & 0x3) | 0x8).toString(16)
  const rest = hexWord(c)
  return `${hexWord(a)}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${rest.slice(1, 4)}-${rest.slice(4)}${d}`
}

/** The characters of generated name suffixes: no vowels, no confusable 0/1/3 (FIDELITY.md §6.2). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'
const MAX_GENERATED_BASE = 58

/** generateName: base (cut to 58 characters) + 5 random characters. */
export function generateName(base: string, random: Random): string {
  const suffix = Array.from({ length: 5 }, () => random.pick([...NAME_ALPHABET])).join('')
  return `${base.slice(0, MAX_GENERATED_BASE)}${suffix}`
}

export function controllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((ref) => ref.controller === true)
}

export function ownerReference(owner: KubeObject, controller = true): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller,
    blockOwnerDeletion: true,
  }
}

/** "namespace/name", or "name" for cluster-scoped objects. */
export function objectKey(object: KubeObject): string {
  const { namespace, name } = object.metadata
  return namespace === undefined ? name! : `${namespace}/${name!}`
}
