import { describe, expect, it } from 'vitest'
import { Clock, TaskLimitExceeded } from '../../core/clock'

describe('clock', () => {
  it('runs tasks in time order, and same-time tasks in the order they were scheduled', () => {
    const clock = new Clock()
    const ran: string[] = []
    clock.schedule(20, 'c', () => ran.push('c@' + clock.nowMs))
    clock.schedule(10, 'a', () => ran.push('a@' + clock.nowMs))
    clock.schedule(10, 'b', () => ran.push('b@' + clock.nowMs))
    clock.advance(15)
    expect(ran).toEqual(['a@10', 'b@10'])
    expect(clock.nowMs).toBe(15)
    clock.advance(5)
    expect(ran).toEqual(['a@10', 'b@10', 'c@20'])
  })

  it('runs tasks scheduled by a task when they fall due within the same advance', () => {
    const clock = new Clock()
    const ran: number[] = []
    clock.schedule(10, 'first', () => {
      ran.push(clock.nowMs)
      clock.schedule(5, 'second', () => ran.push(clock.nowMs))
    })
    clock.advance(100)
    expect(ran).toEqual([10, 15])
    expect(clock.nowMs).toBe(100)
  })

  it('does not run cancelled tasks', () => {
    const clock = new Clock()
    let ran = false
    clock.schedule(1, 'x', () => (ran = true)).cancel()
    clock.advance(10)
    expect(ran).toBe(false)
    expect(clock.pending).toBe(0)
  })

  it('runUntilIdle jumps time to each task and stops when none is left', () => {
    const clock = new Clock()
    clock.schedule(60_000, 'late', () => undefined)
    expect(clock.runUntilIdle()).toBe(1)
    expect(clock.nowMs).toBe(60_000)
  })

  it('bounds a drain: a task that reschedules itself at zero delay cannot hang the host', () => {
    const clock = new Clock()
    const loop = (): void => void clock.schedule(0, 'loop', loop)
    loop()
    expect(() => clock.runUntilIdle({ maxTasks: 1000 })).toThrow(TaskLimitExceeded)
    expect(clock.pending).toBe(1)
  })

  it('rejects negative or non-finite delays and advances', () => {
    const clock = new Clock()
    expect(() => clock.schedule(-1, 'x', () => undefined)).toThrow(RangeError)
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError)
    expect(() => clock.advance(-5)).toThrow(RangeError)
  })
})
