/**
 * Column layout of kubectl's printers: Go's text/tabwriter with minwidth 6, padding 3 and spaces
 * (k8s.io/cli-runtime printers.GetNewTabWriter). Each column but the last is padded to the widest
 * cell plus 3, and at least 6; the last column is not padded.
 */
const MIN_WIDTH = 6
const PADDING = 3

export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = []
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (i < row.length - 1)
        widths[i] = Math.max(widths[i] ?? 0, Math.max(cell.length + PADDING, MIN_WIDTH))
    })
  }
  return rows
    .map((row) =>
      row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]!) : cell)).join(''),
    )
    .map((line) => `${line}\n`)
    .join('')
}
