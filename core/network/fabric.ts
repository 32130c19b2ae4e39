/**
 * The physical network between the lab's machines: one switched segment (the host-only network
 * 192.168.56.0/24) plus the learner's laptop, OUTSIDE, which sits on the same segment.
 *
 * Invariants:
 * 1. A packet from A to B on port P/proto gets through only if both machines are powered on,
 *    neither is cut off from the other by a partition, and B does not drop P/proto inbound.
 * 2. A machine always reaches itself (loopback), whatever is blocked, while it is powered on.
 * 3. Blocked ports are inbound only, as `iptables -A INPUT -p tcp --dport P -j DROP` is: replies
 *    and connections the machine opens itself are not affected.
 * 4. A partition with scope 'all' cuts the machine from every other machine and from OUTSIDE;
 *    scope 'control-plane' cuts it from the control-plane machines only (the other side of a
 *    split data centre), and leaves workers and OUTSIDE reachable.
 * 5. The fabric is plain state: no timers, no randomness. Every mutator bumps `version`, so that
 *    views derived from the fabric (Weave's connections) can tell when to look again, and then
 *    tells its listeners (`onChange`), for those that must react at once (etcd's Raft).
 */

export type Protocol = 'TCP' | 'UDP'
export type MachineRole = 'control-plane' | 'worker'
export type PartitionScope = 'all' | 'control-plane'

/** The learner's laptop: it reaches node IPs only (no route to pod or Service networks). */
export const OUTSIDE = 'outside'

export interface FabricMachine {
  name: string
  ip: string
  role: MachineRole
}

/** Why a packet did not get through, as the sender experiences it. */
export type Unreachable =
  /** No ARP answer: the host is off or its link is cut. The kernel reports EHOSTUNREACH. */
  | { kind: 'host-down'; machine: string }
  /** The packet is silently dropped by a firewall: the sender only sees time pass. */
  | { kind: 'port-blocked'; machine: string; port: number; protocol: Protocol }

export class Fabric {
  private readonly machines = new Map<string, FabricMachine>()
  private readonly byIP = new Map<string, string>()
  private readonly off = new Set<string>()
  private readonly partitions = new Map<string, PartitionScope>()
  private readonly blocked = new Map<string, Set<string>>()
  private changes = 0
  private readonly listeners: (() => void)[] = []

  constructor(machines: readonly FabricMachine[] = []) {
    for (const machine of machines) this.addMachine(machine)
  }

  /** Bumped by every change: derived views compare it to know when to recompute. */
  get version(): number {
    return this.changes
  }

  /** Calls `listener` after every change (invariant 5). */
  onChange(listener: () => void): void {
    this.listeners.push(listener)
  }

  addMachine(machine: FabricMachine): void {
    if (machine.name === OUTSIDE) throw new RangeError(`fabric: "${OUTSIDE}" is reserved`)
    this.machines.set(machine.name, { ...machine })
    this.byIP.set(machine.ip, machine.name)
    this.changed()
  }

  machine(name: string): FabricMachine | undefined {
    return this.machines.get(name)
  }

  /** The machine that owns a node IP, if any. */
  machineByIP(ip: string): string | undefined {
    return this.byIP.get(ip)
  }

  ipOf(name: string): string | undefined {
    return this.machines.get(name)?.ip
  }

  names(): string[] {
    return [...this.machines.keys()]
  }

  // ---- the fault layer's mutators --------------------------------------------------------------

  powerOff(machine: string): void {
    this.known(machine)
    this.off.add(machine)
    this.changed()
  }

  powerOn(machine: string): void {
    this.known(machine)
    this.off.delete(machine)
    this.changed()
  }

  partition(machine: string, scope: PartitionScope): void {
    this.known(machine)
    this.partitions.set(machine, scope)
    this.changed()
  }

  heal(machine: string): void {
    this.partitions.delete(machine)
    this.changed()
  }

  blockPort(machine: string, port: number, protocol: Protocol): void {
    this.known(machine)
    const set = this.blocked.get(machine) ?? new Set<string>()
    set.add(`${port}/${protocol}`)
    this.blocked.set(machine, set)
    this.changed()
  }

  unblockPort(machine: string, port: number, protocol: Protocol): void {
    this.blocked.get(machine)?.delete(`${port}/${protocol}`)
    this.changed()
  }

  // ---- queries ---------------------------------------------------------------------------------

  isPoweredOn(machine: string): boolean {
    return machine === OUTSIDE || (this.machines.has(machine) && !this.off.has(machine))
  }

  partitionOf(machine: string): PartitionScope | undefined {
    return this.partitions.get(machine)
  }

  isPortBlocked(machine: string, port: number, protocol: Protocol): boolean {
    return this.blocked.get(machine)?.has(`${port}/${protocol}`) ?? false
  }

  blockedPorts(machine: string): { port: number; protocol: Protocol }[] {
    return [...(this.blocked.get(machine) ?? [])].map((key) => {
      const [port, protocol] = key.split('/')
      return { port: Number(port), protocol: protocol as Protocol }
    })
  }

  reachable(fromMachine: string, toMachine: string, port: number, protocol: Protocol): boolean {
    return this.whyUnreachable(fromMachine, toMachine, port, protocol) === undefined
  }

  /** undefined when the packet gets through; otherwise what stopped it (invariant 1). */
  whyUnreachable(
    fromMachine: string,
    toMachine: string,
    port: number,
    protocol: Protocol,
  ): Unreachable | undefined {
    if (!this.isPoweredOn(fromMachine)) return { kind: 'host-down', machine: fromMachine }
    if (!this.isPoweredOn(toMachine)) return { kind: 'host-down', machine: toMachine }
    if (fromMachine === toMachine) return undefined
    if (this.cutBetween(fromMachine, toMachine)) return { kind: 'host-down', machine: toMachine }
    if (this.isPortBlocked(toMachine, port, protocol)) {
      return { kind: 'port-blocked', machine: toMachine, port, protocol }
    }
    return undefined
  }

  private cutBetween(a: string, b: string): boolean {
    return this.cutsOff(a, b) || this.cutsOff(b, a)
  }

  /** Whether `machine`'s partition separates it from `other` (invariant 4). */
  private cutsOff(machine: string, other: string): boolean {
    const scope = this.partitions.get(machine)
    if (scope === undefined) return false
    if (scope === 'all') return true
    return this.machines.get(other)?.role === 'control-plane'
  }

  private changed(): void {
    this.changes++
    for (const listener of this.listeners) listener()
  }

  private known(machine: string): void {
    if (!this.machines.has(machine)) throw new RangeError(`fabric: unknown machine "${machine}"`)
  }
}
