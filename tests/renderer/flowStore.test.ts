import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { buildWorld } from '../../core/cluster/build'
import { DEFAULT_CLUSTER } from '../../core/cluster/spec'
import type { FlowMessage, SimulationEvent } from '../../core/protocol'
import type { SimulationClient } from '../../renderer/src/client/simulationClient'
import { objectKey, useClusterStore } from '../../renderer/src/stores/cluster'
import {
  FLOW_MS,
  FLOW_STORAGE_KEY,
  HOP_DELAY_MS,
  MAX_ANIMATIONS,
  PULSE_COUNT,
  useFlowStore,
} from '../../renderer/src/stores/flow'
import { useKubeStore } from '../../renderer/src/stores/kube'
import { edgeOf, flowIndex } from '../../renderer/src/topology/flowEdges'
import { WEB_NODEPORT } from './graphFixtures'

const world = buildWorld(DEFAULT_CLUSTER)
const machines = world.filter((o) => o.kind === 'Machine')
const components = world.filter((o) => o.kind === 'Component')
const links = world.filter((o) => o.kind === 'Link')

const message = (from: string, to: string, what: string, count = 1): FlowMessage => ({
  atMs: 0,
  from,
  to,
  what,
  count,
})

/** A client that only carries events the test emits. */
function fakeClient() {
  const listeners = new Set<(event: SimulationEvent) => void>()
  const client: SimulationClient = {
    request: () => Promise.reject(new Error('not in this test')),
    onEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: () => {},
  }
  return { client, emit: (event: SimulationEvent) => listeners.forEach((l) => l(event)) }
}

/** A stand-in for matchMedia('(prefers-reduced-motion: reduce)') the test can flip. */
function stubReducedMotion(matches: boolean) {
  let listener: ((event: MediaQueryListEvent) => void) | undefined
  const query = {
    matches,
    addEventListener: (_: string, l: (event: MediaQueryListEvent) => void) => (listener = l),
    removeEventListener: () => {},
  }
  vi.stubGlobal('matchMedia', () => query)
  return (next: boolean) => listener?.({ matches: next } as MediaQueryListEvent)
}

describe('flowIndex / edgeOf', () => {
  const index = flowIndex(machines, components, links, [WEB_NODEPORT])

  it('maps two components to the Link between them, in either direction', () => {
    expect(edgeOf(index, 'kubelet-worker-1', 'kube-apiserver-cp-1', 'PUT nodes/status')).toEqual({
      edge: 'link/kubelet-worker-1--kube-apiserver-cp-1',
      reverse: false,
    })
    expect(edgeOf(index, 'kube-apiserver-cp-1', 'kubelet-worker-1', 'WATCH pods')).toEqual({
      edge: 'link/kubelet-worker-1--kube-apiserver-cp-1',
      reverse: true,
    })
    expect(edgeOf(index, 'kube-apiserver-cp-1', 'etcd-cp-1', 'Txn put /registry/pods')).toEqual({
      edge: 'link/kube-apiserver-cp-1--etcd-cp-1',
      reverse: false,
    })
  })

  it('maps the laptop to the kubectl edge and to the NodePort the message names', () => {
    expect(edgeOf(index, 'laptop', 'kube-apiserver-cp-1', 'GET pods')?.edge).toBe(
      'client/laptop--kube-apiserver-cp-1',
    )
    expect(edgeOf(index, 'laptop', 'worker-1', 'GET :30080')?.edge).toBe(
      'client/laptop--worker-1:30080/TCP',
    )
    expect(edgeOf(index, 'worker-2', 'laptop', 'HTTP 200 :30080')).toEqual({
      edge: 'client/laptop--worker-2:30080/TCP',
      reverse: true,
    })
  })

  it('maps pod traffic between machines to the Weave link between them', () => {
    expect(edgeOf(index, 'worker-2', 'worker-1', 'TCP :80')?.edge).toBe(
      'link/weave-net-worker-1--weave-net-worker-2',
    )
  })

  it('ignores pairs the graph draws no edge for', () => {
    expect(edgeOf(index, 'kube-scheduler-cp-1', 'kubelet-worker-1', 'GET')).toBeUndefined()
    expect(edgeOf(index, 'laptop', 'worker-1', 'GET :31000')).toBeUndefined()
    expect(edgeOf(index, 'laptop', 'worker-1', 'ping')).toBeUndefined()
  })
})

describe('flow store', () => {
  beforeEach(() => {
    localStorage.clear()
    vi.useFakeTimers()
    stubReducedMotion(false)
    setActivePinia(createPinia())
    useClusterStore().objects = new Map(world.map((o) => [objectKey(o), o]))
    useKubeStore().objects = new Map([[WEB_NODEPORT.key, WEB_NODEPORT]])
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('animates each message along its edge and ignores the ones without an edge', () => {
    const flow = useFlowStore()
    flow.receive([
      message('kubelet-worker-1', 'kube-apiserver-cp-1', 'PUT nodes/status'),
      message('kube-apiserver-cp-1', 'etcd-cp-1', 'Txn put /registry/leases', 2),
      message('kube-scheduler-cp-1', 'kubelet-worker-2', 'nonsense', 3),
    ])
    expect(flow.animations.map((a) => [a.edge, a.count, a.style])).toEqual([
      ['link/kubelet-worker-1--kube-apiserver-cp-1', 1, 'dot'],
      ['link/kube-apiserver-cp-1--etcd-cp-1', 2, 'dot'],
    ])
    expect(flow.ignored).toBe(3)
  })

  it('aggregates heavy traffic per edge into one pulse that carries the count', () => {
    const flow = useFlowStore()
    flow.receive([
      message('kube-apiserver-cp-1', 'etcd-cp-1', 'Txn put /registry/pods', PULSE_COUNT - 1),
      message('kube-apiserver-cp-1', 'etcd-cp-1', 'Range /registry/pods', 1),
    ])
    expect(flow.animations).toHaveLength(1)
    expect(flow.animations[0]).toMatchObject({ count: PULSE_COUNT, style: 'pulse' })
    // More on the same edge while it still plays: still one animation, with the sum.
    flow.receive([message('etcd-cp-1', 'kube-apiserver-cp-1', 'Range response', 5)])
    expect(flow.animations).toHaveLength(1)
    expect(flow.animations[0]).toMatchObject({ count: PULSE_COUNT + 5, style: 'pulse' })
  })

  it('does not start a busy edge over: steady traffic makes it pulse once per FLOW_MS', () => {
    const flow = useFlowStore()
    const heartbeat = [message('kubelet-worker-1', 'kube-apiserver-cp-1', 'PUT leases')]
    flow.receive(heartbeat)
    const first = flow.animations[0]!
    vi.advanceTimersByTime(FLOW_MS - 100)
    flow.receive(heartbeat)
    expect(flow.animations[0]).toMatchObject({ id: first.id, count: 2, style: 'pulse' })
    vi.advanceTimersByTime(100)
    expect(flow.animations).toHaveLength(0)
    flow.receive(heartbeat)
    expect(flow.animations[0]!.id).not.toBe(first.id)
  })

  it(`plays at most ${MAX_ANIMATIONS} animations at once and counts what it left out`, () => {
    useClusterStore().objects = new Map(
      buildWorld({ controlPlanes: 1, workers: 40 }).map((o) => [objectKey(o), o]),
    )
    const flow = useFlowStore()
    const batch = Array.from({ length: 40 }, (_, i) =>
      message(`kubelet-worker-${i + 1}`, 'kube-apiserver-cp-1', 'PUT nodes/status', 2),
    )
    flow.receive(batch)
    expect(flow.animations).toHaveLength(MAX_ANIMATIONS)
    expect(flow.dropped).toBe(2 * (40 - MAX_ANIMATIONS))
  })

  it('ends every animation FLOW_MS after it starts', () => {
    const flow = useFlowStore()
    flow.receive([message('kubelet-worker-1', 'kube-apiserver-cp-1', 'PUT nodes/status')])
    vi.advanceTimersByTime(FLOW_MS - 1)
    expect(flow.animations).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(flow.animations).toHaveLength(0)
  })

  it('plays a traced kubectl path hop by hop, from the laptop on', () => {
    const flow = useFlowStore()
    flow.follow([
      { from: 'laptop', to: 'kube-apiserver-cp-1', port: 6443 },
      { from: 'kube-apiserver-cp-1', to: 'etcd-cp-1', port: 2379 },
    ])
    expect(flow.animations.map((a) => [a.edge, a.delayMs])).toEqual([
      ['client/laptop--kube-apiserver-cp-1', 0],
      ['link/kube-apiserver-cp-1--etcd-cp-1', HOP_DELAY_MS],
    ])
    vi.advanceTimersByTime(FLOW_MS)
    expect(flow.animations.map((a) => a.edge)).toEqual(['link/kube-apiserver-cp-1--etcd-cp-1'])
  })

  it('follows flow and trace events from the client, and forgets them on a new simulation', () => {
    const flow = useFlowStore()
    const { client, emit } = fakeClient()
    const stop = flow.connect(client)
    emit({
      kind: 'flow/messages',
      messages: [message('laptop', 'worker-1', 'GET :30080')],
      dropped: 0,
    })
    expect(flow.animations.map((a) => a.edge)).toEqual(['client/laptop--worker-1:30080/TCP'])
    emit({ kind: 'simulation/replaced', info: {} as never })
    expect(flow.animations).toHaveLength(0)
    stop()
    emit({
      kind: 'flow/messages',
      messages: [message('laptop', 'worker-1', 'GET :30080')],
      dropped: 0,
    })
    expect(flow.animations).toHaveLength(0)
  })

  it('turns off with its toggle, and remembers the choice', () => {
    const flow = useFlowStore()
    flow.receive([message('kubelet-worker-1', 'kube-apiserver-cp-1', 'PUT nodes/status')])
    flow.setEnabled(false)
    expect(flow.animations).toHaveLength(0)
    flow.receive([message('kubelet-worker-1', 'kube-apiserver-cp-1', 'PUT nodes/status')])
    expect(flow.animations).toHaveLength(0)
    expect(localStorage.getItem(FLOW_STORAGE_KEY)).toBe('off')
    setActivePinia(createPinia())
    expect(useFlowStore().enabled).toBe(false)
    useFlowStore().setEnabled(true)
    setActivePinia(createPinia())
    expect(useFlowStore().active).toBe(true)
  })

  it('stays still while the system asks for reduced motion, and follows it live', () => {
    const flip = stubReducedMotion(true)
    setActivePinia(createPinia())
    useClusterStore().objects = new Map(world.map((o) => [objectKey(o), o]))
    const flow = useFlowStore()
    expect(flow.active).toBe(false)
    flow.receive([message('kubelet-worker-1', 'kube-apiserver-cp-1', 'PUT nodes/status')])
    expect(flow.animations).toHaveLength(0)
    flip(false)
    flow.receive([message('kubelet-worker-1', 'kube-apiserver-cp-1', 'PUT nodes/status')])
    expect(flow.animations).toHaveLength(1)
    flip(true)
    expect(flow.animations).toHaveLength(0)
    // The learner's own choice is kept for when the system allows motion again.
    expect(flow.enabled).toBe(true)
  })
})
