/**
 * What `kubectl wait` is told by --for and --timeout, parsed and checked as kubectl v1.32's
 * pkg/cmd/wait does it (wait.go conditionFuncFor, condition.go, json.go):
 *
 * 1. `delete` and `create` match in any case; `condition=` and `jsonpath=` are prefixes matched
 *    as typed. Anything else is `unrecognized condition: "…"`, an empty --for included.
 * 2. `condition=TYPE[=STATUS]`: STATUS defaults to "true". The first condition of that type
 *    that has a status decides, both compared after case folding, unless its observedGeneration
 *    (else status.observedGeneration) is older than metadata.generation: then it is not met.
 * 3. `jsonpath=EXPR[=VALUE]` splits on single `=` (a `==` inside a filter stays), relaxes EXPR
 *    as custom-columns does, and trims quotes off VALUE. Without VALUE any result meets it. No
 *    result is "not yet"; several results, or a map or list where VALUE is compared, are errors.
 * 4. --timeout is a Go duration: "30s", "1m30s", "-1s" (a week), "0" (look once).
 */
import type { KubeObject } from '../../../api/types'
import { clientError } from '../errors'
import { JsonPath, JsonPathError, resultText } from '../print/jsonpath'

export type WaitFor =
  | { kind: 'delete' }
  | { kind: 'create' }
  | { kind: 'condition'; type: string; status: string }
  | { kind: 'jsonpath'; path: JsonPath; value: string | undefined }

/** A check that cannot be decided (a jsonpath leading to a map): the wait ends with it. */
export class WaitError extends Error {}

export function parseWaitFor(text: string): WaitFor {
  const lower = text.toLowerCase()
  if (lower === 'delete') return { kind: 'delete' }
  if (lower === 'create') return { kind: 'create' }
  if (text.startsWith('condition=')) {
    const rest = text.slice('condition='.length)
    const eq = rest.indexOf('=')
    if (eq < 0) return { kind: 'condition', type: rest, status: 'true' }
    return { kind: 'condition', type: rest.slice(0, eq), status: rest.slice(eq + 1) }
  }
  if (text.startsWith('jsonpath=')) return parseJsonPathWait(text.slice('jsonpath='.length))
  throw clientError(`unrecognized condition: ${goQuote(text)}`)
}

function parseJsonPathWait(input: string): WaitFor {
  const parts = splitOnSingleEquals(input)
  if (parts.length > 2)
    throw clientError(
      "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'",
    )
  const expression = relaxedJsonPathExpression(parts[0]!)
  let value: string | undefined
  if (parts.length === 2) {
    value = parts[1]!.replace(/^['"]+|['"]+$/g, '')
    if (value === '')
      throw clientError(
        "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3",
      )
  }
  if (expression === '') throw clientError('jsonpath expression cannot be empty')
  try {
    return { kind: 'jsonpath', path: new JsonPath(expression), value }
  } catch (error) {
    if (error instanceof JsonPathError) throw clientError(error.message)
    throw error
  }
}

/** splitJSONPathInput: "a==b=c" → ["a==b", "c"]. */
function splitOnSingleEquals(input: string): string[] {
  const parts: string[] = []
  let current = ''
  for (let i = 0; i < input.length; i++) {
    if (input[i] !== '=') current += input[i]
    else if (input[i + 1] === '=') current += input[i++]! + '='
    else {
      parts.push(current)
      current = ''
    }
  }
  return [...parts, current]
}

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/

/** cmd/get's RelaxedJSONPathExpression, with its error for a template of several actions. */
function relaxedJsonPathExpression(expression: string): string {
  if (expression === '') return ''
  const match = RELAXED.exec(expression)
  if (match === null)
    throw clientError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    )
  return `{.${match[1] ?? match[2]}}`
}

/** Whether the object meets a condition or jsonpath wait; throws WaitError when undecidable. */
export function conditionMet(waitFor: WaitFor, object: KubeObject): boolean {
  if (waitFor.kind === 'condition') return statusConditionMet(waitFor, object)
  if (waitFor.kind === 'jsonpath') return jsonPathMet(waitFor, object)
  return true
}

function statusConditionMet(
  waitFor: { type: string; status: string },
  object: KubeObject,
): boolean {
  const status = object['status'] as { conditions?: unknown; observedGeneration?: unknown }
  const conditions = status?.conditions
  if (!Array.isArray(conditions)) return false
  for (const condition of conditions as unknown[]) {
    if (typeof condition !== 'object' || condition === null) return false
    const { type, status: value, observedGeneration } = condition as Record<string, unknown>
    if (typeof type !== 'string' || !equalFold(type, waitFor.type)) continue
    if (typeof value !== 'string') continue
    const generation = object.metadata.generation
    const observed = typeof observedGeneration === 'number' ? observedGeneration : undefined
    const seen = observed ?? status.observedGeneration
    if (typeof generation === 'number' && typeof seen === 'number' && seen < generation)
      return false
    return equalFold(value, waitFor.status)
  }
  return false
}

function jsonPathMet(waitFor: { path: JsonPath; value: string | undefined }, object: KubeObject) {
  let results: unknown[][]
  try {
    results = waitFor.path.results(object)
  } catch (error) {
    if (error instanceof JsonPathError) throw new WaitError(error.message)
    throw error
  }
  if (results.length === 0 || results[0]!.length === 0) return false
  if (results.length > 1)
    throw new WaitError('given jsonpath expression matches more than one list')
  if (results[0]!.length > 1)
    throw new WaitError('given jsonpath expression matches more than one value')
  if (waitFor.value === undefined) return true
  const found = results[0]![0]
  if (typeof found === 'object' && found !== null)
    throw new WaitError('jsonpath leads to a nested object or list which is not supported')
  return resultText(found).trim() === waitFor.value.trim()
}

/** Go's strings.EqualFold, close enough for condition types and statuses. */
function equalFold(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

const DURATION_UNITS_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
}

/** Go's time.ParseDuration, in whole milliseconds (rounded up); throws Go's error text. */
export function goDuration(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1
  let rest = /^[-+]/.test(text) ? text.slice(1) : text
  if (rest === '0') return 0
  if (rest === '') throw new Error(`time: invalid duration ${goQuote(text)}`)
  let totalMs = 0
  while (rest !== '') {
    const number = /^\d*(\.\d*)?/.exec(rest)![0]
    if (number === '' || number === '.') throw new Error(`time: invalid duration ${goQuote(text)}`)
    rest = rest.slice(number.length)
    const unit = /^[^\d.]*/.exec(rest)![0]
    if (unit === '') throw new Error(`time: missing unit in duration ${goQuote(text)}`)
    const unitMs = DURATION_UNITS_MS[unit]
    if (unitMs === undefined)
      throw new Error(`time: unknown unit ${goQuote(unit)} in duration ${goQuote(text)}`)
    totalMs += Number(number) * unitMs
    rest = rest.slice(unit.length)
  }
  return sign * Math.ceil(totalMs)
}

/** Go's %q for the plain strings learners type. */
function goQuote(text: string): string {
  return JSON.stringify(text)
}
