import { describe, expect, it } from 'vitest'
import {
  addTimeSpent,
  emptyProgress,
  markCompletedIf,
  markStepDone,
  openHint,
  parseProgress,
  progressSummary,
  recordAnswer,
  resetLab,
  serializeProgress,
} from '../../../core/labs/index'

describe('labs: progress', () => {
  it('updates without changing the object it was given', () => {
    const start = emptyProgress()
    const done = markStepDone(start, 'lab', 'one', 1000)
    expect(start).toEqual(emptyProgress())
    expect(done.labs['lab']!.steps['one']).toEqual({
      done: true,
      doneAtMs: 1000,
      timeSpentMs: 0,
      hintsOpened: 0,
      solutionRevealed: false,
    })
    expect(markStepDone(done, 'lab', 'one', 5000).labs['lab']!.steps['one']!.doneAtMs).toBe(1000)
  })

  it('adds time, bounds hints, completes when every step is done, and resets a lab', () => {
    let p = addTimeSpent(emptyProgress(), 'lab', 'one', 1500)
    p = addTimeSpent(p, 'lab', 'one', -5)
    p = openHint(openHint(openHint(p, 'lab', 'one', 2), 'lab', 'one', 2), 'lab', 'one', 2)
    expect(p.labs['lab']!.steps['one']).toMatchObject({ timeSpentMs: 1500, hintsOpened: 2 })
    p = markCompletedIf(markStepDone(p, 'lab', 'one', 1), 'lab', ['one', 'two'])
    expect(progressSummary(p, 'lab', ['one', 'two'])).toBe('1/2')
    p = markCompletedIf(markStepDone(p, 'lab', 'two', 2), 'lab', ['one', 'two'])
    expect(progressSummary(p, 'lab', ['one', 'two'])).toBe('done')
    expect(progressSummary(resetLab(p, 'lab'), 'lab', ['one'])).toBe('none')
  })

  it('round-trips through JSON', () => {
    let p = markStepDone(emptyProgress(), 'a', 'one', 10)
    p = recordAnswer(p, 'a', 'q', { response: 'kube-scheduler', correct: true })
    expect(parseProgress(serializeProgress(p))).toEqual({ progress: p })
  })

  it('reads a corrupt, foreign or truncated document as a fresh progress with a notice', () => {
    const full = serializeProgress(markStepDone(emptyProgress(), 'a', 'one', 10))
    for (const text of [
      '',
      '{not json',
      'null',
      '[]',
      '{"version":2,"labs":{}}',
      full.slice(0, 40),
    ]) {
      const loaded = parseProgress(text)
      expect(loaded.progress).toEqual(emptyProgress())
      expect(loaded.notice?.en).toMatch(/^The saved progress .*; starting afresh\.$/)
      expect(loaded.notice?.['pt-BR']).toMatch(/começando do zero\.$/)
    }
  })

  it('keeps the labs that read back and drops a damaged one, saying which', () => {
    const good = markStepDone(emptyProgress(), 'good', 'one', 10)
    const document = JSON.parse(serializeProgress(good)) as { labs: Record<string, unknown> }
    document.labs['bad'] = { steps: { one: { done: 'yes' } } }
    const loaded = parseProgress(JSON.stringify(document))
    expect(loaded.progress).toEqual(good)
    expect(loaded.notice?.en).toBe('The saved progress of bad was damaged and has been reset.')
  })
})
