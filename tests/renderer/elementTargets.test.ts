import { describe, expect, it } from 'vitest'
import { buildWorld } from '../../core/cluster/build'
import type { Component, Link } from '../../core/protocol'
import {
  inspectTargetOf,
  linkTarget,
  menuTargetOf,
} from '../../renderer/src/topology/elementTargets'

const world = buildWorld({ controlPlanes: 1, workers: 2 })
const components = world.filter((o): o is Component => o.kind === 'Component')
const links = world.filter((o): o is Link => o.kind === 'Link')
const link = (from: string, to: string) =>
  links.find((l) => l.spec.from === from && l.spec.to === to)!

describe('fault menus on the graph: what each element stands for', () => {
  it('a machine and a component are themselves', () => {
    expect(menuTargetOf({ id: 'machine/worker-1' }, { components, links })).toEqual({
      kind: 'machine',
      machine: 'worker-1',
    })
    expect(menuTargetOf({ id: 'component/kubelet-worker-1' }, { components, links })).toEqual({
      kind: 'component',
      type: 'kubelet',
      machine: 'worker-1',
    })
  })

  it('a pod is the pod, whose container can be killed', () => {
    const pod = { id: 'pod/default/web-1', kind: 'pod', namespace: 'default', name: 'web-1' }
    expect(menuTargetOf(pod, { components, links })).toEqual({
      kind: 'pod',
      namespace: 'default',
      name: 'web-1',
    })
  })

  it('a NodePort badge is that port on that machine', () => {
    const badge = { id: 'x', kind: 'nodePort', machine: 'worker-2', port: 30080, protocol: 'TCP' }
    expect(menuTargetOf(badge, { components, links })).toEqual({
      kind: 'port',
      machine: 'worker-2',
      port: 30080,
      protocol: 'TCP',
    })
    expect(menuTargetOf({ ...badge, protocol: 'SCTP' }, { components, links })).toBeUndefined()
  })

  it('a link is cut where it is received: kubelet → kube-apiserver is port 6443/TCP on cp-1', () => {
    const l = link('kubelet-worker-1', 'kube-apiserver-cp-1')
    expect(menuTargetOf({ id: `link/${l.metadata.name}` }, { components, links })).toEqual({
      kind: 'port',
      machine: 'cp-1',
      port: 6443,
      protocol: 'TCP',
    })
  })

  it('a link over a unix socket has no port: the component it reaches stands for it', () => {
    expect(linkTarget(link('kubelet-worker-1', 'containerd-worker-1'), components)).toEqual({
      kind: 'component',
      type: 'containerd',
      machine: 'worker-1',
    })
  })

  it('anything else (an area, the laptop) has no menu', () => {
    expect(
      menuTargetOf({ id: 'area/services', kind: 'area' }, { components, links }),
    ).toBeUndefined()
  })
})

describe('clicks on the graph: what each element inspects', () => {
  it('a pod, a Service and its NodePort badges, a component, a machine', () => {
    const pod = { id: 'pod/default/web-1', kind: 'pod', namespace: 'default', name: 'web-1' }
    expect(inspectTargetOf(pod)).toEqual({ object: 'Pod', namespace: 'default', name: 'web-1' })
    const badge = { id: 'x', kind: 'nodePort', namespace: 'default', name: 'web', machine: 'w' }
    expect(inspectTargetOf(badge)).toEqual({ object: 'Service', namespace: 'default', name: 'web' })
    expect(inspectTargetOf({ id: 'component/etcd-cp-1' })).toEqual({
      object: 'Component',
      name: 'etcd-cp-1',
    })
    expect(inspectTargetOf({ id: 'machine/cp-1' })).toEqual({ object: 'Machine', name: 'cp-1' })
  })

  it('nothing for a pod count, an area or the laptop', () => {
    expect(inspectTargetOf({ id: 'count/worker-1', kind: 'podCount' })).toBeUndefined()
    expect(inspectTargetOf({ id: 'client/laptop', kind: 'laptop' })).toBeUndefined()
  })
})
