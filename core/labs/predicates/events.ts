/**
 * `eventHappened`: a Kubernetes Event with this reason (and, optionally, about this object) was
 * written since the step started. Read from etcd, where the API server stores Events, so an
 * Event counts even when the API server is down by the time the step is checked.
 */
import type { Event } from '../../api/types'
import { storedList, verdict, type CheckContext, type CheckResult } from './context'
import type { LeafPredicate } from './schema'

export function eventHappened(
  p: Extract<LeafPredicate, { check: 'eventHappened' }>,
  context: CheckContext,
): CheckResult {
  const prefix =
    p.namespace === undefined ? '/registry/events/' : `/registry/events/${p.namespace}/`
  const message = p.message === undefined ? undefined : new RegExp(p.message)
  const found = storedList<Event>(context, prefix).find((event) => {
    const about = event.involvedObject
    return (
      Number(event.metadata.resourceVersion ?? 0) > context.stepStartRevision &&
      event.reason === p.reason &&
      (p.kind === undefined || about.kind === p.kind) &&
      (p.name === undefined || about.name === p.name) &&
      (p.namePrefix === undefined || (about.name ?? '').startsWith(p.namePrefix)) &&
      (message === undefined || message.test(event.message))
    )
  })
  const subject = [p.kind, p.name ?? (p.namePrefix === undefined ? undefined : `${p.namePrefix}…`)]
    .filter((part) => part !== undefined)
    .join(' ')
  const about = subject === '' ? '' : ` about ${subject}`
  const sobre = subject === '' ? '' : ` sobre ${subject}`
  if (found === undefined)
    return verdict(
      false,
      `No ${p.reason} event${about} since this step began.`,
      `Nenhum evento ${p.reason}${sobre} desde o início deste passo.`,
    )
  const on = `${found.involvedObject.kind ?? ''} ${found.involvedObject.name ?? ''}`.trim()
  return verdict(
    true,
    `Event ${p.reason} on ${on}: ${found.message}`,
    `Evento ${p.reason} em ${on}: ${found.message}`,
  )
}
