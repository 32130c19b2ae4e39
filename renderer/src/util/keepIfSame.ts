/**
 * `previous` when `next` holds the very same items in the same order, else `next`. A list
 * rebuilt on every change (the pods of one node, the components of one machine) then keeps its
 * identity while its content does not change, and Vue skips the components it is a prop of.
 */
export function keepIfSame<T>(
  previous: readonly T[] | undefined,
  next: readonly T[],
): readonly T[] {
  if (previous === undefined || previous.length !== next.length) return next
  for (let i = 0; i < next.length; i++) if (previous[i] !== next[i]) return next
  return previous
}
