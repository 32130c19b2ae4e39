/**
 * `ssh NODE` and `ssh NODE CMD…`: OpenSSH's client as the lab needs it. The connection follows
 * the simulated network (port 22 of the node): a powered-off node answers "No route to host"
 * after the ARP timeout, a partitioned node or a blocked port 22 leaves ssh waiting until the
 * kernel gives up on the connection.
 */
import { LAPTOP, type CommandIO, type MachineView, type ShellHost } from './command'
import type { Frame } from './interpreter'

/** What the kernel waits before EHOSTUNREACH when nobody answers ARP (3 probes). */
const NO_ROUTE_MS = 3_070
/** TCP SYN retries (tcp_syn_retries = 6) before "Connection timed out". */
const CONNECT_TIMEOUT_MS = 130_001

const USAGE = `usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]
           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]
           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]
           [-J destination] [-L address] [-l login_name] [-m mac_spec]
           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]
           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]
           destination [command [argument ...]]
`

export interface SshTarget {
  machine: MachineView
  /** The command to run there, or undefined for a login shell. */
  command: string | undefined
}

/** Parses ssh's arguments and connects; a number is the exit status of a failed attempt. */
export function sshTarget(
  args: string[],
  frame: Frame,
  io: CommandIO,
  host: ShellHost,
): SshTarget | number {
  let i = 0
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    // Options with a value: skip it too (ssh -p 22 node, -i key, -l root, -o X=Y).
    if (/^-[pilFoJEc]$/.test(args[i]!)) i++
  }
  const destination = args[i]
  if (destination === undefined) {
    io.err(USAGE)
    return 255
  }
  const hostname = destination.slice(destination.indexOf('@') + 1)
  const machine =
    host.machine(hostname) ??
    host
      .machines()
      .map((m) => host.machine(m.metadata.name)!)
      .find((m) => m.ip === hostname)
  if (machine === undefined || machine.name === LAPTOP) {
    io.err(`ssh: Could not resolve hostname ${hostname}: Name or service not known\n`)
    return 255
  }
  const failure = connectFailure(frame.context.machine, machine, host)
  if (failure !== undefined) {
    host.advance(failure.afterMs)
    io.err(`ssh: connect to host ${machine.ip} port 22: ${failure.text}\n`)
    return 255
  }
  const command = args.slice(i + 1).join(' ')
  return { machine, command: command === '' ? undefined : command }
}

/** The login banner: Ubuntu's motd, short. */
export function ssh(machine: MachineView, io: CommandIO, host: ShellHost): void {
  const spec = host.machines().find((m) => m.metadata.name === machine.name)?.spec
  if (spec !== undefined)
    io.out(`Welcome to ${spec.osImage} (GNU/Linux ${spec.kernelVersion} x86_64)\n\n`)
}

function connectFailure(
  from: MachineView,
  to: MachineView,
  host: ShellHost,
): { text: string; afterMs: number } | undefined {
  const fabric = host.kubernetes?.network.fabric
  if (fabric === undefined) return undefined
  const why = fabric.whyUnreachable(
    from.name === LAPTOP ? 'outside' : from.name,
    to.name,
    22,
    'TCP',
  )
  if (why === undefined) return undefined
  return why.kind === 'host-down'
    ? { text: 'No route to host', afterMs: NO_ROUTE_MS }
    : { text: 'Connection timed out', afterMs: CONNECT_TIMEOUT_MS }
}
