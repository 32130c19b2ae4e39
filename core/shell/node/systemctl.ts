/**
 * `systemctl` (systemd 255, Ubuntu 24.04) for the lab's units: status, start, stop, restart,
 * is-active, is-enabled, enable, disable, daemon-reload. Stopping kubelet.service stops the
 * simulated kubelet exactly as the fault catalogue does; its containers keep running.
 * Exit statuses are systemd's: status 3 for a unit that is not active, 4 for no such unit, 5 for
 * a start or stop of a unit that is not loaded.
 */
import type { CommandIO, ShellCommand, ShellContext } from '../command'
import { nodeHost, onNode, type NodeHost } from './nodeHost'
import { unitStatus } from './systemctlStatus'
import { activeState, findUnit, startUnit, stopUnit, unitName, UNITS } from './units'

const VERBS = [
  'status',
  'start',
  'stop',
  'restart',
  'is-active',
  'is-enabled',
  'enable',
  'disable',
  'daemon-reload',
]

function each(names: readonly string[], io: CommandIO, work: (name: string) => number): number {
  let status = 0
  for (const name of names) status = Math.max(status, work(name))
  if (names.length === 0) {
    io.err('Too few arguments.\n')
    return 1
  }
  return status
}

function control(
  verb: 'start' | 'stop' | 'restart',
  names: string[],
  host: NodeHost | undefined,
  context: ShellContext,
  io: CommandIO,
): number {
  return each(names, io, (name) => {
    const unit = findUnit(name)
    if (unit === undefined || host === undefined) {
      const why = verb === 'stop' ? 'not loaded' : 'not found'
      io.err(`Failed to ${verb} ${unitName(name)}: Unit ${unitName(name)} ${why}.\n`)
      return 5
    }
    const nowMs = context.host.nowMs()
    if (unit.name === 'ssh' && verb === 'stop') {
      // Ubuntu 24.04 starts sshd from ssh.socket: the next connection starts it again.
      io.err("Stopping 'ssh.service', but its triggering units are still active:\nssh.socket\n")
      return 0
    }
    if (verb !== 'start') stopUnit(host, unit, nowMs)
    if (verb !== 'stop') startUnit(host, unit, nowMs)
    return 0
  })
}

function query(
  verb: 'is-active' | 'is-enabled',
  names: string[],
  host: NodeHost | undefined,
  io: CommandIO,
): number {
  return each(names, io, (name) => {
    const unit = findUnit(name)
    if (verb === 'is-enabled') {
      if (unit === undefined) {
        io.err(`Failed to get unit file state for ${unitName(name)}: No such file or directory\n`)
        return 1
      }
      io.out('enabled\n')
      return 0
    }
    const state =
      unit === undefined || host === undefined ? undefined : activeState(host, unit.name).state
    const text =
      state === 'running' ? 'active' : state === 'auto-restart' ? 'activating' : 'inactive'
    io.out(`${text}\n`)
    return state === 'running' ? 0 : 3
  })
}

export const systemctl: ShellCommand = {
  name: 'systemctl',
  availableOn: onNode,
  run(args, context, io) {
    const words = args.filter((a) => !a.startsWith('-'))
    const [verb = 'list-units', ...names] = words
    const host = nodeHost(context)
    switch (verb) {
      case 'status':
        if (names.length === 0) {
          io.err(
            'Status of the whole system is not shown in the lab: name a unit (kubelet, containerd).\n',
          )
          return 1
        }
        return each(names, io, (name) => unitStatus(name, host, context, io))
      case 'start':
      case 'stop':
      case 'restart':
        return control(verb, names, host, context, io)
      case 'is-active':
      case 'is-enabled':
        return query(verb, names, host, io)
      case 'enable':
      case 'disable':
      case 'daemon-reload':
        return 0
      case 'list-units':
        io.out(
          `  UNIT${' '.repeat(22)}LOAD   ACTIVE SUB     DESCRIPTION\n${UNITS.map((u) => {
            const state = host === undefined ? 'dead' : activeState(host, u.name).state
            const active =
              state === 'running'
                ? 'active  running'
                : state === 'auto-restart'
                  ? 'activating auto-restart'
                  : 'inactive dead   '
            return `  ${`${u.name}.service`.padEnd(26)}loaded ${active} ${u.description}\n`
          }).join('')}\n`,
        )
        return 0
      default:
        io.err(`Unknown command verb '${verb}'.\n`)
        return 1
    }
  },
  complete(words, partial) {
    if (words.length === 0) return VERBS.filter((v) => v.startsWith(partial))
    return UNITS.map((u) => u.name).filter((n) => n.startsWith(partial))
  },
}
