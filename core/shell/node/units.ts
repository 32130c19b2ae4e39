/**
 * The systemd units of a lab node, as `systemctl` and `journalctl` see them. kubelet.service and
 * containerd.service are the simulation's own processes (stopping one is Kubelet.stop(), as the
 * fault catalogue does it); ssh.service and systemd-resolved.service are the Ubuntu daemons a
 * learner meets on every node, always running.
 *
 * Invariants:
 * 1. A unit's state is read from the simulation every time (the process table and the
 *    component's wanted state), never cached: a fault that stops the kubelet shows in
 *    `systemctl status` at once.
 * 2. What only systemd knows (when a unit was stopped, its own journal lines "Stopping …",
 *    "Deactivated successfully") is kept per cluster and machine, bounded, and only for what the
 *    shell did; a stop by a fault has no "since" (the lab cannot tell when systemd noticed).
 */
import { KUBELET_COMMAND } from '../../node/kubelet'
import { CONTAINERD_COMMAND } from '../../node/containerd'
import type { KubernetesCluster } from '../../kubernetes/cluster'
import type { ProcessEntry } from '../../node/processTable'
import type { NodeHost } from './nodeHost'
import { SSHD_PID, RESOLVED_PID, BOOT_MS } from './systemProcesses'

export type UnitName = 'kubelet' | 'containerd' | 'ssh' | 'systemd-resolved'

export interface UnitSpec {
  name: UnitName
  description: string
  /** The unit file. */
  path: string
  dropIns?: { dir: string; files: string[] }
  docs: string[]
  /** The process' comm, as `Main PID: 812 (kubelet)` names it. */
  comm: string
  /** ExecStart as the unit file writes it (shown on the "Process:" line once it exited). */
  execStart: string
  /** Baseline memory of the service's cgroup, in bytes. */
  memoryBytes: number
  tasks: number
}

export const UNITS: readonly UnitSpec[] = [
  {
    name: 'kubelet',
    description: 'kubelet: The Kubernetes Node Agent',
    path: '/usr/lib/systemd/system/kubelet.service',
    dropIns: { dir: '/usr/lib/systemd/system/kubelet.service.d', files: ['10-kubeadm.conf'] },
    docs: ['https://kubernetes.io/docs/'],
    comm: 'kubelet',
    execStart:
      '/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS',
    memoryBytes: 47_600_000,
    tasks: 13,
  },
  {
    name: 'containerd',
    description: 'containerd container runtime',
    path: '/usr/lib/systemd/system/containerd.service',
    docs: ['https://containerd.io'],
    comm: 'containerd',
    execStart: '/usr/bin/containerd',
    memoryBytes: 41_900_000,
    tasks: 10,
  },
  {
    name: 'ssh',
    description: 'OpenBSD Secure Shell server',
    path: '/usr/lib/systemd/system/ssh.service',
    docs: ['man:sshd(8)', 'man:sshd_config(5)'],
    comm: 'sshd',
    execStart: '/usr/sbin/sshd -D $SSHD_OPTS',
    memoryBytes: 5_400_000,
    tasks: 1,
  },
  {
    name: 'systemd-resolved',
    description: 'Network Name Resolution',
    path: '/usr/lib/systemd/system/systemd-resolved.service',
    docs: [
      'man:systemd-resolved.service(8)',
      'man:org.freedesktop.resolve1(5)',
      'https://www.freedesktop.org/wiki/Software/systemd/writing-network-configuration-managers',
      'https://www.freedesktop.org/wiki/Software/systemd/writing-resolver-clients',
    ],
    comm: 'systemd-resolve',
    execStart: '/usr/lib/systemd/systemd-resolved',
    memoryBytes: 6_100_000,
    tasks: 1,
  },
]

/** "kubelet", "kubelet.service" → the unit; anything else is not loaded. */
export function findUnit(name: string): UnitSpec | undefined {
  const base = name.endsWith('.service') ? name.slice(0, -'.service'.length) : name
  return UNITS.find((u) => u.name === base || (base === 'sshd' && u.name === 'ssh'))
}

/** The unit's full name as systemd prints it: "foo" → "foo.service". */
export function unitName(name: string): string {
  return /\.[a-z]+$/.test(name) ? name : `${name}.service`
}

export type ActiveState =
  | { state: 'running'; pid: number; sinceMs: number }
  | { state: 'auto-restart'; sinceMs: number | undefined }
  | { state: 'dead'; sinceMs: number | undefined; lastPid: number | undefined }

interface Memory {
  stoppedAtMs?: number
  lastPid?: number
  lastStartMs?: number
  /** systemd's own journal lines for the unit ("Stopping …"). */
  journal: { atMs: number; source: string; text: string; order: number }[]
}

const MAX_JOURNAL = 200
const memories = new WeakMap<KubernetesCluster, Map<string, Memory>>()

function memoryOf(host: NodeHost, unit: UnitName): Memory {
  let byUnit = memories.get(host.cluster)
  if (byUnit === undefined) memories.set(host.cluster, (byUnit = new Map()))
  const key = `${host.node.machine.metadata.name}/${unit}`
  let memory = byUnit.get(key)
  if (memory === undefined) byUnit.set(key, (memory = { journal: [] }))
  return memory
}

/** systemd's own journal lines for a unit, oldest first. */
export function systemdJournal(host: NodeHost, unit: UnitName): Memory['journal'] {
  return memoryOf(host, unit).journal
}

/**
 * Appends one of systemd's lines. Its order places it after the daemon's lines written so far and
 * before the next one (journal.ts numbers the daemon's line i as 4·i).
 */
function record(host: NodeHost, unit: UnitName, atMs: number, text: string): void {
  const journal = memoryOf(host, unit).journal
  const written = host.cluster.logs.tail(`${unit}-${host.node.machine.metadata.name}`).length
  const order = written * 4 - 2.5 + journal.length / 1e6
  journal.push({ atMs, source: 'systemd[1]', text, order })
  if (journal.length > MAX_JOURNAL) journal.splice(0, journal.length - MAX_JOURNAL)
}

export function mainProcess(host: NodeHost, unit: UnitName): ProcessEntry | undefined {
  const command =
    unit === 'kubelet' ? KUBELET_COMMAND : unit === 'containerd' ? CONTAINERD_COMMAND : undefined
  if (command === undefined) return undefined
  return host.node.processes.list().find((p) => p.command === command && p.ppid === 1)
}

/** The unit's state now (invariant 1). */
export function activeState(host: NodeHost, unit: UnitName, lastLogMs?: number): ActiveState {
  const memory = memoryOf(host, unit)
  if (unit === 'ssh' || unit === 'systemd-resolved') {
    if (memory.stoppedAtMs !== undefined && unit === 'systemd-resolved')
      return { state: 'dead', sinceMs: memory.stoppedAtMs, lastPid: RESOLVED_PID }
    return { state: 'running', pid: unit === 'ssh' ? SSHD_PID : RESOLVED_PID, sinceMs: BOOT_MS }
  }
  const process = mainProcess(host, unit)
  if (process !== undefined)
    return { state: 'running', pid: process.pid, sinceMs: process.startedAtMs }
  const wanted = unit === 'kubelet' ? host.node.kubelet.running : host.node.containerd.running
  if (wanted) return { state: 'auto-restart', sinceMs: lastLogMs }
  return { state: 'dead', sinceMs: memory.stoppedAtMs, lastPid: memory.lastPid }
}

/** The main pid of the unit's last run, once it stopped. */
export function lastPid(host: NodeHost, unit: UnitName): number | undefined {
  return memoryOf(host, unit).lastPid
}

/** When the unit last started (for "Duration:" once it stopped). */
export function lastStartMs(host: NodeHost, unit: UnitName): number | undefined {
  return memoryOf(host, unit).lastStartMs
}

export function stopUnit(host: NodeHost, unit: UnitSpec, nowMs: number): void {
  const state = activeState(host, unit.name)
  if (state.state === 'dead') return
  const memory = memoryOf(host, unit.name)
  if (state.state === 'running') {
    memory.lastPid = state.pid
    memory.lastStartMs = state.sinceMs
  }
  record(host, unit.name, nowMs, `Stopping ${unit.name}.service - ${unit.description}...`)
  if (unit.name === 'kubelet') host.node.kubelet.stop()
  else if (unit.name === 'containerd') host.node.containerd.stop()
  memory.stoppedAtMs = nowMs
  record(host, unit.name, nowMs, `${unit.name}.service: Deactivated successfully.`)
  record(host, unit.name, nowMs, `Stopped ${unit.name}.service - ${unit.description}.`)
}

export function startUnit(host: NodeHost, unit: UnitSpec, nowMs: number): void {
  if (activeState(host, unit.name).state === 'running') return
  const memory = memoryOf(host, unit.name)
  delete memory.stoppedAtMs
  if (unit.name === 'containerd') {
    // KillMode=process left the shims in the service's cgroup: systemd says so on start.
    for (const pid of host.node.containerd.shimPids()) {
      record(
        host,
        unit.name,
        nowMs,
        `containerd.service: Found left-over process ${pid} (containerd-shim) in control group while starting unit. Ignoring.`,
      )
      record(
        host,
        unit.name,
        nowMs,
        'This usually indicates unclean termination of a previous run, or service implementation deficiencies.',
      )
    }
    // containerd's "starting containerd" line tells journal.ts it started.
    host.node.containerd.start()
    return
  }
  if (unit.name === 'kubelet') {
    // The kubelet's "Kubelet version" line tells journal.ts it started.
    host.node.kubelet.start()
    return
  }
  record(host, unit.name, nowMs, `Started ${unit.name}.service - ${unit.description}.`)
}
