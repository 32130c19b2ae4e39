/**
 * `reboot` and `poweroff` on a node: the machine powers off through the fault layer (every
 * process dies, the node leaves the network, as the machine/power-off fault does); a reboot
 * powers it on again after BOOT_MS of virtual time, when containerd and the kubelet start and
 * bring the static pods and DaemonSet pods back. systemd's wall message goes to the terminal and
 * the ssh connection drops.

 */
import type { ShellCommand, ShellContext, CommandIO } from '../command'
import { nodeHost, onNode } from './nodeHost'
import { systemdTime } from './timeText'

/** From power-off to containerd and the kubelet running again. */
export const BOOT_MS = 45_000

function shutdown(kind: 'reboot' | 'power-off', context: ShellContext, io: CommandIO): number {
  const host = nodeHost(context)
  if (host === undefined) return 0
  const machine = context.machine.name
  const verb = kind === 'reboot' ? 'reboot' : 'power-off'
  io.out(
    `\nBroadcast message from root@${machine} on pts/1 (${systemdTime(context.host.nowMs())}):\n\nThe system will ${verb} now!\n\n`,
  )
  const fault = context.host.faults.apply('machine/power-off', { kind: 'machine', machine })
  if (kind === 'reboot')
    host.node.kubelet.clock.schedule(BOOT_MS, `reboot ${machine}`, () => {
      if (context.host.faults.list().some((f) => f.id === fault.id))
        context.host.faults.heal(fault.id)
    })
  io.err(`Connection to ${machine} closed by remote host.\nConnection to ${machine} closed.\n`)
  context.disconnect()
  return 255
}

export const reboot: ShellCommand = {
  name: 'reboot',
  availableOn: onNode,
  run: (_args, context, io) => shutdown('reboot', context, io),
}

export const poweroff: ShellCommand = {
  name: 'poweroff',
  availableOn: onNode,
  run: (_args, context, io) => shutdown('power-off', context, io),
}
