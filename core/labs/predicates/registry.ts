/**
 * The predicate registry: each `check` name maps to the function that evaluates it, and `all`,
 * `any`, `not` combine them. Leaf reasons state what was seen ("kube-apiserver on cp-1 is
 * Stopped"), so a reason reads true whichever way a `not` turns it.
 */
import type { CheckContext, CheckResult } from './context'
import { commandRan } from './commands'
import { componentState } from './components'
import { curlReaches } from './curl'
import { eventHappened } from './events'
import { faultState } from './faults'
import { nodeCondition } from './nodes'
import { field, objectExists } from './objects'
import { podsInPhase } from './pods'
import type { LeafPredicate, Predicate } from './schema'
import { timePassed } from './time'

type Evaluators = {
  [K in LeafPredicate['check']]: (
    predicate: Extract<LeafPredicate, { check: K }>,
    context: CheckContext,
  ) => CheckResult
}

export const PREDICATES: Evaluators = {
  objectExists,
  field,
  podsInPhase,
  nodeCondition,
  componentState,
  fault: faultState,
  eventHappened,
  commandRan,
  curl: curlReaches,
  timePassed,
}

export function evaluate(predicate: Predicate, context: CheckContext): CheckResult {
  switch (predicate.check) {
    case 'all': {
      const results = predicate.of.map((p) => evaluate(p, context))
      const failed = results.find((r) => !r.ok)
      return failed ?? { ok: true, reason: join(results) }
    }
    case 'any': {
      const results = predicate.of.map((p) => evaluate(p, context))
      const passed = results.find((r) => r.ok)
      return passed ?? { ok: false, reason: join(results) }
    }
    case 'not': {
      const inner = evaluate(predicate.predicate, context)
      return { ok: !inner.ok, reason: inner.reason }
    }
    default: {
      const evaluator = PREDICATES[predicate.check] as (
        p: LeafPredicate,
        c: CheckContext,
      ) => CheckResult
      return evaluator(predicate, context)
    }
  }
}

function join(results: readonly CheckResult[]): CheckResult['reason'] {
  return {
    en: results.map((r) => r.reason.en).join(' '),
    'pt-BR': results.map((r) => r.reason['pt-BR']).join(' '),
  }
}
