/**
 * Times as systemd, journald, procps and go-units print them, from virtual time. Every value is
 * derived from the lab's clock (LAB_EPOCH_MS + nowMs), never from the host's.
 */
import { LAB_EPOCH_MS, MONTHS, rfc3339, WEEKDAYS } from '../../api/time'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

function weekday(nowMs: number): string {
  const days = Math.floor((LAB_EPOCH_MS + nowMs) / DAY)
  return WEEKDAYS[(((days + 4) % 7) + 7) % 7]!
}

/** systemd's timestamp: "Mon 2026-01-05 09:00:00 UTC". */
export function systemdTime(nowMs: number): string {
  const text = rfc3339(nowMs)
  return `${weekday(nowMs)} ${text.slice(0, 10)} ${text.slice(11, 19)} UTC`
}

/** journalctl's short format: "Jan 05 09:00:01". */
export function journalTime(nowMs: number): string {
  const text = rfc3339(nowMs)
  return `${MONTHS[Number(text.slice(5, 7)) - 1]!} ${text.slice(8, 10)} ${text.slice(11, 19)}`
}

/** systemd's format_timestamp_relative: "5min ago", "1h 2min ago", "3s ago", "2 days ago". */
export function systemdAgo(ms: number): string {
  const d = Math.max(0, ms)
  if (d >= 2 * DAY) return `${Math.floor(d / DAY)} days ago`
  if (d >= 25 * HOUR) return `1 day ${Math.floor((d - DAY) / HOUR)}h ago`
  if (d >= 6 * HOUR) return `${Math.floor(d / HOUR)}h ago`
  if (d >= HOUR) return `${Math.floor(d / HOUR)}h ${Math.floor((d % HOUR) / MINUTE)}min ago`
  if (d >= 5 * MINUTE) return `${Math.floor(d / MINUTE)}min ago`
  if (d >= MINUTE) return `${Math.floor(d / MINUTE)}min ${Math.floor((d % MINUTE) / SECOND)}s ago`
  if (d >= SECOND) return `${Math.floor(d / SECOND)}s ago`
  if (d >= 1) return `${Math.floor(d)}ms ago`
  return 'now'
}

/** systemd's format_timespan to the millisecond: "10min 5.123s", "1h 2min", "850ms". */
export function systemdSpan(ms: number): string {
  let rest = Math.max(0, Math.round(ms))
  const parts: string[] = []
  for (const [unit, size] of [
    ['d', DAY],
    ['h', HOUR],
    ['min', MINUTE],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`)
      rest %= size
    }
  }
  if (rest >= SECOND) {
    const fraction = rest % SECOND
    const seconds = Math.floor(rest / SECOND)
    parts.push(
      fraction === 0
        ? `${seconds}s`
        : `${seconds}.${String(fraction).padStart(3, '0').replace(/0+$/, '')}s`,
    )
  } else if (rest > 0) parts.push(`${rest}ms`)
  return parts.length === 0 ? '0' : parts.join(' ')
}

/** go-units HumanDuration, crictl's CREATED column ("About a minute", "5 minutes", "2 hours"). */
export function goUnitsDuration(ms: number): string {
  const seconds = Math.floor(ms / SECOND)
  if (seconds < 1) return 'Less than a second'
  if (seconds === 1) return '1 second'
  if (seconds < 60) return `${seconds} seconds`
  const minutes = Math.floor(ms / MINUTE)
  if (minutes === 1) return 'About a minute'
  if (minutes < 60) return `${minutes} minutes`
  const hours = Math.round(ms / HOUR)
  if (hours === 1) return 'About an hour'
  if (hours < 48) return `${hours} hours`
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`
  return `${Math.floor(ms / HOUR / 24 / 365)} years`
}

/** go-units HumanSizeWithPrecision(size, 3): "72.2MB", "320kB" (decimal units). */
export function goUnitsSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let value = bytes
  let i = 0
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000
    i++
  }
  return `${Number(value.toPrecision(3))}${units[i]!}`
}

/** systemd's format_bytes: "38.5M", "1.2G" (binary units, one decimal). */
export function systemdBytes(bytes: number): string {
  const units = ['B', 'K', 'M', 'G', 'T']
  let value = bytes
  let i = 0
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024
    i++
  }
  return i === 0 ? `${bytes}B` : `${value.toFixed(1)}${units[i]!}`
}

/**
 * A virtual timestamp from a log line, as journald stamped it when the line was written: klog's
 * "I0105 09:00:01.500000" or logrus' time="2026-01-05T09:00:01.000000000Z". Undefined if none.
 */
export function lineTimeMs(line: string): number | undefined {
  const logrus = /time="(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z"/.exec(line)
  const klog = /^[IWEF](\d{2})(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{6})/.exec(line)
  let parts: number[]
  if (logrus !== null) parts = logrus.slice(1, 7).map(Number).concat(msOf(logrus[7]))
  else if (klog !== null) parts = [2026, ...klog.slice(1, 6).map(Number), msOf(klog[6])]
  else return undefined
  const [y, mo, d, h, mi, s, ms] = parts as [number, number, number, number, number, number, number]
  return Date.UTC(y, mo - 1, d, h, mi, s) + ms - LAB_EPOCH_MS
}

function msOf(fraction: string | undefined): number {
  return fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000)
}
