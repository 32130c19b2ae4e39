/**
 * One machine's kube-proxy rules in the kernel: the nat and filter tables iptables-mode
 * kube-proxy writes (pkg/proxy/iptables/proxier.go), kept per Service so that a sync can
 * replace one Service's rules without rebuilding the rest.
 *
 * Invariants:
 * 1. The table is kernel state, not kube-proxy state: it outlives the kube-proxy process. A
 *    stopped kube-proxy leaves it as it was (FIDELITY.md §8.2); only `flush` (iptables -F, or a
 *    power cycle) empties it.
 * 2. Chains read as kube-proxy lays them out: KUBE-SERVICES holds one rule per ClusterIP:port
 *    and ends with the KUBE-NODEPORTS jump for local addresses; KUBE-SVC-/KUBE-EXT-/KUBE-SEP-
 *    chains belong to one Service each. User chains are listed in name order, as libiptc does.
 * 3. `match` gives the same answer as walking PREROUTING/OUTPUT → KUBE-SERVICES rule by rule:
 *    every KUBE-SERVICES and KUBE-NODEPORTS rule matches one exact (IP, port, protocol), so the
 *    indexes pick the one rule a walk would reach first. Below that, chains are walked rule by
 *    rule, statistic matches included.
 * 4. Rules without endpoints live in the filter table as REJECT, as in kube-proxy: the nat
 *    table has no chain for such a Service.
 */
import type { Random } from '../random'
import { BASE_CHAINS, BUILT_IN_CHAINS, NODEPORTS_JUMP, type TableName } from './baseChains'
import { renderTable, type TableView } from './iptablesRender'
import { ruleMatches, type Packet, type Rule } from './rule'

export type { TableName }

/** Everything kube-proxy writes for one Service (all its ports). Immutable once built. */
export interface ServiceRules {
  readonly natServices: readonly Rule[]
  readonly natNodePorts: readonly Rule[]
  readonly filterServices: readonly Rule[]
  readonly filterExternal: readonly Rule[]
  /** Its own nat chains: KUBE-SVC-…, KUBE-EXT-…, KUBE-SEP-…. */
  readonly chains: ReadonlyMap<string, readonly Rule[]>
}

export type NatVerdict =
  /** DNAT to an endpoint; `chains` is the path through the nat table. */
  | {
      kind: 'dnat'
      ip: string
      port: number
      chains: string[]
      /** The service port, "default/web:http" (the DNAT rule's comment). */
      service: string
      masquerade: boolean
    }
  /** kube-proxy's REJECT: the Service has no endpoints. The sender gets "connection refused". */
  | { kind: 'reject'; chains: string[]; comment: string }
  /** No kube-proxy rule: the packet goes on to its own destination. */
  | { kind: 'none' }

const MAX_JUMPS = 8
const LISTS = ['natServices', 'natNodePorts', 'filterServices', 'filterExternal'] as const

export class NatTable implements TableView {
  /** Set by kube-proxy: true while it is stopped and the rules may miss changes. */
  stale = false
  /** Virtual time of kube-proxy's last sync, if any. */
  syncedAtMs: number | undefined
  private installed = false
  private readonly services = new Map<string, ServiceRules>()
  private readonly owners = new Map<string, string>()
  private readonly indexes = {
    natServices: new Map<string, string>(),
    natNodePorts: new Map<string, string>(),
    filterServices: new Map<string, string>(),
    filterExternal: new Map<string, string>(),
  }
  private sortedKeys: string[] | undefined

  constructor(readonly machine: string) {}

  /** Whether kube-proxy has ever written its chains here. */
  get hasKubeChains(): boolean {
    return this.installed
  }

  installBase(): void {
    this.installed = true
  }

  setService(key: string, rules: ServiceRules): void {
    if (this.services.get(key) === rules) return
    this.deleteService(key)
    this.services.set(key, rules)
    for (const name of rules.chains.keys()) this.owners.set(name, key)
    for (const list of LISTS) {
      for (const rule of rules[list]) this.indexes[list].set(indexKey(rule), key)
    }
    this.sortedKeys = undefined
  }

  deleteService(key: string): void {
    const old = this.services.get(key)
    if (old === undefined) return
    this.services.delete(key)
    for (const name of old.chains.keys())
      if (this.owners.get(name) === key) this.owners.delete(name)
    for (const list of LISTS) {
      for (const rule of old[list]) {
        const k = indexKey(rule)
        if (this.indexes[list].get(k) === key) this.indexes[list].delete(k)
      }
    }
    this.sortedKeys = undefined
  }

  service(key: string): ServiceRules | undefined {
    return this.services.get(key)
  }

  serviceKeys(): string[] {
    this.sortedKeys ??= [...this.services.keys()].sort()
    return this.sortedKeys
  }

  /** `iptables -t nat -F` and friends, or a reboot: every kube-proxy rule is gone. */
  flush(): void {
    for (const key of [...this.services.keys()]) this.deleteService(key)
    this.installed = false
    this.syncedAtMs = undefined
  }

  /** A chain's rules in order, or undefined when the chain does not exist. */
  chain(table: TableName, name: string): readonly Rule[] | undefined {
    if (!this.installed) return BUILT_IN_CHAINS[table].includes(name) ? [] : undefined
    if (name === 'KUBE-SERVICES') {
      const own = this.collect(table === 'nat' ? 'natServices' : 'filterServices')
      return table === 'nat' ? [...own, NODEPORTS_JUMP] : own
    }
    if (table === 'nat' && name === 'KUBE-NODEPORTS') return this.collect('natNodePorts')
    if (table === 'filter' && name === 'KUBE-EXTERNAL-SERVICES')
      return this.collect('filterExternal')
    const base = BASE_CHAINS[table][name]
    if (base !== undefined) return base
    if (table === 'nat') {
      const owner = this.owners.get(name)
      return owner === undefined ? undefined : this.services.get(owner)?.chains.get(name)
    }
    return undefined
  }

  /** Built-in chains first, then user chains by name (invariant 2). */
  chainNames(table: TableName): string[] {
    if (!this.installed) return [...BUILT_IN_CHAINS[table]]
    const user = new Set(
      Object.keys(BASE_CHAINS[table]).filter((n) => !BUILT_IN_CHAINS[table].includes(n)),
    )
    user.add('KUBE-SERVICES')
    user.add(table === 'nat' ? 'KUBE-NODEPORTS' : 'KUBE-EXTERNAL-SERVICES')
    if (table === 'nat') for (const name of this.owners.keys()) user.add(name)
    return [...BUILT_IN_CHAINS[table], ...[...user].sort()]
  }

  /** `iptables -t <table> -L [chain] -n`; undefined when the chain does not exist. */
  render(options: { table?: TableName; chain?: string } = {}): string | undefined {
    return renderTable(this, options.table ?? 'nat', options.chain)
  }

  /** Where kube-proxy's rules send a new connection (invariant 3). */
  match(packet: Packet, random: Random): NatVerdict {
    if (!this.installed) return { kind: 'none' }
    const exact = `${packet.dst}:${packet.dport}/${packet.protocol.toLowerCase()}`
    const viaClusterIP = this.enter('natServices', exact, packet, random)
    if (viaClusterIP !== undefined) return viaClusterIP
    const rejected = this.reject('filterServices', exact, 'KUBE-SERVICES')
    if (rejected !== undefined) return rejected
    if (packet.dstLocal) {
      const port = `${packet.dport}/${packet.protocol.toLowerCase()}`
      const viaNodePort = this.enter('natNodePorts', port, packet, random)
      if (viaNodePort !== undefined) return viaNodePort
      const external = this.reject('filterExternal', port, 'KUBE-EXTERNAL-SERVICES')
      if (external !== undefined) return external
    }
    return { kind: 'none' }
  }

  /** The one rule of a list that matches an index key, found through the index. */
  private lookup(list: (typeof LISTS)[number], key: string): Rule | undefined {
    const owner = this.indexes[list].get(key)
    if (owner === undefined) return undefined
    return this.services.get(owner)?.[list].find((r) => indexKey(r) === key)
  }

  private collect(list: (typeof LISTS)[number]): Rule[] {
    return this.serviceKeys().flatMap((key) => this.services.get(key)![list])
  }

  private enter(
    list: 'natServices' | 'natNodePorts',
    key: string,
    packet: Packet,
    random: Random,
  ): NatVerdict | undefined {
    const rule = this.lookup(list, key)
    if (rule === undefined) return undefined
    const start = list === 'natServices' ? ['KUBE-SERVICES'] : ['KUBE-SERVICES', 'KUBE-NODEPORTS']
    const walk = { chains: [...start, rule.target], masquerade: false }
    const to = this.walk(rule.target, packet, random, walk, 0)
    if (to === undefined) return { kind: 'none' }
    return { kind: 'dnat', ...to, chains: walk.chains, masquerade: walk.masquerade }
  }

  private reject(
    list: 'filterServices' | 'filterExternal',
    key: string,
    chain: string,
  ): NatVerdict | undefined {
    const rule = this.lookup(list, key)
    if (rule === undefined) return undefined
    return { kind: 'reject', chains: [chain], comment: rule.comment ?? '' }
  }

  /** Walks one chain rule by rule; returns the DNAT destination, if one is reached. */
  private walk(
    chain: string,
    packet: Packet,
    random: Random,
    state: { chains: string[]; masquerade: boolean },
    depth: number,
  ): { ip: string; port: number; service: string } | undefined {
    if (depth > MAX_JUMPS) return undefined
    for (const rule of this.chain('nat', chain) ?? []) {
      if (!ruleMatches(rule, packet, random)) continue
      if (rule.target === 'DNAT' && rule.toDestination !== undefined) {
        const [ip, port] = rule.toDestination.split(':')
        return { ip: ip!, port: Number(port), service: rule.comment ?? '' }
      }
      if (rule.target === 'MARK') state.masquerade = true
      if (rule.target === 'RETURN') return undefined
      if (this.chain('nat', rule.target) === undefined) continue
      if (rule.target !== 'KUBE-MARK-MASQ') state.chains.push(rule.target)
      else state.masquerade = true
      const to = this.walk(rule.target, packet, random, state, depth + 1)
      if (to !== undefined) return to
    }
    return undefined
  }
}

/** The exact thing a KUBE-SERVICES / KUBE-NODEPORTS rule matches, as an index key. */
function indexKey(rule: Rule): string {
  return rule.destination !== undefined
    ? `${rule.destination}:${rule.dport}/${rule.prot}`
    : `${rule.dport}/${rule.prot}`
}
