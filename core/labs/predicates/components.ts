/**
 * `componentState`: whether a component's process runs. Read from the cluster itself (as the
 * world's Component objects are synced from it), so the answer is current even between syncs.
 */
import { isRunning } from '../../kubernetes/componentStates'
import { verdict, type CheckContext, type CheckResult } from './context'
import type { LeafPredicate } from './schema'

export function componentState(
  p: Extract<LeafPredicate, { check: 'componentState' }>,
  context: CheckContext,
): CheckResult {
  const { simulation } = context
  const drawn = simulation
    .components()
    .find((c) => c.spec.type === p.component && c.spec.machine === p.machine)
  if (drawn === undefined)
    return verdict(
      false,
      `There is no ${p.component} on ${p.machine}.`,
      `Não há ${p.component} em ${p.machine}.`,
    )
  const cluster = simulation.kubernetes
  const running =
    cluster === undefined
      ? drawn.status.state === 'Running'
      : isRunning(cluster, p.component, p.machine)
  const state = running ? 'Running' : 'Stopped'
  const pt = running ? 'em execução (Running)' : 'parado (Stopped)'
  return verdict(
    state === p.state,
    `${p.component} on ${p.machine} is ${state}.`,
    `${p.component} em ${p.machine} está ${pt}.`,
  )
}
