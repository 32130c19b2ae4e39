/**
 * The pieces every describer of kubectl's describe.go shares: the PrefixWriter (two spaces per
 * level, lines laid out by a tabwriter at the end), the multi-line label, annotation, taint and
 * toleration blocks, the Events table, and times as Go prints them (RFC1123Z, HumanDuration).
 */
import { LAB_EPOCH_MS, parseTimestamp } from '../../../../api/time'
import type { Event, Taint, Toleration } from '../../../../api/types'
import { humanDuration } from '../../../../format/duration'
import { DESCRIBE_TABS, tabbed } from '../../print/tabWriter'

export class PrefixWriter {
  private text = ''

  /** Writes `text` indented by `level` × 2 spaces (the format is already applied). */
  write(level: number, text: string): void {
    this.text += '  '.repeat(level) + text
  }

  /** WriteLine: the text and a newline, unindented. */
  line(text: string): void {
    this.text += `${text}\n`
  }

  /** The whole description, laid out as tabbedString does (minwidth 0, padding 2). */
  toString(): string {
    return tabbed(this.text, DESCRIBE_TABS)
  }
}

/** What describers need besides the object: the time now, for ages. */
export interface DescribeContext {
  nowMs: number
}

const DAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** Go's time.RFC1123Z: "Mon, 05 Jan 2026 09:00:00 +0000" (the lab's times are all UTC). */
export function rfc1123z(timestamp: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})/.exec(timestamp ?? '')
  if (m === null) return 'Mon, 01 Jan 0001 00:00:00 +0000'
  const days = Math.floor((parseTimestamp(timestamp!) + LAB_EPOCH_MS) / 86_400_000)
  const weekday = DAYS[((days % 7) + 7) % 7]!
  return `${weekday}, ${m[3]} ${MONTHS[Number(m[2]) - 1]} ${m[1]} ${m[4]} +0000`
}

/** translateTimestampSince: HumanDuration since the time, "<unknown>" for the zero time. */
export function since(timestamp: string | null | undefined, context: DescribeContext): string {
  if (timestamp === undefined || timestamp === null || timestamp === '') return '<unknown>'
  return humanDuration(context.nowMs - parseTimestamp(timestamp))
}

/** printLabelsMultilineWithIndent: "Labels:  a=b" then one sorted pair per line. */
export function printLabels(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = '',
): void {
  w.write(0, `${initialIndent}${title}:\t`)
  const keys = Object.keys(labels ?? {}).sort()
  if (keys.length === 0) return w.line('<none>')
  keys.forEach((key, i) => {
    if (i > 0) w.write(0, `${initialIndent}\t`)
    w.write(0, `${key}=${labels![key]}\n`)
  })
}

const MAX_ANNOTATION_LEN = 140
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration'])

/** printAnnotationsMultiline: long or multi-line values on their own indented lines. */
export function printAnnotations(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`)
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIPPED_ANNOTATIONS.has(k))
    .sort()
  if (keys.length === 0) return w.line('<none>')
  keys.forEach((key, i) => {
    if (i > 0) w.write(0, '\t')
    const value = annotations![key]!.replace(/\n$/, '')
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`)
      for (const s of value.split('\n')) {
        const short =
          s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s
        w.write(0, `\t  ${short}\n`)
      }
    } else w.write(0, `${key}: ${value}\n`)
  })
}

/** Taint.ToString(): "key=value:Effect", "key:Effect". */
export function taintText(taint: Taint): string {
  const value = taint.value ? `=${taint.value}` : ''
  return `${taint.key}${value}:${taint.effect}`
}

export function printTaints(w: PrefixWriter, title: string, taints: Taint[] | undefined): void {
  w.write(0, `${title}:\t`)
  if (!taints || taints.length === 0) return w.line('<none>')
  const sorted = [...taints].sort((a, b) =>
    byteCompare(`${a.effect},${a.key}`, `${b.effect},${b.key}`),
  )
  sorted.forEach((taint, i) => {
    if (i > 0) w.write(0, '\t')
    w.write(0, `${taintText(taint)}\n`)
  })
}

export function printTolerations(
  w: PrefixWriter,
  title: string,
  tolerations: Toleration[] | undefined,
  initialIndent = '',
): void {
  w.write(0, `${initialIndent}${title}:\t`)
  if (!tolerations || tolerations.length === 0) return w.line('<none>')
  const sorted = [...tolerations].sort((a, b) => byteCompare(a.key ?? '', b.key ?? ''))
  sorted.forEach((t, i) => {
    if (i > 0) w.write(0, `${initialIndent}\t`)
    let text = t.key ?? ''
    if (t.value) text += `=${t.value}`
    if (t.effect) text += `:${t.effect}`
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists'
    if (t.tolerationSeconds !== undefined) text += ` for ${t.tolerationSeconds}s`
    w.write(0, `${text}\n`)
  })
}

/** DescribeEvents: sorted by last time seen, "Age" as "5m (x3 over 10m)" for repeats. */
export function printEvents(w: PrefixWriter, events: Event[], context: DescribeContext): void {
  if (events.length === 0) return w.write(0, 'Events:\t<none>\n')
  const time = (e: Event): number => (e.lastTimestamp ? parseTimestamp(e.lastTimestamp) : 0)
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => time(a.e) - time(b.e) || a.i - b.i)
    .map((x) => x.e)
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n')
  w.write(1, '----\t------\t----\t----\t-------\n')
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, context) : since(e.firstTimestamp, context)
    const interval =
      e.count > 1 ? `${since(e.lastTimestamp, context)} (x${e.count} over ${first})` : first
    const source = e.source?.component || e.reportingComponent || ''
    w.write(1, `${e.type}\t${e.reason}\t${interval}\t${source}\t${e.message.trim()}\n`)
  }
}

/** "Kind/name" of the object's controller, or "" (printController). */
export function controllerText(
  owners: { kind: string; name: string; controller?: boolean }[] = [],
) {
  const owner = owners.find((o) => o.controller)
  return owner === undefined ? '' : `${owner.kind}/${owner.name}`
}

export const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
