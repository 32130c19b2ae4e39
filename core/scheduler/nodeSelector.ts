/**
 * Node selection terms compiled once per pod (component-helpers nodeaffinity): the pod's
 * nodeSelector and required node affinity for Filter, its preferred terms for Score.
 *
 * Invariants:
 * 1. nodeSelector and required affinity are ANDed; the required terms are ORed; the
 *    requirements within a term are ANDed.
 * 2. A term with no requirements matches no node (an empty NodeSelectorTerm selects nothing).
 * 3. matchFields supports `metadata.name` only, as the real API validation allows.
 */
import type { NodeSelectorRequirement, NodeSelectorTerm, PodSpec } from '../api/types'

export interface NodeLike {
  readonly name: string
  readonly labels: Readonly<Record<string, string>>
}

interface CompiledTerm {
  expressions: readonly NodeSelectorRequirement[]
  fields: readonly NodeSelectorRequirement[]
}

export interface RequiredNodeAffinity {
  /** nodeSelector as key/value pairs. */
  readonly selector: readonly (readonly [string, string])[]
  /** Required terms, or undefined when the pod has no required node affinity. */
  readonly terms: readonly CompiledTerm[] | undefined
}

export interface PreferredTerm {
  readonly weight: number
  readonly term: CompiledTerm
}

function compile(term: NodeSelectorTerm): CompiledTerm {
  return { expressions: term.matchExpressions ?? [], fields: term.matchFields ?? [] }
}

/** GetRequiredNodeAffinity; undefined when the pod constrains nothing. */
export function requiredNodeAffinity(spec: PodSpec): RequiredNodeAffinity | undefined {
  const selector = Object.entries(spec.nodeSelector ?? {})
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  if (selector.length === 0 && required === undefined) return undefined
  return { selector, terms: required?.nodeSelectorTerms.map(compile) }
}

export function preferredTerms(spec: PodSpec): PreferredTerm[] {
  const preferred = spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution
  return (preferred ?? [])
    .filter((p) => p.weight !== 0)
    .map((p) => ({ weight: p.weight, term: compile(p.preference) }))
}

function matchesRequirement(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? []
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value)
    case 'NotIn':
      return value === undefined || !values.includes(value)
    case 'Exists':
      return value !== undefined
    case 'DoesNotExist':
      return value === undefined
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1) return false
      const have = Number.parseInt(value, 10)
      const want = Number.parseInt(values[0]!, 10)
      if (Number.isNaN(have) || Number.isNaN(want)) return false
      return r.operator === 'Gt' ? have > want : have < want
    }
    default:
      return false
  }
}

export function termMatches(term: CompiledTerm, node: NodeLike): boolean {
  if (term.expressions.length === 0 && term.fields.length === 0) return false
  for (const r of term.expressions) {
    const value = Object.prototype.hasOwnProperty.call(node.labels, r.key)
      ? node.labels[r.key]
      : undefined
    if (!matchesRequirement(r, value)) return false
  }
  for (const r of term.fields) {
    if (r.key !== 'metadata.name' || !matchesRequirement(r, node.name)) return false
  }
  return true
}

export function matchesRequired(required: RequiredNodeAffinity, node: NodeLike): boolean {
  for (const [key, value] of required.selector) if (node.labels[key] !== value) return false
  if (required.terms === undefined) return true
  for (const term of required.terms) if (termMatches(term, node)) return true
  return false
}

/**
 * The node names a pod's required affinity pins it to through `matchFields metadata.name In`
 * (how DaemonSet pods target their node), or undefined when some term allows any node.
 */
export function requiredNodeNames(
  required: RequiredNodeAffinity | undefined,
): Set<string> | undefined {
  if (required?.terms === undefined) return undefined
  let names: Set<string> | undefined
  for (const term of required.terms) {
    let termNames: Set<string> | undefined
    for (const r of term.fields) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue
      const values = new Set(r.values ?? [])
      termNames =
        termNames === undefined ? values : new Set([...termNames].filter((n) => values.has(n)))
    }
    if (termNames === undefined) return undefined
    names = new Set([...(names ?? []), ...termNames])
  }
  return names
}
