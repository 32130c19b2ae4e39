/**
 * A node's systemd journal for the lab's units: the kubelet's and containerd's own output
 * (cluster.logs), interleaved with systemd's lines about the units — those the shell recorded
 * (systemctl stop) and those implied by the daemons' output (a kubelet that printed "command
 * failed" exited with status 1 and was restarted by systemd 10 s later; a kubelet that printed
 * its version had just been started).
 *
 * Entries are ordered by time, then by the order they were written.
 */
import type { NodeHost } from './nodeHost'
import { lineTimeMs } from './timeText'
import { lastPid, mainProcess, systemdJournal, UNITS, type UnitName } from './units'

export interface JournalEntry {
  atMs: number
  /** "kubelet[1094]", "systemd[1]". */
  source: string
  text: string
  /** Tie-breaker for entries written in the same millisecond. */
  order: number
}

const KLOG_PID = /^[IWEF]\d{4} [\d:.]+\s+(\d+) /

function describe(unit: UnitName): string {
  return UNITS.find((u) => u.name === unit)!.description
}

function kubeletEntries(host: NodeHost): JournalEntry[] {
  const lines = host.cluster.logs.tail(`kubelet-${host.node.machine.metadata.name}`)
  const entries: JournalEntry[] = []
  let failures = 0
  let lastMs = 0
  lines.forEach((text, i) => {
    const atMs = lineTimeMs(text) ?? lastMs
    lastMs = atMs
    const pid = KLOG_PID.exec(text)?.[1] ?? '0'
    const order = i * 4
    if (text.includes('"Kubelet version"')) {
      if (failures > 0)
        entries.push({
          atMs,
          source: 'systemd[1]',
          text: `kubelet.service: Scheduled restart job, restart counter is at ${failures}.`,
          order: order - 2,
        })
      entries.push({
        atMs,
        source: 'systemd[1]',
        text: `Started kubelet.service - ${describe('kubelet')}.`,
        order: order - 1,
      })
    }
    entries.push({ atMs, source: `kubelet[${pid}]`, text, order })
    if (text.includes('"command failed"')) {
      failures++
      entries.push(
        {
          atMs,
          source: 'systemd[1]',
          text: 'kubelet.service: Main process exited, code=exited, status=1/FAILURE',
          order: order + 1,
        },
        {
          atMs,
          source: 'systemd[1]',
          text: "kubelet.service: Failed with result 'exit-code'.",
          order: order + 2,
        },
      )
    } else if (text.includes('"Starting kubelet"')) failures = 0
  })
  return entries
}

function containerdEntries(host: NodeHost): JournalEntry[] {
  const lines = host.cluster.logs.tail(`containerd-${host.node.machine.metadata.name}`)
  // containerd's lines carry no pid: the journal shows the daemon's current (or last) one.
  const pid = mainProcess(host, 'containerd')?.pid ?? lastPid(host, 'containerd') ?? '?'
  const entries: JournalEntry[] = []
  let lastMs = 0
  lines.forEach((text, i) => {
    const atMs = lineTimeMs(text) ?? lastMs
    lastMs = atMs
    const order = i * 4
    if (text.includes('msg="starting containerd"'))
      entries.push({
        atMs,
        source: 'systemd[1]',
        text: `Starting containerd.service - ${describe('containerd')}...`,
        order: order - 1,
      })
    entries.push({ atMs, source: `containerd[${pid}]`, text, order })
    if (text.includes('containerd successfully booted'))
      entries.push({
        atMs,
        source: 'systemd[1]',
        text: `Started containerd.service - ${describe('containerd')}.`,
        order: order + 1,
      })
  })
  return entries
}

/** The journal of one unit (or of every lab unit), oldest first. */
export function journalEntries(host: NodeHost, units: readonly UnitName[]): JournalEntry[] {
  const entries: JournalEntry[] = []
  for (const unit of units) {
    if (unit === 'kubelet') entries.push(...kubeletEntries(host))
    if (unit === 'containerd') entries.push(...containerdEntries(host))
    // systemd's own lines sort after what the daemon wrote in the same millisecond.
    for (const line of systemdJournal(host, unit))
      entries.push({ atMs: line.atMs, source: line.source, text: line.text, order: line.order })
  }
  return entries.sort((a, b) => a.atMs - b.atMs || a.order - b.order)
}
