/**
 * `kubeadm version` and `kubeadm certs check-expiration` (v1.32). Certificates were issued when
 * the lab's cluster was initialised (the start of the warm-up) for one year, the CAs for ten,
 * as kubeadm does; the residual time follows virtual time.
 */
import { MONTHS } from '../../api/time'
import { versionInfo } from '../../apiserver/discovery'
import type { ShellCommand } from '../command'
import { goTabwriter, onNode, printLines } from './nodeHost'
import { systemdTime } from './timeText'

/** `kubeadm init` ran at the start of the lab's 10-minute warm-up. */
const ISSUED_MS = -600_000
const DAY_MS = 86_400_000
const YEAR_DAYS = 365
const CA_DAYS = 3650

const LEAVES: [string, string][] = [
  ['admin.conf', 'ca'],
  ['apiserver', 'ca'],
  ['apiserver-etcd-client', 'etcd-ca'],
  ['apiserver-kubelet-client', 'ca'],
  ['controller-manager.conf', 'ca'],
  ['etcd-healthcheck-client', 'etcd-ca'],
  ['etcd-peer', 'etcd-ca'],
  ['etcd-server', 'etcd-ca'],
  ['front-proxy-client', 'front-proxy-ca'],
  ['scheduler.conf', 'ca'],
  ['super-admin.conf', 'ca'],
]

/** "Jan 05, 2027 08:50 UTC". */
function expires(ms: number): string {
  const [, date = '', time = ''] = systemdTime(ms).split(' ')
  const [year, month, day] = date.split('-')
  return `${MONTHS[Number(month) - 1]!} ${day}, ${year} ${time.slice(0, 5)} UTC`
}

/** apimachinery's ShortHumanDuration: "364d", "9y". */
function residual(ms: number): string {
  if (ms < 0) return '<invalid>'
  const days = Math.floor(ms / DAY_MS)
  if (days >= 365 * 2) return `${Math.floor(days / 365)}y`
  if (days >= 1) return `${days}d`
  const hours = Math.floor(ms / 3_600_000)
  return hours >= 1 ? `${hours}h` : `${Math.floor(ms / 60_000)}m`
}

export const kubeadm: ShellCommand = {
  name: 'kubeadm',
  availableOn: onNode,
  run(args, context, io) {
    const [verb, sub] = args.filter((a) => !a.startsWith('-'))
    if (verb === 'version') {
      const v = versionInfo()
      io.out(
        `kubeadm version: &version.Info{Major:"${v.major}", Minor:"${v.minor}", EmulationMajor:"", EmulationMinor:"", MinCompatibilityMajor:"", MinCompatibilityMinor:"", GitVersion:"${v.gitVersion}", GitCommit:"${v.gitCommit}", GitTreeState:"clean", BuildDate:"${v.buildDate}", GoVersion:"${v.goVersion}", Compiler:"gc", Platform:"linux/amd64"}\n`,
      )
      return 0
    }
    if (verb !== 'certs' || sub !== 'check-expiration') {
      io.err(
        `unknown command "${[verb, sub].filter(Boolean).join(' ')}" for "kubeadm"\nTo see the stack trace of this error execute with --v=5 or higher\n`,
      )
      return 1
    }
    if (context.machine.role !== 'control-plane') {
      io.err(
        "error reading configuration from the Cluster. Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.\nTo see the stack trace of this error execute with --v=5 or higher\n",
      )
      return 1
    }
    const now = context.host.nowMs()
    const issued = ISSUED_MS
    const leafEnd = issued + YEAR_DAYS * DAY_MS
    const caEnd = issued + CA_DAYS * DAY_MS
    io.out(
      '[check-expiration] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[check-expiration] Use \'kubeadm init phase upload-config --config your-config.yaml\' to re-upload it.\n\n',
    )
    printLines(
      io,
      goTabwriter(
        [
          [
            'CERTIFICATE',
            'EXPIRES',
            'RESIDUAL TIME',
            'CERTIFICATE AUTHORITY',
            'EXTERNALLY MANAGED',
            '',
          ],
          ...LEAVES.map(([name, ca]) => [
            name,
            expires(leafEnd),
            residual(leafEnd - now),
            ca,
            'no',
            '',
          ]),
        ],
        10,
        3,
      ),
    )
    io.out('\n')
    printLines(
      io,
      goTabwriter(
        [
          ['CERTIFICATE AUTHORITY', 'EXPIRES', 'RESIDUAL TIME', 'EXTERNALLY MANAGED', ''],
          ...['ca', 'etcd-ca', 'front-proxy-ca'].map((ca) => [
            ca,
            expires(caEnd),
            residual(caEnd - now),
            'no',
            '',
          ]),
        ],
        10,
        3,
      ),
    )
    return 0
  },
}
