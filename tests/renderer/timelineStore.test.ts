import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type {
  ActiveFault,
  Command,
  EventSummary,
  LabView,
  LogLine,
  SimulationEvent,
} from '../../core/protocol'
import type { SimulationClient } from '../../renderer/src/client/simulationClient'
import { useClockStore } from '../../renderer/src/stores/clock'
import { useKubeStore } from '../../renderer/src/stores/kube'
import { useLabsStore } from '../../renderer/src/stores/labs'
import {
  ENTRY_TYPES,
  entryText,
  eventEntry,
  faultEntry,
  formatTime,
  logEntry,
  matchesFilter,
  MAX_LOG_LINES,
  mergeEntries,
  useTimelineStore,
  type TimelineFilter,
} from '../../renderer/src/stores/timeline'
import { settle } from './helpers'

/** A client whose replies the test scripts per command kind, and whose events it emits. */
function fakeClient(replies: Partial<Record<Command['kind'], () => unknown>> = {}) {
  const asked: Command[] = []
  const listeners = new Set<(event: SimulationEvent) => void>()
  const client: SimulationClient = {
    request: (command) => {
      asked.push(command)
      const reply = replies[command.kind]
      return reply === undefined
        ? Promise.reject(new Error(`unexpected ${command.kind}`))
        : Promise.resolve(reply() as never)
    },
    onEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: () => {},
  }
  const emit = (event: SimulationEvent): void => listeners.forEach((l) => l(event))
  return { client, asked, emit }
}

const line = (atMs: number, component: string, text: string): LogLine => ({
  atMs,
  component,
  text,
})

function event(name: string, over: Partial<EventSummary> = {}): EventSummary {
  return {
    kind: 'Event',
    key: `Event/default/${name}`,
    uid: name,
    namespace: 'default',
    name,
    createdMs: 0,
    type: 'Normal',
    reason: 'Scheduled',
    message: 'Successfully assigned default/web-1 to worker-1',
    involved: { kind: 'Pod', namespace: 'default', name: 'web-1' },
    source: 'default-scheduler',
    count: 1,
    firstMs: 0,
    lastMs: 0,
    ...over,
  }
}

const STOP_KUBELET: ActiveFault = {
  id: 'fault-1',
  kind: 'process/stop',
  target: { kind: 'component', type: 'kubelet', machine: 'worker-1' },
  sinceMs: 30_000,
}

function labView(id: string, done: string[]): LabView {
  const steps = ['one', 'two', 'three'].map((step) => ({
    id: step,
    title: { en: `Step ${step}`, 'pt-BR': `Passo ${step}` },
    text: { en: '', 'pt-BR': '' },
    status: done.includes(step) ? ('done' as const) : ('pending' as const),
    hints: [],
    hintCount: 0,
  }))
  return {
    lab: {
      id,
      title: { en: `Lab ${id}`, 'pt-BR': `Lab ${id}` },
      duration: 10,
      difficulty: 'beginner',
      concepts: [],
      order: 1,
      stepIds: steps.map((s) => s.id),
    },
    steps,
    questions: [],
    completed: false,
    progress: { version: 1, labs: {} },
  }
}

const ALL: TimelineFilter = { component: '', object: '', types: new Set(ENTRY_TYPES) }
const T = (key: string, named?: Record<string, unknown>): string =>
  `${key}${named === undefined ? '' : JSON.stringify(named)}`

describe('timeline entries', () => {
  it('orders by cluster time, then fault before log before Event before lab step', () => {
    const merged = mergeEntries(
      [eventEntry(event('a', { lastMs: 5_000 }), 0)],
      [
        logEntry(line(5_000, 'kubelet-worker-1', 'x'), 1),
        logEntry(line(1_000, 'etcd-cp-1', 'y'), 2),
      ],
      [faultEntry(STOP_KUBELET, 'applied', 5_000, 3)],
    )
    expect(merged.map((e) => `${e.atMs}:${e.type}`)).toEqual([
      '1000:log',
      '5000:fault',
      '5000:log',
      '5000:Normal',
    ])
  })

  it('places an Event at its last occurrence and says how many times it happened', () => {
    const entry = eventEntry(
      event('b', {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off',
        count: 4,
        lastMs: 9_000,
      }),
      0,
    )
    expect(entry).toMatchObject({ atMs: 9_000, type: 'Warning', object: 'Pod/default/web-1' })
    expect(entryText(T, 'en', entry)).toBe('BackOff: Back-off (timeline.times{"count":4})')
  })

  it('targets what each entry is about for the inspector', () => {
    expect(eventEntry(event('p'), 0).target).toEqual({
      object: 'Pod',
      namespace: 'default',
      name: 'web-1',
    })
    const node = event('n', { involved: { kind: 'Node', namespace: 'default', name: 'worker-2' } })
    expect(eventEntry(node, 0).target).toEqual({ object: 'Node', name: 'worker-2' })
    const lease = event('l', { involved: { kind: 'Lease', namespace: 'kube-system', name: 'x' } })
    expect(eventEntry(lease, 0).target).toBeNull()
    expect(logEntry(line(0, 'etcd-cp-1', 'hi'), 0).target).toEqual({
      object: 'Component',
      name: 'etcd-cp-1',
    })
    expect(faultEntry(STOP_KUBELET, 'applied', 0, 0).target).toEqual({
      object: 'Component',
      name: 'kubelet-worker-1',
    })
    const powerOff: ActiveFault = {
      ...STOP_KUBELET,
      kind: 'machine/power-off',
      target: { kind: 'machine', machine: 'worker-2' },
    }
    expect(faultEntry(powerOff, 'applied', 0, 0).target).toEqual({
      object: 'Machine',
      name: 'worker-2',
    })
    const killContainer: ActiveFault = {
      ...STOP_KUBELET,
      kind: 'container/kill',
      target: { kind: 'pod', namespace: 'default', name: 'web-1' },
    }
    expect(faultEntry(killContainer, 'applied', 0, 0).target).toMatchObject({ object: 'Pod' })
  })

  it('writes cluster time like the clock, and the bootstrap before time zero as negative', () => {
    expect(formatTime(760_000)).toBe('00:12:40')
    expect(formatTime(-600_000)).toBe('−00:10:00')
  })

  it('filters by component, by object or component text, and by type', () => {
    const entries = [
      eventEntry(event('a'), 0),
      logEntry(line(0, 'kubelet-worker-1', 'started'), 1),
      faultEntry(STOP_KUBELET, 'applied', 0, 2),
    ]
    const keep = (filter: Partial<TimelineFilter>): string[] =>
      entries.filter((e) => matchesFilter(e, { ...ALL, ...filter })).map((e) => e.type)
    expect(keep({})).toEqual(['Normal', 'log', 'fault'])
    expect(keep({ component: 'kubelet-worker-1' })).toEqual(['log', 'fault'])
    expect(keep({ object: 'WEB-1' })).toEqual(['Normal'])
    expect(keep({ object: 'kubelet' })).toEqual(['log', 'fault'])
    expect(keep({ types: new Set(['log', 'Warning'] as const) })).toEqual(['log'])
  })
})

describe('useTimelineStore', () => {
  let timeline: ReturnType<typeof useTimelineStore>

  beforeEach(() => {
    setActivePinia(createPinia())
    timeline = useTimelineStore()
  })

  it('lists the log lines on connect, then appends, with lines sent meanwhile in the list', async () => {
    const fake = fakeClient({
      'log/list': () => ({ lines: [line(1_000, 'etcd-cp-1', 'a'), line(2_000, 'etcd-cp-1', 'b')] }),
      'fault/list': () => ({ active: [] }),
    })
    timeline.connect(fake.client)
    // Sent before the reply: the list already holds it (the port keeps order).
    fake.emit({ kind: 'log/appended', lines: [line(2_000, 'etcd-cp-1', 'b')] })
    await settle()
    fake.emit({ kind: 'log/appended', lines: [line(3_000, 'kubelet-worker-1', 'c')] })
    expect(fake.asked.map((c) => c.kind)).toEqual(['log/list', 'fault/list'])
    expect(timeline.entries.map((e) => (e.type === 'log' ? e.line.text : ''))).toEqual([
      'a',
      'b',
      'c',
    ])
    expect(timeline.components).toEqual(['etcd-cp-1', 'kubelet-worker-1'])
  })

  it(`keeps only the newest ${MAX_LOG_LINES} log lines`, async () => {
    const fake = fakeClient({
      'log/list': () => ({ lines: [] }),
      'fault/list': () => ({ active: [] }),
    })
    timeline.connect(fake.client)
    await settle()
    const many = Array.from({ length: MAX_LOG_LINES + 250 }, (_, i) =>
      line(i, 'kubelet-worker-1', `line ${i}`),
    )
    fake.emit({ kind: 'log/appended', lines: many.slice(0, 3_000) })
    fake.emit({ kind: 'log/appended', lines: many.slice(3_000) })
    expect(timeline.entries).toHaveLength(MAX_LOG_LINES)
    const first = timeline.entries[0]!
    expect(first.type === 'log' && first.line.text).toBe('line 250')
  })

  it('marks faults applied at their time and healed at the cluster time it happened', async () => {
    const fake = fakeClient({
      'log/list': () => ({ lines: [] }),
      'fault/list': () => ({ active: [] }),
    })
    timeline.connect(fake.client)
    await settle()
    useClockStore().observe(45_000)
    fake.emit({ kind: 'fault/applied', fault: STOP_KUBELET })
    useClockStore().observe(90_000)
    fake.emit({ kind: 'fault/healed', fault: STOP_KUBELET })
    expect(timeline.entries.map((e) => [e.atMs, e.type === 'fault' && e.change])).toEqual([
      [30_000, 'applied'],
      [90_000, 'healed'],
    ])
  })

  it('shows the Kubernetes Events the kube store holds, among the rest', async () => {
    const fake = fakeClient({
      'log/list': () => ({ lines: [line(4_000, 'kubelet-worker-1', 'Pulling')] }),
      'fault/list': () => ({ active: [STOP_KUBELET] }),
    })
    timeline.connect(fake.client)
    await settle()
    const kube = useKubeStore()
    kube.events = new Map([['e', event('e', { lastMs: 10_000, type: 'Warning' })]])
    expect(timeline.entries.map((e) => e.type)).toEqual(['log', 'Warning', 'fault'])
    timeline.toggleType('log', false)
    timeline.object = 'web'
    expect(timeline.visible.map((e) => e.type)).toEqual(['Warning'])
    timeline.resetFilter()
    expect(timeline.visible).toHaveLength(3)
  })

  it('records a lab step when it turns done, not the steps a lab starts with', () => {
    const labs = useLabsStore()
    useClockStore().observe(60_000)
    labs.view = labView('first', ['one'])
    expect(timeline.entries).toEqual([])
    labs.view = labView('first', ['one', 'two'])
    expect(timeline.entries).toHaveLength(1)
    const entry = timeline.entries[0]!
    expect(entry).toMatchObject({ type: 'lab', atMs: 60_000 })
    expect(entryText(T, 'pt-BR', entry)).toContain('Passo two')
    labs.view = labView('second', ['one', 'two', 'three'])
    expect(timeline.entries).toHaveLength(1)
  })

  it('forgets everything when the simulation is replaced, and lists the new one', async () => {
    let lines = [line(1_000, 'etcd-cp-1', 'old')]
    const fake = fakeClient({
      'log/list': () => ({ lines }),
      'fault/list': () => ({ active: [] }),
    })
    timeline.connect(fake.client)
    await settle()
    fake.emit({ kind: 'fault/applied', fault: STOP_KUBELET })
    expect(timeline.entries).toHaveLength(2)
    lines = [line(0, 'kube-apiserver-cp-1', 'new')]
    fake.emit({
      kind: 'simulation/replaced',
      info: { seed: 2, nowMs: 0, kubernetesVersion: 'v1', cluster: {} as never },
    })
    expect(timeline.entries).toEqual([])
    await settle()
    expect(timeline.entries.map((e) => e.type === 'log' && e.line.text)).toEqual(['new'])
  })

  it('stops following once stopped', async () => {
    const fake = fakeClient({
      'log/list': () => ({ lines: [] }),
      'fault/list': () => ({ active: [] }),
    })
    const stop = timeline.connect(fake.client)
    await settle()
    stop()
    fake.emit({ kind: 'log/appended', lines: [line(0, 'etcd-cp-1', 'late')] })
    expect(timeline.entries).toEqual([])
  })
})
