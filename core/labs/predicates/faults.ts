/**
 * `fault`: one of the scenario's faults is active (applied, not healed) or healed (applied,
 * then healed, by `fault heal` or the lab). A fault not applied yet is neither.
 */
import { verdict, type CheckContext, type CheckResult } from './context'
import type { LeafPredicate } from './schema'

export function faultState(
  p: Extract<LeafPredicate, { check: 'fault' }>,
  context: CheckContext,
): CheckResult {
  const applied = context.faults.get(p.fault)
  if (applied === undefined)
    return verdict(
      false,
      `The fault ${p.fault} has not happened yet.`,
      `A falha ${p.fault} ainda não aconteceu.`,
    )
  const active = context.simulation
    .handle({ kind: 'fault/list' })
    .active.some((fault) => fault.id === applied.id)
  const state = active ? 'active' : 'healed'
  return verdict(
    state === p.state,
    `The fault ${p.fault} (${applied.kind}) is ${state}.`,
    `A falha ${p.fault} (${applied.kind}) está ${active ? 'ativa' : 'corrigida'}.`,
  )
}
