/**
 * A small path syntax into an object, for the `field` predicate:
 *   spec.nodeName                          a field
 *   spec.containers[0].image               an array item by index
 *   status.conditions[type=Ready].status   the first array item whose field has that value
 *   metadata.labels["app.kubernetes.io/name"]   a key with dots or slashes, quoted
 */
export type PathPart =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'match'; key: string; value: string }

export function parseFieldPath(text: string): PathPart[] | string {
  const parts: PathPart[] = []
  const token =
    /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[([\w.-]+)=([^\]]*)\]|\["([^"]+)"\]|\['([^']+)'\]/y
  let at = 0
  while (at < text.length) {
    token.lastIndex = at
    const m = token.exec(text)
    if (
      m === null ||
      (at === 0 && m[0].startsWith('.')) ||
      (at > 0 && m[1] !== undefined && !m[0].startsWith('.'))
    )
      return `cannot read the path "${text}" at character ${at + 1}`
    if (m[1] !== undefined) parts.push({ kind: 'key', key: m[1] })
    else if (m[2] !== undefined) parts.push({ kind: 'index', index: Number(m[2]) })
    else if (m[3] !== undefined) parts.push({ kind: 'match', key: m[3], value: m[4]! })
    else parts.push({ kind: 'key', key: m[5] ?? m[6]! })
    at = token.lastIndex
  }
  return parts.length === 0 ? 'the path is empty' : parts
}

/** The value at the path, or undefined when any part is missing. */
export function readFieldPath(object: unknown, parts: readonly PathPart[]): unknown {
  let value: unknown = object
  for (const part of parts) {
    if (value === null || typeof value !== 'object') return undefined
    if (part.kind === 'key') value = (value as Record<string, unknown>)[part.key]
    else if (!Array.isArray(value)) return undefined
    else if (part.kind === 'index') value = value[part.index]
    else
      value = value.find(
        (item: unknown) =>
          item !== null &&
          typeof item === 'object' &&
          String((item as Record<string, unknown>)[part.key]) === part.value,
      )
  }
  return value
}
