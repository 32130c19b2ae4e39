/**
 * NodePorts: each port of 30000-32767 is held by at most one Service at a time, whichever API
 * server is asked. An explicit port already held is refused with the real 422; an automatic one
 * comes from the dynamic band (30086-32767) while it has room; a dry run holds nothing; a
 * deleted Service gives its ports back.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Service } from '../../../core/api/types'
import type { NodePortAllocator } from '../../../core/apiserver/allocators'
import type { ApiRequest, ApiResponse } from '../../../core/apiserver/request'
import type { Status } from '../../../core/apiserver/status'
import { apiHarness } from '../../support/apiHarness'
import { sim } from '../../support/sim'
import { parameters } from './parameters'

const SERVICES = '/api/v1/namespaces/default/services'
const NAMES = ['s0', 's1', 's2', 's3', 's4', 's5'] as const
/** Where automatic NodePorts come from while it has room (the static band is below). */
const DYNAMIC_BAND_START = 30086
/** A few ports drawn often, so that requests collide; band edges included. */
const POPULAR_PORTS = [30000, 30080, 30085, 30086, 31000, 32767]

type ServiceCommand =
  | { kind: 'service/create'; name: string; nodePorts: (number | undefined)[]; dryRun: boolean }
  | { kind: 'service/delete'; name: string }

/** A command, and the control plane whose API server it is sent to. */
type Request = { command: ServiceCommand; via: string }

/** Where the commands go: the API servers, the stored Services and the shared allocator. */
interface Target {
  send(via: string, request: ApiRequest): ApiResponse
  services(): Service[]
  allocator: NodePortAllocator
}

const nodePort = fc.option(
  fc.oneof(fc.constantFrom(...POPULAR_PORTS), fc.integer({ min: 30000, max: 32767 })),
  { nil: undefined },
)
const command: fc.Arbitrary<ServiceCommand> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('service/create' as const),
      name: fc.constantFrom(...NAMES),
      // One Service asks for a port once: a Service that names it twice is another story.
      nodePorts: fc
        .array(nodePort, { minLength: 1, maxLength: 2 })
        .filter((ports) => ports[0] === undefined || ports[0] !== ports[1]),
      dryRun: fc.oneof(
        { arbitrary: fc.constant(false), weight: 4 },
        { arbitrary: fc.constant(true), weight: 1 },
      ),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('service/delete' as const),
      name: fc.constantFrom(...NAMES),
    }),
    weight: 1,
  },
)
const requests = (controlPlanes: readonly string[]): fc.Arbitrary<Request[]> =>
  fc.array(fc.record({ command, via: fc.constantFrom(...controlPlanes) }), {
    minLength: 1,
    maxLength: 40,
  })

const nodePortService = (name: string, nodePorts: (number | undefined)[]) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'NodePort',
    selector: { app: name },
    ports: nodePorts.map((nodePort, i) => ({
      name: `p${i}`,
      port: 80 + i,
      ...(nodePort === undefined ? {} : { nodePort }),
    })),
  },
})

const portsOf = (service: Service): number[] =>
  (service.spec.ports ?? []).map((p) => p.nodePort ?? 0).filter((p) => p > 0)

/** Whether an automatic port comes before a port asked for in the dynamic band. */
function autoBeforeAsked(nodePorts: readonly (number | undefined)[]): boolean {
  const firstAuto = nodePorts.indexOf(undefined)
  return (
    firstAuto >= 0 &&
    nodePorts.some((p, i) => i > firstAuto && p !== undefined && p >= DYNAMIC_BAND_START)
  )
}

/** Sends a create or delete, checking the answer against the model `held` (name → ports). */
function apply(target: Target, held: Map<string, number[]>, { command: c, via }: Request): void {
  if (c.kind === 'service/delete') {
    const response = target.send(via, { method: 'DELETE', path: `${SERVICES}/${c.name}` })
    expect(response.status).toBe(held.has(c.name) ? 200 : 404)
    held.delete(c.name)
    return
  }
  const response = target.send(via, {
    method: 'POST',
    path: SERVICES,
    ...(c.dryRun ? { query: { dryRun: 'All' } } : {}),
    body: nodePortService(c.name, c.nodePorts),
  })
  const taken = new Set([...held.values()].flat())
  const collides = c.nodePorts.some((p) => p !== undefined && taken.has(p))
  if (held.has(c.name) && collides) {
    // Which check comes first (the name or the port) is not what this property is about.
    expect([409, 422]).toContain(response.status)
  } else if (held.has(c.name)) {
    expect(response.status).toBe(409)
  } else if (collides) {
    expect(response.status).toBe(422)
    expect((response.body as Status).reason).toBe('Invalid')
    expect((response.body as Status).message).toContain('provided port is already allocated')
  } else if (response.status === 422 && autoBeforeAsked(c.nodePorts)) {
    // Ports are allocated in list order, as kube-apiserver's initNodePorts does: an automatic
    // port drawn from the dynamic band can be, by chance, one asked for further down the list
    // (why explicit NodePorts belong in the static band).
    expect((response.body as Status).message).toContain('provided port is already allocated')
  } else {
    expect(response.status).toBe(201)
    const ports = portsOf(response.body as Service)
    ports.forEach((port, i) => {
      const asked = c.nodePorts[i]
      if (asked !== undefined) expect(port).toBe(asked)
      else expect(port).toBeGreaterThanOrEqual(DYNAMIC_BAND_START)
      expect(port).toBeLessThanOrEqual(32767)
    })
    if (!c.dryRun) held.set(c.name, ports)
  }
}

/** The live Services hold distinct ports, those the model expects, and the allocator no more. */
function expectConsistent(target: Target, held: Map<string, number[]>): void {
  const ports = target.services().flatMap(portsOf)
  expect(new Set(ports).size).toBe(ports.length)
  expect([...ports].sort()).toEqual([...held.values()].flat().sort())
  expect(target.allocator.count).toBe(ports.length)
  for (const port of ports) expect(target.allocator.isAllocated(port)).toBe(true)
}

function run(target: Target, plan: Request[]): void {
  const held = new Map<string, number[]>()
  for (const request of plan) {
    apply(target, held, request)
    expectConsistent(target, held)
  }
}

describe('properties: nodeports', () => {
  it('properties: nodeports: a NodePort is never given twice', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), requests(['cp-1']), (seed, plan) => {
        const h = apiHarness({ seed })
        run(
          {
            send: (_via, request) => h.handler.handle(request),
            services: () => h.etcd.kv.list('/registry/services/specs/default/') as Service[],
            allocator: h.apiserver.nodePorts,
          },
          plan,
        )
      }),
      parameters(100),
    )
  })

  it('properties: nodeports: in an HA cluster, a NodePort is never given twice, whichever API server is asked', () => {
    const controlPlanes = ['cp-1', 'cp-2', 'cp-3']
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), requests(controlPlanes), (seed, plan) => {
        const t = sim({ seed, cluster: { controlPlanes: 3, workers: 1 } })
        run(
          {
            send: (via, request) => t.kube.request(via, request),
            services: () => t.stored<Service>('/registry/services/specs/default/'),
            allocator: t.kube.apiservers.get('cp-1')!.nodePorts,
          },
          plan,
        )
      }),
      parameters(8),
    )
  })
})
