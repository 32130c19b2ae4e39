/**
 * Short options as GNU tools take them: `-la` = `-l -a`, `-n 5` / `-n5`, `--lines=5`, `--` ends
 * options. Each tool says which letters take a value. An unknown option gives the tool's own
 * "invalid option" text.
 */

export interface ToolOptions {
  flags: Set<string>
  values: Map<string, string>
  operands: string[]
}

export type OptionResult = ToolOptions | { error: string }

export function parseOptions(
  tool: string,
  args: readonly string[],
  spec: { flags: string; withValue?: string; long?: Record<string, string> },
): OptionResult {
  const flags = new Set<string>()
  const values = new Map<string, string>()
  const operands: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--') {
      operands.push(...args.slice(i + 1))
      break
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const [name, value] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined]
      const letter = spec.long?.[name]
      if (letter === undefined) return { error: `${tool}: unrecognized option '${arg}'` }
      if (spec.withValue?.includes(letter)) {
        const v = value ?? args[++i]
        if (v === undefined) return { error: `${tool}: option '--${name}' requires an argument` }
        values.set(letter, v)
      } else flags.add(letter)
      continue
    }
    if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!
        if (spec.withValue?.includes(letter)) {
          const v = arg.slice(j + 1) || args[++i]
          if (v === undefined)
            return { error: `${tool}: option requires an argument -- '${letter}'` }
          values.set(letter, v)
          break
        }
        if (!spec.flags.includes(letter)) return { error: `${tool}: invalid option -- '${letter}'` }
        flags.add(letter)
      }
      continue
    }
    operands.push(arg)
  }
  return { flags, values, operands }
}

export function tryHelp(tool: string): string {
  return `Try '${tool} --help' for more information.\n`
}
