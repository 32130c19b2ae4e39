import { describe, expect, it } from 'vitest'
import type { ElementDefinition } from 'cytoscape'
import { buildWorld } from '../../core/cluster/build'
import { DEFAULT_CLUSTER, HA_CLUSTER } from '../../core/cluster/spec'
import type { Component, Machine, WorldObject } from '../../core/protocol'
import {
  componentId,
  EDGE_FONT_SIZE,
  labelSize,
  linkId,
  machineId,
  toElements,
} from '../../renderer/src/topology/elements'
import {
  boxesOverlap,
  segmentHitsBox,
  type Box,
  type Point,
} from '../../renderer/src/topology/geometry'
import { COMPONENT_HEIGHT, COMPONENT_WIDTH } from '../../renderer/src/topology/layout'
import { defaultLabelPoint } from '../../renderer/src/topology/routing'
import { EN_TEXT } from './helpers'

const nodes = (els: ElementDefinition[]): ElementDefinition[] =>
  els.filter((e) => e.group === 'nodes')
const edges = (els: ElementDefinition[]): ElementDefinition[] =>
  els.filter((e) => e.group === 'edges')
const byId = (els: ElementDefinition[], id: string): ElementDefinition => {
  const found = els.find((e) => e.data.id === id)
  if (found === undefined) throw new Error(`no element ${id}`)
  return found
}

describe('toElements (default cluster)', () => {
  const world = buildWorld(DEFAULT_CLUSTER)
  const els = toElements(world, EN_TEXT)

  it('turns every machine into a compound node labelled with name, role and address', () => {
    const machines = world.filter((o): o is Machine => o.kind === 'Machine')
    expect(machines.map((m) => m.metadata.name)).toEqual(['cp-1', 'worker-1', 'worker-2'])
    for (const m of machines) {
      const el = byId(els, machineId(m.metadata.name))
      expect(el.data.parent).toBeUndefined()
      expect(el.position).toBeUndefined()
    }
    expect(byId(els, 'machine/cp-1').data.label).toBe('cp-1 · control plane · 192.168.56.11')
    expect(byId(els, 'machine/worker-2').data.label).toBe('worker-2 · worker · 192.168.56.22')
  })

  it('turns every component into a child of its machine, labelled with its type and ports', () => {
    const components = world.filter((o): o is Component => o.kind === 'Component')
    expect(components).toHaveLength(16)
    for (const c of components) {
      const el = byId(els, componentId(c.metadata.name))
      expect(el.data.parent).toBe(machineId(c.spec.machine))
      expect(String(el.data.label).split('\n')[0]).toBe(c.spec.type)
      for (const p of c.spec.ports) expect(el.data.label).toContain(`:${p.port}`)
    }
    const label = (name: string): unknown => byId(els, componentId(name)).data.label
    expect(label('etcd-cp-1')).toBe('etcd\n:2379 :2380\nlocalhost :2381')
    expect(label('kube-apiserver-cp-1')).toBe('kube-apiserver\n:6443')
    expect(label('kube-scheduler-cp-1')).toBe('kube-scheduler\nlocalhost :10259')
    expect(label('kube-controller-manager-cp-1')).toBe('kube-controller-manager\nlocalhost :10257')
    expect(label('kubelet-worker-1')).toBe('kubelet\n:10250\nlocalhost :10248')
    expect(label('containerd-worker-1')).toBe('containerd\nunix socket')
    expect(label('kube-proxy-worker-2')).toBe('kube-proxy\n:10256\nlocalhost :10249')
    expect(label('weave-net-worker-2')).toBe('weave-net\n:6783/tcp+udp :6784/udp\nlocalhost :6784')
  })

  it('turns every link into an edge between its components, labelled with port and protocol', () => {
    const links = world.filter((o) => o.kind === 'Link')
    expect(links).toHaveLength(15)
    expect(edges(els)).toHaveLength(15)
    for (const l of links) {
      const el = byId(els, linkId(l.metadata.name))
      expect(el.data.source).toBe(componentId(l.spec.from))
      expect(el.data.target).toBe(componentId(l.spec.to))
    }
    const label = (name: string): unknown => byId(els, linkId(name)).data.label
    expect(label('kubelet-worker-1--kube-apiserver-cp-1')).toBe(':6443 HTTPS')
    expect(label('kube-apiserver-cp-1--etcd-cp-1')).toBe(':2379 gRPC')
    expect(label('kubelet-worker-2--containerd-worker-2')).toBe('CRI')
    expect(label('weave-net-worker-1--weave-net-worker-2')).toBe(':6783 Weave')
  })

  it('draws mutual links (the Weave mesh) with arrows both ways and the others with one', () => {
    for (const e of edges(els)) {
      const mutual = String(e.data.id).includes('weave-net')
      expect(e.classes).toContain(mutual ? 'mutual' : 'directed')
    }
  })

  it('says in words when a component is stopped or a machine is powered off', () => {
    const changed = world.map((o): WorldObject => {
      if (o.kind === 'Component' && o.metadata.name === 'kubelet-worker-1')
        return { ...o, status: { state: 'Stopped' } }
      if (o.kind === 'Machine' && o.metadata.name === 'worker-2')
        return { ...o, status: { power: 'Off' } }
      return o
    })
    const out = toElements(changed, EN_TEXT)
    expect(byId(out, 'component/kubelet-worker-1').data.label).toBe(
      'kubelet\n:10250\nlocalhost :10248\n■ stopped',
    )
    expect(byId(out, 'component/kubelet-worker-1').data.state).toBe('Stopped')
    expect(byId(out, 'machine/worker-2').data.label).toBe(
      'worker-2 · worker · 192.168.56.22 · powered off',
    )
  })

  it('leaves out a link whose component is missing instead of breaking the graph', () => {
    const partial = world.filter((o) => o.metadata.name !== 'containerd-worker-1')
    const out = toElements(partial, EN_TEXT)
    expect(out.some((e) => e.data.id === 'link/kubelet-worker-1--containerd-worker-1')).toBe(false)
    expect(edges(out)).toHaveLength(14)
  })
})

describe('toElements (HA cluster)', () => {
  const els = toElements(buildWorld(HA_CLUSTER), EN_TEXT)

  it('connects every pair of etcd members with a mutual :2380 peer edge', () => {
    const peers = edges(els).filter((e) => e.data.label === ':2380 etcd raft')
    const pairs = peers.map((e) => `${e.data.source} ${e.data.target}`).sort()
    expect(pairs).toEqual([
      'component/etcd-cp-1 component/etcd-cp-2',
      'component/etcd-cp-1 component/etcd-cp-3',
      'component/etcd-cp-2 component/etcd-cp-3',
    ])
    for (const e of peers) expect(e.classes).toContain('mutual')
  })

  it('has 5 machines, 32 components and every link', () => {
    expect(nodes(els).filter((e) => e.data.kind === 'machine')).toHaveLength(5)
    expect(nodes(els).filter((e) => e.data.kind === 'component')).toHaveLength(32)
    expect(edges(els)).toHaveLength(37)
  })
})

describe('preset layout', () => {
  const positions = (els: ElementDefinition[]): Record<string, unknown> =>
    Object.fromEntries(nodes(els).map((e) => [e.data.id, e.position]))

  it('is deterministic, whatever order the objects arrive in', () => {
    const world = buildWorld(HA_CLUSTER)
    const first = toElements(world, EN_TEXT)
    const again = toElements([...world].reverse(), EN_TEXT)
    expect(again).toEqual(first)
    expect(positions(again)).toEqual(positions(first))
  })

  for (const [name, spec] of [
    ['default', DEFAULT_CLUSTER],
    ['HA', HA_CLUSTER],
  ] as const) {
    it(`puts control planes above workers and keeps components apart (${name})`, () => {
      const els = toElements(buildWorld(spec), EN_TEXT)
      const components = nodes(els).filter((e) => e.data.kind === 'component')
      const ys = (prefix: string): number[] =>
        components.filter((e) => String(e.data.parent).startsWith(prefix)).map((e) => e.position!.y)
      expect(Math.max(...ys('machine/cp-'))).toBeLessThan(Math.min(...ys('machine/worker-')))
      const boxes = components.map((e) => boxOf(e))
      boxes.forEach((a, i) =>
        boxes.slice(i + 1).forEach((b) => expect(boxesOverlap(a, b)).toBe(false)),
      )
    })
  }
})

describe('edge routing (default cluster)', () => {
  const els = toElements(buildWorld(DEFAULT_CLUSTER), EN_TEXT)
  const components = new Map(
    nodes(els)
      .filter((e) => e.data.kind === 'component')
      .map((e) => [String(e.data.id), boxOf(e)]),
  )

  it('runs no edge through a component it does not connect', () => {
    for (const e of edges(els)) {
      const points = pathOf(e, components)
      for (const [id, box] of components) {
        if (id === e.data.source || id === e.data.target) continue
        const hit = points.slice(1).some((p, i) => segmentHitsBox(points[i]!, p, box))
        expect(hit, `${e.data.id} crosses ${id}`).toBe(false)
      }
    }
  })

  it('places every edge label clear of components and of the other labels', () => {
    const labels = edges(els).map((e) => {
      const points = pathOf(e, components)
      const anchor = defaultLabelPoint(points, points.slice(1, -1))
      const size = labelSize(String(e.data.label), EDGE_FONT_SIZE)
      return {
        id: String(e.data.id),
        box: { x: anchor.x + e.data.labelDx, y: anchor.y + e.data.labelDy, ...size },
      }
    })
    for (const { id, box } of labels) {
      for (const [component, c] of components)
        expect(boxesOverlap(box, c), `${id} covers ${component}`).toBe(false)
      for (const other of labels)
        if (other.id !== id)
          expect(boxesOverlap(box, other.box), `${id} on ${other.id}`).toBe(false)
    }
  })
})

function boxOf(e: ElementDefinition): Box {
  return { x: e.position!.x, y: e.position!.y, w: COMPONENT_WIDTH, h: COMPONENT_HEIGHT }
}

/** The edge as drawn: its ends on the node borders, and its waypoints from segment data. */
function pathOf(e: ElementDefinition, components: Map<string, Box>): Point[] {
  const s = components.get(String(e.data.source))!
  const t = components.get(String(e.data.target))!
  const weights: number[] = e.data.segmentWeights
  const distances: number[] = e.data.segmentDistances
  const length = Math.hypot(t.x - s.x, t.y - s.y)
  const normal = { x: -(t.y - s.y) / length, y: (t.x - s.x) / length }
  const waypoints = weights.map((w, i) => ({
    x: s.x + w * (t.x - s.x) + normal.x * distances[i]!,
    y: s.y + w * (t.y - s.y) + normal.y * distances[i]!,
  }))
  const all = [s, ...waypoints, t]
  return [exit(s, all[1]!), ...waypoints, exit(t, all[all.length - 2]!)]
}

function exit(box: Box, toward: Point): Point {
  const dx = toward.x - box.x
  const dy = toward.y - box.y
  const k = Math.min(
    dx === 0 ? Infinity : box.w / 2 / Math.abs(dx),
    dy === 0 ? Infinity : box.h / 2 / Math.abs(dy),
  )
  return { x: box.x + dx * k, y: box.y + dy * k }
}
