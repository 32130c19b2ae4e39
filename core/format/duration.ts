/** Durations as Kubernetes and the shell print them. */

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * kubectl's AGE column: apimachinery's duration.HumanDuration (FIDELITY.md §10.2).
 * "<120s → %ds; <10m → %dm%ds; <3h → %dm; <8h → %dh%dm; <48h → %dh; <8d → %dd%dh; <2y → %dd; …"
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 120) return `${seconds}s`
  const minutes = Math.trunc(ms / MINUTE)
  if (minutes < 10) {
    const s = seconds % 60
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`
  }
  if (minutes < 180) return `${minutes}m`
  const hours = Math.trunc(ms / HOUR)
  if (hours < 8) {
    const m = minutes % 60
    return m === 0 ? `${hours}h` : `${hours}h${m}m`
  }
  if (hours < 48) return `${hours}h`
  const days = Math.trunc(hours / 24)
  if (hours < 24 * 8) {
    const h = hours % 24
    return h === 0 ? `${days}d` : `${days}d${h}h`
  }
  if (hours < 24 * 365 * 2) return `${days}d`
  const years = Math.trunc(days / 365)
  if (hours < 24 * 365 * 8) {
    const d = days % 365
    return d === 0 ? `${years}y` : `${years}y${d}d`
  }
  return `${years}y`
}

/** The lab's cluster clock: "00:01:30", or "2d 03:00:00" past a day. */
export function formatClock(ms: number): string {
  const days = Math.floor(ms / DAY)
  const rest = ms - days * DAY
  const hh = String(Math.floor(rest / HOUR)).padStart(2, '0')
  const mm = String(Math.floor((rest % HOUR) / MINUTE)).padStart(2, '0')
  const ss = String(Math.floor((rest % MINUTE) / SECOND)).padStart(2, '0')
  return `${days > 0 ? `${days}d ` : ''}${hh}:${mm}:${ss}`
}

const SLEEP_UNITS: Record<string, number> = { '': SECOND, s: SECOND, m: MINUTE, h: HOUR, d: DAY }

/**
 * One operand of GNU sleep: a non-negative decimal number with an optional suffix s, m, h or d
 * ("90", "90s", "1.5m"). Returns milliseconds, or undefined when the operand is not valid.
 */
export function parseSleepOperand(operand: string): number | undefined {
  const match = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(operand)
  if (match === null) return undefined
  return Math.round(Number(match[1]) * SLEEP_UNITS[match[2]!]!)
}
