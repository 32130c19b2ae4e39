/** Reading a filter's input: its file operands, or standard input ("-" or none), as coreutils do. */
import type { CommandIO, ShellContext } from '../command'
import { FsError } from '../fileSystem'

export interface Input {
  name: string
  text: string
}

/** The inputs in order; a missing file prints "TOOL: f: No such file or directory" and is skipped. */
export function readInputs(
  tool: string,
  operands: readonly string[],
  context: ShellContext,
  io: CommandIO,
): { inputs: Input[]; failed: boolean } {
  if (operands.length === 0)
    return { inputs: [{ name: '(standard input)', text: io.stdin }], failed: false }
  const inputs: Input[] = []
  let failed = false
  for (const operand of operands) {
    if (operand === '-') {
      inputs.push({ name: '(standard input)', text: io.stdin })
      continue
    }
    try {
      inputs.push({ name: operand, text: context.fs.read(context.resolve(operand)).text })
    } catch (error) {
      if (!(error instanceof FsError)) throw error
      io.err(`${tool}: ${operand}: ${error.text}\n`)
      failed = true
    }
  }
  return { inputs, failed }
}

/** Lines of a text, without the empty string after its final newline. */
export function linesOf(text: string): string[] {
  if (text === '') return []
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines
}
