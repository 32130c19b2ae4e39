/**
 * What the terminal emulator sends when the learner types, decoded into the keys the line editor
 * understands. xterm delivers keystrokes as the bytes a real terminal would send: printable text,
 * C0 control characters (Ctrl+C is "\x03") and escape sequences (the left arrow is "\x1b[D").
 *
 * 1. One chunk of data may hold several keys (fast typing, automation); they are split in order.
 * 2. A paste arrives between the bracketed-paste markers (the terminal turns them on) and is one
 *    key, whatever it contains; a paste's line breaks (xterm sends "\r") become "\n".
 * 3. Unknown escape sequences are dropped whole, never typed as text.
 */

export type KeyName =
  | 'enter'
  | 'backspace'
  | 'delete'
  | 'left'
  | 'right'
  | 'wordLeft'
  | 'wordRight'
  | 'home'
  | 'end'
  | 'up'
  | 'down'
  | 'tab'
  | 'interrupt'
  | 'clear'
  | 'eof'
  | 'killToStart'
  | 'killToEnd'
  | 'killWordBack'

export type Key = { kind: 'key'; name: KeyName } | { kind: 'text' | 'paste'; text: string }

const PASTE_START = '\x1b[200~'
const PASTE_END = '\x1b[201~'

const CONTROL: Record<string, KeyName> = {
  '\r': 'enter',
  '\n': 'enter',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\t': 'tab',
  '\x03': 'interrupt',
  '\x0c': 'clear',
  '\x04': 'eof',
  '\x01': 'home',
  '\x05': 'end',
  '\x02': 'left',
  '\x06': 'right',
  '\x10': 'up',
  '\x0e': 'down',
  '\x15': 'killToStart',
  '\x0b': 'killToEnd',
  '\x17': 'killWordBack',
}

const ESCAPES: Record<string, KeyName> = {
  '\x1b[A': 'up',
  '\x1b[B': 'down',
  '\x1b[C': 'right',
  '\x1b[D': 'left',
  '\x1bOA': 'up',
  '\x1bOB': 'down',
  '\x1bOC': 'right',
  '\x1bOD': 'left',
  '\x1b[H': 'home',
  '\x1b[F': 'end',
  '\x1bOH': 'home',
  '\x1bOF': 'end',
  '\x1b[1~': 'home',
  '\x1b[4~': 'end',
  '\x1b[7~': 'home',
  '\x1b[8~': 'end',
  '\x1b[3~': 'delete',
  '\x1b[1;5D': 'wordLeft',
  '\x1b[1;5C': 'wordRight',
  '\x1b[1;3D': 'wordLeft',
  '\x1b[1;3C': 'wordRight',
  '\x1bb': 'wordLeft',
  '\x1bf': 'wordRight',
  '\x1b\x7f': 'killWordBack',
}

/** An escape sequence at `at`: CSI (ESC [ … final), SS3 (ESC O x), or ESC plus one character. */
function escapeLength(data: string, at: number): number {
  const next = data[at + 1]
  if (next === '[') {
    let end = at + 2
    while (end < data.length && !/[@-~]/.test(data[end]!)) end++
    return Math.min(end + 1, data.length) - at
  }
  if (next === 'O') return Math.min(3, data.length - at)
  return next === undefined ? 1 : 2
}

/** Decodes one chunk of terminal input into keys, in order. */
export function parseKeys(data: string): Key[] {
  const keys: Key[] = []
  let text = ''
  const flushText = (): void => {
    if (text !== '') keys.push({ kind: 'text', text })
    text = ''
  }
  let i = 0
  while (i < data.length) {
    if (data.startsWith(PASTE_START, i)) {
      flushText()
      const end = data.indexOf(PASTE_END, i + PASTE_START.length)
      const stop = end < 0 ? data.length : end
      const pasted = data.slice(i + PASTE_START.length, stop).replace(/\r\n?/g, '\n')
      if (pasted !== '') keys.push({ kind: 'paste', text: pasted })
      i = end < 0 ? data.length : end + PASTE_END.length
      continue
    }
    const char = data[i]!
    if (char === '\x1b') {
      flushText()
      const length = escapeLength(data, i)
      const name = ESCAPES[data.slice(i, i + length)]
      if (name !== undefined) keys.push({ kind: 'key', name })
      i += length
      continue
    }
    const control = CONTROL[char]
    if (control !== undefined) {
      flushText()
      keys.push({ kind: 'key', name: control })
    } else if (char >= ' ') text += char
    i++
  }
  flushText()
  return keys
}
