/**
 * Stored objects are immutable: the API server's watch fan-out shares each stored object with
 * every watcher (informer caches hold it) instead of copying it once per change, and a new
 * version of an object shares the parts it did not change with the previous one (copy on write).
 *
 * Invariants:
 * 1. deepFreeze freezes every plain object reachable from its argument, children before their
 *    parent, so a frozen object it returns is frozen all the way down; it stops at anything
 *    already frozen, so freezing a new version costs only its new parts.
 * 2. Arrays are walked but left unfrozen: V8 (Node 20) runs find, some, filter, for…of, even an
 *    indexed loop 5 to 30 times slower over a frozen array than over a plain one, and the
 *    controllers' hot paths are such loops (conditions, ownerReferences, containerStatuses).
 *    Assigning a property of a stored object still throws; pushing into one of its arrays
 *    does not, and is as forbidden.
 * 3. Nobody may mutate a stored object or any part of it; in strict mode (ES modules) assigning
 *    a property throws a TypeError instead of silently changing every cache that shares it.
 */

/** Freezes every object reachable from `value` that is not frozen yet (arrays: see 2); returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value
  if (Array.isArray(value)) {
    for (const item of value) deepFreeze(item)
    return value
  }
  for (const key in value) deepFreeze((value as Record<string, unknown>)[key])
  return Object.freeze(value)
}
