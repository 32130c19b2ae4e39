/**
 * How kubectl reports what a changing verb did and what went wrong, as cmdutil.CheckErr prints it:
 *
 * 1. One failure alone: an Invalid Status becomes "The Deployment "web" is invalid: <causes>",
 *    another Status "Error from server (Reason): message", anything else "error: message".
 * 2. Several failures (apply, create, delete over many objects): each on its own line, Statuses as
 *    "Error from server (Reason): …" (Invalid included), others bare, without "error: ".
 * 3. A failure tied to a file names it: `error when creating "pod.yaml": …` (AddSourceToErr).
 */
import type { ApiResponse } from '../../../apiserver/request'
import { klogTime } from '../../../api/time'
import { KubectlError, statusText } from '../errors'
import type { Invocation } from '../verb'

export interface StatusBody {
  reason?: string
  message?: string
  code?: number
  details?: {
    name?: string
    kind?: string
    causes?: { field?: string; message?: string }[]
  }
}

/** A failure of one object: a Status from the server, or a client-side message. */
export type Failure = { status: StatusBody } | { message: string }

export function statusOf(response: ApiResponse): StatusBody {
  const body = response.body
  if (typeof body === 'object' && body !== null) return body as StatusBody
  return { message: typeof body === 'string' ? body : '' }
}

/** The Status of a failed response as a Failure. */
export function failed(response: ApiResponse): { status: StatusBody } {
  return { status: statusOf(response) }
}

/** AddSourceToErr: `error when creating "pod.yaml": <message>`. */
export function withSource(verb: string, source: string | undefined, failure: Failure): Failure {
  if (source === undefined || source === '') return failure
  if ('status' in failure) {
    const message = `error when ${verb} "${source}": ${failure.status.message ?? ''}`
    return { status: { ...failure.status, message } }
  }
  return { message: `error when ${verb} "${source}": ${failure.message}` }
}

/** The text of a lone failure (rule 1). */
export function singleText(failure: Failure): string {
  if ('message' in failure)
    return failure.message.startsWith('error: ') ? failure.message : `error: ${failure.message}`
  const status = failure.status
  if (status.reason === 'Invalid') return invalidText(status)
  return statusText(status)
}

function invalidText(status: StatusBody): string {
  const details = status.details
  if (details === undefined) return 'The request is invalid'
  const head =
    details.kind || details.name
      ? `The ${details.kind ?? ''} "${details.name ?? ''}" is invalid`
      : 'The request is invalid'
  const causes = (details.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message ?? ''}`)
  if (causes.length === 0) return head
  if (causes.length === 1) return `${head}: ${causes[0]}`
  return `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`
}

/** The text of one failure among several (rule 2). */
function listedText(failure: Failure): string {
  return 'status' in failure ? statusText(failure.status) : failure.message
}

/** What kubectl prints for the failures of a run, as the error that ends it (exit status 1). */
export function failureError(failures: readonly Failure[]): KubectlError {
  if (failures.length === 1) return new KubectlError(singleText(failures[0]!))
  return new KubectlError(failures.map(listedText).join('\n'))
}

/** Throws the run's failures, if any (after everything that could be done was done). */
export function throwFailures(failures: readonly Failure[]): void {
  if (failures.length > 0) throw failureError(failures)
}

/**
 * kubectl 1.32 reports a missing required flag through klog rather than cobra's usage text:
 * E0105 09:00:00.000000   12345 run.go:72] "command failed" err="required flag(s) \"image\" not set"
 */
export function requiredFlagError(inv: Invocation, flag: string): KubectlError {
  // KubectlApi keeps the kubectl process id for its own klog lines; this line is the same process.
  const pid = inv.api.pid
  const time = klogTime(inv.context.host.nowMs())
  return new KubectlError(
    `E${time} ${String(pid).padStart(7)} run.go:72] "command failed" err="required flag(s) \\"${flag}\\" not set"`,
  )
}
