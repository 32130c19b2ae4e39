/**
 * `kubectl events` (pkg/cmd/events): the namespace's events oldest first, in kubectl's own
 * client-side columns LAST SEEN, TYPE, REASON, OBJECT (Kind/name), MESSAGE; --for narrows to one
 * object, --types to Normal or Warning.
 */
import { parseTimestamp } from '../../../api/time'
import type { Event } from '../../../api/types'
import { humanDuration } from '../../../format/duration'
import { findResource } from '../../../apiserver/resources'
import { KubectlError } from '../errors'
import { GET_TABS, tabbed } from '../print/tabWriter'
import { resolveResourceType } from '../resources'
import type { KubectlVerb } from '../verb'
import { listObjects } from './request'

function ago(timestamp: string | null | undefined, nowMs: number): string {
  return timestamp ? humanDuration(nowMs - parseTimestamp(timestamp)) : '<unknown>'
}

/** getInterval: "5m", or "2m (x4 over 10m)" for a repeated event. */
export function eventInterval(e: Event, nowMs: number): string {
  const first = e.eventTime ? ago(e.eventTime, nowMs) : ago(e.firstTimestamp, nowMs)
  return e.count > 1 ? `${ago(e.lastTimestamp, nowMs)} (x${e.count} over ${first})` : first
}

function eventTime(e: Event): number {
  const t = e.lastTimestamp || e.eventTime
  return t ? parseTimestamp(t) : 0
}

export const eventsVerb: KubectlVerb = {
  name: 'events',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'for', type: 'string' },
    { name: 'types', type: 'stringArray' },
    { name: 'no-headers', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'chunk-size', type: 'int', default: '500' },
  ],
  run(inv) {
    const types = inv.flags.all('types').flatMap((t) => t.split(','))
    if (types.some((t) => t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning'))
      throw new KubectlError('error: valid --types are Normal or Warning')
    const forObject = inv.flags.string('for')
    if (forObject !== undefined && forObject.split('/').length !== 2)
      throw new KubectlError('error: --for must be in resource/name form')
    const all = inv.flags.bool('all-namespaces')
    inv.api.discover()
    let fieldSelector: string | undefined
    if (forObject !== undefined) {
      const [type, name] = forObject.split('/') as [string, string]
      const def = resolveResourceType(type)
      fieldSelector = `involvedObject.kind=${def.kind},involvedObject.name=${name}`
    }
    const events = listObjects<Event>(
      inv.api,
      findResource('', 'events')!,
      all ? undefined : inv.namespace,
      {
        fieldSelector,
      },
    )
      .items.filter(
        (e) => types.length === 0 || types.some((t) => t.toLowerCase() === e.type.toLowerCase()),
      )
      .map((e, i) => ({ e, i }))
      .sort((a, b) => eventTime(a.e) - eventTime(b.e) || a.i - b.i)
      .map((x) => x.e)
    if (events.length === 0) {
      inv.io.err(all ? 'No events found.\n' : `No events found in ${inv.namespace} namespace.\n`)
      return 0
    }
    const nowMs = inv.context.host.nowMs()
    const ns = all ? 'NAMESPACE\t' : ''
    const header = inv.flags.bool('no-headers')
      ? ''
      : `${ns}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`
    const rows = events.map(
      (e) =>
        `${all ? `${e.metadata.namespace}\t` : ''}${eventInterval(e, nowMs)}\t${e.type}\t${e.reason}\t${e.involvedObject.kind}/${e.involvedObject.name}\t${e.message.trim()}\n`,
    )
    inv.io.out(tabbed(header + rows.join(''), GET_TABS))
    return 0
  },
}
