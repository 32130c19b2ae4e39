import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../core/api/types'
import { sim, type SimTest } from '../../support/sim'
import { barePod } from './support'

const inspectPod = (t: SimTest, name: string) =>
  t.simulation.handle({ kind: 'inspect/resource', object: 'Pod', namespace: 'default', name })

const podNamed = (t: SimTest, prefix: string): string =>
  t.stored<Pod>('/registry/pods/default/').find((p) => p.metadata.name!.startsWith(prefix))!
    .metadata.name!

describe('inspect/resource: everything the inspector shows of one object', () => {
  it('shows why a pod too big for any node is Pending: the FailedScheduling table per node', () => {
    const t = sim({ seed: 1 })
    t.create(barePod('huge', { requests: { cpu: '64' } }))
    t.advance('5s')
    const inspection = inspectPod(t, 'huge')
    expect(inspection.summary).toMatchObject({ kind: 'Pod', status: 'Pending' })
    expect(inspection.scheduling).toMatchObject({ pod: 'default/huge', result: 'Unschedulable' })
    const rows = Object.fromEntries(inspection.scheduling!.nodes.map((row) => [row.node, row]))
    for (const worker of ['worker-1', 'worker-2'])
      expect(rows[worker]!.filter).toEqual({
        plugin: 'NodeResourcesFit',
        code: 'Unschedulable',
        reasons: ['Insufficient cpu'],
      })
    expect(rows['cp-1']!.filter).toMatchObject({ plugin: 'TaintToleration' })
    expect(inspection.why[0]).toMatchObject({ code: 'FailedScheduling' })
    expect(inspection.conditions).toContainEqual(
      expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }),
    )
    expect(inspection.events.map((e) => e.reason)).toEqual(['FailedScheduling'])
    expect(inspection.logSource).toBe('none')
  })

  it('names NodeAffinity for a pod whose node selector matches no node', () => {
    const t = sim({ seed: 1 })
    t.create(barePod('picky', { nodeSelector: { disk: 'ssd' } }))
    t.advance('5s')
    const { scheduling } = inspectPod(t, 'picky')
    expect(scheduling!.nodes.map((row) => row.filter?.plugin)).toContain('NodeAffinity')
  })

  it('shows a running pod’s events oldest first, its container log and where it was placed', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx:1.27')
    t.advance('30s')
    const name = podNamed(t, 'web-')
    const inspection = inspectPod(t, name)
    expect(inspection.events.map((e) => e.reason)).toEqual([
      'Scheduled',
      'Pulling',
      'Pulled',
      'Created',
      'Started',
    ])
    expect(inspection.logSource).toBe('container')
    expect(inspection.logs).toEqual(t.sh(`kubectl logs ${name}`).stdout.trim().split('\n'))
    expect(inspection.scheduling).toMatchObject({ result: 'Scheduled' })
    expect(inspection.scheduling!.selectedNode).toBe(
      inspection.summary.kind === 'Pod' && inspection.summary.nodeName,
    )
  })

  it('gives no log, and no error, when the pod’s kubelet is stopped', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx:1.27')
    t.advance('30s')
    const name = podNamed(t, 'web-')
    const node = t.stored<Pod>(`/registry/pods/default/${name}`)[0]!.spec.nodeName!
    t.fault('process/stop', { kind: 'component', type: 'kubelet', machine: node })
    expect(inspectPod(t, name)).toMatchObject({ logSource: 'none', logs: [] })
  })

  it('prints the object exactly as kubectl get -o yaml does', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx:1.27')
    t.advance('30s')
    const name = podNamed(t, 'web-')
    expect(inspectPod(t, name).yaml).toBe(t.sh(`kubectl get pod ${name} -o yaml`).stdout)
    const deployment = t.simulation.handle({
      kind: 'inspect/resource',
      object: 'Deployment',
      namespace: 'default',
      name: 'web',
    })
    expect(deployment.yaml).toBe(t.sh('kubectl get deployment web -o yaml').stdout)
  })

  it('shows a node’s Ready condition with its time, and its kubelet journal', () => {
    const t = sim({ seed: 1 })
    const node = t.simulation.handle({ kind: 'inspect/resource', object: 'Node', name: 'worker-1' })
    expect(node.summary).toMatchObject({ key: 'Node/worker-1', ready: 'True' })
    expect(node.conditions).toContainEqual({
      type: 'Ready',
      status: 'True',
      reason: 'KubeletReady',
      message: 'kubelet is posting ready status',
      lastTransitionMs: expect.any(Number),
    })
    expect(node.logSource).toBe('journal')
    expect(node.logs).toEqual(t.kube.logs.tail('kubelet-worker-1', 20))
    expect(node.events.every((e) => e.involved.name === 'worker-1')).toBe(true)
  })

  it('shows a powered-off node’s Ready condition turn Unknown, as the node controller sets it', () => {
    const t = sim({ seed: 1 })
    t.fault('machine/power-off', { kind: 'machine', machine: 'worker-1' })
    t.advance('2m')
    const node = t.simulation.handle({ kind: 'inspect/resource', object: 'Node', name: 'worker-1' })
    expect(node.summary).toMatchObject({ ready: 'Unknown' })
    expect(node.conditions.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      lastTransitionMs: expect.any(Number),
    })
  })

  it('answers NotFound for an object etcd does not hold', () => {
    const t = sim({ seed: 1 })
    expect(() => inspectPod(t, 'ghost')).toThrow(expect.objectContaining({ code: 'NotFound' }))
    expect(() =>
      t.simulation.handle({ kind: 'inspect/resource', object: 'Node', name: 'worker-9' }),
    ).toThrow(expect.objectContaining({ code: 'NotFound' }))
  })

  it('changes nothing: etcd, the logs and the explain log are as they were', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx:1.27')
    t.advance('30s')
    const name = podNamed(t, 'web-')
    const revision = t.kube.etcd.kv.revision
    const lines = t.kube.logs.appended
    const why = JSON.stringify(t.simulation.explain.all(`Pod default/${name}`))
    const first = inspectPod(t, name)
    first.scheduling!.nodes.length = 0
    expect(inspectPod(t, name).scheduling!.nodes).not.toHaveLength(0)
    expect(t.kube.etcd.kv.revision).toBe(revision)
    expect(t.kube.logs.appended).toBe(lines)
    expect(JSON.stringify(t.simulation.explain.all(`Pod default/${name}`))).toBe(why)
  })

  it('reads etcd, so it works while the API server is down', () => {
    const t = sim({ seed: 1 })
    t.fault('process/stop', { kind: 'component', type: 'kube-apiserver', machine: 'cp-1' })
    t.advance('10s')
    const node = t.simulation.handle({ kind: 'inspect/resource', object: 'Node', name: 'cp-1' })
    expect(node.summary).toMatchObject({ roles: ['control-plane'] })
  })
})
