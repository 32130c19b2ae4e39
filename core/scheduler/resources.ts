/**
 * Resource amounts as the scheduler counts them (framework.Resource): CPU in millicores, memory
 * and ephemeral storage in bytes, everything else (extended resources, hugepages) by name.
 * Quantities are parsed once per pod or node, never in the filter loop.
 */
import { milliValueOrZero, valueOrZero } from '../api/quantity'
import type { Container, Pod, ResourceList } from '../api/types'

/** schedutil.DefaultMilliCPURequest: what a container without a CPU request counts for scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100
/** schedutil.DefaultMemoryRequest: 200 MB, for scoring only. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024

/**
 * A class rather than object literals: every instance shares one hidden class, so the filter
 * loop's property reads stay monomorphic (literals built by spreading did not).
 */
export class Resources {
  milliCPU = 0
  memory = 0
  ephemeralStorage = 0
  /** Extended resources and hugepages, by name; undefined when there are none. */
  scalar: Map<string, number> | undefined = undefined
}

export function emptyResources(): Resources {
  return new Resources()
}

/** Adds a ResourceList into `into` (or takes the maximum, for init containers). */
function accumulate(into: Resources, list: ResourceList, mode: 'add' | 'max'): void {
  const merge = mode === 'add' ? (a: number, b: number) => a + b : Math.max
  for (const name in list) {
    const text = list[name]
    if (text === undefined) continue
    switch (name) {
      case 'cpu':
        into.milliCPU = merge(into.milliCPU, milliValueOrZero(text))
        break
      case 'memory':
        into.memory = merge(into.memory, valueOrZero(text))
        break
      case 'ephemeral-storage':
        into.ephemeralStorage = merge(into.ephemeralStorage, valueOrZero(text))
        break
      case 'pods':
        break
      default: {
        into.scalar ??= new Map()
        into.scalar.set(name, merge(into.scalar.get(name) ?? 0, valueOrZero(text)))
      }
    }
  }
}

/**
 * A container's requests after API defaulting: a resource with a limit but no request requests
 * its limit (SetDefaults_ResourceRequirements).
 */
export function containerRequests(container: Container): ResourceList {
  const resources = container.resources
  if (resources === undefined) return {}
  const { requests, limits } = resources
  if (limits === undefined) return requests ?? {}
  const out: ResourceList = { ...limits }
  for (const name in requests) out[name] = requests[name]
  return out
}

export interface PodResources {
  /** What the pod requests (resourcehelper.PodRequests): containers summed, init containers maxed. */
  requests: Resources
  /** The same with 100m CPU / 200Mi memory for containers that request none, used by scoring. */
  nonZeroMilliCPU: number
  nonZeroMemory: number
}

export function podResources(pod: Pod): PodResources {
  const requests = emptyResources()
  let nonZeroMilliCPU = 0
  let nonZeroMemory = 0
  for (const container of pod.spec.containers ?? []) {
    const list = containerRequests(container)
    accumulate(requests, list, 'add')
    nonZeroMilliCPU +=
      list.cpu === undefined ? DEFAULT_MILLI_CPU_REQUEST : milliValueOrZero(list.cpu)
    nonZeroMemory += list.memory === undefined ? DEFAULT_MEMORY_REQUEST : valueOrZero(list.memory)
  }
  for (const container of pod.spec.initContainers ?? []) {
    const list = containerRequests(container)
    accumulate(requests, list, 'max')
    const cpu = list.cpu === undefined ? DEFAULT_MILLI_CPU_REQUEST : milliValueOrZero(list.cpu)
    const memory = list.memory === undefined ? DEFAULT_MEMORY_REQUEST : valueOrZero(list.memory)
    nonZeroMilliCPU = Math.max(nonZeroMilliCPU, cpu)
    nonZeroMemory = Math.max(nonZeroMemory, memory)
  }
  return { requests, nonZeroMilliCPU, nonZeroMemory }
}

/** Node.status.allocatable, parsed once per node update. */
export class Allocatable extends Resources {
  allowedPodNumber = 0
}

export function parseAllocatable(list: ResourceList | undefined): Allocatable {
  const allocatable = new Allocatable()
  if (list !== undefined) accumulate(allocatable, list, 'add')
  allocatable.allowedPodNumber = valueOrZero(list?.pods)
  return allocatable
}
