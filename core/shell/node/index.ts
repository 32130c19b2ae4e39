/** The tools installed on the lab's nodes: systemctl, journalctl, crictl, etcdctl, ps, ss, … */
import type { ShellCommand } from '../command'
import { crictl } from './crictl'
import { ctr } from './ctr'
import { curl } from './curl'
import { etcdctl } from './etcdctl'
import { ip } from './ip'
import { iptables, iptablesSave } from './iptables'
import { journalctl } from './journalctl'
import { kubeadm } from './kubeadm'
import { kill } from './kill'
import { poweroff, reboot } from './power'
import { ps } from './ps'
import { ss } from './ss'
import { systemctl } from './systemctl'

export const NODE_COMMANDS: readonly ShellCommand[] = [
  systemctl,
  journalctl,
  crictl,
  ctr,
  ps,
  kill,
  ss,
  curl,
  ip,
  iptables,
  iptablesSave,
  etcdctl,
  kubeadm,
  reboot,
  poweroff,
]
