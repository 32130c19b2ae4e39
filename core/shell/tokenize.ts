/**
 * Splits a command line into words the way bash does for the simple cases: blanks separate
 * words, single quotes keep everything literal, double quotes keep blanks, a backslash escapes
 * the next character. Pipes, redirections and substitutions come with the full interpreter.
 */
export type TokenizeResult = { ok: true; words: string[] } | { ok: false; error: string }

export function tokenize(line: string): TokenizeResult {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: "'" | '"' | undefined
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!
    if (quote !== undefined) {
      if (ch === quote) quote = undefined
      else if (ch === '\\' && quote === '"' && (line[i + 1] === '"' || line[i + 1] === '\\'))
        word += line[++i]
      else word += ch
    } else if (ch === "'" || ch === '"') {
      quote = ch
      inWord = true
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[++i]
      inWord = true
    } else if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else if (ch === '#' && !inWord) {
      break
    } else {
      word += ch
      inWord = true
    }
  }
  if (quote !== undefined) {
    return {
      ok: false,
      error: `bash: unexpected EOF while looking for matching \`${quote}'\nbash: syntax error: unexpected end of file`,
    }
  }
  if (inWord) words.push(word)
  return { ok: true, words }
}
