/**
 * The processes of a node that the simulation does not run but every Ubuntu 24.04 node has:
 * kernel threads and the boot-time daemons (journald, udevd, resolved, dbus, cron, sshd…). They
 * make `ps aux` look like a real node's; they never change. Their pids are below the first pid
 * the node's ProcessTable hands out (it starts above 600), so they never collide.
 */
import { SYSTEMD_COMMAND, type ProcessEntry } from '../../node/processTable'

/** When the lab's machines booted: a few seconds before kubeadm started their services. */
export const BOOT_MS = -611_000

export const SSHD_PID = 588
export const RESOLVED_PID = 533

export interface SystemProcess extends ProcessEntry {
  /** What ps' STAT column shows for it. */
  stat: string
  tty: string
  vszKiB: number
  rssKiB: number
}

interface Spec {
  pid: number
  user?: string
  command: string
  stat?: string
  tty?: string
  vszKiB?: number
  rssKiB?: number
}

const KERNEL_THREADS = [
  'kthreadd',
  'pool_workqueue_release',
  'kworker/R-rcu_g',
  'kworker/R-rcu_p',
  'kworker/R-slub_',
  'kworker/R-netns',
  'kworker/0:0H-events_highpri',
  'kworker/R-mm_pe',
  'rcu_tasks_kthread',
  'rcu_tasks_rude_kthread',
  'rcu_tasks_trace_kthread',
]
const PER_CPU_THREADS = ['ksoftirqd', 'migration', 'idle_inject', 'cpuhp']
const LATE_THREADS = [
  'kdevtmpfs',
  'kworker/R-inet_',
  'kauditd',
  'khungtaskd',
  'oom_reaper',
  'kswapd0',
  'jbd2/sda1-8',
]

const DAEMONS: readonly Spec[] = [
  {
    pid: 331,
    command: '/usr/lib/systemd/systemd-journald',
    stat: 'Ss',
    vszKiB: 50_360,
    rssKiB: 16_384,
  },
  {
    pid: 389,
    command: '/usr/lib/systemd/systemd-udevd',
    stat: 'Ss',
    vszKiB: 25_968,
    rssKiB: 6_656,
  },
  {
    pid: 516,
    user: 'systemd-network',
    command: '/usr/lib/systemd/systemd-networkd',
    stat: 'Ss',
    vszKiB: 19_076,
    rssKiB: 9_472,
  },
  {
    pid: RESOLVED_PID,
    user: 'systemd-resolve',
    command: '/usr/lib/systemd/systemd-resolved',
    stat: 'Ss',
    vszKiB: 21_584,
    rssKiB: 12_800,
  },
  {
    pid: 536,
    user: 'systemd-timesync',
    command: '/usr/lib/systemd/systemd-timesyncd',
    stat: 'Ssl',
    vszKiB: 91_020,
    rssKiB: 7_680,
  },
  {
    pid: 561,
    user: 'messagebus',
    command:
      '@dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only',
    stat: 'Ss',
    vszKiB: 9_628,
    rssKiB: 5_248,
  },
  {
    pid: 566,
    command: '/usr/lib/systemd/systemd-logind',
    stat: 'Ss',
    vszKiB: 17_876,
    rssKiB: 8_320,
  },
  { pid: 571, command: '/usr/sbin/cron -f -P', stat: 'Ss', vszKiB: 6_824, rssKiB: 2_688 },
  {
    pid: 574,
    user: 'syslog',
    command: '/usr/sbin/rsyslogd -n -iNONE',
    stat: 'Ssl',
    vszKiB: 222_508,
    rssKiB: 6_016,
  },
  {
    pid: 581,
    command: '/sbin/agetty -o -p -- \\u --noclear - linux',
    stat: 'Ss+',
    tty: 'tty1',
    vszKiB: 6_104,
    rssKiB: 1_920,
  },
  {
    pid: SSHD_PID,
    command: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups',
    stat: 'Ss',
    vszKiB: 12_020,
    rssKiB: 7_808,
  },
]

/** The node's fixed processes, pid 1 included, for a machine with `cpus` CPUs. */
export function systemProcesses(cpus: number, bootMs = BOOT_MS): SystemProcess[] {
  const specs: Spec[] = [
    { pid: 1, command: SYSTEMD_COMMAND, stat: 'Ss', vszKiB: 22_404, rssKiB: 13_312 },
  ]
  let pid = 2
  for (const name of KERNEL_THREADS)
    specs.push({
      pid: pid++,
      command: `[${name}]`,
      stat: name.startsWith('kworker/R') ? 'I<' : 'S',
    })
  for (let cpu = 0; cpu < cpus; cpu++)
    for (const name of PER_CPU_THREADS)
      specs.push({ pid: pid++, command: `[${name}/${cpu}]`, stat: 'S' })
  pid += 20
  for (const name of LATE_THREADS)
    specs.push({
      pid: pid++,
      command: `[${name}]`,
      stat: name.startsWith('kworker/R') ? 'I<' : 'S',
    })
  specs.push(...DAEMONS)
  return specs.map((spec) => ({
    pid: spec.pid,
    ppid:
      spec.pid === 1
        ? 0
        : spec.command.startsWith('[') && spec.pid !== 2
          ? 2
          : spec.pid === 2
            ? 0
            : 1,
    user: spec.user ?? 'root',
    command: spec.command,
    startedAtMs: bootMs + (spec.pid > 300 ? 2_000 + spec.pid * 5 : 0),
    stat: spec.stat ?? 'S',
    tty: spec.tty ?? '?',
    vszKiB: spec.vszKiB ?? 0,
    rssKiB: spec.rssKiB ?? 0,
  }))
}
