import { describe, expect, it } from 'vitest'
import type { Node, Pod } from '../../../core/api/types'
import { summarize } from '../../../core/observe/summarize'
import type { NodeSummary, PodSummary } from '../../../core/protocol'
import { sim } from '../../support/sim'
import { barePod } from './support'

const podStatus = (pod: Pod): PodSummary => summarize(pod) as PodSummary

describe('summarize: Kubernetes objects as the views draw them', () => {
  it('says of every pod what kubectl get pods says in STATUS, READY and RESTARTS', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run crashing --image=kubelab/crash')
    t.sh('kubectl run broken --image=nginx:no-such-tag')
    t.create(barePod('huge', { requests: { cpu: '64' } }))
    t.advance('2m')
    const table = t.sh('kubectl get pods -A --no-headers').stdout.trim().split('\n')
    const pods = [...t.stored<Pod>('/registry/pods/')].map((p) => podStatus(p))
    expect(table).toHaveLength(pods.length)
    for (const pod of pods) {
      const row = table.find((line) => line.split(/\s+/)[1] === pod.name)!.split(/\s+/)
      expect([row[2], row[3], row[4]]).toEqual([
        `${pod.readyContainers}/${pod.containers}`,
        pod.status,
        String(pod.restarts),
      ])
    }
    expect(pods.find((p) => p.name === 'huge')).toMatchObject({ status: 'Pending' })
    expect(pods.find((p) => p.name === 'crashing')!.restarts).toBeGreaterThan(0)
    expect(pods.find((p) => p.name === 'broken')!.status).toMatch(/ErrImagePull|ImagePullBackOff/)
  })

  it('keys pods by namespace and name, and marks a control-plane mirror pod', () => {
    const t = sim({ seed: 1 })
    const apiserver = t.stored<Pod>('/registry/pods/kube-system/kube-apiserver-cp-1')[0]!
    expect(podStatus(apiserver)).toMatchObject({
      key: 'Pod/kube-system/kube-apiserver-cp-1',
      namespace: 'kube-system',
      mirror: true,
      nodeName: 'cp-1',
      phase: 'Running',
    })
  })

  it('gives a node its roles, its taints as key=value:Effect and its parsed allocatable', () => {
    const t = sim({ seed: 1 })
    const [cp] = t.stored<Node>('/registry/minions/cp-1')
    const summary = summarize(cp!) as NodeSummary
    expect(summary).toMatchObject({
      key: 'Node/cp-1',
      namespace: '',
      ready: 'True',
      roles: ['control-plane'],
      taints: ['node-role.kubernetes.io/control-plane:NoSchedule'],
      allocatable: { cpuMilli: 2000, pods: 110 },
    })
    const tainted: Node = {
      ...cp!,
      spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] },
    }
    expect((summarize(tainted) as NodeSummary).taints).toEqual(['dedicated=gpu:NoExecute'])
  })

  it('turns creation times into virtual milliseconds', () => {
    const t = sim({ seed: 1 })
    t.advance('90s')
    t.create(barePod('late'))
    const [late] = t.stored<Pod>('/registry/pods/default/late')
    expect(summarize(late!)!.createdMs).toBe(90_000)
  })

  it('has no summary for a kind the views do not draw', () => {
    const t = sim({ seed: 1 })
    const [lease] = t.stored('/registry/leases/kube-system/kube-scheduler')
    expect(summarize(lease!)).toBeUndefined()
  })

  it('summarizes workloads, Services, EndpointSlices and Events', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl create deployment web --image=nginx:1.27 --replicas=2')
    t.sh('kubectl expose deployment web --port=80 --type=NodePort')
    t.advance('30s')
    const items = t.simulation.handle({ kind: 'kube/list' }).items
    const byKey = (key: string) => items.find((i) => i.key === key)
    expect(byKey('Deployment/default/web')).toMatchObject({ replicas: 2, ready: 2, available: 2 })
    const replicaSet = items.find((i) => i.kind === 'ReplicaSet' && i.namespace === 'default')
    expect(replicaSet).toMatchObject({
      owner: { kind: 'Deployment', name: 'web' },
      replicas: 2,
      ready: 2,
      revision: '1',
    })
    expect(byKey('DaemonSet/kube-system/kube-proxy')).toMatchObject({ desired: 3, ready: 3 })
    expect(byKey('Service/default/web')).toMatchObject({
      type: 'NodePort',
      selector: { app: 'web' },
      ports: [{ port: 80, targetPort: '80', protocol: 'TCP', nodePort: expect.any(Number) }],
    })
    const slice = items.find((i) => i.kind === 'EndpointSlice' && i.name.startsWith('web-'))
    expect(slice).toMatchObject({ service: 'web' })
    expect(slice?.kind === 'EndpointSlice' && slice.endpoints).toEqual([
      expect.objectContaining({ ready: true, pod: expect.stringMatching(/^web-/) }),
      expect.objectContaining({ ready: true, pod: expect.stringMatching(/^web-/) }),
    ])
    const scaled = items.find((i) => i.kind === 'Event' && i.reason === 'ScalingReplicaSet')
    expect(scaled).toMatchObject({
      type: 'Normal',
      involved: { kind: 'Deployment', namespace: 'default', name: 'web' },
      source: 'deployment-controller',
      count: 1,
    })
  })
})
