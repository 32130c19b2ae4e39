/**
 * `fault`, in two forms:
 * - `fault: ID`: one of the scenario's faults is active (applied, not healed) or healed
 *   (applied, then healed, by `fault heal` or the lab). A fault not applied yet is neither.
 * - `kind: KIND` (with `machine`, `component`, `port` to narrow it): a fault of that kind,
 *   whoever applied it — the scenario, the fault menu, `fault inject`, a challenge — is active;
 *   or one was applied and none is active any more (healed).
 */
import type { ActiveFault } from '../../faults/faults'
import { verdict, type CheckContext, type CheckResult } from './context'
import type { LeafPredicate } from './schema'

type FaultPredicate = Extract<LeafPredicate, { check: 'fault' }>

export function faultState(p: FaultPredicate, context: CheckContext): CheckResult {
  return p.fault === undefined ? anyFault(p, context) : scenarioFault(p, p.fault, context)
}

/** Every active fault, the hidden ones (a challenge's) too. */
function activeFaults(context: CheckContext): ActiveFault[] {
  return context.simulation.handle({ kind: 'fault/list', includeHidden: true }).active
}

function scenarioFault(p: FaultPredicate, id: string, context: CheckContext): CheckResult {
  const applied = context.faults.get(id)
  if (applied === undefined)
    return verdict(
      false,
      `The fault ${id} has not happened yet.`,
      `A falha ${id} ainda não aconteceu.`,
    )
  const active = activeFaults(context).some((fault) => fault.id === applied.id)
  const state = active ? 'active' : 'healed'
  return verdict(
    state === p.state,
    `The fault ${id} (${applied.kind}) is ${state}.`,
    `A falha ${id} (${applied.kind}) está ${active ? 'ativa' : 'corrigida'}.`,
  )
}

function anyFault(p: FaultPredicate, context: CheckContext): CheckResult {
  const matches = (fault: ActiveFault): boolean => fault.kind === p.kind && onTarget(fault, p)
  const active = activeFaults(context).find(matches)
  const where = whereText(p)
  const what = `${p.kind}${where.en}`
  const whatPt = `${p.kind}${where['pt-BR']}`
  if (active !== undefined)
    return verdict(
      p.state === 'active',
      `A fault ${what} is active (${active.id}).`,
      `Uma falha ${whatPt} está ativa (${active.id}).`,
    )
  if (context.appliedFaults.some(matches))
    return verdict(
      p.state === 'healed',
      `The fault ${what} was healed; none is active.`,
      `A falha ${whatPt} foi corrigida; nenhuma está ativa.`,
    )
  return verdict(
    false,
    `No fault ${what} has been applied.`,
    `Nenhuma falha ${whatPt} foi aplicada.`,
  )
}

function onTarget(fault: ActiveFault, p: FaultPredicate): boolean {
  const target = fault.target
  if (p.machine !== undefined && (target.kind === 'pod' || target.machine !== p.machine))
    return false
  if (p.component !== undefined && (target.kind !== 'component' || target.type !== p.component))
    return false
  return p.port === undefined || (target.kind === 'port' && target.port === p.port)
}

/** Where, written as `fault inject` takes a target: worker-1, worker-1/kubelet, cp-1:6443. */
function whereText(p: FaultPredicate): { en: string; 'pt-BR': string } {
  const component = p.component === undefined ? '' : `/${p.component}`
  const port = p.port === undefined ? '' : `:${p.port}`
  const target = `${p.machine ?? '*'}${component}${port}`
  return target === '*'
    ? { en: '', 'pt-BR': '' }
    : { en: ` on ${target}`, 'pt-BR': ` em ${target}` }
}
