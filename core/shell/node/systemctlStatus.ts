/**
 * `systemctl status UNIT` as systemd 255 prints it: the state dot (● active, ○ inactive), the
 * unit file and drop-ins, "Active:" with the time since, the main process, the cgroup's tasks,
 * memory and CPU, the cgroup tree, then the unit's last ten journal lines. Lines are not cut to
 * the terminal's width (as when systemctl writes to a pipe).
 */
import type { CommandIO, ShellContext } from '../command'
import { journalEntries } from './journal'
import type { NodeHost } from './nodeHost'
import { processRows, type ProcessRow } from './processView'
import { journalTime, systemdAgo, systemdBytes, systemdSpan, systemdTime } from './timeText'
import { activeState, findUnit, lastStartMs, unitName, type UnitSpec } from './units'

const JOURNAL_LINES = 10

function header(unit: UnitSpec, dot: string): string[] {
  const lines = [
    `${dot} ${unit.name}.service - ${unit.description}`,
    `     Loaded: loaded (${unit.path}; enabled; preset: enabled)`,
  ]
  if (unit.dropIns !== undefined)
    lines.push(
      `    Drop-In: ${unit.dropIns.dir}`,
      ...unit.dropIns.files.map((f) => `             └─${f}`),
    )
  return lines
}

function docs(unit: UnitSpec): string[] {
  return unit.docs.map((d, i) => `${i === 0 ? '       Docs:' : '            '} ${d}`)
}

/** The unit's cgroup: its main process, and for containerd the shims KillMode=process keeps. */
function cgroup(
  unit: UnitSpec,
  rows: readonly ProcessRow[],
  mainPid: number | undefined,
): ProcessRow[] {
  const members = rows.filter(
    (r) => r.pid === mainPid || (unit.name === 'containerd' && r.comm === 'containerd-shim'),
  )
  return members
}

function cgroupLines(unit: UnitSpec, members: readonly ProcessRow[]): string[] {
  if (members.length === 0) return []
  return [
    `     CGroup: /system.slice/${unit.name}.service`,
    ...members.map(
      (m, i) => `             ${i === members.length - 1 ? '└─' : '├─'}${m.pid} ${m.command}`,
    ),
  ]
}

function resources(unit: UnitSpec, members: readonly ProcessRow[], ramMiB: number): string[] {
  const memory =
    unit.memoryBytes + members.filter((m) => m.comm === 'containerd-shim').length * 9_700_000
  const tasks = unit.tasks + members.filter((m) => m.comm === 'containerd-shim').length * 10
  const cpuMs = members.reduce((sum, m) => sum + m.cpuMs, 0)
  return [
    `      Tasks: ${tasks} (limit: ${Math.floor(ramMiB * 1.1229)})`,
    `     Memory: ${systemdBytes(memory)} (peak: ${systemdBytes(Math.round(memory * 1.06))})`,
    `        CPU: ${systemdSpan(Math.round(cpuMs))}`,
  ]
}

function journalLines(host: NodeHost, unit: UnitSpec): string[] {
  if (unit.name !== 'kubelet' && unit.name !== 'containerd') return []
  const machine = host.node.machine.metadata.name
  const entries = journalEntries(host, [unit.name]).slice(-JOURNAL_LINES)
  if (entries.length === 0) return []
  return ['', ...entries.map((e) => `${journalTime(e.atMs)} ${machine} ${e.source}: ${e.text}`)]
}

/** Prints the status of one unit; returns systemctl's exit status for it. */
export function unitStatus(
  name: string,
  host: NodeHost | undefined,
  context: ShellContext,
  io: CommandIO,
): number {
  const unit = findUnit(name)
  if (unit === undefined || host === undefined) {
    io.err(`Unit ${unitName(name)} could not be found.\n`)
    return 4
  }
  const nowMs = context.host.nowMs()
  const entries =
    unit.name === 'kubelet' || unit.name === 'containerd' ? journalEntries(host, [unit.name]) : []
  const state = activeState(host, unit.name, entries.at(-1)?.atMs)
  const rows = processRows(host, nowMs)
  const ramMiB = host.node.machine.spec.memoryMiB
  const since = (ms: number | undefined): string =>
    ms === undefined ? '' : ` since ${systemdTime(ms)}; ${systemdAgo(nowMs - ms)}`
  const lines: string[] = []
  if (state.state === 'running') {
    const members = cgroup(unit, rows, state.pid)
    lines.push(
      ...header(unit, '●'),
      `     Active: active (running)${since(state.sinceMs)}`,
      ...docs(unit),
    )
    if (unit.name === 'containerd')
      lines.push(
        `    Process: ${state.pid - 1} ExecStartPre=/sbin/modprobe overlay (code=exited, status=0/SUCCESS)`,
      )
    lines.push(
      `   Main PID: ${state.pid} (${unit.comm})`,
      ...resources(unit, members, ramMiB),
      ...cgroupLines(unit, members),
    )
  } else if (state.state === 'auto-restart') {
    const own = entries.filter((e) => e.source !== 'systemd[1]').at(-1)
    const pid = /\[(\d+)\]$/.exec(own?.source ?? '')?.[1] ?? '0'
    lines.push(
      ...header(unit, '●'),
      `     Active: activating (auto-restart) (Result: exit-code)${since(state.sinceMs)}`,
      ...docs(unit),
      `    Process: ${pid} ExecStart=${unit.execStart} (code=exited, status=1/FAILURE)`,
      `   Main PID: ${pid} (code=exited, status=1/FAILURE)`,
      '        CPU: 61ms',
    )
  } else {
    const members = cgroup(unit, rows, undefined)
    const started = lastStartMs(host, unit.name)
    lines.push(...header(unit, '○'), `     Active: inactive (dead)${since(state.sinceMs)}`)
    if (started !== undefined && state.sinceMs !== undefined)
      lines.push(`   Duration: ${systemdSpan(state.sinceMs - started)}`)
    lines.push(...docs(unit))
    if (state.lastPid !== undefined)
      lines.push(
        `    Process: ${state.lastPid} ExecStart=${unit.execStart} (code=exited, status=0/SUCCESS)`,
        `   Main PID: ${state.lastPid} (code=exited, status=0/SUCCESS)`,
      )
    if (members.length > 0)
      lines.push(...resources(unit, members, ramMiB), ...cgroupLines(unit, members))
  }
  lines.push(...journalLines(host, unit))
  io.out(lines.map((l) => `${l}\n`).join(''))
  return state.state === 'running' ? 0 : 3
}
