/**
 * The small Markdown the lab steps use, parsed into data that templates render as elements: no
 * HTML string is ever built, so nothing in a step's text can inject markup. Supported: ATX
 * headings, paragraphs, "-"/"*" lists, fenced code blocks, and inline `code`, **strong** and
 * *emphasis* (or _emphasis_). Anything else is shown as the text it is.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'em'; text: string }

export type Block =
  | { kind: 'heading'; level: number; content: Inline[] }
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'code'; language: string; text: string }

const FENCE = /^(```|~~~)\s*([\w-]*)\s*$/
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/
const ITEM = /^\s*[-*]\s+(.*)$/

/** Splits Markdown into blocks (at most one per source line, so bounded by the text). */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n')
  const blocks: Block[] = []
  let paragraph: string[] = []
  let list: string[] | undefined
  const flush = (): void => {
    if (paragraph.length > 0)
      blocks.push({ kind: 'paragraph', content: parseInline(paragraph.join(' ')) })
    if (list !== undefined) blocks.push({ kind: 'list', items: list.map(parseInline) })
    paragraph = []
    list = undefined
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const fence = FENCE.exec(line)
    if (fence !== null) {
      flush()
      const body: string[] = []
      for (i++; i < lines.length && !lines[i]!.startsWith(fence[1]!); i++) body.push(lines[i]!)
      blocks.push({ kind: 'code', language: fence[2] ?? '', text: body.join('\n') })
      continue
    }
    const heading = HEADING.exec(line)
    const item = ITEM.exec(line)
    if (heading !== null) {
      flush()
      blocks.push({ kind: 'heading', level: heading[1]!.length, content: parseInline(heading[2]!) })
    } else if (item !== null) {
      if (paragraph.length > 0) flush()
      list ??= []
      list.push(item[1]!)
    } else if (line.trim() === '') flush()
    else if (list !== undefined && /^\s+\S/.test(line)) list[list.length - 1] += ` ${line.trim()}`
    else {
      if (list !== undefined) flush()
      paragraph.push(line.trim())
    }
  }
  flush()
  return blocks
}

const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s][^*]*?)\*|\b_([^_\s][^_]*?)_\b/g

export function parseInline(text: string): Inline[] {
  const parts: Inline[] = []
  let last = 0
  for (const match of text.matchAll(INLINE)) {
    const at = match.index
    if (at > last) parts.push({ kind: 'text', text: text.slice(last, at) })
    if (match[1] !== undefined) parts.push({ kind: 'code', text: match[1] })
    else if (match[2] !== undefined) parts.push({ kind: 'strong', text: match[2] })
    else parts.push({ kind: 'em', text: match[3] ?? match[4] ?? '' })
    last = at + match[0].length
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) })
  return parts
}
