/**
 * The timeline: what happened in the cluster on one axis of cluster (virtual) time. Kubernetes
 * Events (read from the kube store), component log lines, faults applied and healed, and lab
 * steps completed, merged into entries the timeline view lists and filters.
 *
 * 1. Log lines: `connect` subscribes before it asks `log/list`; the port keeps order, so every
 *    `log/appended` that arrives before the reply is already in it, and the reply replaces what
 *    those events added. Lines live in a ring of MAX_LOG_LINES (the oldest go first).
 * 2. Faults and lab steps are kept in a ring of MAX_MARKS. A fault applied is placed at its
 *    `sinceMs`; a fault healed, and a lab step turning done, at the cluster time the store
 *    sees it happen (the events carry no time of their own).
 * 3. A lab step counts once, when it turns done in a view of the same lab: the first view of a
 *    lab (steps replayed from saved progress) only sets the baseline.
 * 4. Entries are ordered by (time, source rank, arrival); Events sit at their last occurrence,
 *    like `kubectl get events`, and show their count.
 * 5. `simulation/replaced` clears everything and lists the new simulation's lines and faults.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type {
  ActiveFault,
  EventSummary,
  LabView,
  Localized,
  LogLine,
  SummaryKind,
} from '../../../core/protocol'
import type { SimulationClient } from '../client/simulationClient'
import { compareNames } from '../util/compareNames'
import { kindText, targetText } from '../util/faultText'
import { formatClock, useClockStore } from './clock'
import type { InspectTarget } from './inspector'
import { useKubeStore } from './kube'
import { useLabsStore } from './labs'

export const MAX_LOG_LINES = 5_000
export const MAX_MARKS = 1_000

export const ENTRY_TYPES = ['Warning', 'Normal', 'log', 'fault', 'lab'] as const
export type EntryType = (typeof ENTRY_TYPES)[number]

interface EntryBase {
  /** Unique among the entries shown at once. */
  id: string
  atMs: number
  /** Arrival order within its source: the last tie-breaker. */
  seq: number
  /** Who: the component that logged or reported it, or that a fault hit. */
  component?: string
  /** What about: "Pod/default/web-1", "Node/worker-1". */
  object?: string
  /** What the inspector shows when the entry is chosen; null when there is nothing to show. */
  target: InspectTarget | null
}

export type TimelineEntry =
  | (EntryBase & { type: 'Warning' | 'Normal'; event: EventSummary })
  | (EntryBase & { type: 'log'; line: LogLine })
  | (EntryBase & { type: 'fault'; change: 'applied' | 'healed'; fault: ActiveFault })
  | (EntryBase & { type: 'lab'; lab: Localized; step: Localized })

type Mark = Extract<TimelineEntry, { type: 'fault' | 'lab' }>
type LogEntry = Extract<TimelineEntry, { type: 'log' }>

export interface TimelineFilter {
  /** Only entries of this component; '' for all. */
  component: string
  /** Case-insensitive text the entry's object or component must contain; '' for all. */
  object: string
  types: ReadonlySet<EntryType>
}

/** Same-time entries read cause before effect: a fault, then what logged, reported, passed. */
const RANK: Record<EntryType, number> = { fault: 0, log: 1, Warning: 2, Normal: 2, lab: 3 }

export function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  return a.atMs - b.atMs || RANK[a.type] - RANK[b.type] || a.seq - b.seq
}

const RESOURCE_KINDS: ReadonlySet<string> = new Set<SummaryKind>([
  'Node',
  'Pod',
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'Service',
  'EndpointSlice',
])

/** "Pod/default/web-1", or "Node/worker-1" for a cluster-scoped object. */
export function objectKey(kind: string, namespace: string, name: string): string {
  return namespace === '' ? `${kind}/${name}` : `${kind}/${namespace}/${name}`
}

export function eventEntry(event: EventSummary, seq: number): TimelineEntry {
  const { kind, namespace, name } = event.involved
  const target: InspectTarget | null = !RESOURCE_KINDS.has(kind)
    ? null
    : kind === 'Node' || namespace === ''
      ? { object: kind as SummaryKind, name }
      : { object: kind as SummaryKind, namespace, name }
  return {
    id: `event:${event.key}`,
    atMs: event.lastMs,
    seq,
    type: event.type,
    event,
    component: event.source === '' ? undefined : event.source,
    object: objectKey(kind, kind === 'Node' ? '' : namespace, name),
    target,
  }
}

export function logEntry(line: LogLine, seq: number): LogEntry {
  return {
    id: `log:${seq}`,
    atMs: line.atMs,
    seq,
    type: 'log',
    line,
    component: line.component,
    target: { object: 'Component', name: line.component },
  }
}

/** Where a fault struck, as the inspector and the filters name it. */
export function faultPlace(fault: ActiveFault): Pick<EntryBase, 'component' | 'object' | 'target'> {
  const target = fault.target
  switch (target.kind) {
    case 'component': {
      const name = `${target.type}-${target.machine}`
      return { component: name, target: { object: 'Component', name } }
    }
    case 'machine':
    case 'port':
      return {
        object: target.machine,
        target: { object: 'Machine', name: target.machine },
      }
    case 'pod':
      return {
        object: objectKey('Pod', target.namespace, target.name),
        target: { object: 'Pod', namespace: target.namespace, name: target.name },
      }
  }
}

export function faultEntry(
  fault: ActiveFault,
  change: 'applied' | 'healed',
  atMs: number,
  seq: number,
): Mark {
  return {
    id: `fault:${change}:${fault.id}:${seq}`,
    atMs,
    seq,
    type: 'fault',
    change,
    fault,
    ...faultPlace(fault),
  }
}

/** The steps that turned done from `before` to `after`, if both are views of the same lab. */
export function stepsDone(before: LabView | null, after: LabView | null): LabView['steps'] {
  if (before === null || after === null || before.lab.id !== after.lab.id) return []
  const wasDone = new Set(before.steps.filter((s) => s.status === 'done').map((s) => s.id))
  return after.steps.filter((s) => s.status === 'done' && !wasDone.has(s.id))
}

/** Merges the sources in time order (each source arrives almost sorted: a cheap sort). */
export function mergeEntries(...sources: readonly (readonly TimelineEntry[])[]): TimelineEntry[] {
  return sources.flat().sort(compareEntries)
}

export function matchesFilter(entry: TimelineEntry, filter: TimelineFilter): boolean {
  if (!filter.types.has(entry.type)) return false
  if (filter.component !== '' && entry.component !== filter.component) return false
  const query = filter.object.trim().toLowerCase()
  if (query === '') return true
  return (
    (entry.object?.toLowerCase().includes(query) ?? false) ||
    (entry.component?.toLowerCase().includes(query) ?? false)
  )
}

/** Appends to a ring: a new array of at most `max` items, the oldest dropped. */
export function appendBounded<T>(items: readonly T[], more: readonly T[], max: number): T[] {
  const next = items.concat(more)
  return next.length > max ? next.slice(next.length - max) : next
}

export const useTimelineStore = defineStore('timeline', () => {
  const kube = useKubeStore()
  const clock = useClockStore()
  const labs = useLabsStore()
  const logs = shallowRef<readonly LogEntry[]>([])
  const marks = shallowRef<readonly Mark[]>([])
  const component = ref('')
  const object = ref('')
  const types = ref<ReadonlySet<EntryType>>(new Set(ENTRY_TYPES))
  let seq = 0
  let generation = 0

  const events = computed(() => {
    let index = 0
    return [...kube.events.values()].map((event) => eventEntry(event, index++))
  })
  const entries = computed(() => mergeEntries(marks.value, logs.value, events.value))
  const filter = computed<TimelineFilter>(() => ({
    component: component.value,
    object: object.value,
    types: types.value,
  }))
  const visible = computed(() => entries.value.filter((e) => matchesFilter(e, filter.value)))
  const components = computed(() =>
    [
      ...new Set(entries.value.flatMap((e) => (e.component === undefined ? [] : [e.component]))),
    ].sort(compareNames),
  )

  // Lab steps (invariant 3): the labs store's view changes on lab/changed and on every lab
  // command's reply (a check the learner asked for passes a step too).
  watch(
    () => labs.view,
    (after, before) => {
      const done = stepsDone(before ?? null, after)
      if (after === null || done.length === 0) return
      addMarks(
        done.map((step) => ({
          id: `lab:${after.lab.id}:${step.id}:${seq}`,
          atMs: clock.nowMs,
          seq: seq++,
          type: 'lab' as const,
          lab: after.lab.title,
          step: step.title,
          target: null,
        })),
      )
    },
    { flush: 'sync' },
  )

  function addMarks(more: Mark[]): void {
    marks.value = appendBounded(marks.value, more, MAX_MARKS)
  }

  function addLines(lines: readonly LogLine[]): void {
    if (lines.length === 0) return
    const more = lines.map((line) => logEntry(line, seq++))
    logs.value = appendBounded(logs.value, more, MAX_LOG_LINES)
  }

  function clear(): void {
    logs.value = []
    marks.value = []
  }

  /** Follows logs, faults and the replacement of the simulation; returns a function that stops. */
  function connect(client: SimulationClient): () => void {
    const mine = ++generation
    clear()
    const stop = client.onEvent((event) => {
      if (mine !== generation) return
      if (event.kind === 'log/appended') addLines(event.lines)
      else if (event.kind === 'fault/applied')
        addMarks([faultEntry(event.fault, 'applied', event.fault.sinceMs, seq++)])
      else if (event.kind === 'fault/healed')
        addMarks([faultEntry(event.fault, 'healed', clock.nowMs, seq++)])
      else if (event.kind === 'simulation/replaced') void list(client, mine)
    })
    void list(client, mine)
    return () => {
      stop()
      if (mine === generation) generation++
    }
  }

  /** The initial (or new simulation's) log lines and active faults (invariants 1 and 5). */
  async function list(client: SimulationClient, mine: number): Promise<void> {
    clear()
    const [listed, faults] = await Promise.all([
      client.request({ kind: 'log/list' }).catch(() => ({ lines: [] })),
      client.request({ kind: 'fault/list' }).catch(() => ({ active: [] })),
    ])
    if (mine !== generation) return
    logs.value = []
    addLines(listed.lines.slice(-MAX_LOG_LINES))
    const known = new Set(marks.value.map((m) => (m.type === 'fault' ? m.fault.id : '')))
    const missing = faults.active.filter((f) => !known.has(f.id))
    addMarks(missing.map((f) => faultEntry(f, 'applied', f.sinceMs, seq++)))
  }

  function toggleType(type: EntryType, on: boolean): void {
    const next = new Set(types.value)
    if (on) next.add(type)
    else next.delete(type)
    types.value = next
  }

  function resetFilter(): void {
    component.value = ''
    object.value = ''
    types.value = new Set(ENTRY_TYPES)
  }

  return {
    entries,
    visible,
    components,
    component,
    object,
    types,
    connect,
    toggleType,
    resetFilter,
  }
})

/**
 * Cluster time as the clock shows it (00:12:40). The cluster was bootstrapped before the lab's
 * time zero, so its first lines are earlier: they read −00:10:00.
 */
export function formatTime(ms: number): string {
  return ms < 0 ? `−${formatClock(-ms)}` : formatClock(ms)
}

/** vue-i18n's `t`, narrowed to what the entry texts need. */
export type Translate = (key: string, named?: Record<string, unknown>) => string

/** What an entry says, in the UI language (Kubernetes' and the components' own words as they are). */
export function entryText(t: Translate, language: string, entry: TimelineEntry): string {
  switch (entry.type) {
    case 'Warning':
    case 'Normal': {
      const { reason, message, count } = entry.event
      const times = count > 1 ? ` (${t('timeline.times', { count })})` : ''
      return `${reason}: ${message}${times}`
    }
    case 'log':
      return entry.line.text
    case 'fault':
      return t(`timeline.fault.${entry.change}`, {
        fault: kindText(t, entry.fault.kind),
        target: targetText(t, entry.fault.target),
      })
    case 'lab':
      return t('timeline.lab.stepDone', {
        step: localized(entry.step, language),
        lab: localized(entry.lab, language),
      })
  }
}

/** Where an entry comes from, as its row shows it: the object it is about, else who wrote it. */
export function entrySource(entry: TimelineEntry): string {
  return entry.object ?? entry.component ?? ''
}

function localized(text: Localized, language: string): string {
  return (text as Record<string, string | undefined>)[language] ?? text.en
}
