/**
 * The line editor of the lab's terminal, as readline does it for bash: the simulation only ever
 * receives whole lines, so editing, history and completion happen here. It knows nothing of
 * xterm: every method changes the line and returns the bytes (text and ANSI cursor movements)
 * that make the screen show the change.
 *
 * 1. The prompt starts at column 0; every character of the prompt and of the line takes one
 *    cell, so the cell of index i is `prompt.length + i`, wrapped at `columns`.
 * 2. `shown` is the index the screen cursor is at; every method moves it from there, so the
 *    editor never assumes the cursor is where it left it unless it put it there.
 * 3. History is bounded (HISTORY_SIZE); consecutive duplicates and blank lines are not kept.
 *    Browsing history edits a copy: the line being typed is kept as a draft and comes back
 *    below the newest entry.
 */

export const HISTORY_SIZE = 500

const ERASE_BELOW = '\x1b[J'

/** Tab completion's answer: the candidates for the word that starts at `from`. */
export interface Completion {
  from: number
  candidates: readonly string[]
}

export class LineEditor {
  private prompt = ''
  private text = ''
  private cursor = 0
  private shown = 0
  private readonly history: string[] = []
  /** The history entry being shown; history.length means the draft. */
  private browsing = 0
  private draft = ''

  constructor(private columns = 80) {}

  get line(): string {
    return this.text
  }

  get cursorIndex(): number {
    return this.cursor
  }

  get promptText(): string {
    return this.prompt
  }

  get entries(): readonly string[] {
    return this.history
  }

  /** The terminal was resized: the wrapped layout follows the new width. */
  resize(columns: number): void {
    this.columns = Math.max(1, columns)
  }

  /** Starts an empty line after `prompt`; returns the prompt to write. */
  begin(prompt: string, initial = ''): string {
    this.prompt = prompt
    this.text = initial
    this.cursor = initial.length
    this.shown = 0
    this.browsing = this.history.length
    this.draft = ''
    return prompt + this.redrawFrom(0)
  }

  /** Writes the prompt and the line again (after the screen was cleared or a listing). */
  redraw(): string {
    this.shown = 0
    return this.prompt + this.redrawFrom(0)
  }

  insert(input: string): string {
    const clean = [...input].filter((c) => c >= ' ' && c !== '\x7f').join('')
    if (clean === '') return ''
    const at = this.cursor
    this.text = this.text.slice(0, at) + clean + this.text.slice(at)
    this.cursor = at + clean.length
    return this.redrawFrom(at)
  }

  backspace(): string {
    if (this.cursor === 0) return ''
    return this.cut(this.cursor - 1, this.cursor)
  }

  deleteForward(): string {
    if (this.cursor >= this.text.length) return ''
    return this.cut(this.cursor, this.cursor + 1)
  }

  left(): string {
    return this.moveTo(this.cursor - 1)
  }

  right(): string {
    return this.moveTo(this.cursor + 1)
  }

  home(): string {
    return this.moveTo(0)
  }

  end(): string {
    return this.moveTo(this.text.length)
  }

  wordLeft(): string {
    return this.moveTo(wordStart(this.text, this.cursor))
  }

  wordRight(): string {
    const rest = /^\s*\S*/.exec(this.text.slice(this.cursor))![0]
    return this.moveTo(this.cursor + rest.length)
  }

  killToStart(): string {
    return this.cut(0, this.cursor)
  }

  killToEnd(): string {
    return this.cut(this.cursor, this.text.length)
  }

  killWordBack(): string {
    return this.cut(wordStart(this.text, this.cursor), this.cursor)
  }

  /** Up: the previous history entry, keeping what was typed as the draft. */
  previous(): string {
    if (this.browsing === 0) return ''
    if (this.browsing === this.history.length) this.draft = this.text
    this.browsing--
    return this.replace(this.history[this.browsing]!)
  }

  /** Down: the next history entry, and finally the draft. */
  next(): string {
    if (this.browsing >= this.history.length) return ''
    this.browsing++
    const entry = this.browsing === this.history.length ? this.draft : this.history[this.browsing]!
    return this.replace(entry)
  }

  /** Enter: the line is done; returns it and the bytes that leave the cursor below it. */
  accept(): { line: string; output: string } {
    const line = this.text
    const output = this.moveTo(this.text.length) + '\r\n'
    this.remember(line)
    this.text = ''
    this.cursor = 0
    this.shown = 0
    return { line, output }
  }

  /** Ctrl+C: the line is abandoned, as bash shows it ("^C" and a new line). */
  cancel(): string {
    const output = this.moveTo(this.text.length) + '^C\r\n'
    this.text = ''
    this.cursor = 0
    this.shown = 0
    return output
  }

  /** Adds a line to the history, as Enter does; blank lines and repeats are skipped. */
  remember(line: string): void {
    if (line.trim() === '' || line.includes('\n') || this.history.at(-1) === line) return
    this.history.push(line)
    if (this.history.length > HISTORY_SIZE) this.history.shift()
    this.browsing = this.history.length
  }

  /**
   * Applies a completion for the word before the cursor. One candidate is inserted with a space
   * after it (none after a directory); several extend the word to their common prefix, and when
   * they cannot extend it and `list` is set (the second Tab), they are listed in columns.
   */
  complete(completion: Completion, list: boolean): string {
    const { candidates } = completion
    const from = Math.max(0, Math.min(completion.from, this.cursor))
    const word = this.text.slice(from, this.cursor)
    if (candidates.length === 0) return ''
    if (candidates.length === 1) {
      const only = candidates[0]!
      return this.replaceWord(from, only.endsWith('/') ? only : `${only} `)
    }
    const prefix = commonPrefix(candidates)
    if (prefix.length > word.length && prefix.startsWith(word)) {
      return this.replaceWord(from, prefix)
    }
    if (!list) return ''
    const listing = formatColumns(candidates.map(displayName), this.columns)
    const below = this.moveTo(this.text.length) + '\r\n' + listing
    return below + this.redraw()
  }

  private replaceWord(from: number, word: string): string {
    this.text = this.text.slice(0, from) + word + this.text.slice(this.cursor)
    this.cursor = from + word.length
    return this.redrawFrom(from)
  }

  /** Replaces the whole line, the cursor at its end. */
  replaceLine(line: string): string {
    return this.replace(line)
  }

  private replace(line: string): string {
    this.text = line
    this.cursor = line.length
    return this.redrawFrom(0)
  }

  private cut(from: number, to: number): string {
    if (from >= to) return ''
    this.text = this.text.slice(0, from) + this.text.slice(to)
    this.cursor = from
    return this.redrawFrom(from)
  }

  private moveTo(index: number): string {
    const target = Math.max(0, Math.min(index, this.text.length))
    this.cursor = target
    return this.travel(target)
  }

  /** Rewrites the line from `index` on, erases what was left after it, and puts the cursor back. */
  private redrawFrom(index: number): string {
    let output = this.travel(Math.min(index, this.text.length)) + this.text.slice(index)
    const end = this.cell(this.text.length)
    // At the right margin the cursor waits to wrap; a space then \r moves it to the next row.
    if (end > 0 && end % this.columns === 0) output += ' \r'
    output += ERASE_BELOW
    this.shown = this.text.length
    return output + this.travel(this.cursor)
  }

  /** The bytes that move the screen cursor from `shown` to `index`. */
  private travel(index: number): string {
    const from = this.cell(this.shown)
    const to = this.cell(index)
    this.shown = index
    const rows = Math.floor(to / this.columns) - Math.floor(from / this.columns)
    const fromColumn = from % this.columns
    const toColumn = to % this.columns
    let output = rows < 0 ? `\x1b[${-rows}A` : rows > 0 ? `\x1b[${rows}B` : ''
    if (toColumn === fromColumn) return output
    if (toColumn === 0) return output + '\r'
    output +=
      toColumn > fromColumn ? `\x1b[${toColumn - fromColumn}C` : `\x1b[${fromColumn - toColumn}D`
    return output
  }

  private cell(index: number): number {
    return this.prompt.length + index
  }
}

function wordStart(text: string, cursor: number): number {
  const before = text.slice(0, cursor)
  return before.length - /\S*\s*$/.exec(before)![0].length
}

export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return ''
  let prefix = words[0]!
  for (const word of words.slice(1)) {
    let i = 0
    while (i < prefix.length && i < word.length && prefix[i] === word[i]) i++
    prefix = prefix.slice(0, i)
  }
  return prefix
}

/** As bash lists file names: the last path component ("manifests/web.yaml" → "web.yaml"). */
function displayName(candidate: string): string {
  const trimmed = candidate.endsWith('/') ? candidate.slice(0, -1) : candidate
  const slash = trimmed.lastIndexOf('/')
  return slash < 0 ? candidate : candidate.slice(slash + 1)
}

/**
 * Lists words as bash does: in columns as wide as the longest word plus two spaces, filled
 * top to bottom, then left to right, as many columns as fit the terminal.
 */
export function formatColumns(words: readonly string[], columns: number): string {
  if (words.length === 0) return ''
  const width = Math.max(...words.map((w) => w.length)) + 2
  const perRow = Math.max(1, Math.floor(columns / width))
  const rows = Math.ceil(words.length / perRow)
  const lines: string[] = []
  for (let row = 0; row < rows; row++) {
    let line = ''
    for (let column = 0; column < perRow; column++) {
      const word = words[column * rows + row]
      if (word === undefined) break
      const last = words[(column + 1) * rows + row] === undefined
      line += last ? word : word.padEnd(width)
    }
    lines.push(line)
  }
  return lines.map((line) => `${line}\r\n`).join('')
}
