/**
 * Virtual timestamps. The lab's clock starts at a fixed instant (LAB_EPOCH_MS), so every
 * creationTimestamp and event time is reproducible. Date is not used: core has no wall time,
 * and the conversion below (days → civil date) is exact for the proleptic Gregorian calendar.
 */

/** 2026-01-05T09:00:00Z: the lab's first morning. */
export const LAB_EPOCH_MS = Date.UTC(2026, 0, 5, 9, 0, 0)

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** English month and weekday abbreviations, as C's locale and Go's time package print them. */
export const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
]
export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

/** Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil inverse). */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day]
}

function parts(epochMs: number): { date: string; time: string; ms: number } {
  const days = Math.floor(epochMs / 86_400_000)
  const rest = epochMs - days * 86_400_000
  const [y, m, d] = civilFromDays(days)
  const time = `${pad(Math.floor(rest / 3_600_000))}:${pad(Math.floor((rest % 3_600_000) / 60_000))}:${pad(Math.floor((rest % 60_000) / 1000))}`
  return { date: `${y}-${pad(m)}-${pad(d)}`, time, ms: rest % 1000 }
}

/** A virtual instant as calendar parts: month 1-12, weekday 0 (Sunday)-6, time "HH:MM:SS". */
export function calendar(nowMs: number): {
  year: number
  month: number
  day: number
  weekday: number
  time: string
} {
  const epochMs = LAB_EPOCH_MS + nowMs
  const days = Math.floor(epochMs / 86_400_000)
  const [year, month, day] = civilFromDays(days)
  return { year, month, day, weekday: (((days + 4) % 7) + 7) % 7, time: parts(epochMs).time }
}

/**
 * The last second rfc3339 wrote, and its text as one flat string: a burst of work (a thousand
 * pods started in one step) stamps the same second thousands of times, and each text built by
 * concatenation is a tree of pieces in V8, ~3× the memory of a flat copy, kept by every
 * condition and Event that holds it.
 */
const lastStamp = { second: Number.NaN, text: '' }

/** metav1.Time: RFC 3339 to the second, as the API server writes it ("2026-01-05T09:00:00Z"). */
export function rfc3339(nowMs: number): string {
  const second = Math.floor(nowMs / 1000)
  if (second !== lastStamp.second) {
    const p = parts(LAB_EPOCH_MS + second * 1000)
    lastStamp.text = JSON.parse(JSON.stringify(`${p.date}T${p.time}Z`)) as string
    lastStamp.second = second
  }
  return lastStamp.text
}

/** metav1.MicroTime: six fractional digits (KUBECTL-WIRE.md P8), e.g. Lease renewTime. */
export function rfc3339Micro(nowMs: number): string {
  const p = parts(LAB_EPOCH_MS + nowMs)
  return `${p.date}T${p.time}.${pad(p.ms, 3)}000Z`
}

/** The last timestamp parsed: controllers read the same few again and again. */
const lastParsed = { text: '', ms: 0 }

/** Milliseconds of virtual time for an RFC 3339 timestamp written by rfc3339/rfc3339Micro. */
export function parseTimestamp(text: string): number {
  if (text === lastParsed.text) return lastParsed.ms
  const ms = parseUncached(text)
  lastParsed.text = text
  lastParsed.ms = ms
  return ms
}

function parseUncached(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/.exec(text)
  if (match === null) throw new RangeError(`not an RFC 3339 UTC timestamp: ${text}`)
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[]
  const fracMs = match[7] === undefined ? 0 : Math.floor(Number(`0.${match[7]}`) * 1000)
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) + fracMs - LAB_EPOCH_MS
}

/** klog's line header time: "0105 09:00:00.000000" (month, day, time to the microsecond). */
export function klogTime(nowMs: number): string {
  const p = parts(LAB_EPOCH_MS + nowMs)
  const [, month, day] = p.date.split('-')
  return `${month}${day} ${p.time}.${pad(p.ms, 3)}000`
}

/** A klog line as Kubernetes components print it: I0105 09:00:00.000000       1 file.go:42] msg */
export function klogLine(
  nowMs: number,
  severity: 'I' | 'W' | 'E',
  source: string,
  message: string,
): string {
  return `${severity}${klogTime(nowMs)}       1 ${source}] ${message}`
}
