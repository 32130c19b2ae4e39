/**
 * kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath), the subset learners use:
 * text with {…} actions; fields `.a.b`, `['a.b']`, `..name`, `*`; `[0]`, `[-1]`, `[1:3]`,
 * `[*]`; filters `[?(@.type=="Ready")]` with == != < > <= >= or a bare path; `{range …}…{end}`;
 * quoted strings `{"\n"}`. Missing keys print nothing, as kubectl's printer allows them.
 *
 * Results print as client-go prints them: the values of one action joined by spaces, strings
 * as they are, maps and lists as compact JSON with sorted keys.
 */

export class JsonPathError extends Error {}

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'recursive'; name: string | undefined }
  | { kind: 'wildcard' }
  | { kind: 'index'; index: number }
  | { kind: 'slice'; start: number | undefined; end: number | undefined }
  | { kind: 'filter'; left: Operand; op: string | undefined; right: Operand | undefined }
  | { kind: 'root' }

type Operand = { kind: 'path'; steps: Step[] } | { kind: 'literal'; value: unknown }

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'path'; steps: Step[] }
  | { kind: 'range'; steps: Step[] }
  | { kind: 'end' }

/** A parsed template; execute() renders it against a JSON value. */
export class JsonPath {
  private readonly nodes: Node[]

  constructor(readonly template: string) {
    this.nodes = parseTemplate(template)
  }

  /** Every action's results, as FindResults gives them (a list per action). */
  results(data: unknown): unknown[][] {
    return evalNodes(this.nodes, 0, this.nodes.length, data, data)
  }

  execute(data: unknown): string {
    return this.results(data)
      .map((values) => values.map(resultText).join(' '))
      .join('')
  }
}

/** RelaxedJSONPathExpression: ".a.b" or "a.b" or "{.a.b}" all mean "{.a.b}". */
export function relaxedJsonPath(expression: string): string {
  if (expression.startsWith('{') && expression.endsWith('}')) return expression
  const inner = expression.startsWith('.') ? expression : `.${expression}`
  return `{${inner}}`
}

function parseTemplate(template: string): Node[] {
  const nodes: Node[] = []
  let i = 0
  while (i < template.length) {
    const open = template.indexOf('{', i)
    if (open < 0) {
      nodes.push({ kind: 'text', text: template.slice(i) })
      break
    }
    if (open > i) nodes.push({ kind: 'text', text: template.slice(i, open) })
    const close = findClose(template, open + 1)
    if (close < 0) throw new JsonPathError('unclosed action')
    nodes.push(parseAction(template.slice(open + 1, close).trim()))
    i = close + 1
  }
  return nodes
}

/** The "}" that ends an action, skipping quoted strings. */
function findClose(text: string, from: number): number {
  let quote: string | undefined
  for (let i = from; i < text.length; i++) {
    const c = text[i]!
    if (quote !== undefined) {
      if (c === '\\') i++
      else if (c === quote) quote = undefined
    } else if (c === '"' || c === "'") quote = c
    else if (c === '}') return i
  }
  return -1
}

function parseAction(action: string): Node {
  if (action === 'end') return { kind: 'end' }
  if (action.startsWith('range '))
    return { kind: 'range', steps: parsePath(action.slice(6).trim()) }
  if (action.startsWith('"')) return { kind: 'text', text: unquote(action) }
  return { kind: 'path', steps: parsePath(action) }
}

function unquote(text: string): string {
  try {
    return JSON.parse(text) as string
  } catch {
    throw new JsonPathError(`invalid string ${text}`)
  }
}

function parsePath(path: string): Step[] {
  const steps: Step[] = []
  let i = 0
  while (i < path.length) {
    const c = path[i]!
    if (c === '$') {
      steps.push({ kind: 'root' })
      i++
    } else if (c === '@') i++
    else if (path.startsWith('..', i)) {
      const m = /^[^.[\]\s]*/.exec(path.slice(i + 2))![0]
      steps.push({ kind: 'recursive', name: m === '' || m === '*' ? undefined : m })
      i += 2 + m.length
    } else if (c === '.') {
      const m = /^[^.[\]\s]*/.exec(path.slice(i + 1))![0]
      if (m === '*') steps.push({ kind: 'wildcard' })
      else if (m !== '') steps.push({ kind: 'field', name: m })
      i += 1 + m.length
    } else if (c === '[') {
      const close = findBracket(path, i)
      steps.push(parseBracket(path.slice(i + 1, close)))
      i = close + 1
    } else if (/\s/.test(c)) i++
    else {
      const m = /^[^.[\]\s]+/.exec(path.slice(i))![0]
      steps.push({ kind: 'field', name: m })
      i += m.length
    }
  }
  return steps
}

function findBracket(path: string, open: number): number {
  let depth = 0
  let quote: string | undefined
  for (let i = open; i < path.length; i++) {
    const c = path[i]!
    if (quote !== undefined) {
      if (c === quote) quote = undefined
    } else if (c === '"' || c === "'") quote = c
    else if (c === '[') depth++
    else if (c === ']' && --depth === 0) return i
  }
  throw new JsonPathError('unterminated array')
}

function parseBracket(inner: string): Step {
  const text = inner.trim()
  if (text === '*') return { kind: 'wildcard' }
  if (/^'.*'$|^".*"$/.test(text)) return { kind: 'field', name: text.slice(1, -1) }
  if (text.startsWith('?(') && text.endsWith(')')) return parseFilter(text.slice(2, -1).trim())
  if (/^-?\d+$/.test(text)) return { kind: 'index', index: Number(text) }
  const slice = /^(-?\d*):(-?\d*)$/.exec(text)
  if (slice !== null) {
    const bound = (s: string): number | undefined => (s === '' ? undefined : Number(s))
    return { kind: 'slice', start: bound(slice[1]!), end: bound(slice[2]!) }
  }
  throw new JsonPathError(`invalid array index ${text}`)
}

function parseFilter(expression: string): Step {
  const m = /^(.+?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(expression)
  if (m === null)
    return { kind: 'filter', left: operand(expression), op: undefined, right: undefined }
  return { kind: 'filter', left: operand(m[1]!), op: m[2]!, right: operand(m[3]!) }
}

function operand(text: string): Operand {
  const t = text.trim()
  if (t.startsWith('@') || t.startsWith('$') || t.startsWith('.'))
    return { kind: 'path', steps: parsePath(t) }
  if (/^'.*'$/.test(t)) return { kind: 'literal', value: t.slice(1, -1) }
  if (/^".*"$/.test(t)) return { kind: 'literal', value: unquote(t) }
  if (t === 'true' || t === 'false') return { kind: 'literal', value: t === 'true' }
  if (/^-?\d+(\.\d+)?$/.test(t)) return { kind: 'literal', value: Number(t) }
  return { kind: 'literal', value: t }
}

function evalNodes(nodes: Node[], from: number, to: number, root: unknown, current: unknown) {
  const results: unknown[][] = []
  for (let i = from; i < to; i++) {
    const node = nodes[i]!
    if (node.kind === 'text') results.push([node.text])
    else if (node.kind === 'path') results.push(walk([current], node.steps, root))
    else if (node.kind === 'range') {
      const end = matchingEnd(nodes, i)
      for (const item of walk([current], node.steps, root).flatMap(elements)) {
        results.push(...evalNodes(nodes, i + 1, end, root, item))
      }
      i = end
    } else throw new JsonPathError('not in range, nothing to end')
  }
  return results
}

function matchingEnd(nodes: Node[], rangeIndex: number): number {
  let depth = 0
  for (let i = rangeIndex; i < nodes.length; i++) {
    if (nodes[i]!.kind === 'range') depth++
    if (nodes[i]!.kind === 'end' && --depth === 0) return i
  }
  throw new JsonPathError('unclosed range')
}

/** What {range} iterates over: a list's items, or the value itself. */
function elements(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value]
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function walk(values: unknown[], steps: Step[], root: unknown): unknown[] {
  let current = values
  for (const step of steps) current = current.flatMap((v) => apply(step, v, root))
  return current
}

function apply(step: Step, value: unknown, root: unknown): unknown[] {
  switch (step.kind) {
    case 'root':
      return [root]
    case 'field':
      return isObject(value) && step.name in value ? [value[step.name]] : []
    case 'wildcard':
      if (Array.isArray(value)) return value
      return isObject(value)
        ? Object.keys(value)
            .sort()
            .map((k) => value[k])
        : []
    case 'index': {
      if (!Array.isArray(value)) return []
      const i = step.index < 0 ? value.length + step.index : step.index
      if (i < 0 || i >= value.length)
        throw new JsonPathError(
          `array index out of bounds: index ${step.index}, length ${value.length}`,
        )
      return [value[i]]
    }
    case 'slice': {
      if (!Array.isArray(value)) return []
      return value.slice(step.start ?? 0, step.end ?? value.length)
    }
    case 'recursive': {
      const all = descendants(value)
      if (step.name === undefined) return all
      return all.flatMap((v) => (isObject(v) && step.name! in v ? [v[step.name!]] : []))
    }
    case 'filter':
      return elements(value).filter((item) => filterMatches(step, item, root))
  }
}

function descendants(value: unknown): unknown[] {
  const children = Array.isArray(value)
    ? value
    : isObject(value)
      ? Object.keys(value)
          .sort()
          .map((k) => value[k])
      : []
  return [value, ...children.flatMap(descendants)]
}

function filterMatches(step: Extract<Step, { kind: 'filter' }>, item: unknown, root: unknown) {
  const resolve = (o: Operand): unknown[] =>
    o.kind === 'literal' ? [o.value] : walk([item], o.steps, root)
  const left = resolve(step.left)
  if (step.op === undefined || step.right === undefined) return left.length > 0
  const right = resolve(step.right)
  if (left.length === 0 || right.length === 0) return false
  const [a, b] = [left[0], right[0]]
  switch (step.op) {
    case '==':
      return a === b || String(a) === String(b)
    case '!=':
      return !(a === b || String(a) === String(b))
    case '<':
      return Number(a) < Number(b)
    case '>':
      return Number(a) > Number(b)
    case '<=':
      return Number(a) <= Number(b)
    default:
      return Number(a) >= Number(b)
  }
}

/** One result as client-go prints it: text for scalars, compact JSON for maps and lists. */
export function resultText(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return '<nil>'
  if (typeof value === 'object') return goJson(value)
  return String(value)
}

/** encoding/json's Marshal: map keys sorted, <, > and & escaped. */
export function goJson(value: unknown, indent?: string): string {
  return JSON.stringify(sortKeys(value), null, indent)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
}

/** A copy with every map's keys in Go's sorted order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (!isObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key])
  return out
}
