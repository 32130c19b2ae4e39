/**
 * The network of one lab cluster, put together: the fabric between the machines, Weave over it,
 * one kernel NatTable per machine, and the constructors the cluster assembly needs (kube-proxy,
 * the tracer, the programs of the network images). It owns no timers; the parts it builds use
 * the clock they are given.
 *
 * Invariants:
 * 1. A machine's NatTable lives as long as the machine: kube-proxy processes come and go and
 *    write into the same table; powering the machine off empties it (kernel state is lost).
 * 2. Powering off also stops the machine's Weave router: its process died with the machine.
 *    Powering on starts nothing; the kubelet restarts the weave-net pod, whose program starts it.
 */
import type { Machine } from '../cluster/world'
import type { ComponentContext } from '../components/component'
import type { ServiceLookup } from './dns'
import { coreDnsPrograms } from './dns'
import { Fabric, type FabricMachine } from './fabric'
import { KubeProxy } from './kubeProxy'
import { NatTable } from './nat'
import { ServiceRulesCache } from './proxyRules'
import type { NetworkDirectory } from './directory'
import type { Random } from '../random'
import { Tracer } from './tracer'
import { WeaveNet, type WeaveOptions } from './weave'
import { weavePrograms } from './weaveProgram'
import type { ProgramRegistry } from '../node/program'

export class ClusterNetwork {
  readonly fabric: Fabric
  readonly weave: WeaveNet
  private readonly tables = new Map<string, NatTable>()
  private readonly rules = new ServiceRulesCache()

  constructor(machines: readonly FabricMachine[], options: WeaveOptions = {}) {
    this.fabric = new Fabric(machines)
    this.weave = new WeaveNet(
      this.fabric,
      machines.map((m) => m.name),
      options,
    )
    for (const machine of machines) this.tables.set(machine.name, new NatTable(machine.name))
  }

  /** From the world's Machine objects (core/cluster/world.ts), in their order. */
  static fromWorld(machines: readonly Machine[], options: WeaveOptions = {}): ClusterNetwork {
    return new ClusterNetwork(
      machines.map((m) => ({ name: m.metadata.name, ip: m.spec.internalIP, role: m.spec.role })),
      options,
    )
  }

  /** A machine joining after the cluster formed (kubeadm join). */
  addMachine(machine: FabricMachine): void {
    if (this.tables.has(machine.name)) return
    this.fabric.addMachine(machine)
    this.weave.addPeer(machine.name)
    this.tables.set(machine.name, new NatTable(machine.name))
  }

  table(machine: string): NatTable | undefined {
    return this.tables.get(machine)
  }

  powerOff(machine: string): void {
    this.fabric.powerOff(machine)
    this.tables.get(machine)?.flush()
    this.weave.router(machine).stop()
  }

  powerOn(machine: string): void {
    this.fabric.powerOn(machine)
  }

  /** The kube-proxy process of a node, writing into the node's table. */
  kubeProxy(context: ComponentContext, nodeName: string = context.machine): KubeProxy {
    const table = this.tables.get(nodeName)
    const nodeIP = this.fabric.ipOf(nodeName)
    if (table === undefined || nodeIP === undefined) {
      throw new RangeError(`network: unknown machine "${nodeName}"`)
    }
    return new KubeProxy(context, {
      nodeName,
      nodeIP,
      table,
      clusterCIDR: this.weave.ipam.range,
      cache: this.rules,
    })
  }

  /** `curl` for the shells; `random` should be a stream of its own (e.g. fork('tracer')). */
  tracer(directory: NetworkDirectory, random: Random): Tracer {
    return new Tracer({
      fabric: this.fabric,
      weave: this.weave,
      tables: (machine) => this.tables.get(machine),
      directory,
      random,
    })
  }

  /** The programs of the network images: weave, weave-npc, CoreDNS. */
  programs(lookup: ServiceLookup): ProgramRegistry {
    const weave = weavePrograms(this.weave)
    const dns = coreDnsPrograms(lookup)
    return (image) => weave(image) ?? dns(image)
  }
}
