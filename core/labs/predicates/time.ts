/** `timePassed`: this much virtual time has passed since the step started. */
import { humanDuration } from '../../format/duration'
import { verdict, type CheckContext, type CheckResult } from './context'
import type { LeafPredicate } from './schema'

export function timePassed(
  p: Extract<LeafPredicate, { check: 'timePassed' }>,
  context: CheckContext,
): CheckResult {
  const elapsedMs = context.simulation.clock.nowMs - context.stepStartedAtMs
  const elapsed = humanDuration(Math.max(0, elapsedMs))
  const wanted = humanDuration(p.duration)
  return verdict(
    elapsedMs >= p.duration,
    `${elapsed} of ${wanted} have passed in this step.`,
    `Passaram ${elapsed} de ${wanted} neste passo.`,
  )
}
