/**
 * kubectl's flags, parsed as spf13/pflag does: `--name=value`, `--name value`, `-n value`,
 * `-nvalue`, `-n=value`, boolean shorthands grouped (`-it`), `--bool=false`, `--` to end flags,
 * and flags anywhere among the arguments. Errors carry pflag's own texts; cobra prints them as
 * "Error: …" followed by "See 'kubectl VERB --help' for usage.".
 */

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray'

export interface FlagSpec {
  name: string
  short?: string
  type: FlagType
  /** Value when the flag is not given (shown nowhere; verbs read it through ParsedFlags). */
  default?: string
}

export class FlagError extends Error {}

export interface ParsedFlags {
  /** The last value given for a flag, or its default. */
  string(name: string): string | undefined
  bool(name: string): boolean
  int(name: string): number | undefined
  /** Every value given (stringArray flags may repeat; `-l a,b` stays one value). */
  all(name: string): string[]
  /** Whether the learner gave the flag at all (`--replicas=0` counts). */
  has(name: string): boolean
}

export interface ParseResult {
  positional: string[]
  /** cobra's ArgsLenAtDash: how many positional arguments came before `--`, or -1 without one. */
  argsBeforeDash: number
  flags: ParsedFlags
}

/** How pflag names a flag in errors: "-A, --all-namespaces" or "--replicas". */
function usageName(spec: FlagSpec): string {
  return spec.short === undefined ? `--${spec.name}` : `-${spec.short}, --${spec.name}`
}

function parseBool(spec: FlagSpec, value: string): string {
  // strconv.ParseBool accepts exactly these.
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return 'true'
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return 'false'
  throw new FlagError(
    `invalid argument "${value}" for "${usageName(spec)}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`,
  )
}

function checkValue(spec: FlagSpec, value: string): string {
  if (spec.type === 'bool') return parseBool(spec, value)
  if (spec.type === 'int' && !/^[-+]?\d+$/.test(value)) {
    throw new FlagError(
      `invalid argument "${value}" for "${usageName(spec)}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`,
    )
  }
  return value
}

export function parseFlags(args: readonly string[], specs: readonly FlagSpec[]): ParseResult {
  const byName = new Map(specs.map((s) => [s.name, s]))
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]))
  const values = new Map<string, string[]>()
  const positional: string[] = []
  let argsBeforeDash = -1
  const set = (spec: FlagSpec, value: string): void => {
    const list = values.get(spec.name) ?? []
    list.push(checkValue(spec, value))
    values.set(spec.name, list)
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--') {
      argsBeforeDash = positional.length
      positional.push(...args.slice(i + 1))
      break
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq)
      const spec = byName.get(name)
      if (spec === undefined) throw new FlagError(`unknown flag: --${name}`)
      if (eq >= 0) set(spec, arg.slice(eq + 1))
      else if (spec.type === 'bool') set(spec, 'true')
      else if (i + 1 < args.length) set(spec, args[++i]!)
      else throw new FlagError(`flag needs an argument: --${name}`)
      continue
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // A group of shorthands: booleans until one that takes a value, which eats the rest.
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!
        const spec = byShort.get(letter)
        if (spec === undefined) throw new FlagError(`unknown shorthand flag: '${letter}' in ${arg}`)
        const rest = arg.slice(j + 1)
        if (rest.startsWith('=')) {
          set(spec, rest.slice(1))
          break
        }
        if (spec.type === 'bool') {
          set(spec, 'true')
          continue
        }
        if (rest !== '') set(spec, rest)
        else if (i + 1 < args.length) set(spec, args[++i]!)
        else throw new FlagError(`flag needs an argument: '${letter}' in -${letter}`)
        break
      }
      continue
    }
    positional.push(arg)
  }
  const last = (name: string): string | undefined =>
    values.get(name)?.at(-1) ?? byName.get(name)?.default
  return {
    positional,
    argsBeforeDash,
    flags: {
      string: last,
      bool: (name) => last(name) === 'true',
      int: (name) => {
        const v = last(name)
        return v === undefined ? undefined : Number(v)
      },
      all: (name) => values.get(name) ?? [],
      has: (name) => values.has(name),
    },
  }
}
