/**
 * `ss` (iproute2 6.1, Ubuntu 24.04) for listening sockets: -t, -u, -l, -n, -p, -a and their
 * groupings (-tlnp, -tulpn, -lnt). Columns are laid out as ss does when its output is not a
 * terminal it can measure (render_calc_width's compact output): each column as wide as its
 * widest cell, the address right-aligned against its ":port", "Process" glued to the peer port.
 *
 * Simplification: only listening sockets exist in the lab (no established connections), so
 * `ss -t` without -l prints the header alone.
 */
import type { ShellCommand } from '../command'
import { nodeHost, onNode, printLines } from './nodeHost'
import { listeningSockets, type Socket } from './sockets'

interface Options {
  tcp: boolean
  udp: boolean
  listening: boolean
  numeric: boolean
  processes: boolean
}

/** /etc/services names ss prints without -n. */
const SERVICES: Record<number, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https' }
const LETTERS = 'tulnpa4'

function parse(args: readonly string[]): Options | string {
  const options = { tcp: false, udp: false, listening: false, numeric: false, processes: false }
  for (const arg of args) {
    const long: Record<string, keyof Options> = {
      '--tcp': 'tcp',
      '--udp': 'udp',
      '--listening': 'listening',
      '--numeric': 'numeric',
      '--processes': 'processes',
    }
    if (long[arg] !== undefined) {
      options[long[arg]] = true
      continue
    }
    if (!/^-[a-zA-Z]+$/.test(arg)) return arg
    for (const letter of arg.slice(1)) {
      if (!LETTERS.includes(letter)) return `-${letter}`
      if (letter === 't') options.tcp = true
      if (letter === 'u') options.udp = true
      if (letter === 'l' || letter === 'a') options.listening = true
      if (letter === 'n') options.numeric = true
      if (letter === 'p') options.processes = true
    }
  }
  if (!options.tcp && !options.udp) options.tcp = options.udp = true
  return options
}

type Align = 'left' | 'right'
interface Column {
  header: string
  align: Align
  /** ss' left delimiter: a space before every column but the ports and the process. */
  delim: string
}

function render(columns: readonly Column[], rows: readonly string[][]): string[] {
  const all = [columns.map((c) => c.header), ...rows]
  const widths = columns.map((_, i) => Math.max(...all.map((r) => r[i]!.length)))
  let first = true
  const delims = columns.map((c, i) => {
    const delim = first || widths[i] === 0 ? '' : c.delim
    if (widths[i]! > 0) first = false
    return delim
  })
  return all.map((r) =>
    r
      .map((cell, i) => {
        const text =
          columns[i]!.align === 'right' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)
        return delims[i] + text
      })
      .join('')
      .trimEnd(),
  )
}

function users(socket: Socket): string {
  if (socket.users.length === 0) return ''
  return `users:(${socket.users.map((u) => `("${u.comm}",pid=${u.pid},fd=${u.fd})`).join(',')})`
}

function order(a: Socket, b: Socket): number {
  const v6 = (s: Socket): number => (s.address.startsWith('[') || s.address === '*' ? 1 : 0)
  return a.protocol.localeCompare(b.protocol) || v6(a) - v6(b) || a.port - b.port
}

export const ss: ShellCommand = {
  name: 'ss',
  availableOn: onNode,
  run(args, context, io) {
    const options = parse(args)
    if (typeof options === 'string') {
      io.err(
        `ss: invalid option -- '${options.replace(/^-+/, '')}'\nUsage: ss [ OPTIONS ]\n       ss [ OPTIONS ] [ FILTER ]\n`,
      )
      return 1
    }
    const host = nodeHost(context)
    const sockets = (host === undefined ? [] : listeningSockets(host, context.host.nowMs()))
      .filter((s) => options.listening && (s.protocol === 'tcp' ? options.tcp : options.udp))
      .sort(order)
    const both = options.tcp && options.udp
    const columns: Column[] = [
      ...(both ? [{ header: 'Netid', align: 'left' as const, delim: '' }] : []),
      { header: 'State', align: 'left', delim: ' ' },
      { header: 'Recv-Q', align: 'left', delim: ' ' },
      { header: 'Send-Q', align: 'left', delim: ' ' },
      { header: 'Local Address:', align: 'right', delim: ' ' },
      { header: 'Port', align: 'left', delim: '' },
      { header: 'Peer Address:', align: 'right', delim: ' ' },
      { header: 'Port', align: 'left', delim: '' },
      ...(options.processes ? [{ header: 'Process', align: 'left' as const, delim: '' }] : []),
    ]
    const rows = sockets.map((s) => {
      const v6 = s.address.startsWith('[') || s.address === '*'
      const port = options.numeric ? String(s.port) : (SERVICES[s.port] ?? String(s.port))
      return [
        ...(both ? [s.protocol] : []),
        s.protocol === 'tcp' ? 'LISTEN' : 'UNCONN',
        '0',
        s.protocol === 'tcp' ? '4096' : '0',
        `${s.address}:`,
        port,
        s.address === '*' ? '*:' : v6 ? '[::]:' : '0.0.0.0:',
        '*',
        ...(options.processes ? [users(s)] : []),
      ]
    })
    printLines(io, render(columns, rows))
    return 0
  },
}
