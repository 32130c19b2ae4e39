/** The registry of shell commands, by name. Later issues add kubectl and the node tools here. */
import type { ShellCommand } from '../command'
import { help } from './help'
import { nodes } from './nodes'
import { sleep } from './sleep'

export const COMMANDS: ReadonlyMap<string, ShellCommand> = new Map(
  [help, nodes, sleep].map((command) => [command.name, command]),
)
