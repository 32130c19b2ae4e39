/**
 * Services: defaulting, ClusterIP and NodePort allocation, validation with the real texts
 * (FIDELITY.md §2), and release of what a deleted Service held.
 */
import type { KubeObject, Service, ServicePort } from '../../api/types'
import { AllocationError, type NodePortAllocator } from '../allocators'
import { errors, field, type FieldError } from '../status'
import type { Strategy, StrategyContext } from './strategy'
import { validateLabel, validateObjectName } from './validation'

const TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']

function needsNodePorts(service: Service): boolean {
  return service.spec.type === 'NodePort' || service.spec.type === 'LoadBalancer'
}

function defaults(service: Service): void {
  service.spec ??= {}
  const spec = service.spec
  spec.type ??= 'ClusterIP'
  spec.sessionAffinity ??= 'None'
  spec.internalTrafficPolicy ??= 'Cluster'
  if (needsNodePorts(service)) spec.externalTrafficPolicy ??= 'Cluster'
  for (const port of spec.ports ?? []) {
    port.protocol ??= 'TCP'
    port.targetPort ??= port.port
  }
  if (spec.type !== 'ExternalName') {
    spec.ipFamilies ??= ['IPv4']
    spec.ipFamilyPolicy ??= 'SingleStack'
  }
}

function validatePorts(service: Service): FieldError[] {
  const errs: FieldError[] = []
  const ports = service.spec.ports ?? []
  if (service.spec.type !== 'ExternalName' && ports.length === 0)
    errs.push(field.required('spec.ports', ''))
  ports.forEach((p: ServicePort, i) => {
    const at = `spec.ports[${i}]`
    if (ports.length > 1 && (p.name === undefined || p.name === ''))
      errs.push(field.required(`${at}.name`, ''))
    if (p.name) errs.push(...validateLabel(`${at}.name`, p.name))
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) {
      errs.push(field.invalid(`${at}.port`, p.port, 'must be between 1 and 65535, inclusive'))
    }
    if (p.nodePort !== undefined && p.nodePort !== 0 && !needsNodePorts(service)) {
      errs.push(
        field.forbidden(
          `${at}.nodePort`,
          `may not be used when \`type\` is '${service.spec.type}'`,
        ),
      )
    }
  })
  return errs
}

/**
 * The NodePorts of a new Service, as kube-apiserver's initNodePorts allocates them: before the
 * Service is validated, in list order, undone on failure. A port number's first asked-for
 * nodePort serves every port with that number (DNS over UDP and TCP share one); a port number
 * with none gets the next free port. A nodePort asked for under two port numbers fails on its
 * second use with "provided port is already allocated": this very allocation took it.
 */
function initNodePorts(service: Service, allocator: NodePortAllocator): void {
  const ports = service.spec.ports ?? []
  const taken: number[] = []
  const byPortNumber = new Map<number, number>() // svcPortToNodePort
  try {
    ports.forEach((p, i) => {
      const shared = byPortNumber.get(p.port)
      if (shared !== undefined) {
        p.nodePort = shared
        return
      }
      // findRequestedNodePort: the first port with this number that names a nodePort.
      const asked = ports.find((q) => q.port === p.port && q.nodePort)?.nodePort
      p.nodePort = asked ? allocate(service, allocator, asked, i) : allocateNext(allocator)
      taken.push(p.nodePort)
      byPortNumber.set(p.port, p.nodePort)
    })
    rejectDuplicateNodePorts(service)
  } catch (error) {
    taken.forEach((port) => allocator.release(port))
    throw error
  }
}

/**
 * The NodePorts of an updated Service: the ones it held stay, new ones are taken, missing ones
 * allocated; undoes what it took on failure. Ports that share a port number share one nodePort.
 */
function updateNodePorts(
  service: Service,
  allocator: NodePortAllocator,
  previous: Set<number>,
): void {
  const taken: number[] = []
  const byPortNumber = new Map<number, number>()
  for (const p of service.spec.ports ?? []) {
    if (p.nodePort && !byPortNumber.has(p.port)) byPortNumber.set(p.port, p.nodePort)
  }
  try {
    ;(service.spec.ports ?? []).forEach((p, i) => {
      if (!p.nodePort) {
        const shared = byPortNumber.get(p.port)
        if (shared !== undefined) p.nodePort = shared
        else {
          p.nodePort = allocateNext(allocator)
          taken.push(p.nodePort)
          byPortNumber.set(p.port, p.nodePort)
        }
      }
      if (previous.has(p.nodePort) || taken.includes(p.nodePort)) return
      taken.push(allocate(service, allocator, p.nodePort, i))
    })
    rejectDuplicateNodePorts(service)
  } catch (error) {
    taken.forEach((port) => allocator.release(port))
    throw error
  }
}

/** Takes a nodePort asked for by spec.ports[i], or says why not as the allocator does. */
function allocate(service: Service, allocator: NodePortAllocator, port: number, i: number): number {
  try {
    allocator.allocate(port)
    return port
  } catch (error) {
    if (!(error instanceof AllocationError)) throw error
    throw errors.invalid('Service', '', service.metadata.name ?? '', [
      field.invalid(`spec.ports[${i}].nodePort`, port, error.message),
    ])
  }
}

function allocateNext(allocator: NodePortAllocator): number {
  try {
    return allocator.allocateNext()
  } catch (error) {
    if (!(error instanceof AllocationError)) throw error
    throw errors.internal(`failed to allocate a nodePort: ${error.message}`)
  }
}

/** ValidateService: one (protocol, nodePort) pair per Service. */
function rejectDuplicateNodePorts(service: Service): void {
  const pairs = new Set<string>()
  ;(service.spec.ports ?? []).forEach((p, i) => {
    const key = `${p.protocol ?? 'TCP'}/${p.nodePort}`
    if (pairs.has(key)) {
      throw errors.invalid('Service', '', service.metadata.name ?? '', [
        field.duplicate(`spec.ports[${i}].nodePort`, p.nodePort),
      ])
    }
    pairs.add(key)
  })
}

function allocateClusterIP(service: Service, context: StrategyContext): void {
  if (service.spec.type === 'ExternalName' || service.spec.clusterIP === 'None') {
    if (service.spec.clusterIP === 'None') service.spec.clusterIPs = ['None']
    return
  }
  const requested = service.spec.clusterIP
  try {
    if (requested !== undefined && requested !== '') context.clusterIPs.allocate(requested)
    else service.spec.clusterIP = context.clusterIPs.allocateNext()
  } catch (error) {
    if (!(error instanceof AllocationError)) throw error
    throw errors.invalid('Service', '', service.metadata.name ?? '', [
      field.invalid('spec.clusterIPs', [requested], error.message),
    ])
  }
  service.spec.clusterIPs = [service.spec.clusterIP!]
}

export const serviceStrategy: Strategy = {
  prepareForCreate(object, context) {
    const service = object as Service
    defaults(service)
    const errs = [...validateObjectName(service.metadata, true), ...validatePorts(service)]
    if (!TYPES.includes(service.spec.type!))
      errs.push(field.notSupported('spec.type', service.spec.type, TYPES))
    if (errs.length > 0) throw errors.invalid('Service', '', service.metadata.name ?? '', errs)
    allocateClusterIP(service, context)
    if (needsNodePorts(service)) {
      try {
        initNodePorts(service, context.nodePorts)
      } catch (error) {
        if (service.spec.clusterIP && service.spec.clusterIP !== 'None')
          context.clusterIPs.release(service.spec.clusterIP)
        throw error
      }
    }
    service.status = { loadBalancer: {} }
  },

  prepareForUpdate(object, old, context) {
    const service = object as Service
    const before = old as Service
    defaults(service)
    const errs = validatePorts(service)
    if (errs.length > 0) throw errors.invalid('Service', '', service.metadata.name ?? '', errs)
    service.spec.clusterIP ??= before.spec.clusterIP
    service.spec.clusterIPs ??= before.spec.clusterIPs
    const held = new Set((before.spec.ports ?? []).map((p) => p.nodePort ?? 0).filter((p) => p > 0))
    // A type change away from NodePort wipes the ports (API doc of ServicePort.nodePort).
    if (!needsNodePorts(service)) for (const p of service.spec.ports ?? []) delete p.nodePort
    else updateNodePorts(service, context.nodePorts, held)
    const kept = new Set((service.spec.ports ?? []).map((p) => p.nodePort ?? 0))
    for (const port of held) if (!kept.has(port)) context.nodePorts.release(port)
    service.status = before.status
  },

  afterDelete(object: KubeObject, context) {
    const service = object as Service
    for (const port of new Set((service.spec.ports ?? []).map((p) => p.nodePort ?? 0))) {
      if (port > 0) context.nodePorts.release(port)
    }
    if (service.spec.clusterIP && service.spec.clusterIP !== 'None')
      context.clusterIPs.release(service.spec.clusterIP)
  },
}
