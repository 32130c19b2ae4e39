/**
 * go-wordwrap's WrapString (github.com/mitchellh/go-wordwrap v1.0.1), which kubectl's explain
 * template calls as `wrap`: greedy, breaking only at white space, keeping the text's own newlines.
 * A line may reach `limit` bytes; a word longer than the limit stays whole on its own line; the
 * white space at a break is dropped, the rest is kept as it is.
 */

/** Go's unicode.IsSpace, less U+00A0 (go-wordwrap keeps a no-break space inside a word). */
function isSpace(ch: string): boolean {
  return /^[\t\n\v\f\r \u0085\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(ch)
}

/** The rune's length in UTF-8, as Go's bytes.Buffer counts it. */
function utf8Length(ch: string): number {
  const code = ch.codePointAt(0) ?? 0
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
}

export function wrap(text: string, limit: number): string {
  let out = ''
  let current = 0
  let word = ''
  let wordLength = 0
  let space = ''
  let spaceLength = 0
  const flush = (): void => {
    current += spaceLength + wordLength
    out += space + word
    space = ''
    spaceLength = 0
    word = ''
    wordLength = 0
  }
  for (const ch of text) {
    if (ch === '\n') {
      if (wordLength === 0) {
        if (current + spaceLength <= limit) out += space
        space = ''
        spaceLength = 0
      } else flush()
      out += ch
      current = 0
    } else if (isSpace(ch)) {
      if (spaceLength === 0 || wordLength > 0) flush()
      space += ch
      spaceLength += utf8Length(ch)
    } else {
      word += ch
      wordLength += utf8Length(ch)
      if (current + spaceLength + wordLength > limit && wordLength < limit) {
        out += '\n'
        current = 0
        space = ''
        spaceLength = 0
      }
    }
  }
  if (wordLength === 0) {
    if (current + spaceLength <= limit) out += space
  } else out += space + word
  return out
}
