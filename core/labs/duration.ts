/**
 * Durations in scenario files: "90s", "5m", "1.5h", "2d" (as `sleep` takes them) or a number of
 * milliseconds. Authors write the unit; the engine works in virtual milliseconds.
 */
import { z } from 'zod'
import { parseSleepOperand } from '../format/duration'

export const DurationSchema = z.union([
  z.number().int().nonnegative(),
  z.string().transform((text, ctx) => {
    const ms = parseSleepOperand(text.trim())
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `"${text}" is not a duration: write a number and a unit, like 90s, 5m or 1h`,
      })
      return z.NEVER
    }
    return ms
  }),
])
