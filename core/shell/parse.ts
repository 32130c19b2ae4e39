/**
 * The part of bash's grammar a learner meets in lab instructions, parsed into a small tree:
 * lists (`;`, newlines, `&&`, `||`), pipelines (`|`, `!`), simple commands with assignments
 * (`A=1 cmd`), redirections (`>`, `>>`, `<`, `2>`, `2>&1`, `&>`, heredocs `<<EOF` and `<<-EOF`),
 * and words made of literal text, single and double quotes, `$VAR`, `${VAR}`, `$?`, `$(…)` and
 * backquotes.
 *
 * The parser reports three outcomes, as an interactive bash does: a tree; "incomplete" (an open
 * quote, a heredoc without its end line, a trailing `|` or `&&`: the terminal asks for more with
 * "> "); or a syntax error with bash's own text.
 */

export type WordPart =
  | { kind: 'text'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; quoted: boolean }
  | { kind: 'command'; source: string; quoted: boolean }
  | { kind: 'arithmetic'; source: string; quoted: boolean }

export type Word = WordPart[]

export type Redirect =
  | { fd: 0 | 1 | 2; op: '<' | '>' | '>>'; target: Word }
  /** `2>&1` (to 1) or `>&2` (1 to 2). */
  | { fd: 1 | 2; op: 'dup'; to: 1 | 2 }
  /** `&>file`: both streams to one file. */
  | { fd: 'both'; op: '>' | '>>'; target: Word }
  | { fd: 0; op: 'heredoc'; body: string; expand: boolean }

export interface SimpleCommand {
  assignments: { name: string; value: Word }[]
  words: Word[]
  redirects: Redirect[]
}

export interface Pipeline {
  negate: boolean
  commands: SimpleCommand[]
}

export interface AndOr {
  first: Pipeline
  rest: { op: '&&' | '||'; pipeline: Pipeline }[]
}

export type Script = AndOr[]

export type ParseResult =
  | { ok: true; script: Script }
  | { ok: false; incomplete: true }
  | { ok: false; incomplete: false; error: string }

class Incomplete extends Error {}
class SyntaxError_ extends Error {}

const OPERATOR_CHARS = new Set(['|', '&', ';', '<', '>', '(', ')'])
const BLANKS = new Set([' ', '\t'])

export function parseScript(source: string): ParseResult {
  try {
    return { ok: true, script: new Parser(source).script() }
  } catch (error) {
    if (error instanceof Incomplete) return { ok: false, incomplete: true }
    if (error instanceof SyntaxError_) return { ok: false, incomplete: false, error: error.message }
    throw error
  }
}

type Token =
  | { type: 'word'; word: Word; raw: string }
  | { type: 'op'; op: string }
  | { type: 'newline' }
  | { type: 'end' }

interface PendingHeredoc {
  delimiter: string
  stripTabs: boolean
  redirect: { body: string }
}

class Parser {
  private pos = 0
  private readonly pendingHeredocs: PendingHeredoc[] = []
  private peeked: Token | undefined

  constructor(private readonly src: string) {}

  script(): Script {
    const script: Script = []
    for (;;) {
      this.skipNewlines()
      if (this.peek().type === 'end') return script
      script.push(this.andOr())
      const next = this.peek()
      if (next.type === 'op' && (next.op === ';' || next.op === '&')) {
        this.take()
        continue
      }
      if (next.type === 'newline' || next.type === 'end') continue
      throw this.unexpected(next)
    }
  }

  private andOr(): AndOr {
    const first = this.pipeline()
    const rest: AndOr['rest'] = []
    for (;;) {
      const next = this.peek()
      if (next.type !== 'op' || (next.op !== '&&' && next.op !== '||')) return { first, rest }
      this.take()
      this.skipNewlines(true)
      rest.push({ op: next.op, pipeline: this.pipeline() })
    }
  }

  private pipeline(): Pipeline {
    let negate = false
    const first = this.peek()
    if (first.type === 'word' && first.raw === '!') {
      this.take()
      negate = true
    }
    const commands = [this.simpleCommand()]
    for (;;) {
      const next = this.peek()
      if (next.type !== 'op' || next.op !== '|') return { negate, commands }
      this.take()
      this.skipNewlines(true)
      commands.push(this.simpleCommand())
    }
  }

  private simpleCommand(): SimpleCommand {
    const command: SimpleCommand = { assignments: [], words: [], redirects: [] }
    for (;;) {
      const token = this.peek()
      if (token.type === 'word') {
        this.take()
        const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(token.raw)
        if (assignment && command.words.length === 0) {
          command.assignments.push({
            name: assignment[1]!,
            value: dropPrefix(token.word, assignment[0].length),
          })
        } else command.words.push(token.word)
        continue
      }
      if (token.type === 'op' && isRedirect(token.op)) {
        this.take()
        command.redirects.push(this.redirect(token.op))
        continue
      }
      break
    }
    if (
      command.words.length === 0 &&
      command.assignments.length === 0 &&
      command.redirects.length === 0
    )
      throw this.unexpected(this.peek())
    return command
  }

  private redirect(op: string): Redirect {
    if (op === '2>&1') return { fd: 2, op: 'dup', to: 1 }
    if (op === '>&2' || op === '1>&2') return { fd: 1, op: 'dup', to: 2 }
    if (op === '<<' || op === '<<-') {
      const target = this.take()
      if (target.type !== 'word') throw this.unexpected(target)
      const quoted = target.word.some((p) => p.kind === 'text' && p.quoted)
      const redirect = { fd: 0 as const, op: 'heredoc' as const, body: '', expand: !quoted }
      this.pendingHeredocs.push({
        delimiter: target.word.map((p) => (p.kind === 'text' ? p.text : '')).join(''),
        stripTabs: op === '<<-',
        redirect,
      })
      return redirect
    }
    const target = this.take()
    if (target.type !== 'word') throw this.unexpected(target)
    if (op === '&>' || op === '&>>')
      return { fd: 'both', op: op === '&>' ? '>' : '>>', target: target.word }
    const fd = op.startsWith('2') ? 2 : op.startsWith('<') ? 0 : 1
    const bare = op.replace(/^[12]/, '') as '<' | '>' | '>>'
    return { fd, op: bare, target: target.word }
  }

  private skipNewlines(required = false): void {
    if (required && this.peek().type === 'end') throw new Incomplete()
    while (this.peek().type === 'newline') {
      this.take()
      if (required && this.peek().type === 'end') throw new Incomplete()
    }
  }

  private unexpected(token: Token): SyntaxError_ {
    const text =
      token.type === 'op'
        ? token.op
        : token.type === 'newline'
          ? 'newline'
          : token.type === 'end'
            ? 'newline'
            : token.raw
    return new SyntaxError_(`bash: syntax error near unexpected token \`${text}'`)
  }

  private peek(): Token {
    this.peeked ??= this.lex()
    return this.peeked
  }

  private take(): Token {
    const token = this.peek()
    this.peeked = undefined
    return token
  }

  // ---- lexer ----

  private lex(): Token {
    const s = this.src
    while (this.pos < s.length) {
      const ch = s[this.pos]!
      if (BLANKS.has(ch)) this.pos++
      else if (ch === '\\' && s[this.pos + 1] === '\n') this.pos += 2
      else if (ch === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++
      } else break
    }
    if (this.pos >= s.length) {
      if (this.pendingHeredocs.length > 0) throw new Incomplete()
      return { type: 'end' }
    }
    const ch = s[this.pos]!
    if (ch === '\n') {
      this.pos++
      this.readHeredocBodies()
      return { type: 'newline' }
    }
    if (
      OPERATOR_CHARS.has(ch) ||
      (/[12]/.test(ch) && /^[12]>/.test(s.slice(this.pos, this.pos + 2)))
    ) {
      const op = this.operator()
      if (op !== undefined) return { type: 'op', op }
    }
    return this.word()
  }

  private operator(): string | undefined {
    const rest = this.src.slice(this.pos)
    for (const op of [
      '2>&1',
      '1>&2',
      '&>>',
      '<<-',
      '2>>',
      '>&2',
      '&&',
      '||',
      '>>',
      '<<',
      '&>',
      '2>',
      '1>',
      '|',
      '&',
      ';',
      '<',
      '>',
    ]) {
      if (rest.startsWith(op)) {
        this.pos += op.length
        return op === '1>' ? '>' : op
      }
    }
    const ch = rest[0]!
    if (ch === '(' || ch === ')')
      throw new SyntaxError_(`bash: syntax error near unexpected token \`${ch}'`)
    return undefined
  }

  private word(): Token {
    const s = this.src
    const start = this.pos
    const parts: Word = []
    const text = (t: string, quoted: boolean): void => {
      const last = parts.at(-1)
      if (last?.kind === 'text' && last.quoted === quoted) last.text += t
      else parts.push({ kind: 'text', text: t, quoted })
    }
    while (this.pos < s.length) {
      const ch = s[this.pos]!
      if (BLANKS.has(ch) || ch === '\n' || OPERATOR_CHARS.has(ch)) break
      if (ch === "'") {
        const end = s.indexOf("'", this.pos + 1)
        if (end < 0) throw new Incomplete()
        text(s.slice(this.pos + 1, end), true)
        // An empty '' still makes a word.
        if (end === this.pos + 1) text('', true)
        this.pos = end + 1
      } else if (ch === '"') {
        this.pos++
        this.doubleQuoted(parts, text)
      } else if (ch === '\\') {
        if (this.pos + 1 >= s.length) throw new Incomplete()
        if (s[this.pos + 1] !== '\n') text(s[this.pos + 1]!, true)
        this.pos += 2
      } else if (ch === '$' || ch === '`') {
        const part = this.dollar(false)
        if (part === undefined) text(ch, false)
        else parts.push(part)
      } else {
        text(ch, false)
        this.pos++
      }
    }
    return { type: 'word', word: parts, raw: s.slice(start, this.pos) }
  }

  private doubleQuoted(parts: Word, text: (t: string, quoted: boolean) => void): void {
    const s = this.src
    text('', true)
    for (;;) {
      if (this.pos >= s.length) throw new Incomplete()
      const ch = s[this.pos]!
      if (ch === '"') {
        this.pos++
        return
      }
      if (ch === '\\' && '"\\$`\n'.includes(s[this.pos + 1] ?? '')) {
        if (s[this.pos + 1] !== '\n') text(s[this.pos + 1]!, true)
        this.pos += 2
      } else if (ch === '$' || ch === '`') {
        const part = this.dollar(true)
        if (part === undefined) text(ch, true)
        else parts.push(part)
      } else {
        text(ch, true)
        this.pos++
      }
    }
  }

  /** $NAME, ${NAME}, $?, $(…) or `…` at pos; undefined for a lone "$" (then taken literally). */
  private dollar(quoted: boolean): WordPart | undefined {
    const s = this.src
    if (s[this.pos] === '`') {
      const end = s.indexOf('`', this.pos + 1)
      if (end < 0) throw new Incomplete()
      const source = s.slice(this.pos + 1, end)
      this.pos = end + 1
      return { kind: 'command', source, quoted }
    }
    const next = s[this.pos + 1]
    if (next === '(' && s[this.pos + 2] === '(') {
      const end = matchingParen(s, this.pos + 1)
      if (s[end - 1] !== ')') throw new SyntaxError_('bash: syntax error: arithmetic expression')
      const source = s.slice(this.pos + 3, end - 1)
      this.pos = end + 1
      return { kind: 'arithmetic', source, quoted }
    }
    if (next === '(') {
      const end = matchingParen(s, this.pos + 1)
      const source = s.slice(this.pos + 2, end)
      this.pos = end + 1
      return { kind: 'command', source, quoted }
    }
    if (next === '{') {
      const end = s.indexOf('}', this.pos + 2)
      if (end < 0) throw new Incomplete()
      const name = s.slice(this.pos + 2, end)
      if (!/^([A-Za-z_][A-Za-z0-9_]*|[?#$0-9])$/.test(name))
        throw new SyntaxError_(`bash: \${${name}}: bad substitution`)
      this.pos = end + 1
      return { kind: 'var', name, quoted }
    }
    const match = /^(?:[A-Za-z_][A-Za-z0-9_]*|[?#$0-9])/.exec(s.slice(this.pos + 1))
    if (match === null) {
      this.pos++
      return undefined
    }
    this.pos += 1 + match[0].length
    return { kind: 'var', name: match[0], quoted }
  }

  private readHeredocBodies(): void {
    for (const pending of this.pendingHeredocs.splice(0)) {
      let body = ''
      for (;;) {
        if (this.pos >= this.src.length) throw new Incomplete()
        const lineEnd = this.src.indexOf('\n', this.pos)
        const end = lineEnd < 0 ? this.src.length : lineEnd
        let line = this.src.slice(this.pos, end)
        this.pos = lineEnd < 0 ? end : end + 1
        if (pending.stripTabs) line = line.replace(/^\t+/, '')
        if (line === pending.delimiter) break
        // The last line without its newline: the learner has not pressed Enter on it yet.
        if (lineEnd < 0) throw new Incomplete()
        body += `${line}\n`
      }
      pending.redirect.body = body
    }
  }
}

/** Index of the ")" closing the "(" at `open`, skipping quotes and nested parentheses. */
function matchingParen(s: string, open: number): number {
  let depth = 0
  for (let i = open; i < s.length; i++) {
    const ch = s[i]!
    if (ch === "'") {
      const end = s.indexOf("'", i + 1)
      if (end < 0) throw new Incomplete()
      i = end
    } else if (ch === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++
      if (i >= s.length) throw new Incomplete()
    } else if (ch === '\\') i++
    else if (ch === '(') depth++
    else if (ch === ')' && --depth === 0) return i
  }
  throw new Incomplete()
}

function isRedirect(op: string): boolean {
  return ['<', '>', '>>', '<<', '<<-', '2>', '2>>', '2>&1', '>&2', '1>&2', '&>', '&>>'].includes(op)
}

/** The word without its first `n` source characters (the "NAME=" of an assignment). */
function dropPrefix(word: Word, n: number): Word {
  const out: Word = []
  let skip = n
  for (const part of word) {
    if (skip > 0 && part.kind === 'text' && !part.quoted) {
      const cut = Math.min(skip, part.text.length)
      skip -= cut
      if (part.text.length > cut) out.push({ ...part, text: part.text.slice(cut) })
      continue
    }
    out.push(part)
  }
  return out
}
