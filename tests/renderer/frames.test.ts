import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextFrame, soonOncePerFrame } from '../../renderer/src/stores/frames'

/** requestAnimationFrame replaced by a list of callbacks that `frame()` runs. */
function fakeFrames(): { frame(): void } {
  let pending: FrameRequestCallback[] = []
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    pending.push(callback)
    return pending.length
  })
  return {
    frame() {
      const due = pending
      pending = []
      for (const callback of due) callback(0)
    },
  }
}

describe('stores: frames', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('falls back to a timer where there is no requestAnimationFrame (tests, workers)', () => {
    vi.useFakeTimers()
    vi.stubGlobal('requestAnimationFrame', undefined)
    const callback = vi.fn()
    nextFrame(callback)
    expect(callback).not.toHaveBeenCalled()
    vi.advanceTimersByTime(16)
    expect(callback).toHaveBeenCalledOnce()
  })

  it('runs the first change of a frame as soon as the task ends, before the repaint', async () => {
    const frames = fakeFrames()
    const schedule = soonOncePerFrame()
    const first = vi.fn()
    schedule(first)
    expect(first).not.toHaveBeenCalled()
    await Promise.resolve()
    expect(first).toHaveBeenCalledOnce()
    frames.frame()
    expect(first).toHaveBeenCalledOnce()
  })

  it('defers later changes of the same frame to the next one, then runs soon again', async () => {
    const frames = fakeFrames()
    const schedule = soonOncePerFrame()
    const calls: string[] = []
    schedule(() => calls.push('first'))
    await Promise.resolve()
    schedule(() => calls.push('second'))
    await Promise.resolve()
    expect(calls).toEqual(['first'])
    frames.frame()
    expect(calls).toEqual(['first', 'second'])
    schedule(() => calls.push('third'))
    await Promise.resolve()
    expect(calls).toEqual(['first', 'second', 'third'])
  })
})
