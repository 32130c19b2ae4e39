import { describe, expect, it } from 'vitest'
import type { ElementDefinition } from 'cytoscape'
import { buildWorld } from '../../core/cluster/build'
import { DEFAULT_CLUSTER } from '../../core/cluster/spec'
import type { PodSummary } from '../../core/protocol'
import { kubeUpdate, toElements, toScene } from '../../renderer/src/topology/elements'
import {
  boxesOverlap,
  boxExit,
  segmentHitsBox,
  type Box,
  type Point,
} from '../../renderer/src/topology/geometry'
import {
  badgeId,
  clientEdgeId,
  LAPTOP_HEIGHT,
  LAPTOP_ID,
  LAPTOP_WIDTH,
} from '../../renderer/src/topology/clientElements'
import {
  countId,
  podId,
  serviceId,
  SERVICES_AREA_ID,
  UNSCHEDULED_AREA_ID,
} from '../../renderer/src/topology/kubeElements'
import {
  CLIENT_EDGE_MACHINE_LIMIT,
  isLargeGraph,
  LARGE_GRAPH_ELEMENTS,
  LARGE_POD_TOTAL,
  POD_LIMIT_PER_NODE,
  SERVICE_LIMIT,
} from '../../renderer/src/topology/lod'
import {
  BADGE_HEIGHT,
  BADGE_WIDTH,
  POD_HEIGHT,
  POD_WIDTH,
} from '../../renderer/src/topology/podLayout'
import { EN_TEXT } from './helpers'
import { graph, pod, pods, service, WEB_NODEPORT } from './graphFixtures'

const world = buildWorld(DEFAULT_CLUSTER)
const find = (els: ElementDefinition[], id: string): ElementDefinition | undefined =>
  els.find((e) => e.data.id === id)
const byId = (els: ElementDefinition[], id: string): ElementDefinition => {
  const found = find(els, id)
  if (found === undefined) throw new Error(`no element ${id}`)
  return found
}
const ofKind = (els: ElementDefinition[], kind: string): ElementDefinition[] =>
  els.filter((e) => e.data.kind === kind)
const positions = (els: ElementDefinition[]): Map<string, unknown> =>
  new Map(els.filter((e) => e.position !== undefined).map((e) => [String(e.data.id), e.position]))
/** Where a machine's children lie: the box a compound node gets from Cytoscape. */
const machineBounds = (els: ElementDefinition[], machine: string): Box => {
  const children = els.filter((e) => e.data.parent === `machine/${machine}` && e.position)
  const xs = children.map((e) => e.position!.x)
  const ys = children.map((e) => e.position!.y)
  const [left, right, top, bottom] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ]
  return { x: (left + right) / 2, y: (top + bottom) / 2, w: right - left, h: bottom - top }
}

describe('graph: pods inside their node', () => {
  const web = pods('web', 3, { nodeName: 'worker-1' })
  const els = toElements(world, EN_TEXT, graph(web))

  it('draws each pod bound to a node inside that machine, with icon, name, STATUS and READY', () => {
    for (const p of web) {
      const el = byId(els, podId('default', p.name))
      // Over worker-1's tray, not its child: a changing pod must not remeasure the machine.
      expect(el.data.machine).toBe('worker-1')
      expect(el.data.parent).toBeUndefined()
      expect(el.data.tone).toBe('running')
    }
    expect(byId(els, podId('default', 'web-1')).data.label).toBe('●\u00a0web-1\nRunning 1/1')
    expect(byId(els, 'tray/worker-1').data.label).toBe('Pods (3)')
    expect(byId(els, 'tray/worker-2').data.label).toBe('Pods (0)')
  })

  it('says a pod’s state with an icon and kubectl’s words, not with colour alone', () => {
    // READY gives way when the STATUS word is too long for the pill.
    const mixed = [
      pod('waiting', { nodeName: 'worker-2', phase: 'Pending', status: 'ContainerCreating' }),
      pod('crashing', {
        nodeName: 'worker-2',
        status: 'CrashLoopBackOff',
        readyContainers: 0,
        restarts: 4,
      }),
      pod('done', { nodeName: 'worker-2', phase: 'Succeeded', status: 'Completed' }),
      pod('leaving', { nodeName: 'worker-2', status: 'Terminating', deleting: true }),
    ]
    const out = toElements(world, EN_TEXT, graph(mixed))
    const look = (name: string) => {
      const el = byId(out, podId('default', name))
      return [el.data.tone, el.data.label]
    }
    expect(look('waiting')).toEqual(['pending', '◷\u00a0waiting\nContainerCreating'])
    expect(look('crashing')).toEqual(['failed', '✕\u00a0crashing\nCrashLoopBackOff'])
    expect(look('done')).toEqual(['succeeded', '✓\u00a0done\nCompleted 1/1'])
    expect(look('leaving')).toEqual(['terminating', '◌\u00a0leaving\nTerminating 1/1'])
  })

  it('shortens long pod names in the middle, keeping the unique end', () => {
    const long = pod('coredns-668d6bf9bc-x2k4p', { namespace: 'kube-system', nodeName: 'cp-1' })
    const out = toElements(world, EN_TEXT, graph([long]))
    const label = String(byId(out, podId('kube-system', long.name)).data.label)
    expect(label.split('\n')[0]).toBe('●\u00a0coredns-…-x2k4p')
  })

  it('leaves out the pods that are drawn as components: mirror pods and kube-proxy, weave-net', () => {
    const system = [
      pod('etcd-cp-1', { namespace: 'kube-system', nodeName: 'cp-1', mirror: true }),
      pod('kube-proxy-abcde', {
        namespace: 'kube-system',
        nodeName: 'worker-1',
        owner: { kind: 'DaemonSet', name: 'kube-proxy' },
      }),
      pod('weave-net-fghij', {
        namespace: 'kube-system',
        nodeName: 'worker-2',
        owner: { kind: 'DaemonSet', name: 'weave-net' },
      }),
      // A static pod the learner wrote, and a DaemonSet of their own: those are drawn.
      pod('nginx-worker-1', { nodeName: 'worker-1', mirror: true }),
      pod('logger-12345', { nodeName: 'worker-1', owner: { kind: 'DaemonSet', name: 'logger' } }),
    ]
    const out = toElements(world, EN_TEXT, graph(system))
    expect(ofKind(out, 'pod').map((e) => e.data.name)).toEqual(['logger-12345', 'nginx-worker-1'])
  })

  it('keeps every pod inside its tray and clear of the components', () => {
    const full = pods('web', POD_LIMIT_PER_NODE, { nodeName: 'worker-1' })
    const out = toElements(world, EN_TEXT, graph(full))
    const tray = byId(out, 'tray/worker-1')
    const trayBox = { ...tray.position!, w: tray.data.w, h: tray.data.h }
    const components = ofKind(out, 'component').map((e) => ({ ...e.position!, w: 184, h: 64 }))
    for (const e of ofKind(out, 'pod')) {
      const box = { ...e.position!, w: POD_WIDTH, h: POD_HEIGHT }
      expect(Math.abs(box.x - trayBox.x) + box.w / 2).toBeLessThanOrEqual(trayBox.w / 2)
      expect(Math.abs(box.y - trayBox.y) + box.h / 2).toBeLessThanOrEqual(trayBox.h / 2)
      for (const c of components) expect(boxesOverlap(box, c)).toBe(false)
    }
  })
  it('gives a control plane a one-row tray (its taint keeps most pods away), a count past that row', () => {
    const trayOf = (podList: PodSummary[]) => {
      const out = toElements(world, EN_TEXT, graph(podList))
      return { out, tray: byId(out, 'tray/cp-1'), worker: byId(out, 'tray/worker-1') }
    }
    const six = trayOf(pods('tolerant', 6, { nodeName: 'cp-1' }))
    expect(six.tray.data.h).toBeLessThan(six.worker.data.h)
    expect(ofKind(six.out, 'pod')).toHaveLength(6)
    for (const e of ofKind(six.out, 'pod'))
      expect(Math.abs(e.position!.y - six.tray.position!.y) + POD_HEIGHT / 2).toBeLessThanOrEqual(
        six.tray.data.h / 2,
      )
    const seven = trayOf(pods('tolerant', 7, { nodeName: 'cp-1' }))
    expect(ofKind(seven.out, 'pod')).toHaveLength(0)
    expect(ofKind(seven.out, 'podCount').map((e) => e.data.id)).toEqual([countId('cp-1')])
    const scene = toScene(world, EN_TEXT, graph(pods('tolerant', 7, { nodeName: 'cp-1' })))
    expect(scene.counts.get(countId('cp-1'))).toBe('7 pods\n7 Running')
  })
})

describe('graph: stable positions', () => {
  it('moves nothing when pods come and go: machines, components, edges and older pods stay', () => {
    const before = pods('web', 3, { nodeName: 'worker-1' })
    const after = [...before, pod('web-new', { nodeName: 'worker-1', createdMs: 9000 })]
    const a = toElements(world, EN_TEXT, graph(before))
    const b = toElements(world, EN_TEXT, graph(after))
    const pa = positions(a)
    const pb = positions(b)
    for (const [id, position] of pa) expect(pb.get(id), id).toEqual(position)
    const edges = (els: ElementDefinition[]) => els.filter((e) => e.group === 'edges')
    expect(edges(b)).toEqual(edges(a))
    expect(machineBounds(b, 'worker-2')).toEqual(machineBounds(a, 'worker-2'))
  })

  it('gives the same elements whatever order the pods and Services arrive in', () => {
    const list = [...pods('web', 5, { nodeName: 'worker-2' }), pod('lone')]
    const services = [
      WEB_NODEPORT,
      service('api'),
      service('kube-dns', { namespace: 'kube-system' }),
    ]
    const a = toElements(world, EN_TEXT, graph(list, services))
    const b = toElements(
      [...world].reverse(),
      EN_TEXT,
      graph([...list].reverse(), [...services].reverse()),
    )
    expect(b).toEqual(a)
  })
})

describe('graph: pending pods with no node', () => {
  it('puts them in a "Pending (unscheduled)" area left of every machine', () => {
    const waiting = pods('big', 2, { phase: 'Pending', status: 'Pending' })
    const out = toElements(world, EN_TEXT, graph(waiting))
    expect(byId(out, UNSCHEDULED_AREA_ID).data.label).toBe('Pending (unscheduled)')
    const machinesLeft = Math.min(...ofKind(out, 'component').map((e) => e.position!.x - 92))
    for (const p of waiting) {
      const el = byId(out, podId('default', p.name))
      expect(el.data.parent).toBe(UNSCHEDULED_AREA_ID)
      expect(el.position!.x + POD_WIDTH / 2).toBeLessThan(machinesLeft)
    }
  })

  it('draws no such area when every pod has a node', () => {
    const out = toElements(world, EN_TEXT, graph(pods('web', 2, { nodeName: 'worker-1' })))
    expect(find(out, UNSCHEDULED_AREA_ID)).toBeUndefined()
  })
})

describe('graph: level of detail', () => {
  it(`collapses more than ${POD_LIMIT_PER_NODE} pods on a node into one count node`, () => {
    const many: PodSummary[] = [
      ...pods('web', 10, { nodeName: 'worker-1' }),
      ...pods('stuck', 2, { nodeName: 'worker-1', phase: 'Pending', status: 'Pending' }),
      ...pods('few', 2, { nodeName: 'worker-2' }),
    ]
    const scene = toScene(world, EN_TEXT, graph(many))
    expect(byId(scene.elements, countId('worker-1')).data['kind']).toBe('podCount')
    expect(scene.counts.get(countId('worker-1'))).toBe('12 pods\n10 Running, 2 Pending')
    expect(ofKind(scene.elements, 'pod').map((e) => e.data.name)).toEqual(['few-1', 'few-2'])
  })

  it("keeps a count's words out of Cytoscape: a batch that only changes them hands it nothing", () => {
    const many = pods('web', 12, { nodeName: 'worker-1' })
    const scene = toScene(world, EN_TEXT, graph(many))
    expect(byId(scene.elements, countId('worker-1')).data['label']).toBeUndefined()
    const [first, ...others] = many
    const stuck: PodSummary = { ...first!, phase: 'Pending', status: 'ContainerCreating' }
    expect(kubeUpdate(scene, graph([stuck, ...others]))).toEqual([])
    expect(scene.counts.get(countId('worker-1'))).toBe('12 pods\n11 Running, 1 ContainerCreating')
  })

  it(`collapses every node once the cluster holds more than ${LARGE_POD_TOTAL} pods`, () => {
    const perNode = Math.ceil((LARGE_POD_TOTAL + 1) / 3)
    const many = ['cp-1', 'worker-1', 'worker-2'].flatMap((node) =>
      pods(`p-${node}`, node === 'cp-1' ? perNode : 2, { nodeName: node }),
    )
    const total = many.length
    expect(total).toBeLessThanOrEqual(LARGE_POD_TOTAL)
    const more = [...many, ...pods('extra', LARGE_POD_TOTAL - total + 1, { nodeName: 'cp-1' })]
    const out = toElements(world, EN_TEXT, graph(more))
    expect(ofKind(out, 'pod')).toHaveLength(0)
    expect(ofKind(out, 'podCount').map((e) => e.data.id)).toEqual([
      countId('cp-1'),
      countId('worker-1'),
      countId('worker-2'),
    ])
  })

  it(`sums up the Services past ${SERVICE_LIMIT}`, () => {
    const services = Array.from({ length: SERVICE_LIMIT + 3 }, (_, i) => service(`s-${i + 1}`))
    const out = toElements(world, EN_TEXT, graph([], services))
    expect(ofKind(out, 'service')).toHaveLength(SERVICE_LIMIT)
    expect(byId(out, 'service/more').data.label).toBe('+3 more Services')
  })

  it(`leaves out the laptop's NodePort edges past ${CLIENT_EDGE_MACHINE_LIMIT} machines`, () => {
    // Without the Weave mesh (36 links to route), which this test is not about.
    const big = buildWorld({ controlPlanes: 1, workers: CLIENT_EDGE_MACHINE_LIMIT }).filter(
      (o) => !(o.kind === 'Link' && o.spec.application === 'Weave'),
    )
    const out = toElements(big, EN_TEXT, graph([], [WEB_NODEPORT]))
    expect(ofKind(out, 'nodePort')).toHaveLength(CLIENT_EDGE_MACHINE_LIMIT + 1)
    const clientEdges = out.filter((e) => e.data.kind === 'client')
    expect(clientEdges.map((e) => e.data.id)).toEqual([clientEdgeId('kube-apiserver-cp-1')])
  })
})

describe('graph: Services, NodePorts and the laptop', () => {
  const services = [WEB_NODEPORT, service('kube-dns', { namespace: 'kube-system' })]
  const els = toElements(world, EN_TEXT, graph([], services))

  it('draws each Service with its type, ClusterIP and ports as kubectl get svc prints them', () => {
    const web = byId(els, serviceId('default', 'web'))
    expect(web.data.parent).toBe(SERVICES_AREA_ID)
    expect(web.data.label).toBe('web\nNodePort 10.96.45.2\n80:30080/TCP')
    expect(byId(els, serviceId('kube-system', 'kube-dns')).data.label).toBe(
      'kube-system/kube-dns\nClusterIP 10.96.0.10\n80/TCP',
    )
    expect(byId(els, SERVICES_AREA_ID).data.label).toBe('Services')
  })

  it('puts a ":30080 web" badge on every node, inside its machine', () => {
    for (const machine of ['cp-1', 'worker-1', 'worker-2']) {
      const badge = byId(els, badgeId(`${machine}:30080/TCP`))
      expect(badge.data.parent).toBe(`machine/${machine}`)
      expect(badge.data.label).toBe(':30080 web')
      expect(badge.data).toMatchObject({ namespace: 'default', name: 'web' })
    }
  })

  it('draws the laptop outside the cluster, with kubectl and NodePort edges labelled', () => {
    const laptop = byId(els, LAPTOP_ID)
    expect(laptop.data.parent).toBeUndefined()
    expect(laptop.data.label).toBe('your laptop\nkubectl · curl')
    const left = Math.min(...ofKind(els, 'component').map((e) => e.position!.x))
    expect(laptop.position!.x).toBeLessThan(left)
    const kubectl = byId(els, clientEdgeId('kube-apiserver-cp-1'))
    expect(kubectl.data).toMatchObject({
      source: LAPTOP_ID,
      target: 'component/kube-apiserver-cp-1',
      label: ':6443 HTTPS',
    })
    const nodePort = byId(els, clientEdgeId('worker-2:30080/TCP'))
    expect(nodePort.data).toMatchObject({
      source: LAPTOP_ID,
      target: badgeId('worker-2:30080/TCP'),
      label: ':30080/TCP',
    })
    expect(nodePort.classes).toContain('client')
  })

  it('keeps the link count of the world: the laptop’s edges are of their own kind, to the workers', () => {
    expect(els.filter((e) => e.data.kind === 'link')).toHaveLength(15)
    // kubectl to the API server, and curl to the NodePort on each worker (where pods run).
    expect(els.filter((e) => e.data.kind === 'client').map((e) => e.data.id)).toEqual([
      clientEdgeId('kube-apiserver-cp-1'),
      clientEdgeId('worker-1:30080/TCP'),
      clientEdgeId('worker-2:30080/TCP'),
    ])
  })
})

describe('graph: edge routing around pods, trays and badges', () => {
  const list = [
    ...pods('web', 4, { nodeName: 'worker-1' }),
    ...pods('api', 3, { nodeName: 'cp-1' }),
  ]
  const els = toElements(world, EN_TEXT, graph(list, [WEB_NODEPORT]))
  const sizes: Record<string, (e: ElementDefinition) => { w: number; h: number }> = {
    component: () => ({ w: 184, h: 64 }),
    tray: (e) => ({ w: e.data.w, h: e.data.h }),
    nodePort: () => ({ w: BADGE_WIDTH, h: BADGE_HEIGHT }),
    laptop: () => ({ w: LAPTOP_WIDTH, h: LAPTOP_HEIGHT }),
  }
  const boxes = new Map(
    els
      .filter((e) => e.group === 'nodes' && sizes[e.data.kind] !== undefined)
      .map((e) => [String(e.data.id), { ...e.position!, ...sizes[e.data.kind]!(e) }]),
  )

  it('runs no edge, the laptop’s included, through a box it does not connect', () => {
    for (const e of els.filter((x) => x.group === 'edges')) {
      const points = drawnPath(e, boxes)
      for (const [id, box] of boxes) {
        if (id === e.data.source || id === e.data.target) continue
        const hit = points.slice(1).some((p, i) => segmentHitsBox(points[i]!, p, box))
        expect(hit, `${e.data.id} crosses ${id}`).toBe(false)
      }
    }
  })
})

/** The edge as drawn: its ends on the node borders, and its waypoints from segment data. */
function drawnPath(e: ElementDefinition, boxes: Map<string, Box>): Point[] {
  const s = boxes.get(String(e.data.source))!
  const t = boxes.get(String(e.data.target))!
  const weights: number[] = e.data.segmentWeights
  const distances: number[] = e.data.segmentDistances
  const length = Math.hypot(t.x - s.x, t.y - s.y)
  const normal = { x: -(t.y - s.y) / length, y: (t.x - s.x) / length }
  const waypoints = weights.map((w, i) => ({
    x: s.x + w * (t.x - s.x) + normal.x * distances[i]!,
    y: s.y + w * (t.y - s.y) + normal.y * distances[i]!,
  }))
  const all = [s, ...waypoints, t]
  return [boxExit(s, all[1]!), ...waypoints, boxExit(t, all[all.length - 2]!)]
}

describe('isLargeGraph', () => {
  it('turns large past the limit and back only well under it, so it does not flicker', () => {
    expect(isLargeGraph(LARGE_GRAPH_ELEMENTS)).toBe(false)
    expect(isLargeGraph(LARGE_GRAPH_ELEMENTS + 1)).toBe(true)
    expect(isLargeGraph(LARGE_GRAPH_ELEMENTS - 10, true)).toBe(true)
    expect(isLargeGraph(0.8 * LARGE_GRAPH_ELEMENTS, true)).toBe(false)
  })
})

describe('topology elements: Node readiness', () => {
  const node = (name: string, ready: 'True' | 'False' | 'Unknown') => ({
    kind: 'Node' as const,
    key: `Node/${name}`,
    uid: name,
    namespace: '',
    name,
    createdMs: 0,
    ready,
    unschedulable: false,
    roles: [],
    taints: [],
    allocatable: { cpuMilli: 2000, memoryBytes: 4 * 1024 ** 3, pods: 110 },
  })

  it('marks a machine whose Node is not Ready, in its label and its data', () => {
    const input = { ...graph(), nodes: [node('worker-1', 'Unknown'), node('worker-2', 'True')] }
    const elements = toElements(world, EN_TEXT, input)
    const machine = (name: string) => elements.find((e) => e.data.id === `machine/${name}`)!
    expect(machine('worker-1').data['ready']).toBe('Unknown')
    expect(machine('worker-1').data['label']).toBe('worker-1 · worker · 192.168.56.21 · ⚠ NotReady')
    expect(machine('worker-2').data['label']).toBe('worker-2 · worker · 192.168.56.22')
  })

  it('redraws everything, not just the pods, when a Node changes readiness', () => {
    const ready = { ...graph(), nodes: [node('worker-1', 'True')] }
    const scene = toScene(world, EN_TEXT, ready)
    expect(kubeUpdate(scene, ready)).toBeDefined()
    expect(kubeUpdate(scene, { ...ready, nodes: [node('worker-1', 'Unknown')] })).toBeUndefined()
  })

  it('hands Cytoscape only the nodes whose data changed since the last drawing or update', () => {
    const input = graph(pods('web', 3, { nodeName: 'worker-1' }))
    const scene = toScene(world, EN_TEXT, input)
    expect(kubeUpdate(scene, input)).toEqual([])
    const [first, ...others] = input.pods
    const failing = { ...first!, status: 'CrashLoopBackOff', restarts: 3 }
    const changed = kubeUpdate(scene, { ...input, pods: [failing, ...others] })!
    expect(changed.map((n) => n.data.id)).toEqual([`pod/${first!.namespace}/${first!.name}`])
    expect(kubeUpdate(scene, { ...input, pods: [failing, ...others] })).toEqual([])
  })
})
