/**
 * kubectl's human-readable printer for server-side Tables (cli-runtime tableprinter.go):
 * priority-1 columns only with -o wide, headers upper-cased and printed once per column set,
 * NAMESPACE added in front for -A, "kind.group/name" names when several kinds are printed,
 * LABELS and -L columns at the end, and cells cut at the first newline with "...".
 */
import type { Table, TableColumn, TableRow } from '../../../apiserver/tables/table'

export interface TablePrintOptions {
  wide?: boolean
  noHeaders?: boolean
  /** -A on a namespaced resource: a NAMESPACE column from each row's object. */
  withNamespace?: boolean
  /** "pod", "deployment.apps": prefixes the name column when several kinds are printed. */
  kind?: string
  showLabels?: boolean
  /** -L/--label-columns: one column per label key. */
  labelColumns?: readonly string[]
}

interface RowObject {
  metadata?: { namespace?: string; labels?: Record<string, string> }
}

/**
 * Prints Tables one after another as kubectl's HumanReadablePrinter does: headers only when
 * the columns change, nothing at all for a Table without rows.
 */
export class TablePrinter {
  private lastColumns: TableColumn[] | undefined
  private printedHeaders = false

  constructor(private readonly options: TablePrintOptions) {}

  /** Tab-separated lines for one Table (format them with a TabWriter). */
  print(table: Table): string {
    let columns = table.columnDefinitions ?? []
    let noHeaders = this.options.noHeaders ?? false
    const same = this.lastColumns !== undefined && sameColumns(columns, this.lastColumns)
    if (this.printedHeaders && (columns.length === 0 || same)) noHeaders = true
    if (columns.length === 0) columns = this.lastColumns ?? []
    else if (!same) {
      this.lastColumns = columns
      this.printedHeaders = false
    }
    if (table.rows.length > 0) this.printedHeaders = true
    return this.render(columns, table.rows, noHeaders)
  }

  private render(columns: TableColumn[], rows: TableRow[], noHeaders: boolean): string {
    const shown = columns.map((c) => this.options.wide === true || c.priority === 0)
    const labelKeys = this.options.labelColumns ?? []
    const extraHeaders = [
      ...labelKeys.map((k) => k.slice(k.lastIndexOf('/') + 1).toUpperCase()),
      ...(this.options.showLabels ? ['LABELS'] : []),
    ]
    let text = ''
    if (!noHeaders) {
      if (rows.length === 0) return ''
      const headers = columns.filter((_, i) => shown[i]).map((c) => c.name.toUpperCase())
      text += `${[...(this.options.withNamespace ? ['NAMESPACE'] : []), ...headers, ...extraHeaders].join('\t')}\n`
    }
    const nameIndex = columns.findIndex((c) => c.format === 'name' && c.type === 'string')
    for (const row of rows) {
      const object = row.object as RowObject | undefined
      const cells = row.cells.slice(0, columns.length).map((cell, i) => {
        const value = i === nameIndex && this.options.kind ? `${this.options.kind}/${cell}` : cell
        return shown[i] ? cellText(value) : undefined
      })
      const labels = object?.metadata?.labels ?? {}
      const out = [
        ...(this.options.withNamespace ? [object?.metadata?.namespace ?? ''] : []),
        ...cells.filter((c): c is string => c !== undefined),
        ...labelKeys.map((k) => labels[k] ?? ''),
        ...(this.options.showLabels ? [formatLabels(labels)] : []),
      ]
      text += `${out.join('\t')}\n`
    }
    return text
  }
}

function sameColumns(a: TableColumn[], b: TableColumn[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** A cell as printTable writes it: cut at the first line break, with "..." after. */
function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return ''
  const text = String(cell)
  const cut = text.search(/[\f\n\r]/)
  return cut < 0 ? text : `${text.slice(0, cut)}...`
}

/** labels.FormatLabels: "k=v" pairs sorted, joined with ","; "<none>" when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const pairs = Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`)
  return pairs.length === 0 ? '<none>' : pairs.sort().join(',')
}
