import { describe, expect, it } from 'vitest'
import type { EndpointSlice, Endpoints, Pod, Service } from '../../../core/api/types'
import { deployment, lab, NAME_SUFFIX, pods, runPod, type Lab } from './support'

function service(name: string, targetPort: number | string = 'http'): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: { selector: { app: name }, ports: [{ port: 80, protocol: 'TCP', targetPort }] },
  }
}

function endpointsOf(h: Lab, name = 'web'): Endpoints | undefined {
  return h.admin.find<Endpoints>('endpoints', 'default', name)
}

function slicesOf(h: Lab, name = 'web'): EndpointSlice[] {
  return h.admin.list<EndpointSlice>('endpointslices', 'default', {
    labelSelector: `kubernetes.io/service-name=${name}`,
  }).items
}

/** Three pods of Deployment web: the first Ready, the second Running but not ready, the third with no IP yet. */
function threePods(h: Lab): [Pod, Pod, Pod] {
  h.admin.create('deployments', 'default', deployment('web', 3, 'nginx:1.27'))
  h.advance(0)
  const [a, b, c] = pods(h)
  return [runPod(h, a!, 'worker-1'), runPod(h, b!, 'worker-2', false), c!]
}

describe('endpoints and endpointslice controllers', () => {
  it('controllers: endpoints: ready pods under addresses, unready under notReadyAddresses, pods without IP left out', () => {
    const h = lab(1)
    const [ready, unready] = threePods(h)
    h.admin.create('services', 'default', service('web'))
    h.advance(0)
    const ep = endpointsOf(h)!
    expect(ep.metadata.labels).toEqual({ app: 'web' })
    expect(ep.subsets).toEqual([
      {
        addresses: [
          {
            ip: ready.status!.podIP,
            nodeName: 'worker-1',
            targetRef: {
              kind: 'Pod',
              namespace: 'default',
              name: ready.metadata.name,
              uid: ready.metadata.uid,
            },
          },
        ],
        notReadyAddresses: [
          {
            ip: unready.status!.podIP,
            nodeName: 'worker-2',
            targetRef: {
              kind: 'Pod',
              namespace: 'default',
              name: unready.metadata.name,
              uid: unready.metadata.uid,
            },
          },
        ],
        // targetPort "http" resolved to the container's port named http.
        ports: [{ port: 80, protocol: 'TCP' }],
      },
    ])
  })

  it('controllers: endpointslice: one slice web-xxxxx with serving/ready/terminating conditions (FIDELITY §8.3)', () => {
    const h = lab(1)
    const [ready, unready] = threePods(h)
    h.admin.create('services', 'default', service('web', 80))
    h.advance(0)
    const [slice, ...more] = slicesOf(h)
    expect(more).toEqual([])
    expect(slice!.metadata.name!.slice(0, 4)).toBe('web-')
    expect(slice!.metadata.name!.slice(4)).toMatch(NAME_SUFFIX)
    expect(slice!.metadata.labels).toEqual({
      app: 'web',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    })
    expect(slice!.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Service',
      name: 'web',
      controller: true,
      blockOwnerDeletion: true,
    })
    expect(slice!.addressType).toBe('IPv4')
    expect(slice!.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }])
    const conditions = Object.fromEntries(
      slice!.endpoints.map((e) => [e.targetRef!.name, [e.addresses[0], e.nodeName, e.conditions]]),
    )
    expect(conditions).toEqual({
      [ready.metadata.name!]: [
        ready.status!.podIP,
        'worker-1',
        { ready: true, serving: true, terminating: false },
      ],
      [unready.metadata.name!]: [
        unready.status!.podIP,
        'worker-2',
        { ready: false, serving: false, terminating: false },
      ],
    })
  })

  it('controllers: endpoints: follow readiness and termination as they change', () => {
    const h = lab(1)
    const [ready, unready] = threePods(h)
    h.admin.create('services', 'default', service('web'))
    h.advance(0)
    const sliceName = slicesOf(h)[0]!.metadata.name
    runPod(h, unready, 'worker-2', true)
    h.advance(0)
    expect(
      endpointsOf(h)!
        .subsets?.[0]?.addresses?.map((a) => a.targetRef?.name)
        .sort(),
    ).toEqual([ready.metadata.name, unready.metadata.name].sort())
    h.admin.delete('pods', 'default', ready.metadata.name!)
    h.advance(0)
    // Endpoints drops a terminating pod at once; the slice keeps it, serving but not ready.
    expect(endpointsOf(h)!.subsets?.[0]?.addresses?.map((a) => a.targetRef?.name)).toEqual([
      unready.metadata.name,
    ])
    const [slice] = slicesOf(h)
    expect(slice!.metadata.name).toBe(sliceName)
    const leaving = slice!.endpoints.find((e) => e.targetRef?.name === ready.metadata.name)
    expect(leaving?.conditions).toEqual({ ready: false, serving: true, terminating: true })
  })

  it('controllers: endpoints: a Service without a selector is left to whoever manages its Endpoints', () => {
    const h = lab(1)
    threePods(h)
    const manual = service('external')
    delete manual.spec.selector
    h.admin.create('services', 'default', manual)
    h.advance(0)
    expect(endpointsOf(h, 'external')).toBeUndefined()
    expect(slicesOf(h, 'external')).toEqual([])
  })

  it('controllers: endpoints: deleting the Service deletes its Endpoints, and the garbage collector its slices', () => {
    const h = lab(1)
    threePods(h)
    h.admin.create('services', 'default', service('web'))
    h.advance(0)
    expect(slicesOf(h)).toHaveLength(1)
    h.admin.delete('services', 'default', 'web')
    h.advance(0)
    expect(endpointsOf(h)).toBeUndefined()
    expect(slicesOf(h)).toEqual([])
  })
})
