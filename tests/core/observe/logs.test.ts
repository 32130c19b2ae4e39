import { describe, expect, it } from 'vitest'
import { ComponentLogs, MAX_RECENT_LINES } from '../../../core/kubernetes/componentLogs'
import { LOG_BATCH_LIMIT } from '../../../core/observe/logObserver'
import { sim } from '../../support/sim'
import { appendedLines } from './support'

describe('component logs: what the timeline reads', () => {
  it('stamps each line with the virtual time it was written at', () => {
    let nowMs = 0
    const logs = new ComponentLogs(() => nowMs)
    logs.append('kubelet-worker-1', 'first')
    nowMs = 1500
    logs.append('containerd-worker-1', 'second')
    expect(logs.recent()).toEqual([
      { atMs: 0, component: 'kubelet-worker-1', text: 'first' },
      { atMs: 1500, component: 'containerd-worker-1', text: 'second' },
    ])
    expect(logs.recent(0)).toEqual([
      { atMs: 1500, component: 'containerd-worker-1', text: 'second' },
    ])
    expect(logs.tail('kubelet-worker-1')).toEqual(['first'])
  })

  it('keeps the last MAX_RECENT_LINES lines across components, oldest dropped first', () => {
    const logs = new ComponentLogs(() => 0)
    for (let i = 0; i < MAX_RECENT_LINES + 3; i++) logs.append(`c-${i % 2}`, `line ${i}`)
    const recent = logs.recent()
    expect(recent).toHaveLength(MAX_RECENT_LINES)
    expect(recent[0]!.text).toBe('line 3')
    expect(recent.at(-1)!.text).toBe(`line ${MAX_RECENT_LINES + 2}`)
    expect(logs.after(MAX_RECENT_LINES + 1).map((l) => l.text)).toEqual([
      `line ${MAX_RECENT_LINES + 1}`,
      `line ${MAX_RECENT_LINES + 2}`,
    ])
  })

  it('sends the lines of a command or an advance in one log/appended batch, with their times', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx:1.27')
    t.events.length = 0
    t.advance('10s')
    const batches = t.events.filter((e) => e.kind === 'log/appended')
    expect(batches).toHaveLength(1)
    const lines = appendedLines(t.events)
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) {
      expect(line.atMs).toBeGreaterThanOrEqual(0)
      expect(line.atMs).toBeLessThanOrEqual(10_000)
    }
    expect(lines.map((l) => l.atMs)).toEqual([...lines.map((l) => l.atMs)].sort((a, b) => a - b))
    expect(lines.some((l) => l.component.startsWith('kubelet-worker-'))).toBe(true)
  })

  it('names each line’s component as the topology draws it', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx:1.27 --replicas=2')
    t.advance('1m')
    const drawn = new Set(t.simulation.components().map((c) => c.metadata.name))
    const { lines } = t.simulation.handle({ kind: 'log/list' })
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) expect(drawn).toContain(line.component)
  })

  it('lists the kept lines after a time, for the timeline to start from', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx:1.27')
    t.advance('10s')
    const all = t.simulation.handle({ kind: 'log/list' }).lines
    expect(all.some((l) => l.atMs < 0)).toBe(true) // the warm-up's lines
    const since = t.simulation.handle({ kind: 'log/list', sinceMs: 0 }).lines
    expect(since).toEqual(all.filter((l) => l.atMs > 0))
  })

  it('bounds a batch to the newest LOG_BATCH_LIMIT lines', () => {
    const t = sim({ seed: 1 })
    for (let i = 0; i < LOG_BATCH_LIMIT + 10; i++) t.kube.logs.append('kubelet-worker-1', `n${i}`)
    t.advance(0)
    const lines = appendedLines(t.events)
    expect(lines).toHaveLength(LOG_BATCH_LIMIT)
    expect(lines.at(-1)!.text).toBe(`n${LOG_BATCH_LIMIT + 9}`)
  })
})
