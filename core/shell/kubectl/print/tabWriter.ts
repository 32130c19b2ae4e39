/**
 * Go's text/tabwriter, as kubectl uses it: cells are tab-terminated, a column is padded to its
 * widest cell plus the padding, and a "column block" is a run of consecutive lines that all have
 * a cell in that column. The block rule is what gives `kubectl describe` its shape: "Labels:"
 * aligns with "Name:" only while no line without a tab comes between them.
 *
 * Invariants:
 * 1. The text after a line's last tab is not a cell: it is written as is, never padded.
 * 2. Widths count characters (runes), not UTF-16 units.
 * 3. With `rememberWidths` (liggitt/tabwriter's RememberWidths, which kubectl's `get` printer
 *    uses), a column never shrinks between flushes, so `get -w` rows stay under their headers.
 */

export interface TabWriterOptions {
  /** Minimal cell width, padding included (kubectl get: 6; describe: 0). */
  minWidth: number
  /** Spaces added to the widest cell (kubectl get: 3; describe: 2). */
  padding: number
  /** Keep the widths of earlier flushes (kubectl get's printer). */
  rememberWidths?: boolean
}

const runeLength = (text: string): number => [...text].length

export class TabWriter {
  private buffer = ''
  private remembered: number[] = []

  constructor(private readonly options: TabWriterOptions) {}

  write(text: string): void {
    this.buffer += text
  }

  /** Formats what was written since the last flush. */
  flush(): string {
    const text = this.buffer
    this.buffer = ''
    if (text === '') return ''
    const endsWithNewline = text.endsWith('\n')
    const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'))
    const out: string[] = []
    this.format(lines, 0, lines.length, [], out)
    return out.join('\n') + (endsWithNewline ? '\n' : '')
  }

  /** Forgets remembered widths (kubectl does this when a new resource type starts). */
  resetWidths(): void {
    this.remembered = []
  }

  private format(lines: string[][], from: number, to: number, widths: number[], out: string[]) {
    const column = widths.length
    let line0 = from
    for (let i = from; i < to; i++) {
      if (column >= lines[i]!.length - 1) continue
      // A block of lines that have a cell in this column starts here.
      this.writeLines(lines, line0, i, widths, out)
      line0 = i
      let width = this.options.minWidth
      for (; i < to && column < lines[i]!.length - 1; i++) {
        width = Math.max(width, runeLength(lines[i]![column]!) + this.options.padding)
      }
      if (this.options.rememberWidths) {
        const kept = this.remembered[column]
        if (kept === undefined || kept < width) this.remembered[column] = width
        else width = kept
      }
      this.format(lines, line0, i, [...widths, width], out)
      line0 = i
      i--
    }
    this.writeLines(lines, line0, to, widths, out)
  }

  private writeLines(lines: string[][], from: number, to: number, widths: number[], out: string[]) {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!
      out.push(
        cells
          .map((cell, j) =>
            j < widths.length && j < cells.length - 1
              ? cell + ' '.repeat(Math.max(0, widths[j]! - runeLength(cell)))
              : cell,
          )
          .join(''),
      )
    }
  }
}

/** Formats a whole text at once. */
export function tabbed(text: string, options: TabWriterOptions): string {
  const writer = new TabWriter(options)
  writer.write(text)
  return writer.flush()
}

/** kubectl describe's writer: tabwriter.NewWriter(out, 0, 8, 2, ' ', 0). */
export const DESCRIBE_TABS: TabWriterOptions = { minWidth: 0, padding: 2 }
/** kubectl get's writer: printers.GetNewTabWriter (6, 4, 3, ' ', RememberWidths). */
export const GET_TABS: TabWriterOptions = { minWidth: 6, padding: 3, rememberWidths: true }
