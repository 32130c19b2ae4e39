/**
 * IP and port allocation for Services: ClusterIPs from the service CIDR (kubeadm's 10.96.0.0/12)
 * and NodePorts from 30000-32767 with the static and dynamic bands (FIDELITY.md §1.8–1.10, §2).
 *
 * Invariants:
 * 1. A port or IP is held by at most one Service at a time (tested by a property test).
 * 2. Dynamic NodePorts come from the upper band (30086-32767) first, and from the static band
 *    (30000-30085) only once the upper band is full, as ServiceNodePortStaticSubrange does.
 * 3. Random choices come from the simulation's seeded stream.
 */
import type { Random } from '../random'

export const NODE_PORT_BASE = 30000
export const NODE_PORT_SIZE = 2768
export const NODE_PORT_RANGE = `${NODE_PORT_BASE}-${NODE_PORT_BASE + NODE_PORT_SIZE - 1}`
/** reserved = min(max(16, size/32), 128) = 86 for the default range. */
export const NODE_PORT_STATIC_BAND = Math.min(Math.max(16, Math.floor(NODE_PORT_SIZE / 32)), 128)

export const ERR_FULL = 'range is full'
export const ERR_ALLOCATED = 'provided port is already allocated'
export const errNotInRange = (range: string): string =>
  `provided port is not in the valid range. The range of valid ports is ${range}`

export class AllocationError extends Error {}

export class NodePortAllocator {
  private readonly used = new Set<number>()

  constructor(private readonly random: Random) {}

  get count(): number {
    return this.used.size
  }

  isAllocated(port: number): boolean {
    return this.used.has(port)
  }

  /** Takes a port the user asked for. */
  allocate(port: number): void {
    if (
      !Number.isInteger(port) ||
      port < NODE_PORT_BASE ||
      port >= NODE_PORT_BASE + NODE_PORT_SIZE
    ) {
      throw new AllocationError(errNotInRange(NODE_PORT_RANGE))
    }
    if (this.used.has(port)) throw new AllocationError(ERR_ALLOCATED)
    this.used.add(port)
  }

  /** Picks a free port: upper band first, then the static band. */
  allocateNext(): number {
    const staticEnd = NODE_PORT_BASE + NODE_PORT_STATIC_BAND
    const port =
      this.pickFree(staticEnd, NODE_PORT_BASE + NODE_PORT_SIZE) ??
      this.pickFree(NODE_PORT_BASE, staticEnd)
    if (port === undefined) throw new AllocationError(ERR_FULL)
    this.used.add(port)
    return port
  }

  release(port: number): void {
    this.used.delete(port)
  }

  /** A random free port in [from, to): a random offset, then the first free one after it. */
  private pickFree(from: number, to: number): number | undefined {
    const size = to - from
    const offset = this.random.int(0, size - 1)
    for (let i = 0; i < size; i++) {
      const port = from + ((offset + i) % size)
      if (!this.used.has(port)) return port
    }
    return undefined
  }
}

/** ClusterIPs from 10.96.0.0/12. 10.96.0.1 goes to the `kubernetes` Service, 10.96.0.10 to DNS. */
export class ClusterIPAllocator {
  static readonly CIDR = '10.96.0.0/12'
  private static readonly BASE = ipToNumber('10.96.0.0')
  private static readonly SIZE = 1 << 20
  private readonly used = new Set<number>()

  constructor(private readonly random: Random) {}

  allocate(ip: string): void {
    const n = ipToNumber(ip) - ClusterIPAllocator.BASE
    if (!Number.isInteger(n) || n <= 0 || n >= ClusterIPAllocator.SIZE - 1) {
      throw new AllocationError(
        `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${ClusterIPAllocator.CIDR}`,
      )
    }
    if (this.used.has(n))
      throw new AllocationError(`failed to allocate IP ${ip}: provided IP is already allocated`)
    this.used.add(n)
  }

  allocateNext(): string {
    // Dynamic allocation prefers the upper part of the range, leaving the lower 256 for static IPs.
    for (let tries = 0; tries < 64; tries++) {
      const n = this.random.int(256, ClusterIPAllocator.SIZE - 2)
      if (!this.used.has(n)) {
        this.used.add(n)
        return numberToIp(ClusterIPAllocator.BASE + n)
      }
    }
    throw new AllocationError('range is full')
  }

  release(ip: string): void {
    this.used.delete(ipToNumber(ip) - ClusterIPAllocator.BASE)
  }
}

export function ipToNumber(ip: string): number {
  const parts = ip.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255))
    return Number.NaN
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!
}

export function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}
