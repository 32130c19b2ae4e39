/**
 * Waiting for deleted objects to be gone, as `kubectl delete` (and drain) do: virtual time
 * passes in one-second steps (kubectl polls drained pods every second and watches otherwise;
 * both see the object go within that second) until each object is not found, or comes back
 * with another uid (a new object of the same name).
 *
 * Invariant: the wait is bounded. With --timeout it ends there with kubectl's error; without,
 * kubectl would wait a week: the lab stops after MAX_WAIT_MS of virtual time, silently, which
 * only a finalizer stuck on purpose can reach.
 */
import { resourcePath } from '../resources'
import type { Invocation } from '../verb'
import type { Target } from './targets'

export const STEP_MS = 1000
export const MAX_WAIT_MS = 10 * 60 * 1000

/** Whether the object is gone: not found, or replaced by one with another uid. */
export function isGone(inv: Invocation, target: Target, uid: string): boolean {
  const response = inv.api.send({
    method: 'GET',
    path: resourcePath(target.def, target.namespace, target.name),
  })
  if (response.status === 404) return true
  if (response.status >= 400) return false
  const live = (response.body as { metadata?: { uid?: string } }).metadata?.uid
  return uid !== '' && live !== uid
}

/**
 * Lets time pass until every object is gone. Returns kubectl's timeout error text when --timeout
 * ran out first, else undefined.
 */
export function waitUntilGone(
  inv: Invocation,
  deleted: readonly { target: Target; uid: string }[],
  timeoutMs: number,
): string | undefined {
  let pending = deleted.filter((d) => !isGone(inv, d.target, d.uid))
  const limit = timeoutMs > 0 ? timeoutMs : MAX_WAIT_MS
  for (let waited = 0; pending.length > 0 && waited < limit; waited += STEP_MS) {
    inv.context.host.advance(STEP_MS)
    pending = pending.filter((d) => !isGone(inv, d.target, d.uid))
  }
  if (pending.length === 0 || timeoutMs <= 0) return undefined
  const first = pending[0]!.target
  return `timed out waiting for the condition on ${first.def.resource}/${first.name}`
}

/** Go durations as kubectl's --timeout takes them: "30s", "2m", "1m30s", "0s", "500ms". */
export function parseDuration(text: string): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
  let total = 0
  const pattern = /(\d+(?:\.\d+)?)(ms|s|m|h)/g
  let consumed = ''
  for (const match of text.matchAll(pattern)) {
    total += Number(match[1]) * units[match[2]!]!
    consumed += match[0]
  }
  return consumed === text ? total : 0
}
