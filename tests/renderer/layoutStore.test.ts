import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  LAYOUT_STORAGE_KEY,
  MAX_SHAPES,
  shapeKey,
  useLayoutStore,
} from '../../renderer/src/stores/layout'

const DEFAULT = shapeKey(['worker-2', 'cp-1', 'worker-1'])
const HA = shapeKey(['cp-1', 'cp-2', 'cp-3', 'worker-1'])

/** A new app start: a fresh store that reads what the last one left in storage. */
function restart() {
  setActivePinia(createPinia())
  return useLayoutStore()
}

describe('layout store: where the learner dragged machines', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  it('names a cluster shape by its machines, whatever order they come in', () => {
    expect(DEFAULT).toBe(shapeKey(['cp-1', 'worker-1', 'worker-2']))
    expect(DEFAULT).not.toBe(HA)
  })

  it('adds moves up, rounded to whole units, and remembers them across restarts', () => {
    const layout = useLayoutStore()
    layout.move(DEFAULT, 'worker-1', { x: 10.4, y: -3 })
    layout.move(DEFAULT, 'worker-1', { x: 20, y: 0.6 })
    expect(layout.movesOf(DEFAULT).get('worker-1')).toEqual({ x: 30, y: -2 })
    expect(restart().movesOf(DEFAULT).get('worker-1')).toEqual({ x: 30, y: -2 })
  })

  it('keeps each shape its own arrangement: moving cp-1 in the HA cluster leaves the default one', () => {
    const layout = useLayoutStore()
    layout.move(HA, 'cp-1', { x: 100, y: 0 })
    expect(layout.isMoved(HA)).toBe(true)
    expect(layout.isMoved(DEFAULT)).toBe(false)
    expect(layout.movesOf(DEFAULT).size).toBe(0)
  })

  it('forgets a machine moved back to its first place, and a reset forgets the whole shape only', () => {
    const layout = useLayoutStore()
    layout.move(DEFAULT, 'worker-1', { x: 40, y: 0 })
    layout.move(DEFAULT, 'worker-1', { x: -40, y: 0 })
    expect(layout.isMoved(DEFAULT)).toBe(false)
    layout.move(DEFAULT, 'worker-2', { x: 0, y: 40 })
    layout.move(HA, 'cp-2', { x: 0, y: 40 })
    layout.reset(DEFAULT)
    expect(layout.isMoved(DEFAULT)).toBe(false)
    expect(restart().movesOf(HA).get('cp-2')).toEqual({ x: 0, y: 40 })
  })

  it(`remembers at most ${MAX_SHAPES} shapes, dropping the least recently moved`, () => {
    const layout = useLayoutStore()
    for (let i = 0; i <= MAX_SHAPES; i++) layout.move(`shape-${i}`, 'cp-1', { x: 1, y: 0 })
    expect(layout.isMoved('shape-0')).toBe(false)
    expect(layout.isMoved('shape-1')).toBe(true)
    layout.move('shape-1', 'cp-1', { x: 1, y: 0 })
    layout.move('shape-new', 'cp-1', { x: 1, y: 0 })
    expect(layout.isMoved('shape-1')).toBe(true)
    expect(layout.isMoved('shape-2')).toBe(false)
  })

  it('reads nonsense in storage as no moves, keeping what is well formed', () => {
    localStorage.setItem(LAYOUT_STORAGE_KEY, 'not json')
    expect(restart().movesOf(DEFAULT).size).toBe(0)
    localStorage.setItem(
      LAYOUT_STORAGE_KEY,
      JSON.stringify({ [DEFAULT]: { 'worker-1': [5, 6], 'worker-2': ['a', 1], cp: null }, x: 3 }),
    )
    const layout = restart()
    expect([...layout.movesOf(DEFAULT)]).toEqual([['worker-1', { x: 5, y: 6 }]])
  })
})
