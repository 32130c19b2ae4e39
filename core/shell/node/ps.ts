/**
 * `ps` (procps-ng 4.0.4, Ubuntu 24.04) on a node: `ps aux`, `ps -ef`, `ps -e`, `ps` alone. The
 * rows come from the node's process table (processView.ts); the columns are procps' own widths.
 * Lines are never cut to the terminal's width (as when ps writes to a pipe).
 */
import { MONTHS } from '../../api/time'
import { rfc3339 } from '../../api/time'
import type { ShellCommand } from '../command'
import { nodeHost, onNode, printLines } from './nodeHost'
import { processRows, withSession, type ProcessRow } from './processView'

const USAGE = `
Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`

type Format = 'aux' | 'ef' | 'e' | 'self'

function formatOf(args: readonly string[]): Format | undefined {
  const joined = args.join(' ')
  if (args.length === 0) return 'self'
  if (/^-?aux[wf]*$/.test(joined) || joined === 'axu' || joined === '-aux') return 'aux'
  if (['-ef', '-eF', '-e -f', '-Af', '-ef -ww', '-efww'].includes(joined)) return 'ef'
  if (['-e', '-A', 'ax', '-ax'].includes(joined)) return 'e'
  return undefined
}

/** ps' START: "08:50" today, "Jan05" on an earlier day. */
function start(startedAtMs: number, nowMs: number): string {
  const then = rfc3339(startedAtMs)
  if (then.slice(0, 10) === rfc3339(nowMs).slice(0, 10)) return then.slice(11, 16)
  return `${MONTHS[Number(then.slice(5, 7)) - 1]!}${then.slice(8, 10)}`
}

/** ps aux' TIME: cumulative minutes and seconds ("0:02", "12:34"). */
function auxTime(cpuMs: number): string {
  const seconds = Math.floor(cpuMs / 1000)
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

/** ps -ef's TIME: "00:00:02". */
function clockTime(cpuMs: number): string {
  const s = Math.floor(cpuMs / 1000)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`
}

/** procps shows user names longer than 8 characters cut to 7 and a '+'. */
function user(name: string): string {
  return name.length > 8 ? `${name.slice(0, 7)}+` : name
}

function percent(part: number, whole: number): string {
  const value = whole <= 0 ? 0 : Math.min(99.9, (part / whole) * 100)
  return value.toFixed(1).padStart(4)
}

function auxLine(p: ProcessRow, nowMs: number, ramKiB: number): string {
  const elapsed = Math.max(1, nowMs - p.startedAtMs)
  return [
    user(p.user).padEnd(8),
    String(p.pid).padStart(7),
    percent(p.cpuMs, elapsed),
    percent(p.rssKiB, ramKiB),
    String(p.vszKiB).padStart(6),
    String(p.rssKiB).padStart(5),
    p.tty.padEnd(8),
    p.stat.padEnd(4),
    start(p.startedAtMs, nowMs).padStart(5),
    auxTime(p.cpuMs).padStart(6),
    p.command,
  ].join(' ')
}

function efLine(p: ProcessRow, nowMs: number): string {
  const elapsed = Math.max(1, nowMs - p.startedAtMs)
  return [
    user(p.user).padEnd(8),
    String(p.pid).padStart(7),
    String(p.ppid).padStart(7),
    String(Math.floor((p.cpuMs / elapsed) * 100)).padStart(2),
    start(p.startedAtMs, nowMs),
    p.tty.padEnd(8),
    clockTime(p.cpuMs).padStart(8),
    p.command,
  ].join(' ')
}

function shortLine(p: ProcessRow): string {
  return `${String(p.pid).padStart(7)} ${p.tty.padEnd(8)} ${clockTime(p.cpuMs)} ${p.comm}`
}

export const ps: ShellCommand = {
  name: 'ps',
  availableOn: onNode,
  run(args, context, io) {
    const format = formatOf(args)
    if (format === undefined) {
      io.err(`error: unsupported option (BSD syntax)\n${USAGE}`)
      return 1
    }
    const host = nodeHost(context)
    if (host === undefined) return 0
    const nowMs = context.host.nowMs()
    const ramKiB = host.node.machine.spec.memoryMiB * 1024
    withSession(host, `ps ${args.join(' ')}`.trim(), (selfPid) => {
      const rows = processRows(host, nowMs).map((p) =>
        p.pid === selfPid ? { ...p, stat: 'R+', tty: 'pts/0', vszKiB: 11_320, rssKiB: 4_480 } : p,
      )
      switch (format) {
        case 'aux':
          printLines(io, [
            'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND',
            ...rows.map((p) => auxLine(p, nowMs, ramKiB)),
          ])
          return
        case 'ef':
          printLines(io, [
            'UID          PID    PPID  C STIME TTY          TIME CMD',
            ...rows.map((p) => efLine(p, nowMs)),
          ])
          return
        case 'e':
          printLines(io, ['    PID TTY          TIME CMD', ...rows.map(shortLine)])
          return
        case 'self':
          printLines(io, [
            '    PID TTY          TIME CMD',
            ...rows.filter((p) => p.tty === 'pts/0').map(shortLine),
          ])
      }
    })
    return 0
  },
}
