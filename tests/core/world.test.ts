import { describe, expect, it } from 'vitest'
import { buildWorld, WEAVE_FULL_MESH_MAX } from '../../core/cluster/build'
import { DEFAULT_CLUSTER, HA_CLUSTER } from '../../core/cluster/spec'
import type { Component, Link, Machine, WorldObject } from '../../core/cluster/world'

const machines = (w: WorldObject[]) => w.filter((o): o is Machine => o.kind === 'Machine')
const components = (w: WorldObject[]) => w.filter((o): o is Component => o.kind === 'Component')
const links = (w: WorldObject[]) => w.filter((o): o is Link => o.kind === 'Link')
const portsOf = (w: WorldObject[], name: string) =>
  components(w)
    .find((c) => c.metadata.name === name)!
    .spec.ports.map((p) => `${p.port}/${p.protocol}@${p.address}`)

describe('world: default cluster', () => {
  const world = buildWorld(DEFAULT_CLUSTER)

  it('has one control-plane node cp-1 and two workers', () => {
    expect(machines(world).map((m) => `${m.metadata.name}:${m.spec.role}`)).toEqual([
      'cp-1:control-plane',
      'worker-1:worker',
      'worker-2:worker',
    ])
  })

  it('runs the control plane as static pods on cp-1 only', () => {
    const onCp = components(world).filter((c) => c.spec.machine === 'cp-1')
    expect(onCp.map((c) => c.spec.type)).toEqual([
      'etcd',
      'kube-apiserver',
      'kube-scheduler',
      'kube-controller-manager',
      'kubelet',
      'containerd',
      'kube-proxy',
      'weave-net',
    ])
    const staticPods = components(world).filter((c) => c.spec.runsAs === 'static-pod')
    expect(new Set(staticPods.map((c) => c.spec.machine))).toEqual(new Set(['cp-1']))
  })

  it('gives every worker kubelet, containerd, kube-proxy and Weave Net', () => {
    const onWorker = components(world).filter((c) => c.spec.machine === 'worker-1')
    expect(onWorker.map((c) => `${c.spec.type}:${c.spec.runsAs}`)).toEqual([
      'kubelet:systemd',
      'containerd:systemd',
      'kube-proxy:daemonset',
      'weave-net:daemonset',
    ])
  })

  it('uses the real ports of FIDELITY.md §1: 2379/2380, 6443, 10259, 10257, 10250, 10256, 6783/6784', () => {
    expect(portsOf(world, 'etcd-cp-1')).toEqual([
      '2379/TCP@192.168.56.11',
      '2380/TCP@192.168.56.11',
      '2381/TCP@127.0.0.1',
    ])
    expect(portsOf(world, 'kube-apiserver-cp-1')).toEqual(['6443/TCP@0.0.0.0'])
    expect(portsOf(world, 'kube-scheduler-cp-1')).toEqual(['10259/TCP@127.0.0.1'])
    expect(portsOf(world, 'kube-controller-manager-cp-1')).toEqual(['10257/TCP@127.0.0.1'])
    expect(portsOf(world, 'kubelet-worker-2')).toEqual(['10250/TCP@0.0.0.0', '10248/TCP@127.0.0.1'])
    expect(portsOf(world, 'kube-proxy-worker-2')).toEqual([
      '10256/TCP@0.0.0.0',
      '10249/TCP@127.0.0.1',
    ])
    expect(portsOf(world, 'weave-net-worker-1')).toEqual([
      '6783/TCP@0.0.0.0',
      '6783/UDP@0.0.0.0',
      '6784/UDP@0.0.0.0',
      '6784/TCP@127.0.0.1',
    ])
    const containerd = components(world).find((c) => c.metadata.name === 'containerd-worker-1')!
    expect(containerd.spec.socket).toBe('/run/containerd/containerd.sock')
  })

  it('never uses the insecure ports of the study notes (10251, 10252), removed in 1.23/1.22', () => {
    const all = components(world).flatMap((c) => c.spec.ports.map((p) => p.port))
    expect(all).not.toContain(10251)
    expect(all).not.toContain(10252)
  })

  it('links every client to kube-apiserver :6443 and only the API server to etcd :2379', () => {
    const toApi = links(world).filter((l) => l.spec.to === 'kube-apiserver-cp-1')
    expect(toApi.every((l) => l.spec.port === 6443 && l.spec.application === 'HTTPS')).toBe(true)
    expect(toApi.map((l) => l.spec.from).sort()).toEqual(
      [
        'kube-controller-manager-cp-1',
        'kube-proxy-cp-1',
        'kube-proxy-worker-1',
        'kube-proxy-worker-2',
        'kube-scheduler-cp-1',
        'kubelet-cp-1',
        'kubelet-worker-1',
        'kubelet-worker-2',
      ].sort(),
    )
    const toEtcd = links(world).filter((l) => l.spec.to.startsWith('etcd-'))
    expect(toEtcd.map((l) => `${l.spec.from} :${l.spec.port}`)).toEqual([
      'kube-apiserver-cp-1 :2379',
    ])
  })

  it('links each kubelet to its own containerd over the CRI socket, and Weave peers in a mesh on :6783', () => {
    const cri = links(world).filter((l) => l.spec.application === 'CRI')
    expect(cri.map((l) => `${l.spec.from}->${l.spec.to}`)).toEqual([
      'kubelet-cp-1->containerd-cp-1',
      'kubelet-worker-1->containerd-worker-1',
      'kubelet-worker-2->containerd-worker-2',
    ])
    const weave = links(world).filter((l) => l.spec.application === 'Weave')
    expect(weave).toHaveLength(3)
    expect(weave.every((l) => l.spec.port === 6783 && l.spec.mutual)).toBe(true)
  })

  it('has no etcd peer link with a single member', () => {
    expect(links(world).some((l) => l.spec.application === 'etcd raft')).toBe(false)
  })

  it('is the same every time it is built', () => {
    expect(JSON.stringify(buildWorld(DEFAULT_CLUSTER))).toBe(JSON.stringify(world))
  })
})

describe('world: other shapes', () => {
  it('joins three stacked etcd members with peer links on :2380', () => {
    const peers = links(buildWorld(HA_CLUSTER)).filter((l) => l.spec.application === 'etcd raft')
    expect(peers.map((l) => `${l.spec.from}<->${l.spec.to}:${l.spec.port}`)).toEqual([
      'etcd-cp-1<->etcd-cp-2:2380',
      'etcd-cp-1<->etcd-cp-3:2380',
      'etcd-cp-2<->etcd-cp-3:2380',
    ])
  })

  it('draws a Weave ring instead of a full mesh past the readable size', () => {
    const big = buildWorld({ controlPlanes: 1, workers: WEAVE_FULL_MESH_MAX + 8 })
    const weave = links(big).filter((l) => l.spec.application === 'Weave')
    expect(weave).toHaveLength(WEAVE_FULL_MESH_MAX + 9)
  })

  it('rejects impossible shapes with a clear reason', () => {
    expect(() => buildWorld({ controlPlanes: 0, workers: 2 })).toThrow(
      'controlPlanes must be an integer from 1 to 7',
    )
    expect(() => buildWorld({ controlPlanes: 1, workers: -1 })).toThrow(
      'workers must be an integer from 0',
    )
  })
})
