/**
 * --sort-by=<jsonpath>, as kubectl's sorter.go compares values: numbers by value, strings that
 * are both quantities ("100m", "1Gi") by amount, other strings in natural order ("pod-2" before
 * "pod-10"); rows where the field is missing come first.
 */
import { isQuantity, milliValue } from '../../../api/quantity'
import type { Table } from '../../../apiserver/tables/table'
import { clientError } from '../errors'
import { JsonPath, relaxedJsonPath } from '../print/jsonpath'

export function sortTable(table: Table, sortBy: string): Table {
  const field = relaxedJsonPath(sortBy)
  const path = new JsonPath(field)
  const keyed = table.rows.map((row) => ({ row, key: path.results(row.object)[0]?.[0] }))
  if (keyed.length > 0 && keyed.every((k) => k.key === undefined))
    throw clientError(`couldn't find any field with path "${field}" in the list of objects`)
  return { ...table, rows: stableSort(keyed).map((k) => k.row) }
}

export function sortObjects<T>(objects: readonly T[], sortBy: string): T[] {
  const field = relaxedJsonPath(sortBy)
  const path = new JsonPath(field)
  const keyed = objects.map((row) => ({ row, key: path.results(row)[0]?.[0] }))
  if (keyed.length > 0 && keyed.every((k) => k.key === undefined))
    throw clientError(`couldn't find any field with path "${field}" in the list of objects`)
  return stableSort(keyed).map((k) => k.row)
}

function stableSort<T extends { key: unknown }>(items: T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => compare(a.item.key, b.item.key) || a.index - b.index)
    .map((x) => x.item)
}

function compare(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'string' && typeof b === 'string') {
    if (isQuantity(a) && isQuantity(b)) return milliValue(a) - milliValue(b)
    return naturalCompare(a, b)
  }
  return naturalCompare(String(a), String(b))
}

/** sortorder.NaturalLess: runs of digits compare by value, the rest byte by byte. */
export function naturalCompare(a: string, b: string): number {
  const chunks = (s: string): string[] => s.match(/\d+|\D+/g) ?? []
  const [ca, cb] = [chunks(a), chunks(b)]
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const [x, y] = [ca[i]!, cb[i]!]
    if (x === y) continue
    const digits = /^\d/.test(x) && /^\d/.test(y)
    if (digits && Number(x) !== Number(y)) return Number(x) - Number(y)
    return x < y ? -1 : 1
  }
  return ca.length - cb.length
}
