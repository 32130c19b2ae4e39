/**
 * Label selectors: the string form kubectl sends (`-l app=web,tier!=db,env in (a,b),!debug`) and
 * the structured form in objects (matchLabels + matchExpressions), with the apimachinery semantics.
 */
import type { LabelSelector } from './types'

export type Operator = '=' | '!=' | 'in' | 'notin' | 'exists' | '!'

export interface Requirement {
  key: string
  operator: Operator
  values: string[]
}

export type ParseResult = { ok: true; requirements: Requirement[] } | { ok: false; error: string }

/** Splits on commas outside parentheses. */
function splitTerms(text: string): string[] {
  const terms: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++
    else if (text[i] === ')') depth--
    else if (text[i] === ',' && depth === 0) {
      terms.push(text.slice(start, i))
      start = i + 1
    }
  }
  terms.push(text.slice(start))
  return terms.map((t) => t.trim())
}

const KEY = String.raw`[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?`
const VALUE = String.raw`([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?`

export function parseLabelSelector(text: string): ParseResult {
  if (text.trim() === '') return { ok: true, requirements: [] }
  const requirements: Requirement[] = []
  for (const term of splitTerms(text)) {
    const requirement = parseTerm(term)
    if (requirement === undefined)
      return { ok: false, error: `unable to parse requirement: ${describeBad(term)}` }
    requirements.push(requirement)
  }
  return { ok: true, requirements }
}

function describeBad(term: string): string {
  return term === ''
    ? "found '', expected: identifier"
    : `found '${term}', expected: valid label selector`
}

function parseTerm(term: string): Requirement | undefined {
  let m = new RegExp(`^!\\s*(${KEY})$`).exec(term)
  if (m) return { key: m[1]!, operator: '!', values: [] }
  m = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`).exec(term)
  if (m) return { key: m[1]!, operator: m[3] === '!=' ? '!=' : '=', values: [m[4] ?? ''] }
  m = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^)]*)\\)$`).exec(term)
  if (m) {
    const values = m[4]!.split(',').map((v) => v.trim())
    if (values.some((v) => !new RegExp(`^${VALUE}$`).test(v))) return undefined
    return { key: m[1]!, operator: m[3] as 'in' | 'notin', values }
  }
  m = new RegExp(`^(${KEY})$`).exec(term)
  if (m) return { key: m[1]!, operator: 'exists', values: [] }
  return undefined
}

export function matchesRequirement(
  labels: Record<string, string> | undefined,
  r: Requirement,
): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key)
  const value = has ? labels![r.key] : undefined
  switch (r.operator) {
    case '=':
    case 'in':
      return has && r.values.includes(value!)
    case '!=':
    case 'notin':
      return !has || !r.values.includes(value!)
    case 'exists':
      return has
    case '!':
      return !has
  }
}

export function matchesAll(
  labels: Record<string, string> | undefined,
  requirements: Requirement[],
): boolean {
  return requirements.every((r) => matchesRequirement(labels, r))
}

/** Requirements of a structured selector. An empty selector matches everything. */
export function requirementsOf(selector: LabelSelector | undefined): Requirement[] {
  if (selector === undefined) return []
  const fromLabels = Object.entries(selector.matchLabels ?? {}).map(
    ([key, value]): Requirement => ({ key, operator: '=', values: [value] }),
  )
  const fromExpressions = (selector.matchExpressions ?? []).map((e): Requirement => ({
    key: e.key,
    operator: ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as const)[
      e.operator
    ],
    values: e.values ?? [],
  }))
  return [...fromLabels, ...fromExpressions]
}

export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  return matchesAll(labels, requirementsOf(selector))
}

/** The string form, as `kubectl describe` and Scale.status.selector print it ("app=web"). */
export function formatSelector(selector: LabelSelector | undefined): string {
  return requirementsOf(selector)
    .map((r) => {
      switch (r.operator) {
        case '=':
        case '!=':
          return `${r.key}${r.operator}${r.values[0]}`
        case 'in':
        case 'notin':
          return `${r.key} ${r.operator} (${r.values.join(',')})`
        case 'exists':
          return r.key
        case '!':
          return `!${r.key}`
      }
    })
    .join(',')
}
