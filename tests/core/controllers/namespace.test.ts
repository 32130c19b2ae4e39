import { describe, expect, it } from 'vitest'
import type { ConfigMap, Namespace, Pod } from '../../../core/api/types'
import { NAMESPACED_RESOURCES } from '../../../core/controllers/namespace'
import { deployment, kubeletRound, lab, pods, runPod, type Lab } from './support'

function filled(h: Lab): void {
  h.admin.create('namespaces', undefined, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'lab' },
  })
  h.admin.create('deployments', 'lab', {
    ...deployment('web', 2, 'nginx:1.27'),
    metadata: { name: 'web', namespace: 'lab', labels: { app: 'web' } },
  })
  h.admin.create('services', 'lab', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'lab' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
  })
  h.admin.create<ConfigMap>('configmaps', 'lab', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings' },
    data: { a: '1' },
  })
  h.advance(0)
}

function contents(h: Lab): string[] {
  return NAMESPACED_RESOURCES.filter((r) => r !== 'events').flatMap((r) =>
    h.admin.list(r, 'lab').items.map((o) => `${r}/${o.metadata.name}`),
  )
}

describe('namespace controller', () => {
  it('controllers: namespace: deleting a namespace deletes everything in it, then asks to finalize it', () => {
    const h = lab(1)
    filled(h)
    expect(contents(h).length).toBeGreaterThan(4)
    const mark = h.recorder.actions.length
    h.admin.delete('namespaces', undefined, 'lab')
    h.advance(0)
    expect(contents(h)).toEqual([])
    expect(h.recorder.actions.slice(mark)).toContain('update namespaces/finalize lab')
    expect(h.explain.latest('ConfigMap lab/settings')).toMatchObject({
      code: 'NamespaceDeletion',
      causedBy: 'Namespace lab',
    })
  })

  it('controllers: namespace: pods in their grace period keep it Terminating; it retries after grace/2 + 1 s', () => {
    const h = lab(1)
    filled(h)
    for (const pod of pods(h, 'lab')) runPod(h, pod, 'worker-1')
    h.admin.delete('namespaces', undefined, 'lab')
    h.advance(0)
    const ns = h.admin.get<Namespace>('namespaces', undefined, 'lab')
    expect(ns.status?.phase).toBe('Terminating')
    const conditions = (
      ns.status as {
        conditions?: { type: string; status: string; reason: string; message: string }[]
      }
    ).conditions
    expect(conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      [
        'NamespaceDeletionDiscoveryFailure',
        'False',
        'ResourcesDiscovered',
        'All resources successfully discovered',
      ],
      [
        'NamespaceDeletionGroupVersionParsingFailure',
        'False',
        'ParsedGroupVersions',
        'All legacy kube types successfully parsed',
      ],
      [
        'NamespaceDeletionContentFailure',
        'False',
        'ContentDeleted',
        'All content successfully deleted, may be waiting on finalization',
      ],
      [
        'NamespaceContentRemaining',
        'True',
        'SomeResourcesRemain',
        'Some resources are remaining: pods has 2 resource instances',
      ],
      [
        'NamespaceFinalizersRemaining',
        'False',
        'ContentHasNoFinalizers',
        'All content-preserving finalizers finished',
      ],
    ])
    kubeletRound(h, ['worker-1'], 'lab')
    const mark = h.recorder.actions.length
    // terminationGracePeriodSeconds 30 → the next look is 30/2 + 1 = 16 s later.
    h.advance(15_999)
    expect(h.recorder.actions.slice(mark)).not.toContain('update namespaces/finalize lab')
    h.advance(1)
    expect(h.recorder.actions.slice(mark)).toContain('update namespaces/finalize lab')
  })

  it('controllers: namespace: an emptied namespace disappears', () => {
    const h = lab(1)
    filled(h)
    h.admin.delete('namespaces', undefined, 'lab')
    h.advance(0)
    expect(h.admin.find('namespaces', undefined, 'lab')).toBeUndefined()
    expect(h.admin.list<Pod>('pods', 'lab').items).toEqual([])
  })
})
