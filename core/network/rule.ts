/**
 * One iptables rule as kube-proxy writes it: the matches the kernel evaluates and the target it
 * jumps to. The same fields drive both the packet walk (nat.ts) and `iptables -L -n` (render).
 */
import type { Random } from '../random'
import { addressMatches } from './ip'

export interface Rule {
  /** A chain to jump to, or DNAT, MARK, MASQUERADE, RETURN, REJECT, ACCEPT, DROP. */
  readonly target: string
  readonly prot: 'all' | 'tcp' | 'udp' | 'sctp'
  /** "-s": an address, a CIDR, "!" + either, or undefined for 0.0.0.0/0. */
  readonly source?: string
  /** "-d", like source. */
  readonly destination?: string
  readonly comment?: string
  /** "-m conntrack --ctstate NEW". Shown, not evaluated (the lab traces new connections). */
  readonly ctstate?: string
  /** "-m addrtype --dst-type LOCAL": the destination is one of this machine's addresses. */
  readonly dstTypeLocal?: boolean
  readonly dport?: number
  /** "-m statistic --mode random --probability P", P as kube-proxy formats it ("%0.10f"). */
  readonly probability?: string
  /** "-m mark [!] --mark M": shown in KUBE-POSTROUTING, not evaluated. */
  readonly mark?: string
  /** DNAT's "--to-destination ip:port". */
  readonly toDestination?: string
  /** What the target prints after the matches: "MARK or 0x4000", "random-fully", … */
  readonly targetInfo?: string
}

/** What a packet looks like to netfilter, for the matches the lab evaluates. */
export interface Packet {
  readonly src: string
  readonly dst: string
  readonly dport: number
  readonly protocol: 'TCP' | 'UDP' | 'SCTP'
  /** Whether dst is an address of the machine whose table is walked (addrtype LOCAL). */
  readonly dstLocal: boolean
}

/** kube-proxy's computeProbability: 1/n printed with "%0.10f". */
export function probabilityText(n: number): string {
  return (1 / n).toFixed(10)
}

/**
 * The kernel keeps the probability as a 31-bit fraction: lround(0x80000000 * p) (libxt_statistic).
 * That is why 1/3 comes back from `iptables -L` as 0.33333333349.
 */
export function kernelProbability(text: string): number {
  return Math.round(0x80000000 * Number(text))
}

/** The probability as `iptables -L` prints it: the kernel's fraction with "%.11f". */
export function shownProbability(text: string): string {
  return (kernelProbability(text) / 0x80000000).toFixed(11)
}

/**
 * Whether a rule matches a packet. Matches are checked in order and the statistic match last,
 * so a random number is drawn only for a packet that reaches it, as the kernel does: one draw of
 * 31 bits compared with the stored fraction (xt_statistic: `(get_random_u32() & 0x7FFFFFFF) <
 * probability`).
 */
export function ruleMatches(rule: Rule, packet: Packet, random: Random): boolean {
  if (rule.prot !== 'all' && rule.prot !== packet.protocol.toLowerCase()) return false
  if (!addressMatches(rule.source, packet.src)) return false
  if (!addressMatches(rule.destination, packet.dst)) return false
  if (rule.dport !== undefined && rule.dport !== packet.dport) return false
  if (rule.dstTypeLocal === true && !packet.dstLocal) return false
  if (rule.probability !== undefined) {
    return (random.nextUint32() & 0x7fffffff) < kernelProbability(rule.probability)
  }
  return true
}
