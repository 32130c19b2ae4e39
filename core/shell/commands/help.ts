/** `help`: KubeLab's own list of commands, in the learner's language. */
import { message, type MessageKey } from '../messages'
import type { ShellCommand } from '../command'

const ENTRIES: [string, MessageKey][] = [
  ['help', 'help.help'],
  ['sleep DURATION', 'help.sleep'],
  ['exit [N]', 'help.exit'],
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
