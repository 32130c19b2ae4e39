import { describe, expect, it } from 'vitest'
import { buildWorld } from '../../core/cluster/build'
import type { Component, Machine } from '../../core/protocol'
import { segmentHitsBox, type Box } from '../../renderer/src/topology/geometry'
import { findGridPath } from '../../renderer/src/topology/gridPath'
import { layoutWorld } from '../../renderer/src/topology/layout'
import { ROUTING_BUDGET, routeEdges } from '../../renderer/src/topology/routing'
import { toElements, toScene } from '../../renderer/src/topology/elements'
import { EN_TEXT } from './helpers'

describe('findGridPath', () => {
  const wall = (c: number, r: number): boolean => c === 2 && r < 4
  const grid = { columns: 5, rows: 5, blocked: wall, penalty: () => 0 }

  it('goes around a wall', () => {
    const path = findGridPath(grid, [0, 0], [4, 0])!
    expect(path[0]).toEqual([0, 0])
    expect(path[path.length - 1]).toEqual([4, 0])
    expect(path.some(([c, r]) => wall(c, r))).toBe(false)
    expect(path.some(([, r]) => r === 4)).toBe(true)
  })

  it('gives up when the goal cannot be reached', () => {
    const closed = { ...grid, blocked: (c: number) => c === 2 }
    expect(findGridPath(closed, [0, 0], [4, 0])).toBeUndefined()
  })
})

describe('routeEdges', () => {
  const a: Box = { x: 0, y: 0, w: 100, h: 40 }
  const b: Box = { x: 600, y: 0, w: 100, h: 40 }
  const wall: Box = { x: 300, y: 0, w: 100, h: 200 }
  const request = { id: 'a--b', from: 'a', to: 'b', source: a, target: b, label: { w: 60, h: 20 } }
  const obstacles = [
    { id: 'a', box: a },
    { id: 'b', box: b },
    { id: 'wall', box: wall },
  ]

  it('keeps an edge straight when nothing is in the way', () => {
    const routes = routeEdges([request], obstacles.slice(0, 2))
    expect(routes.get('a--b')).toEqual({ waypoints: [], labelOffset: { x: 0, y: 0 } })
  })

  it('bends an edge around a component it does not connect', () => {
    const { waypoints } = routeEdges([request], obstacles).get('a--b')!
    expect(waypoints.length).toBeGreaterThan(0)
    const points = [a, ...waypoints, b]
    const hits = points.slice(1).some((p, i) => segmentHitsBox(points[i]!, p, wall))
    expect(hits).toBe(false)
  })

  it('draws everything straight past the routing budget', () => {
    const many = Array.from({ length: ROUTING_BUDGET + 1 }, (_, i) => ({
      id: `o${i}`,
      box: { x: 300, y: 1000 + i * 50, w: 10, h: 10 },
    }))
    const routes = routeEdges([request], [...obstacles, ...many])
    expect(routes.get('a--b')!.waypoints).toEqual([])
  })
})

describe('layoutWorld', () => {
  const world = buildWorld({ controlPlanes: 1, workers: 6 })
  const machines = world.filter((o): o is Machine => o.kind === 'Machine')
  const components = world.filter((o): o is Component => o.kind === 'Component')
  const layout = layoutWorld(machines, components)
  const x = (name: string): number => layout.components.get(name)!.x

  it('mirrors every other worker so that neighbours face each other with weave-net', () => {
    expect(x('weave-net-worker-1')).toBeGreaterThan(x('kubelet-worker-1'))
    expect(x('weave-net-worker-2')).toBeLessThan(x('kubelet-worker-2'))
  })

  it('fills rows of at most four workers, in name order', () => {
    const y = (name: string): number => layout.machines.get(name)!.y
    expect(y('worker-4')).toBe(y('worker-1'))
    expect(y('worker-5')).toBeGreaterThan(y('worker-4'))
    expect(layout.machines.get('worker-2')!.x).toBeGreaterThan(layout.machines.get('worker-1')!.x)
  })

  it('puts a component whose cell is taken in a free cell of its machine', () => {
    const extra: Component = {
      ...components.find((c) => c.metadata.name === 'kubelet-worker-1')!,
      metadata: { name: 'coredns-worker-1' },
    }
    const more = layoutWorld(machines, [...components, extra])
    const box = more.components.get('coredns-worker-1')!
    for (const [name, other] of more.components)
      if (name !== 'coredns-worker-1') expect(other.x === box.x && other.y === box.y).toBe(false)
  })

  it('moves a dragged machine with all it holds, and nothing else', () => {
    const by = { x: 500, y: -120 }
    const moved = layoutWorld(machines, components, { nodePorts: 2 }, new Map([['worker-1', by]]))
    const preset = layoutWorld(machines, components, { nodePorts: 2 })
    const shifted = (box: { x: number; y: number } | undefined) =>
      box && { x: box.x + by.x, y: box.y + by.y }
    const at = (box: { x: number; y: number } | undefined) => box && { x: box.x, y: box.y }
    expect(at(moved.machines.get('worker-1'))).toEqual(shifted(preset.machines.get('worker-1')))
    expect(at(moved.trays.get('worker-1'))).toEqual(shifted(preset.trays.get('worker-1')))
    expect(moved.strips.get('worker-1')).toBe(preset.strips.get('worker-1')! + by.y)
    for (const c of components) {
      const expected = preset.components.get(c.metadata.name)
      expect(at(moved.components.get(c.metadata.name))).toEqual(
        c.spec.machine === 'worker-1' ? shifted(expected) : at(expected),
      )
    }
    expect(moved.machines.get('worker-2')).toEqual(preset.machines.get('worker-2'))
  })

  it("draws a moved machine's components where it now is", () => {
    const by = new Map([['worker-1', { x: -900, y: 400 }]])
    const scene = toScene(world, EN_TEXT, undefined, by)
    const kubelet = scene.elements.find((e) => e.data.id === 'component/kubelet-worker-1')!
    expect(kubelet.position).toEqual({
      x: layout.components.get('kubelet-worker-1')!.x - 900,
      y: layout.components.get('kubelet-worker-1')!.y + 400,
    })
  })

  it('draws a large cluster without routing, every element present', () => {
    const big = buildWorld({ controlPlanes: 3, workers: 60 })
    const els = toElements(big, EN_TEXT)
    expect(els.filter((e) => e.group === 'edges')).toHaveLength(
      big.filter((o) => o.kind === 'Link').length,
    )
  })
})
