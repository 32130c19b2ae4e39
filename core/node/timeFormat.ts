/**
 * The clock as the node's programs print it. Each program has its own habit (Go's Duration,
 * klog's header, nginx's error and access logs, `date`, redis, Apache), and a learner compares
 * what the lab prints with what a real node printed, so each format is the real one. All of them
 * derive from virtual time (core/api/time.ts), never from wall time.
 */
import { LAB_EPOCH_MS, rfc3339Micro } from '../api/time'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

interface Parts {
  year: string
  month: number
  day: number
  time: string
  ms: number
  weekday: string
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

function parts(nowMs: number): Parts {
  const text = rfc3339Micro(nowMs) // 2026-01-05T09:00:05.123000Z
  const days = Math.floor((LAB_EPOCH_MS + nowMs) / 86_400_000)
  return {
    year: text.slice(0, 4),
    month: Number(text.slice(5, 7)),
    day: Number(text.slice(8, 10)),
    time: text.slice(11, 19),
    ms: Number(text.slice(20, 23)),
    // 1970-01-01 was a Thursday.
    weekday: DAYS[(((days + 4) % 7) + 7) % 7]!,
  }
}

/**
 * Go's time.Duration.String() for a whole number of milliseconds: "850ms", "4.123s", "1m20s",
 * "5m0s", "1h2m3.5s". The kubelet prints back-off and pull times this way.
 */
export function goDuration(ms: number): string {
  const total = Math.round(ms)
  if (total === 0) return '0s'
  const sign = total < 0 ? '-' : ''
  let rest = Math.abs(total)
  if (rest < 1000) return `${sign}${rest}ms`
  const hours = Math.floor(rest / 3_600_000)
  rest -= hours * 3_600_000
  const minutes = Math.floor(rest / 60_000)
  rest -= minutes * 60_000
  const seconds = Math.floor(rest / 1000)
  const fraction = rest % 1000
  const secondsText =
    fraction === 0 ? `${seconds}s` : `${seconds}.${pad(fraction, 3).replace(/0+$/, '')}s`
  if (hours > 0) return `${sign}${hours}h${minutes}m${secondsText}`
  if (minutes > 0) return `${sign}${minutes}m${secondsText}`
  return `${sign}${secondsText}`
}

/** RFC 3339 with nanoseconds, as CRI log files and kubectl logs --timestamps print it. */
export function rfc3339Nano(nowMs: number): string {
  return `${rfc3339Micro(nowMs).slice(0, 23)}000000Z`
}

/** klog's header: "I0105 09:00:05.123000    1234 kubelet.go:2436] ". */
export function klogHeader(
  severity: 'I' | 'W' | 'E',
  nowMs: number,
  pid: number,
  source: string,
): string {
  const p = parts(nowMs)
  const micros = `${pad(p.ms, 3)}000`
  return `${severity}${pad(p.month)}${pad(p.day)} ${p.time}.${micros} ${String(pid).padStart(7)} ${source}] `
}

/** nginx's error log time: "2026/01/05 09:00:05". */
export function nginxTime(nowMs: number): string {
  const p = parts(nowMs)
  return `${p.year}/${pad(p.month)}/${pad(p.day)} ${p.time}`
}

/** Common Log Format time, as nginx's and Apache's access logs print it: "05/Jan/2026:09:00:10 +0000". */
export function clfTime(nowMs: number): string {
  const p = parts(nowMs)
  return `${pad(p.day)}/${MONTHS[p.month - 1]!}/${p.year}:${p.time} +0000`
}

/** busybox `date`: "Mon Jan  5 09:00:05 UTC 2026". */
export function unixDate(nowMs: number): string {
  const p = parts(nowMs)
  return `${p.weekday} ${MONTHS[p.month - 1]!} ${String(p.day).padStart(2)} ${p.time} UTC ${p.year}`
}

/** redis' log time: "05 Jan 2026 09:00:05.123". */
export function redisTime(nowMs: number): string {
  const p = parts(nowMs)
  return `${pad(p.day)} ${MONTHS[p.month - 1]!} ${p.year} ${p.time}.${pad(p.ms, 3)}`
}

/** Apache's error log time: "Mon Jan 05 09:00:05.123000 2026". */
export function httpdTime(nowMs: number): string {
  const p = parts(nowMs)
  return `${p.weekday} ${MONTHS[p.month - 1]!} ${pad(p.day)} ${p.time}.${pad(p.ms, 3)}000 ${p.year}`
}

/** Seconds since the Unix epoch, as redis' signal handler prints it. */
export function unixSeconds(nowMs: number): number {
  return Math.floor((LAB_EPOCH_MS + nowMs) / 1000)
}
