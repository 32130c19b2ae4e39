/**
 * `journalctl` (systemd 255) for the lab's units: -u UNIT (repeatable), -n N / --lines=N, -f,
 * -e, -x, -b, --no-pager, -l. Lines carry journald's short prefix: "Jan 05 09:00:01 worker-1
 * kubelet[1094]: …". `-f` prints the last 10 lines, then follows as virtual time passes.
 */
import type { CommandIO, ShellCommand, ShellContext } from '../command'
import { journalEntries, type JournalEntry } from './journal'
import { nodeHost, onNode, type NodeHost } from './nodeHost'
import { journalTime } from './timeText'
import { findUnit, type UnitName } from './units'

interface Options {
  units: string[]
  lines: number | undefined
  follow: boolean
}

const IGNORED = new Set([
  '--no-pager',
  '-x',
  '--catalog',
  '-b',
  '--boot',
  '-l',
  '--full',
  '-q',
  '--quiet',
  '-r',
])

function parse(args: readonly string[], io: CommandIO): Options | undefined {
  const options: Options = { units: [], lines: undefined, follow: false }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const value = (): string | undefined =>
      arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i]
    if (arg === '-u' || arg.startsWith('--unit')) options.units.push(value() ?? '')
    else if (arg.startsWith('-u')) options.units.push(arg.slice(2))
    else if (arg === '-n' || arg.startsWith('--lines')) options.lines = Number(value())
    else if (/^-n\d+$/.test(arg)) options.lines = Number(arg.slice(2))
    else if (arg === '-f' || arg === '--follow') options.follow = true
    else if (arg === '-e' || arg === '--pager-end') options.lines ??= 1000
    else if (/^-[xefbl]+$/.test(arg)) {
      if (arg.includes('f')) options.follow = true
      if (arg.includes('e')) options.lines ??= 1000
    } else if (!IGNORED.has(arg)) {
      io.err(`journalctl: unrecognized option '${arg}'\n`)
      return undefined
    }
  }
  if (options.lines !== undefined && !Number.isInteger(options.lines)) {
    io.err("Failed to parse lines '" + String(options.lines) + "'\n")
    return undefined
  }
  return options
}

function line(host: NodeHost, entry: JournalEntry): string {
  return `${journalTime(entry.atMs)} ${host.node.machine.metadata.name} ${entry.source}: ${entry.text}\n`
}

function selected(options: Options): UnitName[] | 'none' {
  if (options.units.length === 0) return ['containerd', 'kubelet', 'ssh', 'systemd-resolved']
  const units = options.units.flatMap((name) => {
    const unit = findUnit(name)
    return unit === undefined ? [] : [unit.name]
  })
  return units.length === 0 ? 'none' : units
}

function follow(
  host: NodeHost,
  units: UnitName[],
  context: ShellContext,
  printed: JournalEntry[],
): void {
  let last = printed.at(-1)
  context.follow({
    poll(output) {
      const entries = journalEntries(host, units)
      const fresh =
        last === undefined
          ? entries
          : entries.filter(
              (e) => e.atMs > last!.atMs || (e.atMs === last!.atMs && e.order > last!.order),
            )
      for (const entry of fresh) output.out(line(host, entry))
      last = fresh.at(-1) ?? last
      return undefined
    },
  })
}

export const journalctl: ShellCommand = {
  name: 'journalctl',
  availableOn: onNode,
  run(args, context, io) {
    const options = parse(args, io)
    if (options === undefined) return 1
    const host = nodeHost(context)
    const units = selected(options)
    const entries = host === undefined || units === 'none' ? [] : journalEntries(host, units)
    const count = options.lines ?? (options.follow ? 10 : undefined)
    const shown = count === undefined ? entries : count <= 0 ? [] : entries.slice(-count)
    if (shown.length === 0 && !options.follow) {
      io.out('-- No entries --\n')
      return 0
    }
    if (host !== undefined) io.out(shown.map((e) => line(host, e)).join(''))
    if (options.follow && host !== undefined && units !== 'none')
      follow(host, units, context, entries)
    return 0
  },
}
