/**
 * `-o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName` (cli-runtime's
 * CustomColumnsPrinter): headers as typed, each cell the column's JSONPath results joined by
 * ",", "<none>" when the path finds nothing; laid out with kubectl's tabwriter.
 */
import { clientError } from '../errors'
import { JsonPath, relaxedJsonPath, resultText } from './jsonpath'
import { GET_TABS, tabbed } from './tabWriter'

interface Column {
  header: string
  path: JsonPath
}

/** Parses the spec; kubectl's errors for an empty or malformed one. */
export function parseCustomColumns(spec: string): Column[] {
  if (spec === '') throw clientError('custom-columns format specified but no custom columns given')
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':')
    if (colon < 0 || part.indexOf(':', colon + 1) >= 0)
      throw clientError(
        `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`,
      )
    return {
      header: part.slice(0, colon),
      path: new JsonPath(relaxedJsonPath(part.slice(colon + 1))),
    }
  })
}

export function printCustomColumns(
  columns: Column[],
  objects: readonly unknown[],
  noHeaders: boolean,
): string {
  const lines = noHeaders ? [] : [columns.map((c) => c.header).join('\t')]
  for (const object of objects) {
    lines.push(
      columns
        .map((c) => {
          const values = c.path.results(object).flat()
          return values.length === 0 ? '<none>' : values.map(resultText).join(',')
        })
        .join('\t'),
    )
  }
  return tabbed(lines.map((l) => `${l}\n`).join(''), GET_TABS)
}
