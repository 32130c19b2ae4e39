/** The registry of shell commands, by name: coreutils, the lab's own commands, kubectl, node tools. */
import type { ShellCommand } from '../command'
import { kubectl } from '../kubectl/kubectl'
import { NODE_COMMANDS } from '../node/index'
import { help } from './help'
import { sleep } from './sleep'

export const COMMANDS: ReadonlyMap<string, ShellCommand> = new Map(
  [help, sleep, kubectl, ...NODE_COMMANDS].map((command) => [command.name, command]),
)
