/**
 * Serves a simulation over a port: validates each message, runs its command, posts one reply,
 * and forwards every simulation event. Hosts (workers, tests) only bind a port to this. The lab
 * host behind it may swap the simulation for a lab's; `serve` returns the first one.
 */
import type { Catalogue } from '../labs/catalogue'
import { LabHost } from '../labs/host'
import type { ClientMessage, Command, HostPort, ReplyError } from '../protocol'
import { CommandError, type Simulation, type SimulationOptions } from '../simulation'

const NO_LABS: Catalogue = { labs: [], problems: [] }

export function serve(
  port: HostPort,
  options: SimulationOptions,
  catalogue: Catalogue = NO_LABS,
): Simulation {
  return serveLabs(port, options, catalogue).simulation
}

/** Like serve, returning the lab host itself (its simulation changes as labs start and end). */
export function serveLabs(
  port: HostPort,
  options: SimulationOptions,
  catalogue: Catalogue = NO_LABS,
): LabHost {
  const host = new LabHost(options, catalogue, (event) => port.post({ type: 'event', event }))
  port.onMessage((message) => {
    if (!isClientMessage(message)) return
    const { id, command } = message
    try {
      const result = host.handle(command)
      port.post({ type: 'reply', id, ok: true, result })
    } catch (error) {
      port.post({ type: 'reply', id, ok: false, error: toReplyError(error) })
    }
  })
  return host
}
function isClientMessage(message: unknown): message is ClientMessage {
  if (typeof message !== 'object' || message === null) return false
  const m = message as { type?: unknown; id?: unknown; command?: unknown }
  const command = m.command as Partial<Command> | null | undefined
  return (
    m.type === 'command' &&
    Number.isInteger(m.id) &&
    typeof command === 'object' &&
    command !== null &&
    typeof command.kind === 'string'
  )
}

function toReplyError(error: unknown): ReplyError {
  if (error instanceof CommandError) return { code: error.code, message: error.message }
  if (error instanceof Error) return { code: error.name, message: error.message }
  return { code: 'Error', message: String(error) }
}
