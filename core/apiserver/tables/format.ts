/**
 * Cell helpers shared by the printers, each the TypeScript twin of a Go helper that printers.go
 * calls: translateTimestampSince, labels.FormatLabels, metav1.FormatLabelSelector,
 * LabelSelectorAsSelector(...).String(), layoutContainerCells and listWithMoreString.
 */
import { parseTimestamp } from '../../api/time'
import type { Container, KubeObject, LabelSelector } from '../../api/types'
import { humanDuration } from '../../format/duration'
import { OBJECT_META, PRINTERS_GO } from './docs'
import { column, type PrintContext, type Printer, type TableColumn, type TableRow } from './table'

export type Cells = TableRow['cells']

/** Builds a Printer for one kind; the cast is the only place a KubeObject becomes a T. */
export function printer<T extends KubeObject>(
  columns: TableColumn[],
  row: (object: T, context: PrintContext) => Cells,
): Printer {
  return { columns, row: (object, context) => row(object as T, context) }
}

export const nameColumn = (): TableColumn => column('Name', OBJECT_META.name, 0, 'string', 'name')
export const ageColumn = (): TableColumn => column('Age', OBJECT_META.creationTimestamp)
export const containersColumn = (): TableColumn => column('Containers', PRINTERS_GO.containers, 1)
export const imagesColumn = (): TableColumn => column('Images', PRINTERS_GO.images, 1)

/**
 * Milliseconds of virtual time for a metav1.Time or MicroTime, or undefined for the zero time
 * (absent, null or ""). A timestamp the lab cannot read also counts as zero: a printer must not
 * fail a whole `kubectl get` over one odd field, and Go prints "<unknown>" for the zero time too.
 */
export function timeMs(timestamp: string | null | undefined): number | undefined {
  if (timestamp === undefined || timestamp === null || timestamp === '') return undefined
  try {
    return parseTimestamp(timestamp)
  } catch {
    return undefined
  }
}

/** translateTimestampSince: HumanDuration since the time, "<unknown>" for the zero time. */
export function since(timestamp: string | null | undefined, context: PrintContext): string {
  const ms = timeMs(timestamp)
  return ms === undefined ? '<unknown>' : humanDuration(context.nowMs - ms)
}

/** The AGE cell: translateTimestampSince(obj.CreationTimestamp). */
export function age(timestamp: string | undefined, context: PrintContext): string {
  return since(timestamp, context)
}

/** Go's string order (byte-wise; the same as UTF-16 order for the ASCII names used here). */
export const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * labels.FormatLabels: labels.Set.String() sorts the joined "key=value" strings (not the keys),
 * joins them with ","; an empty set prints "<none>".
 */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const pairs = Object.entries(labels ?? {}).map(([key, value]) => `${key}=${value}`)
  return pairs.length === 0 ? '<none>' : pairs.sort(byteOrder).join(',')
}

const OPERATORS: Record<string, { op: string; hasValues: boolean }> = {
  In: { op: ' in ', hasValues: true },
  NotIn: { op: ' notin ', hasValues: true },
  Exists: { op: '', hasValues: false },
  DoesNotExist: { op: '', hasValues: false },
}

/**
 * metav1.LabelSelectorAsSelector(selector).String(): requirements sorted by key; matchLabels as
 * "k=v", In/NotIn as "k in (a,b)" with sorted values, Exists as "k", DoesNotExist as "!k".
 * A nil or empty selector prints ""; a malformed one yields undefined (Go returns an error).
 * Label key and value syntax is not re-checked: validation already refused such objects.
 */
export function selectorString(selector: LabelSelector | undefined): string | undefined {
  if (selector === undefined || selector === null) return ''
  const terms: { key: string; text: string }[] = Object.entries(selector.matchLabels ?? {}).map(
    ([key, value]) => ({ key, text: `${key}=${value}` }),
  )
  for (const expression of selector.matchExpressions ?? []) {
    const spec = OPERATORS[expression.operator]
    const values = expression.values ?? []
    if (spec === undefined || spec.hasValues !== values.length > 0) return undefined
    const prefix = expression.operator === 'DoesNotExist' ? '!' : ''
    const list = spec.hasValues ? `(${[...values].sort(byteOrder).join(',')})` : ''
    terms.push({ key: expression.key, text: `${prefix}${expression.key}${spec.op}${list}` })
  }
  return terms
    .sort((a, b) => byteOrder(a.key, b.key))
    .map((t) => t.text)
    .join(',')
}

/** metav1.FormatLabelSelector: as selectorString, with "<none>" for empty and "<error>". */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const text = selectorString(selector)
  if (text === undefined) return '<error>'
  return text === '' ? '<none>' : text
}

/** layoutContainerCells: container names and images, each joined with ",". */
export function containerCells(containers: Container[] | undefined): [string, string] {
  const list = containers ?? []
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')]
}

/**
 * listWithMoreString, with the loop the discovery formatters share: keep the first three items,
 * then "a,b,c + N more..."; an empty list prints "<unset>".
 */
export function listWithMore(items: string[], max = 3): string {
  const text = items.slice(0, max).join(',')
  if (items.length > max) return `${text} + ${items.length - max} more...`
  return text === '' ? '<unset>' : text
}
