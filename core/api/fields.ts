/**
 * Field selectors (`--field-selector spec.nodeName=worker-1,status.phase!=Running`). Each
 * resource supports a fixed set of fields; others are refused as the API server refuses them.
 */
import type { KubeObject } from './types'

export interface FieldRequirement {
  field: string
  operator: '=' | '!='
  value: string
}

export type FieldParseResult =
  { ok: true; requirements: FieldRequirement[] } | { ok: false; error: string }

export function parseFieldSelector(text: string): FieldParseResult {
  if (text.trim() === '') return { ok: true, requirements: [] }
  const requirements: FieldRequirement[] = []
  for (const term of text.split(',')) {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(term)
    if (m === null)
      return { ok: false, error: `invalid selector: '${text}'; can't understand '${term}'` }
    requirements.push({ field: m[1]!, operator: m[2] === '!=' ? '!=' : '=', value: m[3]! })
  }
  return { ok: true, requirements }
}

/** Reads a dotted path such as `spec.nodeName` or `involvedObject.uid` from an object. */
export function fieldValue(object: KubeObject, path: string): string {
  let current: unknown = object
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return ''
    current = (current as Record<string, unknown>)[part]
  }
  return current === undefined || current === null ? '' : String(current)
}

export function matchesFields(object: KubeObject, requirements: FieldRequirement[]): boolean {
  return requirements.every(
    (r) => (fieldValue(object, r.field) === r.value) === (r.operator === '='),
  )
}
