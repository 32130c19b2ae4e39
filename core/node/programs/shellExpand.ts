/**
 * Word expansion of the lab's `sh`: quotes, `$VAR`, `${VAR}`, `${VAR:-default}`, `$(…)` and
 * `$((…))`. Unquoted expansions are split on blanks (so `for i in $LIST` works); no globbing.
 */

export interface Expander {
  variable(name: string): string | undefined
  command(script: string): string
  arithmetic(expression: string): string
}

/** Expands one raw word into fields. With `split` false the result is a single field. */
export function expandWord(raw: string, expand: Expander, split = true): string[] {
  const fields: string[] = []
  let current = ''
  let quoted = false
  const pushSplit = (text: string): void => {
    if (!split) {
      current += text
      return
    }
    const parts = text.split(/[ \t\n]+/)
    parts.forEach((part, index) => {
      if (index > 0 && (current !== '' || quoted)) {
        fields.push(current)
        current = ''
        quoted = false
      }
      current += part
    })
  }
  let i = 0
  while (i < raw.length) {
    const c = raw[i]!
    if (c === "'") {
      const end = raw.indexOf("'", i + 1)
      current += raw.slice(i + 1, end)
      quoted = true
      i = end + 1
    } else if (c === '"') {
      const [text, end] = doubleQuoted(raw, i + 1, expand)
      current += text
      quoted = true
      i = end + 1
    } else if (c === '\\') {
      current += raw[i + 1] ?? ''
      i += 2
    } else if (c === '$') {
      const [text, end] = dollar(raw, i, expand)
      pushSplit(text)
      i = end
    } else {
      current += c
      i++
    }
  }
  if (current !== '' || quoted || !split) fields.push(current)
  return fields
}

function doubleQuoted(raw: string, start: number, expand: Expander): [string, number] {
  let out = ''
  let i = start
  while (i < raw.length && raw[i] !== '"') {
    const c = raw[i]!
    if (c === '\\' && '"\\$`'.includes(raw[i + 1] ?? '')) {
      out += raw[i + 1]
      i += 2
    } else if (c === '$') {
      const [text, end] = dollar(raw, i, expand)
      out += text
      i = end
    } else {
      out += c
      i++
    }
  }
  return [out, i]
}

/** Expands the `$…` at `start`; returns the text and the index after it. */
function dollar(raw: string, start: number, expand: Expander): [string, number] {
  const next = raw[start + 1]
  if (raw.startsWith('$((', start)) {
    const end = matching(raw, start + 1)
    return [expand.arithmetic(raw.slice(start + 3, end - 1)), end + 1]
  }
  if (next === '(') {
    const end = matching(raw, start + 1)
    return [expand.command(raw.slice(start + 2, end)), end + 1]
  }
  if (next === '{') {
    const end = raw.indexOf('}', start)
    const body = raw.slice(start + 2, end)
    const dash = body.indexOf(':-')
    if (dash >= 0) {
      const value = expand.variable(body.slice(0, dash))
      return [value === undefined || value === '' ? body.slice(dash + 2) : value, end + 1]
    }
    return [expand.variable(body) ?? '', end + 1]
  }
  const name = /^(?:[A-Za-z_][A-Za-z0-9_]*|[?$#@0-9])/.exec(raw.slice(start + 1))
  if (name === null) return ['$', start + 1]
  return [expand.variable(name[0]) ?? '', start + 1 + name[0].length]
}

/** The index of the `)` closing the `(` at `open`. */
function matching(raw: string, open: number): number {
  let depth = 0
  for (let i = open; i < raw.length; i++) {
    if (raw[i] === '(') depth++
    else if (raw[i] === ')' && --depth === 0) return i
  }
  return raw.length
}

/** Integer arithmetic of $((…)): + - * / % and parentheses, over numbers and variables. */
export function evalArithmetic(
  expression: string,
  variable: (name: string) => string | undefined,
): number {
  const tokens =
    expression.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\$[A-Za-z_][A-Za-z0-9_]*|[-+*/%()]/g) ?? []
  let pos = 0
  const atom = (): number => {
    const t = tokens[pos++]
    if (t === undefined) return 0
    if (t === '(') {
      const value = sum()
      pos++
      return value
    }
    if (t === '-') return -atom()
    if (/^\d+$/.test(t)) return Number(t)
    return Number(variable(t.replace(/^\$/, '')) ?? 0) || 0
  }
  const product = (): number => {
    let value = atom()
    while (tokens[pos] === '*' || tokens[pos] === '/' || tokens[pos] === '%') {
      const op = tokens[pos++]
      const right = atom()
      value =
        op === '*'
          ? value * right
          : right === 0
            ? 0
            : op === '/'
              ? Math.trunc(value / right)
              : value % right
    }
    return value
  }
  const sum = (): number => {
    let value = product()
    while (tokens[pos] === '+' || tokens[pos] === '-') {
      const op = tokens[pos++]
      const right = product()
      value = op === '+' ? value + right : value - right
    }
    return value
  }
  return sum()
}
