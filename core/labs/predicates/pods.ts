/** `podsInPhase`: how many pods matching a label selector are in a phase. */
import { matchesAll, parseLabelSelector } from '../../api/labels'
import type { Pod } from '../../api/types'
import { storedList, verdict, type CheckContext, type CheckResult } from './context'
import type { LeafPredicate } from './schema'

export function podsInPhase(
  p: Extract<LeafPredicate, { check: 'podsInPhase' }>,
  context: CheckContext,
): CheckResult {
  const namespace = p.namespace ?? 'default'
  const selector = parseLabelSelector(p.selector)
  if (!selector.ok) return verdict(false, selector.error, selector.error)
  const pods = storedList<Pod>(context, `/registry/pods/${namespace}/`).filter(
    (pod) =>
      matchesAll(pod.metadata.labels, selector.requirements) &&
      (p.node === undefined || pod.spec.nodeName === p.node),
  )
  const inPhase = pods.filter((pod) => pod.status?.phase === p.phase).length
  const ok = p.count !== undefined ? inPhase === p.count : inPhase >= (p.atLeast ?? 1)
  const wanted = p.count !== undefined ? `exactly ${p.count}` : `at least ${p.atLeast ?? 1}`
  const queria = p.count !== undefined ? `exatamente ${p.count}` : `pelo menos ${p.atLeast ?? 1}`
  const who = `${p.selector === '' ? '' : ` (${p.selector})`}${p.node === undefined ? '' : ` on ${p.node}`}`
  const quem = `${p.selector === '' ? '' : ` (${p.selector})`}${p.node === undefined ? '' : ` em ${p.node}`}`
  return verdict(
    ok,
    `${inPhase} of ${pods.length} pods${who} in ${namespace} are ${p.phase}; wanted ${wanted}.`,
    `${inPhase} de ${pods.length} pods${quem} em ${namespace} estão ${p.phase}; esperado ${queria}.`,
  )
}
