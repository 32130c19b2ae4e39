/**
 * bash's $(( … )) for integers: + - * / % ** , comparisons (1 or 0), parentheses, unary minus,
 * and variables by name (`$((COUNT + 1))` or `$((COUNT+1))`). Division truncates as in C.
 */
import type { Frame } from './interpreter'

const TOKEN =
  /\s*(\d+|[A-Za-z_][A-Za-z0-9_]*|\$[A-Za-z_][A-Za-z0-9_]*|\*\*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!])/y

/** The value, or undefined for a syntax error (or division by zero). */
export function arithmetic(source: string, frame: Frame): number | undefined {
  const tokens: string[] = []
  TOKEN.lastIndex = 0
  let pos = 0
  while (!/^\s*$/.test(source.slice(pos))) {
    TOKEN.lastIndex = pos
    const m = TOKEN.exec(source)
    if (m === null) return undefined
    tokens.push(m[1]!)
    pos = TOKEN.lastIndex
  }
  let i = 0
  const value = (name: string): number =>
    Math.trunc(Number(frame.vars.get(name.replace(/^\$/, '')) ?? 0) || 0)
  const LEVELS = [
    ['||'],
    ['&&'],
    ['==', '!='],
    ['<', '>', '<=', '>='],
    ['+', '-'],
    ['*', '/', '%'],
    ['**'],
  ]
  const apply = (op: string, a: number, b: number): number => {
    switch (op) {
      case '||':
        return a !== 0 || b !== 0 ? 1 : 0
      case '&&':
        return a !== 0 && b !== 0 ? 1 : 0
      case '==':
        return a === b ? 1 : 0
      case '!=':
        return a !== b ? 1 : 0
      case '<':
        return a < b ? 1 : 0
      case '>':
        return a > b ? 1 : 0
      case '<=':
        return a <= b ? 1 : 0
      case '>=':
        return a >= b ? 1 : 0
      case '+':
        return a + b
      case '-':
        return a - b
      case '*':
        return a * b
      case '**':
        return a ** b
      case '/':
      case '%':
        if (b === 0) throw new RangeError('division by 0')
        return op === '/' ? Math.trunc(a / b) : a % b
    }
    throw new RangeError(op)
  }
  const level = (n: number): number => {
    if (n >= LEVELS.length) return unary()
    let left = level(n + 1)
    while (i < tokens.length && LEVELS[n]!.includes(tokens[i]!)) {
      const op = tokens[i++]!
      left = apply(op, left, level(n + 1))
    }
    return left
  }
  const unary = (): number => {
    const token = tokens[i++]
    if (token === undefined) throw new RangeError('end')
    if (token === '-') return -unary()
    if (token === '+') return unary()
    if (token === '!') return unary() === 0 ? 1 : 0
    if (token === '(') {
      const v = level(0)
      if (tokens[i++] !== ')') throw new RangeError(')')
      return v
    }
    if (/^\d/.test(token)) return Number(token)
    if (/^\$?[A-Za-z_]/.test(token)) return value(token)
    throw new RangeError(token)
  }
  try {
    const result = level(0)
    return i === tokens.length ? result : undefined
  } catch {
    return undefined
  }
}
