/**
 * `sleep` as GNU coreutils has it, except that the time is virtual: the lab's clock moves on by
 * the sum of the operands and everything due meanwhile happens, then the prompt returns at once.
 */
import { parseSleepOperand } from '../../format/duration'
import type { ShellCommand } from '../command'

const TRY_HELP = "Try 'sleep --help' for more information.\n"

export const sleep: ShellCommand = {
  name: 'sleep',
  run(args, context, output) {
    if (args.length === 0) {
      output.err(`sleep: missing operand\n${TRY_HELP}`)
      return 1
    }
    let totalMs = 0
    let valid = true
    for (const operand of args) {
      const ms = parseSleepOperand(operand)
      if (ms === undefined) {
        output.err(`sleep: invalid time interval ‘${operand}’\n`)
        valid = false
      } else totalMs += ms
    }
    if (!valid) {
      output.err(TRY_HELP)
      return 1
    }
    context.host.advance(totalMs)
    return 0
  },
}
