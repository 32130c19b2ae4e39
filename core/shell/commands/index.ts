/** The registry of shell commands, by name: coreutils, the lab's own commands, kubectl, node tools. */
import type { ShellCommand } from '../command'
import { kubectl } from '../kubectl/kubectl'
import { NODE_COMMANDS } from '../node/index'
import { awk } from './awk'
import { FILE_COMMANDS } from './files'
import { FILTER_COMMANDS } from './filters'
import { help } from './help'
import { LAB_COMMANDS } from './lab'
import { sed } from './sed'
import { sleep } from './sleep'
import { SYSTEM_COMMANDS } from './system'

export const COMMANDS: ReadonlyMap<string, ShellCommand> = new Map(
  [
    help,
    sleep,
    kubectl,
    awk,
    sed,
    ...FILE_COMMANDS,
    ...FILTER_COMMANDS,
    ...SYSTEM_COMMANDS,
    ...LAB_COMMANDS,
    ...NODE_COMMANDS,
  ].map((command) => [command.name, command]),
)
