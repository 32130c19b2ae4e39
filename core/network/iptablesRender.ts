/**
 * `iptables -t <table> -L [chain] -n` output, laid out as iptables' print_firewall does: target
 * padded to 9, protocol to 5, "--" options, source and destination padded to 19, then every match
 * and the target's own options, each after one space. Lines are right-trimmed.
 *
 * Simplification: iptables 1.8.10 with -n prints protocol numbers ("6", "0"); the lab prints the
 * names ("tcp", "all") that older iptables and most tutorials show, which read better.
 */
import type { Rule } from './rule'
import { shownProbability } from './rule'

export interface TableView {
  chain(table: 'nat' | 'filter', name: string): readonly Rule[] | undefined
  chainNames(table: 'nat' | 'filter'): string[]
}

const BUILT_IN = new Set(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'])
const HEADER = 'target     prot opt source               destination'

export function renderTable(
  view: TableView,
  table: 'nat' | 'filter',
  only?: string,
): string | undefined {
  const names = view.chainNames(table)
  if (only !== undefined && view.chain(table, only) === undefined) return undefined
  const references = countReferences(view, table, names)
  const blocks = (only === undefined ? names : [only]).map((name) => {
    const title = BUILT_IN.has(name)
      ? `Chain ${name} (policy ACCEPT)`
      : `Chain ${name} (${references.get(name) ?? 0} references)`
    const rules = view.chain(table, name) ?? []
    return [title, HEADER, ...rules.map(renderRule)].join('\n')
  })
  return `${blocks.join('\n\n')}\n`
}

export function renderRule(rule: Rule): string {
  const line =
    rule.target.padEnd(9) +
    ' ' +
    ' ' +
    rule.prot.padEnd(5) +
    '--' +
    ' ' +
    address(rule.source) +
    ' ' +
    address(rule.destination) +
    ' ' +
    matches(rule)
      .map((m) => ` ${m}`)
      .join('')
  return line.trimEnd()
}

/** "!10.32.0.0/12" → "!" + padded text; no address → " 0.0.0.0/0". */
function address(text: string | undefined): string {
  const value = text ?? '0.0.0.0/0'
  const negated = value.startsWith('!')
  return (negated ? '!' : ' ') + (negated ? value.slice(1) : value).padEnd(19)
}

function matches(rule: Rule): string[] {
  const out: string[] = []
  if (rule.ctstate !== undefined) out.push(`ctstate ${rule.ctstate}`)
  if (rule.comment !== undefined) out.push(`/* ${rule.comment} */`)
  if (rule.dstTypeLocal === true) out.push('ADDRTYPE match dst-type LOCAL')
  if (rule.prot !== 'all') {
    out.push(rule.dport === undefined ? rule.prot : `${rule.prot} dpt:${rule.dport}`)
  }
  if (rule.probability !== undefined) {
    out.push(`statistic mode random probability ${shownProbability(rule.probability)}`)
  }
  if (rule.mark !== undefined) out.push(`mark match ${rule.mark}`)
  if (rule.toDestination !== undefined) out.push(`to:${rule.toDestination}`)
  if (rule.target === 'REJECT') out.push('reject-with icmp-port-unreachable')
  if (rule.targetInfo !== undefined) out.push(rule.targetInfo)
  return out
}

function countReferences(
  view: TableView,
  table: 'nat' | 'filter',
  names: string[],
): Map<string, number> {
  const counts = new Map<string, number>()
  for (const name of names) {
    for (const rule of view.chain(table, name) ?? []) {
      counts.set(rule.target, (counts.get(rule.target) ?? 0) + 1)
    }
  }
  return counts
}
