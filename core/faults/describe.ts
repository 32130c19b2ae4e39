/** A fault as a "why?" reason on what it hit: "kube-scheduler on cp-1 stopped at 00:00:12 …". */
import type { Reason } from '../explain/explain'
import { formatClock } from '../format/duration'
import type { ActiveFault } from './faults'

const HOW: Record<string, string> = {
  'process/stop': 'was stopped',
  'process/kill': 'was killed (SIGKILL)',
  'process/restart': 'was restarted',
  'machine/power-off': 'was powered off',
  'machine/partition': 'was cut off from the other machines',
  'machine/partition-control-plane': 'was cut off from the control plane',
  'port/block': 'had a port blocked',
  'registry/unreachable': 'lost its image registry',
  'container/kill': 'had its container killed (SIGKILL)',
  'node/memory-pressure': 'ran low on memory',
  'node/disk-pressure': 'ran low on disk',
}

export function subjectOf(fault: ActiveFault): string {
  const target = fault.target
  if (target.kind === 'component') return `Component ${target.type}-${target.machine}`
  if (target.kind === 'pod') return `Pod ${target.namespace}/${target.name}`
  return `Machine ${target.machine}`
}

export function describeFault(
  fault: ActiveFault,
  what: 'applied' | 'healed',
): Omit<Reason, 'atMs'> {
  const target = fault.target
  const name =
    target.kind === 'component'
      ? `${target.type} on ${target.machine}`
      : target.kind === 'port'
        ? `${target.machine} (port ${target.port}/${target.protocol})`
        : target.kind === 'pod'
          ? `pod ${target.namespace}/${target.name}`
          : target.machine
  const at = formatClock(Math.max(0, fault.sinceMs))
  return {
    component: 'lab',
    subject: subjectOf(fault),
    code: what === 'applied' ? 'FaultApplied' : 'FaultHealed',
    summary:
      what === 'applied'
        ? `${name} ${HOW[fault.kind] ?? 'was broken'} at ${at} (fault ${fault.kind}, ${fault.id}).`
        : `${name} was repaired (fault ${fault.id} healed).`,
    details: fault,
  }
}
