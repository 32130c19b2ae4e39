/**
 * A small GNU sed: what kubeadm guides and lab steps use to edit files in place —
 * `sed -i 's#/var/lib/etcd#/var/lib/etcd-restore#' etcd.yaml`, `sed -n '1,5p'`, `sed '/^#/d'`.
 *
 * Scripts are `;`- or newline-separated commands, each with an optional address (a line number,
 * `$`, `/regex/`, or a range `A,B`): `s/re/replacement/[g][p][I]` with any delimiter, `p`, `d`,
 * `q`. Regular expressions are POSIX basic unless -E (or -r); `&` and `\1`… work in replacements.
 */
import type { ShellCommand } from '../command'
import { FsError } from '../fileSystem'
import { basicToExtended } from './filters'
import { linesOf } from './input'
import { parseOptions } from './options'

type Address = { line: number } | { last: true } | { regex: RegExp }

interface Command {
  from?: Address
  to?: Address
  name: 's' | 'p' | 'd' | 'q'
  regex?: RegExp
  replacement?: string
  global?: boolean
  print?: boolean
}

class SedError extends Error {}

function toRegex(source: string, extended: boolean, flags = ''): RegExp {
  try {
    return new RegExp(extended ? source : basicToExtended(source), flags)
  } catch {
    throw new SedError(
      `-e expression #1, char ${source.length}: Invalid preceding regular expression`,
    )
  }
}

function parseScript(script: string, extended: boolean): Command[] {
  const commands: Command[] = []
  let i = 0
  const address = (): Address | undefined => {
    if (script[i] === '$') {
      i++
      return { last: true }
    }
    const digits = /^\d+/.exec(script.slice(i))
    if (digits) {
      i += digits[0].length
      return { line: Number(digits[0]) }
    }
    if (script[i] === '/') {
      const end = script.indexOf('/', i + 1)
      if (end < 0)
        throw new SedError(`-e expression #1, char ${script.length}: unterminated address regex`)
      const regex = toRegex(script.slice(i + 1, end), extended)
      i = end + 1
      return { regex }
    }
    return undefined
  }
  while (i < script.length) {
    while (/[\s;]/.test(script[i] ?? '')) i++
    if (i >= script.length) break
    const command: Command = { name: 'p' }
    const from = address()
    if (from) command.from = from
    if (from && script[i] === ',') {
      i++
      const to = address()
      if (!to) throw new SedError(`-e expression #1, char ${i}: unexpected \`,'`)
      command.to = to
    }
    const name = script[i++]
    if (name === 's') {
      const delimiter = script[i++]
      if (delimiter === undefined)
        throw new SedError(`-e expression #1, char ${i}: unterminated \`s' command`)
      const parts: string[] = []
      let current = ''
      while (parts.length < 2) {
        if (i >= script.length)
          throw new SedError(`-e expression #1, char ${script.length}: unterminated \`s' command`)
        const ch = script[i++]!
        if (ch === '\\' && script[i] === delimiter) current += script[i++]!
        else if (ch === delimiter) {
          parts.push(current)
          current = ''
        } else current += ch
      }
      const flags = /^[gpIi\d]*/.exec(script.slice(i))![0]
      i += flags.length
      command.name = 's'
      command.regex = toRegex(parts[0]!, extended, /[Ii]/.test(flags) ? 'gi' : 'g')
      command.replacement = parts[1]!
      command.global = flags.includes('g')
      command.print = flags.includes('p')
    } else if (name === 'p' || name === 'd' || name === 'q') command.name = name
    else throw new SedError(`-e expression #1, char ${i}: unknown command: \`${name ?? ''}'`)
    commands.push(command)
  }
  return commands
}

/** sed's replacement: & is the match, \1…\9 the groups, \n a newline, \& a literal &. */
function replacementFor(template: string, match: string, groups: (string | undefined)[]): string {
  return template.replace(/\\([0-9&n\\])|&/g, (token, escaped?: string) => {
    if (escaped === undefined) return match
    if (escaped === '&' || escaped === '\\') return escaped
    if (escaped === 'n') return '\n'
    return escaped === '0' ? match : (groups[Number(escaped) - 1] ?? '')
  })
}

function run(commands: Command[], lines: string[], quiet: boolean): string {
  let out = ''
  const active = new Map<Command, boolean>()
  const matches = (address: Address, line: string, n: number): boolean =>
    'line' in address
      ? n === address.line
      : 'last' in address
        ? n === lines.length
        : address.regex.test(line)
  for (let n = 1; n <= lines.length; n++) {
    let line = lines[n - 1]!
    let deleted = false
    let quit = false
    for (const command of commands) {
      let selected = command.from === undefined
      if (command.from !== undefined && command.to === undefined)
        selected = matches(command.from, line, n)
      if (command.from !== undefined && command.to !== undefined) {
        if (active.get(command)) {
          selected = true
          const end = command.to
          if ('line' in end ? n >= end.line : matches(end, line, n)) active.set(command, false)
        } else if (matches(command.from, line, n)) {
          selected = true
          const end = command.to
          active.set(command, !('line' in end && end.line <= n))
        }
      }
      if (!selected) continue
      if (command.name === 'd') {
        deleted = true
        break
      }
      if (command.name === 'p') out += `${line}\n`
      if (command.name === 'q') {
        quit = true
        break
      }
      if (command.name === 's') {
        let replaced = false
        let count = 0
        line = line.replace(command.regex!, (match: string, ...rest: unknown[]) => {
          if (!command.global && count++ > 0) return match
          replaced = true
          const groups = rest.slice(0, -2) as (string | undefined)[]
          return replacementFor(command.replacement!, match, groups)
        })
        if (replaced && command.print) out += `${line}\n`
      }
    }
    if (!deleted && !quiet) out += `${line}\n`
    if (quit) break
  }
  return out
}

export const sed: ShellCommand = {
  name: 'sed',
  run(args, context, io) {
    const options = parseOptions('sed', args, {
      flags: 'inEr',
      withValue: 'e',
      long: { 'in-place': 'i', quiet: 'n', silent: 'n', expression: 'e', 'regexp-extended': 'E' },
    })
    if ('error' in options) {
      io.err(
        `${options.error}\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n`,
      )
      return 1
    }
    const operands = [...options.operands]
    const script = options.values.get('e') ?? operands.shift()
    if (script === undefined) {
      io.err('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n')
      return 1
    }
    let commands: Command[]
    try {
      commands = parseScript(script, options.flags.has('E') || options.flags.has('r'))
    } catch (error) {
      if (!(error instanceof SedError)) throw error
      io.err(`sed: ${error.message}\n`)
      return 1
    }
    const quiet = options.flags.has('n')
    if (!options.flags.has('i')) {
      let text = operands.length === 0 ? io.stdin : ''
      let status = 0
      for (const operand of operands) {
        try {
          text += operand === '-' ? io.stdin : context.fs.read(context.resolve(operand)).text
        } catch (error) {
          if (!(error instanceof FsError)) throw error
          io.err(`sed: can't read ${operand}: ${error.text}\n`)
          status = 2
        }
      }
      io.out(run(commands, linesOf(text), quiet))
      return status
    }
    if (operands.length === 0) {
      io.err(`sed: no input files\n`)
      return 1
    }
    let status = 0
    for (const operand of operands) {
      const path = context.resolve(operand)
      try {
        const text = context.fs.read(path).text
        context.fs.write(path, { text: run(commands, linesOf(text), quiet) })
      } catch (error) {
        if (!(error instanceof FsError)) throw error
        io.err(`sed: can't read ${operand}: ${error.text}\n`)
        status = 2
      }
    }
    return status
  },
}
