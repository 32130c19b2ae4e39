/** Dates as Linux tools print them, from virtual time (the lab's clock runs from LAB_EPOCH_MS). */
import { calendar, MONTHS, WEEKDAYS } from '../../api/time'

/** `date`: "Mon Jan  5 09:10:00 UTC 2026". */
export function formatDate(nowMs: number): string {
  const p = calendar(nowMs)
  return `${WEEKDAYS[p.weekday]} ${MONTHS[p.month - 1]} ${String(p.day).padStart(2)} ${p.time} UTC ${p.year}`
}

/** ls -l's date: "Jan  5 09:10" within six months of now, else "Jan  5  2025". */
export function formatLsDate(modifiedMs: number, nowMs: number): string {
  const p = calendar(modifiedMs)
  const recent = Math.abs(nowMs - modifiedMs) < 182 * 86_400_000
  return `${MONTHS[p.month - 1]} ${String(p.day).padStart(2)} ${recent ? p.time.slice(0, 5) : String(p.year).padStart(5)}`
}
