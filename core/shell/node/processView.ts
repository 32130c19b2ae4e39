/**
 * A node's processes as procps reads them from /proc: the simulation's ProcessTable (containerd,
 * the kubelet, shims, pause processes and containers) merged with the fixed system processes,
 * each with the figures ps prints (memory, CPU time, state) and its comm (the 15-character name
 * `ps -e`, `ss -p` and systemd show).
 *
 * Figures the simulation does not model (CPU time, virtual size) are steady per-program rates and
 * sizes, so two runs with the same seed print the same table.
 */
import type { ProcessEntry } from '../../node/processTable'
import type { NodeHost } from './nodeHost'
import { SSHD_PID, systemProcesses } from './systemProcesses'

export interface ProcessRow {
  pid: number
  ppid: number
  user: string
  command: string
  /** /proc/PID/comm: the executable's base name, at most 15 characters. */
  comm: string
  startedAtMs: number
  vszKiB: number
  rssKiB: number
  stat: string
  tty: string
  /** CPU milliseconds used so far. */
  cpuMs: number
}

/** Virtual size, resident size (KiB) and CPU share of the programs a node runs. */
const PROFILES: Record<string, { vsz: number; rss: number; cpu: number; stat: string }> = {
  containerd: { vsz: 1_874_436, rss: 47_104, cpu: 0.006, stat: 'Ssl' },
  kubelet: { vsz: 1_932_712, rss: 79_360, cpu: 0.018, stat: 'Ssl' },
  'containerd-shim': { vsz: 1_233_652, rss: 13_056, cpu: 0.0004, stat: 'Sl' },
  pause: { vsz: 1_020, rss: 512, cpu: 0, stat: 'Ss' },
  etcd: { vsz: 11_215_508, rss: 61_440, cpu: 0.021, stat: 'Ssl' },
  'kube-apiserver': { vsz: 1_581_540, rss: 301_824, cpu: 0.034, stat: 'Ssl' },
  'kube-controller': { vsz: 1_331_876, rss: 103_168, cpu: 0.011, stat: 'Ssl' },
  'kube-scheduler': { vsz: 1_291_776, rss: 60_928, cpu: 0.003, stat: 'Ssl' },
  'kube-proxy': { vsz: 1_293_220, rss: 51_712, cpu: 0.001, stat: 'Ssl' },
  weaver: { vsz: 1_447_936, rss: 72_704, cpu: 0.003, stat: 'Ssl' },
  'weave-npc': { vsz: 741_632, rss: 40_448, cpu: 0.001, stat: 'Ssl' },
  coredns: { vsz: 760_576, rss: 31_232, cpu: 0.002, stat: 'Ssl' },
  nginx: { vsz: 11_404, rss: 7_424, cpu: 0, stat: 'Ss' },
  httpd: { vsz: 5_936, rss: 4_736, cpu: 0, stat: 'Ss' },
  'redis-server': { vsz: 53_476, rss: 9_856, cpu: 0.001, stat: 'Ssl' },
}
const DEFAULT_PROFILE = { vsz: 4_412, rss: 1_664, cpu: 0, stat: 'Ss' }

/** The executable's name as the kernel keeps it (TASK_COMM_LEN 16: 15 characters). */
export function commOf(command: string): string {
  if (command.startsWith('nginx:')) return 'nginx'
  if (command.startsWith('sshd:')) return 'sshd'
  if (command.startsWith('@dbus-daemon')) return 'dbus-daemon'
  if (command.startsWith('[')) return command.slice(1, -1).slice(0, 15)
  const first = command.replace(/^-/, '').split(' ')[0] ?? ''
  return first.slice(first.lastIndexOf('/') + 1).slice(0, 15)
}

function row(entry: ProcessEntry, nowMs: number, ramKiB: number): ProcessRow {
  const comm = commOf(entry.command)
  const profile = PROFILES[comm] ?? DEFAULT_PROFILE
  const measured = Math.round((entry.control?.memoryBytes() ?? 0) / 1024)
  const rssKiB = Math.min(measured > 0 ? measured : profile.rss, ramKiB)
  return {
    pid: entry.pid,
    ppid: entry.ppid,
    user: entry.user,
    command: entry.command,
    comm,
    startedAtMs: entry.startedAtMs,
    vszKiB: Math.max(profile.vsz, rssKiB),
    rssKiB,
    // procps' state letter first: T (stopped by job control) replaces S, the flags stay.
    stat: entry.control?.stopped === true ? `T${profile.stat.slice(1)}` : profile.stat,
    tty: '?',
    cpuMs: Math.max(0, nowMs - entry.startedAtMs) * profile.cpu,
  }
}

/** Every process of the node now, by pid. */
export function processRows(host: NodeHost, nowMs: number): ProcessRow[] {
  const spec = host.node.machine.spec
  const ramKiB = spec.memoryMiB * 1024
  const fixed: ProcessRow[] = systemProcesses(spec.cpuCores).map((p) => ({
    ...p,
    comm: commOf(p.command),
    cpuMs: p.pid === 1 ? Math.max(0, nowMs - p.startedAtMs) * 0.0004 : 0,
  }))
  const live = host.node.processes
    .list()
    .filter((p) => p.pid !== 1)
    .map((p) => sessionFixes(row(p, nowMs, ramKiB)))
  return [...fixed, ...live].sort((a, b) => a.pid - b.pid)
}

const SESSION_SSHD = 'sshd: root@pts/0'
const LOGIN_SHELL = '-bash'

/**
 * Runs `run` while the learner's ssh session and the command itself are processes of the node
 * (`ps aux` lists itself under -bash, as the real one does); they leave the table afterwards.
 */
export function withSession(host: NodeHost, command: string, run: (selfPid: number) => void): void {
  const table = host.node.processes
  const sshd = table.spawn(1, SESSION_SSHD)
  const bash = table.spawn(sshd.pid, LOGIN_SHELL)
  const self = table.spawn(bash.pid, command)
  try {
    run(self.pid)
  } finally {
    for (const pid of [self.pid, bash.pid, sshd.pid]) table.exit(pid)
  }
}

/** The session's processes hang under sshd's listener and sit on the terminal. */
function sessionFixes(row: ProcessRow): ProcessRow {
  if (row.command === SESSION_SSHD)
    return { ...row, ppid: SSHD_PID, stat: 'Ss', vszKiB: 14_756, rssKiB: 9_216 }
  if (row.command === LOGIN_SHELL)
    return { ...row, stat: 'Ss', tty: 'pts/0', vszKiB: 8_648, rssKiB: 5_376 }
  return row
}
