import { describe, expect, it } from 'vitest'
import type { KubeObject, Pod, Service } from '../../../core/api/types'
import { findResource } from '../../../core/apiserver/resources'
import { ApiError } from '../../../core/apiserver/status'
import { apiHarness } from '../../support/apiHarness'

const PODS = findResource('', 'pods')!
const SERVICES = findResource('', 'services')!
const DEPLOYMENTS = findResource('apps', 'deployments')!

const pod = (name: string, extra: Partial<Pod['spec']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], ...extra },
})

const nodePortService = (name: string, nodePort?: number): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: {
    type: 'NodePort',
    selector: { app: name },
    ports: [{ port: 80, ...(nodePort ? { nodePort } : {}) }],
  },
})

function apiError(fn: () => unknown): ApiError {
  try {
    fn()
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected an ApiError')
}

describe('apiserver: create', () => {
  it('stamps uid, creationTimestamp, resourceVersion and defaults a pod (FIDELITY.md §4.5, §5.7)', () => {
    const h = apiHarness({ seed: 1 })
    const created = h.apiserver.create(PODS, 'default', pod('web')) as Pod
    expect(created.metadata.uid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(created.metadata.creationTimestamp).toBe('2026-01-05T09:00:00Z')
    expect(created.metadata.resourceVersion).toBe(String(h.apiserver.revision))
    expect(created.spec.restartPolicy).toBe('Always')
    expect(created.spec.terminationGracePeriodSeconds).toBe(30)
    expect(created.spec.containers[0]!.imagePullPolicy).toBe('IfNotPresent')
    expect(created.spec.tolerations).toEqual([
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ])
    expect(created.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' })
  })

  it('generates names from generateName with the real alphabet (FIDELITY.md §6.2)', () => {
    const h = apiHarness({ seed: 1 })
    const created = h.apiserver.create(PODS, 'default', {
      ...pod('x'),
      metadata: { generateName: 'web-7d4b9c-' },
    })
    expect(created.metadata.name).toMatch(/^web-7d4b9c-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
  })

  it('refuses a duplicate with AlreadyExists and a missing namespace with NotFound', () => {
    const h = apiHarness({ seed: 1 })
    h.apiserver.create(PODS, 'default', pod('web'))
    expect(apiError(() => h.apiserver.create(PODS, 'default', pod('web'))).message).toBe(
      'pods "web" already exists',
    )
    expect(apiError(() => h.apiserver.create(PODS, 'nope', pod('web'))).message).toBe(
      'namespaces "nope" not found',
    )
  })

  it('validates with the real field error texts (FIDELITY.md §2.3)', () => {
    const h = apiHarness({ seed: 1 })
    const noImage = apiError(() =>
      h.apiserver.create(PODS, 'default', {
        ...pod('web'),
        spec: { containers: [{ name: 'web' }] },
      }),
    )
    expect(noImage.code).toBe(422)
    expect(noImage.message).toBe('Pod "web" is invalid: spec.containers[0].image: Required value')
    const badName = apiError(() => h.apiserver.create(PODS, 'default', pod('Web_1')))
    expect(badName.message).toContain(
      'Pod "Web_1" is invalid: metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain',
    )
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: -1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'other' } },
          spec: { containers: [{ name: 'web', image: 'nginx' }] },
        },
      },
    }
    expect(apiError(() => h.apiserver.create(DEPLOYMENTS, 'default', deployment)).message).toBe(
      'Deployment.apps "web" is invalid: [spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`, spec.replicas: Invalid value: -1: must be greater than or equal to 0]',
    )
  })
})

describe('apiserver: services', () => {
  it('allocates a ClusterIP from 10.96.0.0/12 and a NodePort from the dynamic band', () => {
    const h = apiHarness({ seed: 1 })
    const svc = h.apiserver.create(SERVICES, 'default', nodePortService('web')) as Service
    expect(svc.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/)
    expect(svc.spec.ports![0]!.nodePort).toBeGreaterThanOrEqual(30086)
    expect(svc.spec.ports![0]!.nodePort).toBeLessThanOrEqual(32767)
    expect(svc.spec.ports![0]!.targetPort).toBe(80)
  })

  it('refuses a NodePort out of range or taken, with the real texts (FIDELITY.md §2.4, §2.5)', () => {
    const h = apiHarness({ seed: 1 })
    expect(
      apiError(() => h.apiserver.create(SERVICES, 'default', nodePortService('web', 80))).message,
    ).toBe(
      'Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    )
    h.apiserver.create(SERVICES, 'default', nodePortService('a', 30080))
    expect(
      apiError(() => h.apiserver.create(SERVICES, 'default', nodePortService('b', 30080))).message,
    ).toBe(
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    )
  })

  it('forbids a nodePort on a ClusterIP Service (FIDELITY.md §2.7)', () => {
    const h = apiHarness({ seed: 1 })
    const svc = {
      ...nodePortService('django', 30001),
      spec: { type: 'ClusterIP', ports: [{ port: 80, nodePort: 30001 }] },
    }
    expect(apiError(() => h.apiserver.create(SERVICES, 'default', svc)).message).toBe(
      'Service "django" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is \'ClusterIP\'',
    )
  })

  it('frees the NodePort when the Service is deleted', () => {
    const h = apiHarness({ seed: 1 })
    h.apiserver.create(SERVICES, 'default', nodePortService('a', 30080))
    h.apiserver.delete(SERVICES, 'default', 'a')
    expect(() => h.apiserver.create(SERVICES, 'default', nodePortService('b', 30080))).not.toThrow()
  })
})

describe('apiserver: updates', () => {
  it('rejects a stale resourceVersion with the real Conflict text', () => {
    const h = apiHarness({ seed: 1 })
    const first = h.apiserver.create(PODS, 'default', pod('web'))
    h.apiserver.update(PODS, 'default', {
      ...first,
      metadata: { ...first.metadata, labels: { a: '1' } },
    })
    expect(apiError(() => h.apiserver.update(PODS, 'default', first)).message).toBe(
      'Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again',
    )
  })

  it('raises generation on spec changes only, never on status writes', () => {
    const h = apiHarness({ seed: 1 })
    const spec = {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx' }] },
      },
    }
    const d = h.apiserver.create(DEPLOYMENTS, 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec,
    })
    expect(d.metadata.generation).toBe(1)
    const scaled = h.apiserver.patch(
      DEPLOYMENTS,
      'default',
      'web',
      { spec: { replicas: 3 } },
      'merge',
    )
    expect(scaled.metadata.generation).toBe(2)
    const status = h.apiserver.update(
      DEPLOYMENTS,
      'default',
      { ...scaled, status: { replicas: 3 } },
      'status',
    )
    expect(status.metadata.generation).toBe(2)
    expect((status['status'] as { replicas: number }).replicas).toBe(3)
  })

  it('forbids changing a pod spec other than images, with the real message', () => {
    const h = apiHarness({ seed: 1 })
    const created = h.apiserver.create(PODS, 'default', pod('web')) as Pod
    const changed = { ...created, spec: { ...created.spec, restartPolicy: 'Never' as const } }
    expect(apiError(() => h.apiserver.update(PODS, 'default', changed)).message).toMatch(
      /^Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/,
    )
  })

  it('binds a pod once; a second binding is a Conflict', () => {
    const h = apiHarness({ seed: 1 })
    h.apiserver.create(PODS, 'default', pod('web'))
    const bound = h.apiserver.bindPod('default', 'web', 'worker-1') as Pod
    expect(bound.spec.nodeName).toBe('worker-1')
    expect(bound.status?.conditions?.[0]).toMatchObject({ type: 'PodScheduled', status: 'True' })
    expect(apiError(() => h.apiserver.bindPod('default', 'web', 'worker-2')).message).toBe(
      'Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "worker-1"',
    )
  })
})

describe('apiserver: deletion', () => {
  it('deletes an unscheduled pod at once, and a running one gracefully (30 s)', () => {
    const h = apiHarness({ seed: 1 })
    h.apiserver.create(PODS, 'default', pod('pending'))
    expect(h.apiserver.delete(PODS, 'default', 'pending').gone).toBe(true)
    h.apiserver.create(PODS, 'default', pod('web'))
    h.apiserver.bindPod('default', 'web', 'worker-1')
    const { object, gone } = h.apiserver.delete(PODS, 'default', 'web')
    expect(gone).toBe(false)
    expect(object.metadata.deletionTimestamp).toBe('2026-01-05T09:00:30Z')
    expect(object.metadata.deletionGracePeriodSeconds).toBe(30)
    expect(h.apiserver.delete(PODS, 'default', 'web', { gracePeriodSeconds: 0 }).gone).toBe(true)
  })

  it('keeps an object with finalizers until the last one is removed', () => {
    const h = apiHarness({ seed: 1 })
    const cms = findResource('', 'configmaps')!
    h.apiserver.create(cms, 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', finalizers: ['example.com/hold'] },
    })
    expect(h.apiserver.delete(cms, 'default', 'c').gone).toBe(false)
    h.apiserver.patch(cms, 'default', 'c', { metadata: { finalizers: null } }, 'merge')
    expect(() => h.apiserver.get(cms, 'default', 'c')).toThrow('configmaps "c" not found')
  })

  it('refuses new objects in a namespace being deleted', () => {
    const h = apiHarness({ seed: 1 })
    const ns = findResource('', 'namespaces')!
    h.apiserver.create(ns, undefined, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team' },
    })
    expect(h.apiserver.delete(ns, undefined, 'team').gone).toBe(false)
    expect(apiError(() => h.apiserver.create(PODS, 'team', pod('web'))).message).toBe(
      'pods "web" is forbidden: unable to create new content in namespace team because it is being terminated',
    )
  })
})

describe('apiserver: watch', () => {
  it('delivers events after the writing task, in order, filtered by selector', () => {
    const h = apiHarness({ seed: 1 })
    const seen: string[] = []
    h.apiserver.watch(
      PODS,
      'default',
      { labelSelector: 'app=web' },
      String(h.apiserver.revision),
      (e) => seen.push(`${e.type} ${e.object.metadata.name}`),
    )
    h.apiserver.create(PODS, 'default', {
      ...pod('a'),
      metadata: { name: 'a', labels: { app: 'web' } },
    })
    h.apiserver.create(PODS, 'default', pod('b'))
    expect(seen).toEqual([])
    h.advance(0)
    expect(seen).toEqual(['ADDED a'])
  })

  it('refuses an unsupported field selector as the real server does', () => {
    const h = apiHarness({ seed: 1 })
    expect(
      apiError(() => h.apiserver.list(PODS, 'default', { fieldSelector: 'spec.bogus=x' })).message,
    ).toBe('field label not supported: spec.bogus')
    expect(
      h.apiserver.list(PODS, undefined, { fieldSelector: 'spec.nodeName=worker-1' }).items,
    ).toEqual([])
  })
})

describe('apiserver: etcd failures (FIDELITY.md §7)', () => {
  it("fails with etcd's timeout after 7 s when etcd has lost quorum", () => {
    const h = apiHarness({ seed: 1, controlPlanes: 3 })
    h.etcd.stop('cp-2')
    h.etcd.stop('cp-3')
    const error = apiError(() => h.apiserver.create(PODS, 'default', pod('web')))
    expect(error.code).toBe(500)
    expect(error.message).toBe('etcdserver: request timed out')
    expect(error.waitedMs).toBe(7000)
    expect(
      h.handler.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods' }).status,
    ).toBe(500)
  })

  it('elects a new leader after the election timeout when the leader stops', () => {
    const h = apiHarness({ seed: 1, controlPlanes: 3 })
    const first = h.etcd.leader!.name
    const term = h.etcd.term
    h.etcd.stop(first)
    expect(h.etcd.leader).toBeUndefined()
    h.advance(2000)
    expect(h.etcd.leader?.name).not.toBe(first)
    expect(h.etcd.term).toBe(term + 1)
  })
})

describe('apiserver: REST handler', () => {
  it('routes paths, answers NotFound as a Status, and serves a Table when asked', () => {
    const h = apiHarness({ seed: 1 })
    const missing = h.handler.handle({
      method: 'GET',
      path: '/api/v1/namespaces/default/pods/nope',
    })
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'pods "nope" not found',
      code: 404,
    })
    h.handler.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('web') })
    const table = h.handler.handle({
      method: 'GET',
      path: '/api/v1/namespaces/default/pods',
      headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
    })
    expect(table.body).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' })
    expect((table.body as { rows: { cells: unknown[] }[] }).rows[0]!.cells[0]).toBe('web')
  })

  it('serves /readyz?verbose with per-check lines and the closing line (FIDELITY.md §7.5)', () => {
    const h = apiHarness({ seed: 1 })
    const ready = h.handler.handle({ method: 'GET', path: '/readyz', query: { verbose: '' } })
    expect(ready.status).toBe(200)
    expect(ready.body).toMatch(
      /^\[\+\]ping ok\n\[\+\]log ok\n\[\+\]etcd ok\n\[\+\]etcd-readiness ok\n/,
    )
    expect(ready.body).toMatch(/readyz check passed\n$/)
    expect(h.handler.handle({ method: 'GET', path: '/livez' }).body).toBe('ok')
  })

  it('serves /version as v1.32 and discovery for every group', () => {
    const h = apiHarness({ seed: 1 })
    expect(h.handler.handle({ method: 'GET', path: '/version' }).body).toMatchObject({
      major: '1',
      minor: '32',
      gitVersion: 'v1.32.4',
    })
    const apps = h.handler.handle({ method: 'GET', path: '/apis/apps/v1' }).body as {
      resources: { name: string }[]
    }
    expect(apps.resources.map((r) => r.name)).toContain('deployments/scale')
  })
})

describe('apiserver: filtered watch', () => {
  it('reports an object leaving the selector as DELETED and one entering it as ADDED', () => {
    const h = apiHarness({ seed: 1 })
    const seen: string[] = []
    h.apiserver.watch(
      PODS,
      undefined,
      { fieldSelector: 'spec.nodeName=worker-1' },
      String(h.apiserver.revision),
      (e) => seen.push(`${e.type} ${e.object.metadata.name}`),
    )
    h.apiserver.create(PODS, 'default', pod('web'))
    h.apiserver.bindPod('default', 'web', 'worker-1')
    h.apiserver.patch(PODS, 'default', 'web', { metadata: { labels: { a: 'b' } } }, 'merge')
    h.apiserver.delete(PODS, 'default', 'web', { gracePeriodSeconds: 0 })
    h.advance(0)
    expect(seen).toEqual(['ADDED web', 'MODIFIED web', 'DELETED web'])
  })
})

describe('etcd: snapshot save and restore', () => {
  it('etcd: snapshot: restoring brings back what was deleted and drops what came after; watches end and a watch from before is too old (410)', () => {
    const h = apiHarness({ seed: 1 })
    const cms = findResource('', 'configmaps')!
    const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } })
    const kept = h.apiserver.create(cms, 'default', cm('kept'))
    const snapshot = h.etcd.snapshotSave('cp-1')
    h.apiserver.delete(cms, 'default', 'kept')
    h.apiserver.create(cms, 'default', cm('later'))
    const seen: string[] = []
    const watched = String(h.apiserver.revision)
    h.apiserver.watch(
      cms,
      'default',
      {},
      watched,
      (e) => seen.push(`${e.type} ${e.object.metadata.name}`),
      () => seen.push('closed'),
    )
    h.etcd.snapshotRestore(snapshot)
    h.advance(0)
    const list = h.apiserver.list(cms, 'default')
    expect(list.items.map((o) => o.metadata.resourceVersion)).toEqual([
      kept.metadata.resourceVersion,
    ])
    expect(Number(list.resourceVersion)).toBe(Number(watched) + 1)
    expect(seen).toEqual(['closed'])
    expect(() => h.apiserver.watch(cms, 'default', {}, watched, () => undefined)).toThrow(
      `too old resource version: ${watched} (${list.resourceVersion})`,
    )
  })

  it('etcd: snapshot: saving needs a member that can serve', () => {
    const h = apiHarness({ seed: 1, controlPlanes: 3 })
    h.etcd.stop('cp-2')
    h.etcd.stop('cp-3')
    expect(() => h.etcd.snapshotSave('cp-1')).toThrow('etcdserver: request timed out')
  })
})
