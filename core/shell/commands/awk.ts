/**
 * A small awk: enough for the one-liners of lab instructions and everyday kubectl work —
 * `awk '{print $1}'`, `awk -F: '{print $2}'`, `awk 'NR>1 {print $1, $3}'`,
 * `awk '$3 == "Running" {print $1}'`, `awk '/web/ {print $NF}'`, `awk 'END {print NR}'`.
 *
 * Programs are rules `pattern { print expr, … }` (pattern optional, BEGIN and END allowed).
 * Expressions: fields ($1, $NF, $(NF-1)), NR, NF, strings, numbers, concatenation by
 * juxtaposition, + - * /, comparisons, ~ and !~ with /regex/, && || !. Anything else is a
 * syntax error in awk's own words (mawk, Ubuntu's default awk).
 */
import type { ShellCommand } from '../command'
import { linesOf, readInputs } from './input'
import { parseOptions } from './options'

type Expr =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'regex'; v: RegExp }
  | { t: 'field'; e: Expr }
  | { t: 'var'; name: string }
  | { t: 'un'; op: '!' | '-'; e: Expr }
  | { t: 'bin'; op: string; a: Expr; b: Expr }
  | { t: 'concat'; parts: Expr[] }

interface Rule {
  pattern: Expr | 'BEGIN' | 'END' | undefined
  /** The print lists of the action; an empty list prints $0; undefined action prints $0. */
  prints: Expr[][] | undefined
}

class AwkSyntaxError extends Error {}

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?)|"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_]*)|(\/(?:[^/\\\n]|\\.)*\/)|(==|!=|>=|<=|&&|\|\||!~|[-+*/%<>!~(){},;$]))/y

function tokenize(program: string): string[] {
  const tokens: string[] = []
  TOKEN.lastIndex = 0
  let pos = 0
  while (pos < program.length) {
    if (/^\s*$/.test(program.slice(pos))) break
    TOKEN.lastIndex = pos
    const m = TOKEN.exec(program)
    if (m === null) throw new AwkSyntaxError(program.slice(pos).trim()[0] ?? '')
    tokens.push(m[0].trim())
    pos = TOKEN.lastIndex
  }
  return tokens
}

class Parser {
  private i = 0
  constructor(private readonly tokens: string[]) {}

  program(): Rule[] {
    const rules: Rule[] = []
    while (this.i < this.tokens.length) {
      if (this.peek() === ';') {
        this.i++
        continue
      }
      let pattern: Rule['pattern']
      if (this.peek() === 'BEGIN' || this.peek() === 'END') pattern = this.next() as 'BEGIN' | 'END'
      else if (this.peek() !== '{') pattern = this.expr()
      let prints: Rule['prints']
      if (this.peek() === '{') {
        this.i++
        prints = []
        while (this.peek() !== '}') {
          if (this.peek() === undefined) throw new AwkSyntaxError('end of file')
          if (this.peek() === ';') {
            this.i++
            continue
          }
          if (this.next() !== 'print') throw new AwkSyntaxError(this.tokens[this.i - 1]!)
          const list: Expr[] = []
          while (this.peek() !== undefined && this.peek() !== ';' && this.peek() !== '}') {
            list.push(this.expr())
            if (this.peek() === ',') this.i++
          }
          prints.push(list)
        }
        this.i++
      }
      rules.push({ pattern, prints })
    }
    return rules
  }

  private peek(): string | undefined {
    return this.tokens[this.i]
  }

  private next(): string {
    const token = this.tokens[this.i++]
    if (token === undefined) throw new AwkSyntaxError('end of file')
    return token
  }

  private expr(): Expr {
    return this.binary(0)
  }

  private static readonly LEVELS = [
    ['||'],
    ['&&'],
    ['~', '!~'],
    ['==', '!=', '<', '>', '<=', '>='],
    ['concat'],
    ['+', '-'],
    ['*', '/', '%'],
  ]

  private binary(level: number): Expr {
    if (level >= Parser.LEVELS.length) return this.unary()
    const ops = Parser.LEVELS[level]!
    if (ops[0] === 'concat') {
      const parts = [this.binary(level + 1)]
      while (this.startsOperand()) parts.push(this.binary(level + 1))
      return parts.length === 1 ? parts[0]! : { t: 'concat', parts }
    }
    let left = this.binary(level + 1)
    while (this.peek() !== undefined && ops.includes(this.peek()!)) {
      const op = this.next()
      left = { t: 'bin', op, a: left, b: this.binary(level + 1) }
    }
    return left
  }

  private startsOperand(): boolean {
    const token = this.peek()
    if (token === undefined) return false
    return (
      /^[\d"$(!A-Za-z_/]/.test(token) &&
      !['in', 'print'].includes(token) &&
      token !== '!=' &&
      token !== '!~'
    )
  }

  private unary(): Expr {
    const token = this.next()
    if (token === '!' || token === '-') return { t: 'un', op: token, e: this.unary() }
    if (token === '$') return { t: 'field', e: this.primaryAfterDollar() }
    if (token === '(') {
      const e = this.expr()
      if (this.next() !== ')') throw new AwkSyntaxError(this.tokens[this.i - 1]!)
      return e
    }
    if (/^\d/.test(token)) return { t: 'num', v: Number(token) }
    if (token.startsWith('"')) return { t: 'str', v: unescape(token.slice(1, -1)) }
    if (token.startsWith('/')) return { t: 'regex', v: new RegExp(token.slice(1, -1)) }
    if (/^[A-Za-z_]/.test(token)) return { t: 'var', name: token }
    throw new AwkSyntaxError(token)
  }

  private primaryAfterDollar(): Expr {
    const token = this.next()
    if (/^\d/.test(token)) return { t: 'num', v: Number(token) }
    if (/^[A-Za-z_]/.test(token)) return { t: 'var', name: token }
    if (token === '(') {
      const e = this.expr()
      if (this.next() !== ')') throw new AwkSyntaxError(this.tokens[this.i - 1]!)
      return e
    }
    throw new AwkSyntaxError(token)
  }
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c)
}

interface Record_ {
  line: string
  fields: string[]
  nr: number
}

function evaluate(e: Expr, r: Record_, vars: Map<string, string | number>): string | number {
  switch (e.t) {
    case 'num':
    case 'str':
      return e.v
    case 'regex':
      return e.v.test(r.line) ? 1 : 0
    case 'var':
      if (e.name === 'NR') return r.nr
      if (e.name === 'NF') return r.fields.length
      return vars.get(e.name) ?? ''
    case 'field': {
      const n = Number(evaluate(e.e, r, vars))
      return n === 0 ? r.line : (r.fields[n - 1] ?? '')
    }
    case 'un': {
      const v = evaluate(e.e, r, vars)
      return e.op === '!' ? (truthy(v) ? 0 : 1) : -toNumber(v)
    }
    case 'concat':
      return e.parts.map((p) => String(evaluate(p, r, vars))).join('')
    case 'bin': {
      if (e.op === '&&')
        return truthy(evaluate(e.a, r, vars)) && truthy(evaluate(e.b, r, vars)) ? 1 : 0
      if (e.op === '||')
        return truthy(evaluate(e.a, r, vars)) || truthy(evaluate(e.b, r, vars)) ? 1 : 0
      const a = evaluate(e.a, r, vars)
      if (e.op === '~' || e.op === '!~') {
        const regex = e.b.t === 'regex' ? e.b.v : new RegExp(String(evaluate(e.b, r, vars)))
        return regex.test(String(a)) === (e.op === '~') ? 1 : 0
      }
      const b = evaluate(e.b, r, vars)
      switch (e.op) {
        case '+':
          return toNumber(a) + toNumber(b)
        case '-':
          return toNumber(a) - toNumber(b)
        case '*':
          return toNumber(a) * toNumber(b)
        case '/':
          return toNumber(a) / toNumber(b)
        case '%':
          return toNumber(a) % toNumber(b)
      }
      // Comparisons are numeric when both sides look like numbers, as awk's strnum rule.
      const numeric = looksNumeric(a) && looksNumeric(b)
      const [x, y] = numeric ? [toNumber(a), toNumber(b)] : [String(a), String(b)]
      const result = {
        '==': x === y,
        '!=': x !== y,
        '<': x < y,
        '>': x > y,
        '<=': x <= y,
        '>=': x >= y,
      }[e.op]
      return result ? 1 : 0
    }
  }
}

function looksNumeric(v: string | number): boolean {
  return typeof v === 'number' || /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)
}

function toNumber(v: string | number): number {
  return typeof v === 'number' ? v : parseFloat(v) || 0
}

function truthy(v: string | number): boolean {
  return typeof v === 'number' ? v !== 0 : v !== '' && !(looksNumeric(v) && toNumber(v) === 0)
}

export const awk: ShellCommand = {
  name: 'awk',
  run(args, context, io) {
    const options = parseOptions('awk', args, { flags: '', withValue: 'Fv' })
    if ('error' in options || options.operands.length === 0) {
      io.err("usage: awk [-F value] [-v var=value] [--] 'program text' [file ...]\n")
      return 2
    }
    const [program, ...files] = options.operands as [string, ...string[]]
    let rules: Rule[]
    try {
      rules = new Parser(tokenize(program)).program()
    } catch (error) {
      if (!(error instanceof AwkSyntaxError) && !(error instanceof SyntaxError)) throw error
      io.err(`awk: line 1: syntax error at or near ${error.message}\n`)
      return 2
    }
    const vars = new Map<string, string | number>()
    const assignment = options.values.get('v')
    if (assignment?.includes('='))
      vars.set(
        assignment.slice(0, assignment.indexOf('=')),
        assignment.slice(assignment.indexOf('=') + 1),
      )
    const fs = options.values.get('F')
    const split = (line: string): string[] =>
      fs === undefined || fs === ' '
        ? line.trim().split(/\s+/).filter(Boolean)
        : line.split(fs.length === 1 ? fs : new RegExp(fs))
    const { inputs, failed } = readInputs('awk', files, context, io)
    const run = (phase: Rule['pattern'] | 'MAIN', record: Record_): void => {
      for (const rule of rules) {
        const isPhase = rule.pattern === 'BEGIN' || rule.pattern === 'END'
        if (phase === 'MAIN' ? isPhase : rule.pattern !== phase) continue
        if (
          phase === 'MAIN' &&
          rule.pattern !== undefined &&
          !truthy(evaluate(rule.pattern as Expr, record, vars))
        )
          continue
        for (const list of rule.prints ?? [[]]) {
          const values =
            list.length === 0 ? [record.line] : list.map((e) => String(evaluate(e, record, vars)))
          io.out(`${values.join(' ')}\n`)
        }
      }
    }
    let nr = 0
    let last: Record_ = { line: '', fields: [], nr: 0 }
    run('BEGIN', last)
    for (const line of inputs.flatMap((i) => linesOf(i.text))) {
      last = { line, fields: split(line), nr: ++nr }
      run('MAIN', last)
    }
    run('END', { ...last, nr })
    return failed ? 2 : 0
  },
}
