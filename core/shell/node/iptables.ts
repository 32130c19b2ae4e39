/**
 * `iptables` and `iptables-save` (1.8.10, nf_tables backend, Ubuntu 24.04) over the node's
 * kernel tables as kube-proxy wrote them (core/network/nat.ts): -t nat|filter, -L [CHAIN] with
 * -n, --line-numbers; -S [CHAIN]; iptables-save [-t TABLE]. Without -n, addresses and ports are
 * shown by name as iptables does ("anywhere", "dpt:domain").
 *
 * Simplification: only kube-proxy's rules exist; Weave's own WEAVE chains are not simulated.
 */
import { MONTHS } from '../../api/time'
import type { NatTable } from '../../network/nat'
import { shownProbability, type Rule } from '../../network/rule'
import type { CommandIO, ShellCommand } from '../command'
import { nodeHost, onNode } from './nodeHost'
import { systemdTime } from './timeText'

type Table = 'nat' | 'filter'
const BUILT_IN = new Set(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'])
const PORT_NAMES: Record<string, string> = {
  '53': 'domain',
  '80': 'http',
  '443': 'https',
  '22': 'ssh',
}

/** "10.96.0.1" → "10.96.0.1/32", "!10.32.0.0/12" → "! -s 10.32.0.0/12" (by the caller). */
function cidr(address: string): string {
  return address.includes('/') ? address : `${address}/32`
}

function quoted(text: string): string {
  return /[\s"]/.test(text) ? `"${text.replace(/"/g, '\\"')}"` : text
}

/** One rule as iptables -S / iptables-save print it. */
export function ruleSpec(chain: string, rule: Rule): string {
  const parts = [`-A ${chain}`]
  for (const [flag, value] of [
    ['-s', rule.source],
    ['-d', rule.destination],
  ] as const) {
    if (value === undefined) continue
    parts.push(
      value.startsWith('!') ? `! ${flag} ${cidr(value.slice(1))}` : `${flag} ${cidr(value)}`,
    )
  }
  if (rule.prot !== 'all') parts.push(`-p ${rule.prot}`)
  if (rule.mark !== undefined)
    parts.push(
      rule.mark.startsWith('!')
        ? `-m mark ! --mark ${rule.mark.slice(2)}`
        : `-m mark --mark ${rule.mark}`,
    )
  if (rule.comment !== undefined) parts.push(`-m comment --comment ${quoted(rule.comment)}`)
  if (rule.ctstate !== undefined) parts.push(`-m conntrack --ctstate ${rule.ctstate}`)
  if (rule.dstTypeLocal === true) parts.push('-m addrtype --dst-type LOCAL')
  if (rule.prot !== 'all')
    parts.push(
      rule.dport === undefined ? `-m ${rule.prot}` : `-m ${rule.prot} --dport ${rule.dport}`,
    )
  if (rule.probability !== undefined)
    parts.push(`-m statistic --mode random --probability ${shownProbability(rule.probability)}`)
  parts.push(`-j ${rule.target}`)
  if (rule.toDestination !== undefined) parts.push(`--to-destination ${rule.toDestination}`)
  if (rule.target === 'REJECT') parts.push('--reject-with icmp-port-unreachable')
  if (rule.targetInfo === 'MARK or 0x4000') parts.push('--set-xmark 0x4000/0x4000')
  else if (rule.targetInfo === 'MARK xor 0x4000') parts.push('--set-xmark 0x4000/0x0')
  else if (rule.targetInfo === 'random-fully') parts.push('--random-fully')
  return parts.join(' ')
}

function chainLines(table: NatTable, kind: Table, only?: string): string[] {
  const names = only === undefined ? table.chainNames(kind) : [only]
  const heads = names.map((n) => (BUILT_IN.has(n) ? `-P ${n} ACCEPT` : `-N ${n}`))
  const rules = names.flatMap((n) => (table.chain(kind, n) ?? []).map((r) => ruleSpec(n, r)))
  return [...heads, ...rules]
}

/** iptables-save's dump of one table. */
export function saveTable(table: NatTable, kind: Table): string[] {
  const names = table.chainNames(kind)
  return [
    `*${kind}`,
    ...names.map((n) => `:${n} ${BUILT_IN.has(n) ? 'ACCEPT' : '-'} [0:0]`),
    ...chainLines(table, kind).filter((l) => l.startsWith('-A')),
    'COMMIT',
  ]
}

/** Names instead of numbers, as iptables -L prints without -n. */
function named(text: string): string {
  return text
    .replace(
      /(?<![\d.])0\.0\.0\.0\/0( *)/g,
      (_m, pad: string) => `anywhere${' '.repeat(pad.length + 1)}`,
    )
    .replace(/dpt:(\d+)/g, (m, port: string) =>
      PORT_NAMES[port] === undefined ? m : `dpt:${PORT_NAMES[port]}`,
    )
}

function list(
  table: NatTable,
  kind: Table,
  chain: string | undefined,
  numeric: boolean,
  lineNumbers: boolean,
  io: CommandIO,
): number {
  const text = table.render({ table: kind, ...(chain === undefined ? {} : { chain }) })
  if (text === undefined) {
    io.err(
      `iptables v1.8.10 (nf_tables): chain \`${chain ?? ''}' in table \`${kind}' is incompatible, use 'nft' tool.\n`,
    )
    return 1
  }
  let out = text
  if (lineNumbers) {
    let n = 0
    out = out
      .split('\n')
      .map((line) => {
        if (line.startsWith('Chain ') || line === '') return ((n = 0), line)
        if (line.startsWith('target')) return `num  ${line}`
        return `${String(++n).padEnd(4)} ${line}`
      })
      .join('\n')
  }
  io.out(numeric ? out : named(out))
  return 0
}

export const iptables: ShellCommand = {
  name: 'iptables',
  availableOn: onNode,
  run(args, context, io) {
    let kind: Table = 'filter'
    let action: 'L' | 'S' | undefined
    let chain: string | undefined
    let numeric = false
    let lineNumbers = false
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!
      if (arg === '-t' || arg === '--table') {
        const value = args[++i] ?? ''
        if (value !== 'nat' && value !== 'filter') {
          io.err(
            `iptables v1.8.10 (nf_tables): can't initialize iptables table \`${value}': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.\n`,
          )
          return 3
        }
        kind = value
      } else if (arg === '-n' || arg === '--numeric') numeric = true
      else if (arg === '-v' || arg === '--verbose') continue
      else if (arg === '--line-numbers') lineNumbers = true
      else if (/^-[LSnv]+$/.test(arg) && /[LS]/.test(arg)) {
        action = arg.includes('S') ? 'S' : 'L'
        if (arg.includes('n')) numeric = true
        if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('-')) chain = args[++i]
      } else {
        io.err(
          `iptables v1.8.10 (nf_tables): unknown option "${arg}"\nTry \`iptables -h' or 'iptables --help' for more information.\n`,
        )
        return 2
      }
    }
    if (action === undefined) {
      io.err(
        "iptables v1.8.10 (nf_tables): no command specified\nTry `iptables -h' or 'iptables --help' for more information.\n",
      )
      return 2
    }
    const table = nodeHost(context)?.cluster.network.table(context.machine.name)
    if (table === undefined) return 0
    if (action === 'L') return list(table, kind, chain, numeric, lineNumbers, io)
    if (chain !== undefined && table.chain(kind, chain) === undefined) {
      io.err(
        `iptables v1.8.10 (nf_tables): chain \`${chain}' in table \`${kind}' is incompatible, use 'nft' tool.\n`,
      )
      return 1
    }
    io.out(
      chainLines(table, kind, chain)
        .map((l) => `${l}\n`)
        .join(''),
    )
    return 0
  },
}

export const iptablesSave: ShellCommand = {
  name: 'iptables-save',
  availableOn: onNode,
  run(args, context, io) {
    const only = args.includes('-t') ? args[args.indexOf('-t') + 1] : undefined
    const table = nodeHost(context)?.cluster.network.table(context.machine.name)
    if (table === undefined) return 0
    const stamp = systemdTime(context.host.nowMs()).replace(/ UTC$/, '')
    const [day, date = '', time] = stamp.split(' ')
    const [year, month, dd] = date.split('-')
    const ctime = `${day} ${MONTHS[Number(month) - 1]} ${String(Number(dd)).padStart(2)} ${time} ${year}`
    const lines: string[] = []
    for (const kind of ['filter', 'nat'] as const) {
      if (only !== undefined && only !== kind) continue
      lines.push(
        `# Generated by iptables-save v1.8.10 (nf_tables) on ${ctime}`,
        ...saveTable(table, kind),
        `# Completed on ${ctime}`,
      )
    }
    io.out(lines.map((l) => `${l}\n`).join(''))
    return 0
  },
}
