/**
 * etcdctl's `-w table` (olekukonko/tablewriter): "+---+" borders, headers upper-cased and
 * centred, one space of padding in each cell. Text cells are left-aligned and numbers, versions,
 * sizes and booleans right-aligned, as etcdctl's tables show them.
 */

function rightAligned(cell: string): boolean {
  return /^(true|false|-?[\d.]+( [kMG]?B)?)$/.test(cell)
}

function centre(text: string, width: number): string {
  const left = Math.floor((width - text.length) / 2)
  return ' '.repeat(left) + text + ' '.repeat(width - text.length - left)
}

export function etcdTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const border = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`
  const line = (cells: readonly string[], head: boolean): string =>
    `|${cells
      .map((cell, i) => {
        const w = widths[i]!
        const text = head
          ? centre(cell.toUpperCase(), w)
          : rightAligned(cell)
            ? cell.padStart(w)
            : cell.padEnd(w)
        return ` ${text} `
      })
      .join('|')}|`
  return [border, line(header, true), border, ...rows.map((r) => line(r, false)), border]
    .map((l) => `${l}\n`)
    .join('')
}
