import { describe, expect, it } from 'vitest'
import type { DaemonSet, Node, Pod } from '../../../core/api/types'
import { computeHash } from '../../../core/controllers/hash'
import { events, lab, NAME_SUFFIX, node, pods, runPod, type Lab } from './support'

function daemonSet(
  name: string,
  extra: Partial<DaemonSet['spec']['template']['spec']> = {},
): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { name } },
      template: {
        metadata: { labels: { name } },
        spec: { containers: [{ name, image: 'weaveworks/weave-kube:2.8.1' }], ...extra },
      },
    },
  }
}

function daemonPods(h: Lab): Pod[] {
  return pods(h, 'kube-system')
}

function byNode(h: Lab): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pod of daemonPods(h)) {
    if (pod.metadata.deletionTimestamp !== undefined) continue
    const term =
      pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
        ?.nodeSelectorTerms[0]
    out[term!.matchFields![0]!.values![0]!] = pod.metadata.name!
  }
  return out
}

function controlPlane(): Node {
  return node('cp-1', {
    taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
  })
}

describe('daemonset controller', () => {
  it('controllers: daemonset: one pod per schedulable node, pinned by node affinity for the default scheduler', () => {
    const h = lab(1)
    for (const n of [controlPlane(), node('worker-1'), node('worker-2')])
      h.admin.create('nodes', undefined, n)
    h.admin.create('daemonsets', 'kube-system', daemonSet('weave-net'))
    h.advance(0)
    const placed = byNode(h)
    // The control-plane taint is not tolerated: no pod there.
    expect(Object.keys(placed).sort()).toEqual(['worker-1', 'worker-2'])
    const ds = h.admin.get<DaemonSet>('daemonsets', 'kube-system', 'weave-net')
    const pod = daemonPods(h)[0]!
    expect(pod.metadata.name!.slice('weave-net-'.length)).toMatch(NAME_SUFFIX)
    expect(pod.spec.nodeName).toBeUndefined()
    expect(pod.metadata.labels).toEqual({
      name: 'weave-net',
      'controller-revision-hash': computeHash(ds.spec.template),
      'pod-template-generation': '1',
    })
    expect(pod.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ])
    expect(pod.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'DaemonSet',
      name: 'weave-net',
      controller: true,
    })
    expect(events(h, 'weave-net', 'kube-system').sort()).toEqual(
      daemonPods(h)
        .map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`)
        .sort(),
    )
    expect(ds.status).toEqual({
      currentNumberScheduled: 2,
      numberMisscheduled: 0,
      desiredNumberScheduled: 2,
      numberReady: 0,
      updatedNumberScheduled: 2,
      numberUnavailable: 2,
      observedGeneration: 1,
    })
  })

  it('controllers: daemonset: a new node gets one more pod; a cordoned one keeps and gets its daemon', () => {
    const h = lab(1)
    h.admin.create('nodes', undefined, node('worker-1'))
    h.admin.create('daemonsets', 'kube-system', daemonSet('kube-proxy'))
    h.advance(0)
    expect(Object.keys(byNode(h))).toEqual(['worker-1'])
    const cordoned = node('worker-2', {
      unschedulable: true,
      taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
    })
    h.admin.create('nodes', undefined, cordoned)
    h.advance(0)
    expect(Object.keys(byNode(h)).sort()).toEqual(['worker-1', 'worker-2'])
    for (const pod of daemonPods(h)) runPod(h, pod)
    h.advance(0)
    expect(h.admin.get<DaemonSet>('daemonsets', 'kube-system', 'kube-proxy').status).toMatchObject({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberReady: 2,
      numberAvailable: 2,
    })
  })

  it('controllers: daemonset: an untolerated NoExecute taint removes the daemon; a nodeSelector limits the nodes', () => {
    const h = lab(1)
    h.admin.create('nodes', undefined, node('worker-1', {}, { disk: 'ssd' }))
    h.admin.create('nodes', undefined, node('worker-2'))
    h.admin.create(
      'daemonsets',
      'kube-system',
      daemonSet('agent', { nodeSelector: { disk: 'ssd' } }),
    )
    h.advance(0)
    expect(Object.keys(byNode(h))).toEqual(['worker-1'])
    const victim = byNode(h)['worker-1']!
    h.admin.patch('nodes', undefined, 'worker-1', {
      spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] },
    })
    h.advance(0)
    expect(byNode(h)).toEqual({})
    expect(events(h, 'agent', 'kube-system').at(-1)).toBe(
      `SuccessfulDelete: Deleted pod: ${victim}`,
    )
    expect(h.admin.get<DaemonSet>('daemonsets', 'kube-system', 'agent').status).toMatchObject({
      desiredNumberScheduled: 0,
      currentNumberScheduled: 0,
    })
  })

  it('controllers: daemonset: a Failed daemon pod is replaced, with a FailedDaemonPod warning', () => {
    const h = lab(1)
    h.admin.create('nodes', undefined, node('worker-1'))
    h.admin.create('daemonsets', 'kube-system', daemonSet('agent'))
    h.advance(0)
    const [pod] = daemonPods(h)
    h.admin.patch(
      'pods',
      'kube-system',
      pod!.metadata.name!,
      { status: { phase: 'Failed' } },
      'merge',
      'status',
    )
    h.advance(0)
    expect(events(h, 'agent', 'kube-system')).toContain(
      `FailedDaemonPod: Found failed daemon pod kube-system/${pod!.metadata.name} on node worker-1, will try to kill it`,
    )
    const now = daemonPods(h)
    expect(now).toHaveLength(1)
    expect(now[0]!.metadata.name).not.toBe(pod!.metadata.name)
  })

  it('controllers: daemonset: a template change rolls one node at a time (maxUnavailable 1)', () => {
    const h = lab(1)
    for (const n of ['worker-1', 'worker-2', 'worker-3'])
      h.admin.create('nodes', undefined, node(n))
    h.admin.create('daemonsets', 'kube-system', daemonSet('agent'))
    h.advance(0)
    for (const pod of daemonPods(h)) runPod(h, pod)
    h.advance(0)
    const ds = h.admin.get<DaemonSet>('daemonsets', 'kube-system', 'agent')
    ds.spec.template.spec.containers[0]!.image = 'weaveworks/weave-kube:2.8.2'
    h.admin.update('daemonsets', ds)
    const seen: number[] = []
    for (let round = 0; round < 6; round++) {
      h.advance(0)
      const live = daemonPods(h).filter((p) => p.metadata.deletionTimestamp === undefined)
      seen.push(live.filter((p) => p.status?.phase === 'Running').length)
      for (const pod of live) if (pod.status?.phase === 'Pending') runPod(h, pod)
      h.advance(1000)
    }
    // Never fewer than 2 of 3 nodes with a running daemon.
    expect(Math.min(...seen)).toBe(2)
    const images = daemonPods(h).map((p) => p.spec.containers[0]!.image)
    expect(images).toEqual([
      'weaveworks/weave-kube:2.8.2',
      'weaveworks/weave-kube:2.8.2',
      'weaveworks/weave-kube:2.8.2',
    ])
    expect(h.admin.get<DaemonSet>('daemonsets', 'kube-system', 'agent').status).toMatchObject({
      updatedNumberScheduled: 3,
      numberAvailable: 3,
    })
  })
})
