/**
 * `kubectl wait --for=delete|create|condition=TYPE[=STATUS]|jsonpath=EXPR[=VALUE] OBJECTS
 * [--timeout=30s]`, as kubectl v1.32's pkg/cmd/wait runs it. The objects are named as for the
 * other verbs (waitTargets.ts) and waited for one after the other under one deadline; each one
 * that meets the condition prints "pod/web condition met" at once, and the failures are printed
 * together at the end, with exit status 1.
 *
 * Invariants:
 * 1. Virtual time passes while waiting, in POLL_MS steps (longer in long waits, see pollUntil):
 *    a watch would see the change at once, and what is printed does not depend on where in the
 *    step it came. --for=create polls every 500 ms, as kubectl does. No loop goes past the
 *    deadline, which a negative --timeout puts MAX_WAIT_MS away (kubectl's would be a week).
 * 2. Once the deadline has passed, the objects still to visit time out without another look
 *    (kubectl's informer cannot sync on an expired context), except that --for=delete still
 *    GETs each one once, as IsDeleted does before it watches.
 * 3. A connection refused while waiting is waited through, as kubectl's informer retries.
 */
import type { KubeObject } from '../../../api/types'
import { clientError, KubectlError, usageError } from '../errors'
import type { Invocation, KubectlVerb } from '../verb'
import { FILENAME_FLAGS } from './manifests'
import { throwFailures, type Failure } from './outcome'
import { OUTPUT_FLAG, outputOf, report } from './printing'
import { fetch, typed, type Target } from './targets'
import { conditionMet, goDuration, parseWaitFor, WaitError, type WaitFor } from './waitFor'
import { isGone, MAX_WAIT_MS } from './waitGone'
import { isNotFound, locate, type Located } from './waitTargets'

const POLL_MS = 100
const CREATE_POLL_MS = 500

export const wait: KubectlVerb = {
  name: 'wait',
  flags: [
    ...FILENAME_FLAGS,
    OUTPUT_FLAG,
    { name: 'for', type: 'string', default: '' },
    { name: 'timeout', type: 'string', default: '30s' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool', default: 'true' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
  ],
  run(inv) {
    const timeoutMs = timeoutOf(inv)
    outputOf(inv)
    const waitFor = parseWaitFor(inv.flags.string('for') ?? '')
    const deadlineMs = inv.context.host.nowMs() + timeoutMs
    if (waitFor.kind === 'create') awaitCreation(inv, deadlineMs)
    const failures: Failure[] = []
    let visited = 0
    for (const item of locate(inv, failures)) {
      const object = objectOf(inv, item)
      if ('failure' in object) {
        if (!(waitFor.kind === 'delete' && isNotFound(object.failure)))
          failures.push(object.failure)
        continue
      }
      visited++
      const outcome = waitOne(inv, waitFor, item.target, object.object, deadlineMs, timeoutMs)
      if ('met' in outcome) report(inv, outcome.met, 'condition met', 'none')
      else failures.push(outcome.failure)
    }
    throwFailures(failures)
    if (visited === 0 && waitFor.kind !== 'delete') throw clientError('no matching resources found')
    return 0
  },
}

/**
 * --timeout as pflag parses a duration. kubectl takes a negative one for a week; the lab stops
 * after MAX_WAIT_MS, as its other waits without a timeout do, and says it timed out.
 */
function timeoutOf(inv: Invocation): number {
  const text = inv.flags.string('timeout') ?? '30s'
  let timeoutMs: number
  try {
    timeoutMs = goDuration(text)
  } catch (error) {
    const why = (error as Error).message
    throw usageError('wait', `invalid argument "${text}" for "--timeout" flag: ${why}`)
  }
  return timeoutMs < 0 ? MAX_WAIT_MS : timeoutMs
}

/** A wait's end for one object: met (with the object to print), or why not. */
type Outcome = { met: KubeObject } | { failure: Failure }

/** The object as kubectl's builder hands it over: listed already, or GET by name now. */
function objectOf(inv: Invocation, item: Located): { object: KubeObject } | { failure: Failure } {
  if (item.object !== undefined) return { object: item.object }
  const fetched = fetch(inv, item.target)
  if ('failure' in fetched) return fetched
  return { object: typed(item.target.def, fetched.object) }
}

function waitOne(
  inv: Invocation,
  waitFor: WaitFor,
  target: Target,
  object: KubeObject,
  deadlineMs: number,
  timeoutMs: number,
): Outcome {
  if (target.name === '') return { failure: { message: 'resource name must be provided' } }
  if (waitFor.kind === 'create') return { met: object }
  if (waitFor.kind === 'delete') return awaitDeletion(inv, target, object, deadlineMs, timeoutMs)
  if (timeoutMs === 0) return checkOnce(inv, waitFor, target)
  return awaitCondition(inv, waitFor, target, deadlineMs)
}

const notMet = (t: Target): Outcome => ({
  failure: { message: `condition not met for ${t.def.resource}/${t.name}` },
})
const timedOut = (t: Target): Outcome => ({
  failure: { message: `timed out waiting for the condition on ${t.def.resource}/${t.name}` },
})

/** IsDeleted: gone at the first GET, else (unless --timeout=0) until it is gone. */
function awaitDeletion(
  inv: Invocation,
  target: Target,
  object: KubeObject,
  deadlineMs: number,
  timeoutMs: number,
): Outcome {
  const uid = object.metadata.uid ?? ''
  const gone = (): boolean => isGone(inv, target, uid)
  if (gone()) return { met: object }
  if (timeoutMs === 0) return notMet(target)
  const seen = pollUntil(inv, deadlineMs, POLL_MS, refusedAsFalse(gone))
  return seen ? { met: object } : timedOut(target)
}

/** getObjAndCheckCondition with --timeout=0: one GET decides. */
function checkOnce(inv: Invocation, waitFor: WaitFor, target: Target): Outcome {
  const fetched = fetch(inv, target)
  if ('failure' in fetched) return fetched
  return decide(waitFor, typed(target.def, fetched.object)) ?? notMet(target)
}

/** getObjAndCheckCondition: the object is read every POLL_MS until it decides or time is up. */
function awaitCondition(
  inv: Invocation,
  waitFor: WaitFor,
  target: Target,
  deadlineMs: number,
): Outcome {
  if (inv.context.host.nowMs() >= deadlineMs) return timedOut(target)
  // The informer's first list must hold the object; after that a 404 is a DELETED event.
  const first = fetch(inv, target)
  if ('failure' in first) return first
  let outcome = decide(waitFor, typed(target.def, first.object))
  const look = (): boolean => {
    const fetched = fetch(inv, target)
    if ('failure' in fetched) return false
    outcome = decide(waitFor, typed(target.def, fetched.object))
    return outcome !== undefined
  }
  if (outcome === undefined) pollUntil(inv, deadlineMs, POLL_MS, refusedAsFalse(look))
  return outcome ?? timedOut(target)
}

/** What one look at the object says: met, an error that ends the wait, or undefined (not yet). */
function decide(waitFor: WaitFor, object: KubeObject): Outcome | undefined {
  try {
    return conditionMet(waitFor, object) ? { met: object } : undefined
  } catch (error) {
    if (error instanceof WaitError) return { failure: { message: error.message } }
    throw error
  }
}

/**
 * RunWait's --for=create: looks now and every CREATE_POLL_MS until the builder finds the
 * objects. One object not found is "not yet"; several failures end the wait (kubectl cannot
 * tell an aggregate of NotFounds from other errors).
 */
function awaitCreation(inv: Invocation, deadlineMs: number): void {
  const look = (): boolean => {
    const failures: Failure[] = []
    let seen = false
    for (const item of locate(inv, failures)) {
      const object = objectOf(inv, item)
      if ('failure' in object) failures.push(object.failure)
      else seen = true
    }
    if (failures.length === 1 && isNotFound(failures[0]!)) return false
    throwFailures(failures)
    return seen
  }
  if (!look() && !pollUntil(inv, deadlineMs, CREATE_POLL_MS, look))
    throw clientError('timed out waiting for the condition')
}

/**
 * Lets virtual time pass step by step, looking after each step, until a look succeeds or the
 * deadline has come (the last look is at the deadline). Returns whether a look succeeded. Steps
 * grow to 1% of the time waited so far, so that a --timeout of hours stays a few hundred looks:
 * the change is then seen a little late, and the same lines are printed.
 */
function pollUntil(
  inv: Invocation,
  deadlineMs: number,
  stepMs: number,
  look: () => boolean,
): boolean {
  const host = inv.context.host
  const startMs = host.nowMs()
  for (let nowMs = startMs; nowMs < deadlineMs; nowMs = host.nowMs()) {
    const step = Math.max(stepMs, Math.floor((nowMs - startMs) / 100))
    host.advance(Math.max(1, Math.min(step, deadlineMs - nowMs)))
    if (look()) return true
  }
  return false
}

/** A look that counts a refused connection as "not yet", as kubectl's informer retries. */
function refusedAsFalse(look: () => boolean): () => boolean {
  return () => {
    try {
      return look()
    } catch (error) {
      if (error instanceof KubectlError && error.refused) return false
      throw error
    }
  }
}
