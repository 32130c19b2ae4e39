/**
 * The parser of the lab's `sh` (busybox ash, as the busybox and alpine images run it): enough
 * of the POSIX grammar for the scripts pods really run — `a; b`, `a && b || c`, assignments,
 * `while`/`until`/`for`/`if`, redirections to files — and nothing more. Words stay raw (quotes
 * and `$…` kept) and are expanded when they run, as a shell does.
 */

export type Redirect = { fd: 1 | 2; append: boolean; target: string } | { fd: 2; toStdout: true }

export type ShellNode =
  | { kind: 'simple'; assigns: string[]; words: string[]; redirects: Redirect[] }
  | { kind: 'list'; items: { node: ShellNode; op: ';' | '&&' | '||' }[] }
  | { kind: 'loop'; until: boolean; cond: ShellNode; body: ShellNode }
  | { kind: 'for'; name: string; words: string[]; body: ShellNode }
  | { kind: 'if'; branches: { cond: ShellNode; body: ShellNode }[]; otherwise?: ShellNode }
  | { kind: 'not'; node: ShellNode }

export class ShellSyntaxError extends Error {}

type Token = { op: string } | { word: string }

const OPERATORS = ['&&', '||', '>>', '2>&1', '2>>', '2>', ';', '\n', '>', '|', '&', '(', ')']
const RESERVED = new Set(['do', 'done', 'then', 'fi', 'elif', 'else', 'in', 'esac'])

/** Splits a script into words (raw, quotes kept) and operators. */
export function tokenize(script: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < script.length) {
    const c = script[i]!
    if (c === ' ' || c === '\t' || c === '\r') {
      i++
      continue
    }
    if (c === '#') {
      while (i < script.length && script[i] !== '\n') i++
      continue
    }
    if (c === '\\' && script[i + 1] === '\n') {
      i += 2
      continue
    }
    const op = OPERATORS.find((o) => script.startsWith(o, i))
    if (op !== undefined) {
      tokens.push({ op })
      i += op.length
      continue
    }
    const end = wordEnd(script, i)
    tokens.push({ word: script.slice(i, end) })
    i = end
  }
  return tokens
}

/** The end of the word starting at `start`: unquoted blank or operator, outside $(…). */
function wordEnd(script: string, start: number): number {
  let i = start
  let depth = 0
  while (i < script.length) {
    const c = script[i]!
    if (c === '\\') i += 2
    else if (c === "'") i = closing(script, i, "'")
    else if (c === '"') i = closing(script, i, '"')
    else if (c === '$' && script[i + 1] === '(') {
      depth++
      i += 2
    } else if (c === '(' && depth > 0) {
      depth++
      i++
    } else if (c === ')' && depth > 0) {
      depth--
      i++
    } else if (depth === 0 && /[\s;&|<>()]/.test(c)) break
    else i++
  }
  return Math.min(i, script.length)
}

function closing(script: string, i: number, quote: string): number {
  let j = i + 1
  while (j < script.length && script[j] !== quote) j += script[j] === '\\' && quote === '"' ? 2 : 1
  if (j >= script.length) throw new ShellSyntaxError('unterminated quoted string')
  return j + 1
}

/** Parses a script into a tree. */
export function parse(script: string): ShellNode {
  const parser = new Parser(tokenize(script))
  const node = parser.list([])
  if (!parser.done) throw new ShellSyntaxError(`syntax error: unexpected "${parser.peekText()}"`)
  return node
}

class Parser {
  private pos = 0
  constructor(private readonly tokens: Token[]) {}

  get done(): boolean {
    return this.pos >= this.tokens.length
  }

  peekText(): string {
    const t = this.tokens[this.pos]
    return t === undefined ? 'end of file' : 'op' in t ? t.op : t.word
  }

  /** Commands separated by ; newline && ||, up to one of the `stop` words. */
  list(stop: string[]): ShellNode {
    const items: { node: ShellNode; op: ';' | '&&' | '||' }[] = []
    let op: ';' | '&&' | '||' = ';'
    for (;;) {
      this.skipSeparators()
      if (this.done || this.atWord(stop) || this.atOp(')')) break
      items.push({ node: this.command(), op })
      const t = this.tokens[this.pos]
      if (t !== undefined && 'op' in t && (t.op === '&&' || t.op === '||')) {
        op = t.op
        this.pos++
        continue
      }
      op = ';'
      if (t !== undefined && 'op' in t && (t.op === ';' || t.op === '\n' || t.op === '&')) continue
      break
    }
    return { kind: 'list', items }
  }

  private command(): ShellNode {
    if (this.atWord(['!'])) {
      this.pos++
      return { kind: 'not', node: this.command() }
    }
    if (this.atWord(['while', 'until'])) return this.loop()
    if (this.atWord(['for'])) return this.forLoop()
    if (this.atWord(['if'])) return this.ifClause()
    if (this.atOp('|')) throw new ShellSyntaxError('syntax error: unexpected "|"')
    return this.simple()
  }

  private loop(): ShellNode {
    const until = this.word() === 'until'
    const cond = this.list(['do'])
    this.expect('do')
    const body = this.list(['done'])
    this.expect('done')
    return { kind: 'loop', until, cond, body }
  }

  private forLoop(): ShellNode {
    this.word()
    const name = this.word()
    const words: string[] = []
    this.skipSeparators()
    if (this.atWord(['in'])) {
      this.pos++
      while (!this.done && !this.atOp(';') && !this.atOp('\n')) words.push(this.word())
    } else words.push('"$@"')
    this.skipSeparators()
    this.expect('do')
    const body = this.list(['done'])
    this.expect('done')
    return { kind: 'for', name, words, body }
  }

  private ifClause(): ShellNode {
    this.word()
    const branches: { cond: ShellNode; body: ShellNode }[] = []
    let otherwise: ShellNode | undefined
    for (;;) {
      const cond = this.list(['then'])
      this.expect('then')
      branches.push({ cond, body: this.list(['elif', 'else', 'fi']) })
      const next = this.word()
      if (next === 'elif') continue
      if (next === 'else') {
        otherwise = this.list(['fi'])
        this.expect('fi')
      } else if (next !== 'fi') throw new ShellSyntaxError(`syntax error: unexpected "${next}"`)
      break
    }
    return { kind: 'if', branches, ...(otherwise === undefined ? {} : { otherwise }) }
  }

  private simple(): ShellNode {
    const assigns: string[] = []
    const words: string[] = []
    const redirects: Redirect[] = []
    for (;;) {
      const t = this.tokens[this.pos]
      if (t === undefined) break
      if ('op' in t) {
        if (t.op === '2>&1') redirects.push({ fd: 2, toStdout: true })
        else if (t.op === '>' || t.op === '>>' || t.op === '2>' || t.op === '2>>') {
          this.pos++
          const target = this.word()
          redirects.push({ fd: t.op.startsWith('2') ? 2 : 1, append: t.op.endsWith('>>'), target })
          continue
        } else break
        this.pos++
        continue
      }
      if (words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t.word)) assigns.push(t.word)
      else if (words.length === 0 && RESERVED.has(t.word)) break
      else words.push(t.word)
      this.pos++
    }
    if (words.length === 0 && assigns.length === 0 && redirects.length === 0) {
      throw new ShellSyntaxError(`syntax error: unexpected "${this.peekText()}"`)
    }
    return { kind: 'simple', assigns, words, redirects }
  }

  private skipSeparators(): void {
    while (this.atOp(';') || this.atOp('\n')) this.pos++
  }

  private atWord(words: string[]): boolean {
    const t = this.tokens[this.pos]
    return t !== undefined && 'word' in t && words.includes(t.word)
  }

  private atOp(op: string): boolean {
    const t = this.tokens[this.pos]
    return t !== undefined && 'op' in t && t.op === op
  }

  private word(): string {
    const t = this.tokens[this.pos]
    if (t === undefined || !('word' in t)) {
      throw new ShellSyntaxError(`syntax error: unexpected "${this.peekText()}"`)
    }
    this.pos++
    return t.word
  }

  private expect(word: string): void {
    if (!this.atWord([word]))
      throw new ShellSyntaxError(
        `syntax error: unexpected "${this.peekText()}" (expecting "${word}")`,
      )
    this.pos++
  }
}
