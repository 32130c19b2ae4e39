import { describe, expect, it } from 'vitest'
import { nextInDirection, type NavPoint } from '../../renderer/src/topology/spatialNav'

// Two rows of components, as in a worker: kubelet, kube-proxy over containerd, weave-net.
const grid: NavPoint[] = [
  { id: 'kubelet', x: 0, y: 0 },
  { id: 'kube-proxy', x: 280, y: 0 },
  { id: 'containerd', x: 0, y: 108 },
  { id: 'weave-net', x: 280, y: 108 },
  { id: 'pod', x: 240, y: 260 },
]

describe('architecture graph: arrow keys walk from element to element', () => {
  it('starts at the first element in reading order', () => {
    expect(nextInDirection(grid, undefined, 'ArrowDown')).toBe('kubelet')
    expect(nextInDirection(grid, 'gone', 'ArrowRight')).toBe('kubelet')
  })

  it('moves along a row and down a column', () => {
    expect(nextInDirection(grid, 'kubelet', 'ArrowRight')).toBe('kube-proxy')
    expect(nextInDirection(grid, 'kube-proxy', 'ArrowDown')).toBe('weave-net')
    expect(nextInDirection(grid, 'weave-net', 'ArrowLeft')).toBe('containerd')
    expect(nextInDirection(grid, 'containerd', 'ArrowUp')).toBe('kubelet')
  })

  it('never lands on something mostly off to the side', () => {
    // From containerd, Right is weave-net (same row), not the pod below-right.
    expect(nextInDirection(grid, 'containerd', 'ArrowRight')).toBe('weave-net')
    // From weave-net, Down reaches the pod: it is more below than beside.
    expect(nextInDirection(grid, 'weave-net', 'ArrowDown')).toBe('pod')
  })

  it('reaches the row below even when nothing lies straight under', () => {
    // The pod is more beside containerd than below it, but it is the only thing below.
    expect(nextInDirection(grid, 'containerd', 'ArrowDown')).toBe('pod')
  })

  it('stays put where nothing lies that way', () => {
    expect(nextInDirection(grid, 'kubelet', 'ArrowUp')).toBe('kubelet')
    expect(nextInDirection(grid, 'kube-proxy', 'ArrowRight')).toBe('kube-proxy')
  })
})
