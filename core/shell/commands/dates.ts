/** Dates as Linux tools print them, from virtual time (the lab's clock runs from LAB_EPOCH_MS). */
import { LAB_EPOCH_MS } from '../../api/time'

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

interface Parts {
  year: number
  month: number
  day: number
  weekday: number
  time: string
}

/** Civil date of a UTC instant, by arithmetic (no Date in core). */
export function utcParts(nowMs: number): Parts {
  const ms = LAB_EPOCH_MS + nowMs
  const days = Math.floor(ms / 86_400_000)
  const secondsOfDay = Math.floor((ms - days * 86_400_000) / 1000)
  // Howard Hinnant's civil_from_days.
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  const pad = (n: number): string => String(n).padStart(2, '0')
  const time = `${pad(Math.floor(secondsOfDay / 3600))}:${pad(Math.floor(secondsOfDay / 60) % 60)}:${pad(secondsOfDay % 60)}`
  return { year, month, day, weekday: (((days + 4) % 7) + 7) % 7, time }
}

/** `date`: "Mon Jan  5 09:10:00 UTC 2026". */
export function formatDate(nowMs: number): string {
  const p = utcParts(nowMs)
  return `${DAYS[p.weekday]} ${MONTHS[p.month - 1]} ${String(p.day).padStart(2)} ${p.time} UTC ${p.year}`
}

/** ls -l's date: "Jan  5 09:10" within six months of now, else "Jan  5  2025". */
export function formatLsDate(modifiedMs: number, nowMs: number): string {
  const p = utcParts(modifiedMs)
  const recent = Math.abs(nowMs - modifiedMs) < 182 * 86_400_000
  return `${MONTHS[p.month - 1]} ${String(p.day).padStart(2)} ${recent ? p.time.slice(0, 5) : String(p.year).padStart(5)}`
}
