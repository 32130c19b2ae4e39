/** The tools installed on the lab's nodes: systemctl, journalctl, crictl, etcdctl, ps, ss, … */
import type { ShellCommand } from '../command'

export const NODE_COMMANDS: readonly ShellCommand[] = []
