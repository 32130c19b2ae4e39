import { describe, expect, it } from 'vitest'
import { COUNT_LINE_HEIGHT, placeLines } from '../../renderer/src/topology/countOverlay'
import { POD_FONT_SIZE } from '../../renderer/src/topology/graphStyle'
import { MIN_ZOOMED_FONT_SIZE } from '../../renderer/src/topology/lod'

describe('graph: pod count words', () => {
  const words = ['30 pods', '28 Running, 2 Pending']

  it('centres the lines on the count, one under the other, a line height apart', () => {
    const [first, second] = placeLines(words, { x: 100, y: 50 }, 1)
    const step = POD_FONT_SIZE * COUNT_LINE_HEIGHT
    expect([first!.text, first!.x, second!.text, second!.x]).toEqual([
      '30 pods',
      100,
      '28 Running, 2 Pending',
      100,
    ])
    expect(first!.y).toBeCloseTo(50 - step / 2)
    expect(second!.y).toBeCloseTo(50 + step / 2)
  })

  it('spaces them by the zoom, as the graph scales its labels', () => {
    const [first, second] = placeLines(words, { x: 0, y: 0 }, 2)
    expect(second!.y - first!.y).toBeCloseTo(2 * POD_FONT_SIZE * COUNT_LINE_HEIGHT)
  })

  it('draws nothing where Cytoscape would draw no label: under the minimum size on screen', () => {
    const zoom = MIN_ZOOMED_FONT_SIZE / POD_FONT_SIZE
    expect(placeLines(words, { x: 0, y: 0 }, zoom)).toHaveLength(2)
    expect(placeLines(words, { x: 0, y: 0 }, zoom * 0.99)).toEqual([])
  })
})
