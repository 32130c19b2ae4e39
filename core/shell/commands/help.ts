/** `help`: KubeLab's own guide to the terminal, in the learner's language. */
import { message, type MessageKey } from '../messages'
import type { ShellCommand } from '../command'

const ENTRIES: [string, MessageKey][] = [
  ['kubectl …', 'help.kubectl'],
  ['ssh NODE', 'help.ssh'],
  ['(on a node)', 'help.node'],
  ['ls, cat, grep…', 'help.files'],
  ['sleep DURATION', 'help.sleep'],
  ['fault …', 'help.fault'],
  ['why KIND/NAME', 'help.why'],
  ['…', 'help.more'],
]

export const help: ShellCommand = {
  name: 'help',
  run(_args, context, output) {
    const lang = context.language
    const width = Math.max(...ENTRIES.map(([usage]) => usage.length)) + 2
    const lines = ENTRIES.map(([usage, key]) => `  ${usage.padEnd(width)}${message(lang, key)}`)
    output.out(
      `${message(lang, 'help.intro')}\n${lines.join('\n')}\n${message(lang, 'help.outro')}\n`,
    )
    return 0
  },
}
