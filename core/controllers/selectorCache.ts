/**
 * Label selectors compiled once: a LabelSelector's requirements are worked out when it is first
 * matched, not again for every object it is matched against. Informer caches hold frozen objects,
 * so a selector from the cache never changes and may be remembered by identity; any other
 * selector is compiled afresh.
 */
import { matchesAll, requirementsOf } from '../api/labels'
import type { LabelSelector } from '../api/types'

/** `labels` → does the selector pick them? (apimachinery semantics, as selectorMatches) */
export type CompiledSelector = (labels: Record<string, string> | undefined) => boolean

const compiled = new WeakMap<LabelSelector, CompiledSelector>()

export function compiledSelector(selector: LabelSelector | undefined): CompiledSelector {
  if (selector === undefined) return () => true
  const known = compiled.get(selector)
  if (known !== undefined) return known
  const requirements = requirementsOf(selector)
  const matches: CompiledSelector = (labels) => matchesAll(labels, requirements)
  if (Object.isFrozen(selector)) compiled.set(selector, matches)
  return matches
}
