/**
 * bash's `kill` builtin (bash 5.2, builtins/kill.def) on a node: `kill [-s SIG | -n NUM | -SIG]
 * PID...`, SIGTERM by default, and `kill -l [SIG...]`. Signals reach the node's process table
 * (core/node/processTable.ts): TERM (and INT, which the lab's programs treat alike), KILL, STOP
 * and CONT act; signal 0 checks that the process exists; other valid signals are accepted and
 * change nothing. A process the lab cannot signal (the kubelet, containerd) answers as a
 * process of another user would.
 */
import type { Signal } from '../../node/processTable'
import type { ShellCommand } from '../command'
import { nodeHost } from './nodeHost'

const USAGE =
  'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n'

/** Linux x86-64 signal numbers (signal(7)). */
const NUMBERS: Record<string, number> = {
  HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, BUS: 7, FPE: 8, KILL: 9, USR1: 10,
  SEGV: 11, USR2: 12, PIPE: 13, ALRM: 14, TERM: 15, STKFLT: 16, CHLD: 17, CONT: 18, STOP: 19,
  TSTP: 20, TTIN: 21, TTOU: 22, URG: 23, XCPU: 24, XFSZ: 25, VTALRM: 26, PROF: 27, WINCH: 28,
  IO: 29, PWR: 30, SYS: 31,
} // prettier-ignore

/** What the lab's processes do with a signal number; undefined: nothing modelled. */
const DELIVERED: Record<number, Signal> = {
  2: 'SIGTERM',
  9: 'SIGKILL',
  15: 'SIGTERM',
  18: 'SIGCONT',
  19: 'SIGSTOP',
}

/** Signal names by number, real-time ones included, as `kill -l` lists them (32, 33: glibc's). */
function signalName(n: number): string | undefined {
  const name = Object.keys(NUMBERS).find((key) => NUMBERS[key] === n)
  if (name !== undefined) return `SIG${name}`
  if (n === 34) return 'SIGRTMIN'
  if (n > 34 && n < 50) return `SIGRTMIN+${n - 34}`
  if (n >= 50 && n < 64) return `SIGRTMAX-${64 - n}`
  return n === 64 ? 'SIGRTMAX' : undefined
}

/** A sigspec as bash reads it: a number, or a name with or without SIG, in any case. */
function signalNumber(spec: string): number | undefined {
  if (/^\d+$/.test(spec)) {
    const n = Number(spec)
    return n <= 64 ? n : undefined
  }
  const name = spec.toUpperCase().replace(/^SIG/, '')
  for (let n = 34; n <= 64; n++) if (signalName(n) === `SIG${name}`) return n
  return NUMBERS[name]
}

/** `kill -l`: "%2d) %s", five to a line, tab-separated (bash's display_signal_list). */
function list(args: readonly string[]): { out: string; err: string } {
  if (args.length === 0) {
    const cells: string[] = []
    for (let n = 1; n <= 64; n++) {
      const name = signalName(n)
      if (name !== undefined) cells.push(`${String(n).padStart(2)}) ${name}`)
    }
    const lines = []
    for (let i = 0; i < cells.length; i += 5) lines.push(cells.slice(i, i + 5).join('\t'))
    return { out: `${lines.join('\n')}${cells.length % 5 === 0 ? '' : '\t'}\n`, err: '' }
  }
  let out = ''
  let err = ''
  for (const arg of args) {
    const n = signalNumber(arg)
    const name = n === undefined ? undefined : signalName(n)
    if (n === undefined || name === undefined)
      err += `bash: kill: ${arg}: invalid signal specification\n`
    else out += /^\d+$/.test(arg) ? `${name.replace(/^SIG/, '')}\n` : `${n}\n`
  }
  return { out, err }
}

export const kill: ShellCommand = {
  name: 'kill',
  run(args, context, io) {
    const first = args[0]
    if (first === '-l' || first === '-L') {
      const { out, err } = list(args.slice(1))
      io.out(out)
      io.err(err)
      return err === '' ? 0 : 1
    }
    let spec = 'TERM'
    let rest = args
    if ((first === '-s' || first === '-n') && args.length > 1) {
      spec = args[1]!
      rest = args.slice(2)
    } else if (first !== undefined && /^-[^\d-]|^-\d/.test(first)) {
      spec = first.slice(1)
      rest = args.slice(1)
    } else if (first === '--') rest = args.slice(1)
    if (rest.length === 0) {
      io.err(USAGE)
      return 2
    }
    const number = signalNumber(spec)
    if (number === undefined) {
      io.err(`bash: kill: ${spec}: invalid signal specification\n`)
      return 1
    }
    const table = nodeHost(context)?.node.processes
    let status = 0
    for (const arg of rest) {
      if (!/^\d+$/.test(arg)) {
        io.err(`bash: kill: ${arg}: arguments must be process or job IDs\n`)
        status = 1
        continue
      }
      const pid = Number(arg)
      const error =
        table?.get(pid) === undefined
          ? 'No such process'
          : DELIVERED[number] === undefined || table.kill(pid, DELIVERED[number])
            ? undefined
            : 'Operation not permitted'
      if (error !== undefined) {
        io.err(`bash: kill: (${pid}) - ${error}\n`)
        status = 1
      }
    }
    return status
  },
}
