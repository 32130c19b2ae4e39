/**
 * core/v1 Event rows: printEvent and formatEventSource in kubernetes
 * pkg/printers/internalversion/printers.go (v1.32); FIDELITY.md §10.1.
 *
 * Columns, in upstream order: Last Seen, Type, Reason, Object, Subobject (wide), Source (wide),
 * Message, First Seen (wide), Count (wide), Name (wide, the only "name"-format column).
 * FIRST SEEN is firstTimestamp, else eventTime. LAST SEEN is lastTimestamp, else FIRST SEEN;
 * an event series overrides it with series.lastObservedTime and COUNT with series.count.
 * A singleton event from the new API has count 0 and is shown as 1. OBJECT is
 * "<lower-case kind>/<name>". SOURCE is "component, host", falling back to
 * reportingComponent and reportingInstance.
 */
import type { Event } from '../../api/types'
import { EVENT, OBJECT_META } from './docs'
import { printer, since } from './format'
import { column } from './table'

type EventWithSeries = Partial<Event> &
  Pick<Event, 'apiVersion' | 'kind' | 'metadata'> & {
    series?: { count?: number; lastObservedTime?: string } | null
  }

const isZero = (timestamp: string | null | undefined): boolean =>
  timestamp === undefined || timestamp === null || timestamp === ''

/** formatEventSource: component (or reportingController), then ", host" (or reportingInstance). */
function eventSource(event: EventWithSeries): string {
  const component = event.source?.component || event.reportingComponent || ''
  const instance = event.source?.host || event.reportingInstance || ''
  return instance === '' ? component : `${component}, ${instance}`
}

export const EVENT_PRINTER = printer<EventWithSeries>(
  [
    column('Last Seen', EVENT.lastTimestamp),
    column('Type', EVENT.type),
    column('Reason', EVENT.reason),
    column('Object', EVENT.involvedObject),
    column('Subobject', EVENT.fieldPath, 1),
    column('Source', EVENT.source, 1),
    column('Message', EVENT.message),
    column('First Seen', EVENT.firstTimestamp, 1),
    column('Count', EVENT.count, 1),
    column('Name', OBJECT_META.name, 1, 'string', 'name'),
  ],
  (event, context) => {
    const firstSeen = isZero(event.firstTimestamp)
      ? since(event.eventTime, context)
      : since(event.firstTimestamp, context)
    let lastSeen = isZero(event.lastTimestamp) ? firstSeen : since(event.lastTimestamp, context)
    let count = event.count ?? 0
    if (event.series) {
      lastSeen = since(event.series.lastObservedTime, context)
      count = event.series.count ?? 0
    } else if (count === 0) {
      count = 1
    }
    const involved = event.involvedObject ?? {}
    const kind = (involved.kind ?? '').toLowerCase()
    return [
      lastSeen,
      event.type ?? '',
      event.reason ?? '',
      involved.name ? `${kind}/${involved.name}` : kind,
      involved.fieldPath ?? '',
      eventSource(event),
      (event.message ?? '').trim(),
      firstSeen,
      count,
      event.metadata.name ?? '',
    ]
  },
)
