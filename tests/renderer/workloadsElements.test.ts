import { describe, expect, it } from 'vitest'
import type { KubeSummary, PodSummary } from '../../core/protocol'
import { workloadsGraph, type ElementDefinition } from '../../renderer/src/workloads/elements'
import {
  BAND_GAP,
  columnX,
  ROW_HEIGHT,
  type LayoutMemory,
} from '../../renderer/src/workloads/layout'
import { DEFAULT_FILTER, MAX_PODS_PER_LANE } from '../../renderer/src/workloads/model'
import { workloadsStyle } from '../../renderer/src/workloads/style'
import {
  deployment,
  englishText,
  node,
  pod,
  replicaSet,
  RS,
  service,
  slice,
  WEB_PODS,
  webCluster,
} from './workloadsFixtures'

const text = englishText()
const graph = (summaries: KubeSummary[], memory?: LayoutMemory, filter = DEFAULT_FILTER) =>
  workloadsGraph(summaries, filter, text, memory)

const byId = (els: ElementDefinition[], id: string): ElementDefinition => {
  const found = els.find((e) => e.data.id === id)
  if (found === undefined) throw new Error(`no element ${id}`)
  return found
}
const edges = (els: ElementDefinition[], kind?: string) =>
  els
    .filter((e) => e.group === 'edges' && (kind === undefined || e.data['kind'] === kind))
    .map((e) => `${e.data['source']} -> ${e.data['target']} (${e.data['label']})`)
const ids = (els: ElementDefinition[]) => els.map((e) => e.data.id)
const y = (els: ElementDefinition[], id: string): number => byId(els, id).position!.y

describe('workloadsGraph: chains', () => {
  const { elements: els } = graph(webCluster())

  it('draws the chain Deployment → ReplicaSet → Pods → Nodes with owns and runs on edges', () => {
    expect(edges(els, 'owns')).toEqual([
      `Deployment/default/web -> ReplicaSet/default/${RS} (owns)`,
      ...WEB_PODS.map((p) => `ReplicaSet/default/${RS} -> Pod/default/${p} (owns)`),
      'Service/default/web -> EndpointSlice/default/web-x7k2p (owns)',
    ])
    expect(edges(els, 'runsOn')).toEqual([
      `Pod/default/${WEB_PODS[0]} -> Node/worker-1 (runs on)`,
      `Pod/default/${WEB_PODS[1]} -> Node/worker-2 (runs on)`,
      `Pod/default/${WEB_PODS[2]} -> Node/worker-1 (runs on)`,
    ])
  })

  it('labels every object with its kind, its name and its status as icon and words', () => {
    expect(byId(els, 'Deployment/default/web').data['label']).toBe('deployment/web\n◔ 2/3 ready')
    expect(byId(els, `Pod/default/${WEB_PODS[0]}`).data['label']).toBe(
      `pod/${WEB_PODS[0]}\n✓ Running`,
    )
    expect(byId(els, `Pod/default/${WEB_PODS[2]}`).data['label']).toBe(
      'pod/web-7c9f8d6b5-ccccc\n◔ ContainerCreating',
    )
    expect(byId(els, 'Service/default/web').data['label']).toBe(
      'service/web\nNodePort · 80:30080/TCP',
    )
    expect(byId(els, 'Node/worker-1').data['label']).toBe('node/worker-1\n✓ Ready')
    expect(byId(els, `Pod/default/${WEB_PODS[2]}`).data['health']).toBe('progress')
  })

  it('tells ready endpoints from not-ready ones by label and data, not colour alone', () => {
    expect(edges(els, 'endpoint')).toEqual([
      `EndpointSlice/default/web-x7k2p -> Pod/default/${WEB_PODS[0]} (ready)`,
      `EndpointSlice/default/web-x7k2p -> Pod/default/${WEB_PODS[1]} (ready)`,
      `EndpointSlice/default/web-x7k2p -> Pod/default/${WEB_PODS[2]} (not ready)`,
    ])
    const notReady = byId(
      els,
      `endpoint:not-ready/EndpointSlice/default/web-x7k2p->Pod/default/${WEB_PODS[2]}`,
    )
    expect(notReady.data['ready']).toBe(false)
    expect(byId(els, 'EndpointSlice/default/web-x7k2p').data['label']).toBe(
      'endpointslice/web-x7k2p\n◔ 2/3 ready',
    )
  })

  it('lays the kinds out in columns: workloads and Services, their sets, pods, nodes', () => {
    const column = (id: string) => byId(els, id).position!.x
    expect(column('Deployment/default/web')).toBe(columnX(0))
    expect(column('Service/default/web')).toBe(columnX(0))
    expect(column(`ReplicaSet/default/${RS}`)).toBe(columnX(1))
    expect(column('EndpointSlice/default/web-x7k2p')).toBe(columnX(1))
    expect(column(`Pod/default/${WEB_PODS[1]}`)).toBe(columnX(2))
    expect(column('Node/cp-1')).toBe(columnX(3))
  })

  it('gives each pod a row beside its ReplicaSet and puts the Service under the Deployment', () => {
    expect(WEB_PODS.map((p) => y(els, `Pod/default/${p}`))).toEqual(
      [0, 1, 2].map((i) => i * ROW_HEIGHT),
    )
    expect(y(els, `ReplicaSet/default/${RS}`)).toBe(0)
    expect(y(els, 'Service/default/web')).toBe(3 * ROW_HEIGHT + BAND_GAP)
  })

  it('gives a Deployment with no ReplicaSet yet a row of its own', () => {
    const { elements } = graph([deployment('api'), ...webCluster()])
    expect(y(elements, 'Deployment/default/api')).toBe(0)
    expect(y(elements, 'Deployment/default/web')).toBe(ROW_HEIGHT + BAND_GAP)
  })

  it('links a DaemonSet to its pods and captions static pods and pods with no owner', () => {
    const { elements } = graph([
      node('cp-1'),
      {
        ...deployment('x'),
        kind: 'DaemonSet',
        desired: 1,
        ready: 1,
        name: 'agent',
        key: 'DaemonSet/default/agent',
      } as KubeSummary,
      pod('agent-abcde', { kind: 'DaemonSet', name: 'agent' }),
      pod('debug', undefined),
      pod('etcd-cp-1', { kind: 'Node', name: 'cp-1' }, { mirror: true, nodeName: 'cp-1' }),
    ])
    expect(edges(elements, 'owns')).toEqual([
      'DaemonSet/default/agent -> Pod/default/agent-abcde (owns)',
    ])
    expect(byId(elements, 'Group/Static/cp-1').data['label']).toBe('static pods\non cp-1')
    expect(byId(elements, 'Group/Unowned/default').data['label']).toBe(
      'pods with no owner\ndefault',
    )
  })
})

describe('workloadsGraph: namespaces', () => {
  const summaries = [
    ...webCluster(),
    deployment('coredns', { namespace: 'kube-system' }),
    deployment('api', { namespace: 'shop' }),
  ]

  it('hides kube-system unless asked, and shows one namespace when one is chosen', () => {
    const shown = (filter = DEFAULT_FILTER) =>
      ids(graph(summaries, undefined, filter).elements).filter((id) => id.startsWith('Deployment/'))
    expect(shown()).toEqual(['Deployment/default/web', 'Deployment/shop/api'])
    expect(shown({ namespace: '', showSystem: true })).toEqual([
      'Deployment/default/web',
      'Deployment/kube-system/coredns',
      'Deployment/shop/api',
    ])
    expect(shown({ namespace: 'shop', showSystem: false })).toEqual(['Deployment/shop/api'])
    expect(graph(summaries).model.namespaces).toEqual(['default', 'shop'])
  })

  it('is empty while nothing but Nodes and Services exist', () => {
    expect(graph([node('cp-1'), service('kubernetes')]).model.empty).toBe(true)
    expect(graph(webCluster()).model.empty).toBe(false)
  })
})

function manyPods(count: number, pending: number): KubeSummary[] {
  const owner = { kind: 'ReplicaSet', name: RS }
  const pods = Array.from({ length: count }, (_, i) =>
    pod(`${RS}-p${i}`, owner, {
      createdMs: i,
      nodeName: i % 2 === 0 ? 'worker-1' : 'worker-2',
      ...(i < pending ? { phase: 'Pending', status: 'Pending', readyContainers: 0 } : {}),
    }),
  )
  const endpoints = pods.map((p, i) => ({ pod: p.name, ip: `10.32.0.${i}`, ready: i >= pending }))
  return [
    node('worker-1'),
    node('worker-2'),
    deployment('web', { replicas: count }),
    replicaSet(RS, 'web', { replicas: count, ready: count - pending }),
    ...pods,
    service('web'),
    slice('web-x7k2p', 'web', endpoints),
  ]
}

describe('workloadsGraph: level of detail', () => {
  it(`draws up to ${MAX_PODS_PER_LANE} pods of a ReplicaSet one by one`, () => {
    const { elements } = graph(manyPods(MAX_PODS_PER_LANE, 0))
    expect(elements.filter((e) => e.data['kind'] === 'Pod')).toHaveLength(MAX_PODS_PER_LANE)
  })

  it('collapses more pods into one count node with their phases and aggregated edges', () => {
    const { elements } = graph(manyPods(40, 2))
    expect(elements.filter((e) => e.data['kind'] === 'Pod')).toHaveLength(0)
    const count = byId(elements, `Pods/ReplicaSet/default/${RS}`)
    expect(count.data['label']).toBe('40 pods\n◔ 38 Running, 2 Pending')
    expect(count.data['target']).toEqual({ object: 'ReplicaSet', namespace: 'default', name: RS })
    const to = `Pods/ReplicaSet/default/${RS}`
    expect(edges(elements).filter((e) => e.includes(to))).toEqual([
      `ReplicaSet/default/${RS} -> ${to} (owns)`,
      `${to} -> Node/worker-1 (runs on ×20)`,
      `${to} -> Node/worker-2 (runs on ×20)`,
      `EndpointSlice/default/web-x7k2p -> ${to} (ready ×38)`,
      `EndpointSlice/default/web-x7k2p -> ${to} (not ready ×2)`,
    ])
  })
})

describe('workloadsGraph: stable positions', () => {
  const owner = (name: string) => ({ kind: 'ReplicaSet', name })
  const cluster = (extra: PodSummary[] = [], without: string[] = []): KubeSummary[] =>
    [
      node('worker-1'),
      deployment('api', { createdMs: 5 }),
      replicaSet('api-1', 'api', { createdMs: 5 }),
      pod('api-1-zzzzz', owner('api-1'), { createdMs: 6 }),
      pod('api-1-aaaaa', owner('api-1'), { createdMs: 7 }),
      deployment('web', { createdMs: 1 }),
      replicaSet('web-1', 'web', { createdMs: 1 }),
      pod('web-1-mmmmm', owner('web-1'), { createdMs: 2 }),
      pod('web-1-bbbbb', owner('web-1'), { createdMs: 3 }),
      ...extra,
    ].filter((o) => !without.includes(o.name))
  const positions = (els: ElementDefinition[]) =>
    new Map(els.filter((e) => e.position).map((e) => [e.data.id, e.position!.y]))

  it('is deterministic: the same summaries give the same elements', () => {
    expect(graph(cluster()).elements).toEqual(graph([...cluster()].reverse()).elements)
  })

  it('puts a new pod after its siblings, whatever its name, and moves no row above it', () => {
    const before = graph(cluster())
    const newcomer = pod('web-1-00000', owner('web-1'), { createdMs: 9 })
    const after = graph(cluster([newcomer]), before.layout.memory)
    const was = positions(before.elements)
    const now = positions(after.elements)
    for (const [id, y0] of was) expect([id, now.get(id)]).toEqual([id, y0])
    expect(now.get('Pod/default/web-1-00000')).toBe(
      was.get('Pod/default/web-1-bbbbb')! + ROW_HEIGHT,
    )
  })

  it('keeps the rows of later bands in order when a pod joins an earlier one: they shift by a row', () => {
    const before = graph(cluster())
    const newcomer = pod('api-1-00000', owner('api-1'), { createdMs: 9 })
    const after = graph(cluster([newcomer]), before.layout.memory)
    const was = positions(before.elements)
    const now = positions(after.elements)
    for (const id of [
      'Deployment/default/api',
      'Pod/default/api-1-zzzzz',
      'Pod/default/api-1-aaaaa',
    ])
      expect(now.get(id)).toBe(was.get(id))
    for (const id of [
      'Deployment/default/web',
      'Pod/default/web-1-mmmmm',
      'Pod/default/web-1-bbbbb',
    ])
      expect(now.get(id)).toBe(was.get(id)! + ROW_HEIGHT)
  })

  it('gives a replacement pod the row of the pod it replaced, so nothing else moves', () => {
    const before = graph(cluster())
    const replaced = graph(
      cluster([pod('web-1-ccccc', owner('web-1'), { createdMs: 9 })], ['web-1-mmmmm']),
      before.layout.memory,
    )
    const was = positions(before.elements)
    const now = positions(replaced.elements)
    expect(now.get('Pod/default/web-1-ccccc')).toBe(was.get('Pod/default/web-1-mmmmm'))
    for (const [id, y0] of was)
      if (id !== 'Pod/default/web-1-mmmmm') expect([id, now.get(id)]).toEqual([id, y0])
  })

  it('does not shake twice while a pod is replaced: the old one Terminating, then gone', () => {
    const start = graph(cluster())
    const both = graph(
      cluster([pod('web-1-ccccc', owner('web-1'), { createdMs: 9 })]),
      start.layout.memory,
    )
    const gone = graph(
      cluster([pod('web-1-ccccc', owner('web-1'), { createdMs: 9 })], ['web-1-mmmmm']),
      both.layout.memory,
    )
    const during = positions(both.elements)
    const after = positions(gone.elements)
    for (const [id, y0] of after) expect([id, y0]).toEqual([id, during.get(id)])
  })
})

describe('workloadsStyle', () => {
  const rule = (selector: string) => {
    const found = workloadsStyle('light').find((r) => r.selector === selector)
    if (found === undefined) throw new Error(`no rule ${selector}`)
    return found.style
  }

  it('dashes not-ready endpoints and dots runs-on edges, so colour is never the only cue', () => {
    expect(rule('edge[kind = "endpoint"][!ready]')['line-style']).toBe('dashed')
    expect(rule('edge[kind = "endpoint"][?ready]')['line-style']).toBeUndefined()
    expect(rule('edge[kind = "runsOn"]')['line-style']).toBe('dotted')
  })

  it('hides labels that zooming out would draw too small to read', () => {
    expect(rule('node')['min-zoomed-font-size']).toBeGreaterThan(0)
    expect(rule('edge')['min-zoomed-font-size']).toBeGreaterThan(0)
  })
})
