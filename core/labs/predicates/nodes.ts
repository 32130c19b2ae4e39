/** `nodeCondition`: a Node's condition (Ready, MemoryPressure, …) has one of the statuses wanted. */
import type { Node } from '../../api/types'
import { stored, verdict, type CheckContext, type CheckResult } from './context'
import type { LeafPredicate } from './schema'

export function nodeCondition(
  p: Extract<LeafPredicate, { check: 'nodeCondition' }>,
  context: CheckContext,
): CheckResult {
  const node = stored<Node>(context, `/registry/minions/${p.node}`)
  if (node === undefined)
    return verdict(false, `Node ${p.node} does not exist.`, `O Node ${p.node} não existe.`)
  const wanted = Array.isArray(p.status) ? p.status : [p.status]
  const condition = node.status?.conditions?.find((c) => c.type === p.type)
  const status = condition?.status ?? 'Unknown'
  const ok = wanted.includes(status)
  const want = wanted.join(' or ')
  const quer = wanted.join(' ou ')
  return verdict(
    ok,
    `Node ${p.node}: ${p.type}=${status}${ok ? '' : ` (waiting for ${want})`}.`,
    `Node ${p.node}: ${p.type}=${status}${ok ? '' : ` (aguardando ${quer})`}.`,
  )
}
