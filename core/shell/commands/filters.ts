/**
 * Text filters a learner pipes kubectl into: grep, head, tail, wc, sort, uniq, cut, tee, with
 * GNU's options and messages.
 */
import type { ShellCommand } from '../command'
import { utf8 } from '../../network/hash'
import { FsError } from '../fileSystem'
import { linesOf, readInputs } from './input'
import { parseOptions, tryHelp } from './options'

/** A POSIX basic regular expression as a JavaScript one: \| \( \) \{ \} \+ \? are the operators. */
export function basicToExtended(pattern: string): string {
  let out = ''
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!
    if (ch === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i]!
      out += '|(){}+?'.includes(next) ? next : `\\${next}`
    } else out += '|(){}+?'.includes(ch) ? `\\${ch}` : ch
  }
  return out
}

export const grep: ShellCommand = {
  name: 'grep',
  run(args, context, io) {
    const options = parseOptions('grep', args, {
      flags: 'civEnwqoFlhH',
      withValue: 'eABC',
      long: {
        count: 'c',
        'ignore-case': 'i',
        'invert-match': 'v',
        'extended-regexp': 'E',
        quiet: 'q',
      },
    })
    if ('error' in options) {
      io.err(`${options.error}\nUsage: grep [OPTION]... PATTERNS [FILE]...\n${tryHelp('grep')}`)
      return 2
    }
    const operands = [...options.operands]
    const pattern = options.values.get('e') ?? operands.shift()
    if (pattern === undefined) {
      io.err(`Usage: grep [OPTION]... PATTERNS [FILE]...\n${tryHelp('grep')}`)
      return 2
    }
    const f = options.flags
    let source = f.has('F')
      ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      : f.has('E')
        ? pattern
        : basicToExtended(pattern)
    if (f.has('w')) source = `(?<![\\w])(?:${source})(?![\\w])`
    let regex: RegExp
    try {
      regex = new RegExp(source, f.has('i') ? 'i' : '')
    } catch {
      io.err(`grep: Unmatched ( or \\(\n`)
      return 2
    }
    const { inputs, failed } = readInputs('grep', operands, context, io)
    const prefix = inputs.length > 1 && !f.has('h')
    let matched = 0
    // Context lines (-A/-B/-C) print around matches, with "--" between separate groups.
    const after = Number(options.values.get('A') ?? options.values.get('C') ?? 0)
    const before = Number(options.values.get('B') ?? options.values.get('C') ?? 0)
    const context_ = after > 0 || before > 0
    for (const input of inputs) {
      let count = 0
      let lastPrinted = -1
      let afterLeft = 0
      const lines = linesOf(input.text)
      const show = (i: number, separator: string): void => {
        if (context_ && lastPrinted >= 0 && i > lastPrinted + 1) io.out('--\n')
        const where = `${prefix ? `${input.name}${separator}` : ''}${f.has('n') ? `${i + 1}${separator}` : ''}`
        io.out(`${where}${lines[i]}\n`)
        lastPrinted = i
      }
      lines.forEach((line, i) => {
        if (regex.test(line) === f.has('v')) {
          if (afterLeft > 0 && !f.has('q') && !f.has('c') && !f.has('l')) {
            show(i, '-')
            afterLeft--
          }
          return
        }
        count++
        if (f.has('q') || f.has('c') || f.has('l')) return
        if (f.has('o')) {
          const where = `${prefix ? `${input.name}:` : ''}${f.has('n') ? `${i + 1}:` : ''}`
          for (const m of line.matchAll(new RegExp(regex.source, `g${regex.flags}`)))
            io.out(`${where}${m[0]}\n`)
          return
        }
        for (let j = Math.max(lastPrinted + 1, i - before); j < i; j++) show(j, '-')
        show(i, ':')
        afterLeft = after
      })
      matched += count
      if (f.has('c')) io.out(`${prefix ? `${input.name}:` : ''}${count}\n`)
      if (f.has('l') && count > 0) io.out(`${input.name}\n`)
    }
    if (failed) return 2
    return matched > 0 ? 0 : 1
  },
}

/** head and tail: -n N (tail: -n +N from line N), -N, -c N. */
function headTail(tool: 'head' | 'tail'): ShellCommand {
  return {
    name: tool,
    run(args, context, io) {
      const normalized = args.map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a))
      const options = parseOptions(tool, normalized, {
        flags: 'qvf',
        withValue: 'nc',
        long: { lines: 'n', bytes: 'c' },
      })
      if ('error' in options) {
        io.err(`${options.error}\n${tryHelp(tool)}`)
        return 1
      }
      const countText = options.values.get('n') ?? '10'
      const fromStart = tool === 'tail' && countText.startsWith('+')
      if (!/^[+-]?\d+$/.test(countText)) {
        io.err(`${tool}: invalid number of lines: ‘${countText}’\n`)
        return 1
      }
      const n = Math.abs(Number(countText))
      const { inputs, failed } = readInputs(tool, options.operands, context, io)
      inputs.forEach((input, i) => {
        if (inputs.length > 1) io.out(`${i > 0 ? '\n' : ''}==> ${input.name} <==\n`)
        const lines = linesOf(input.text)
        const chosen =
          tool === 'head'
            ? countText.startsWith('-')
              ? lines.slice(0, Math.max(0, lines.length - n))
              : lines.slice(0, n)
            : fromStart
              ? lines.slice(Math.max(0, n - 1))
              : lines.slice(Math.max(0, lines.length - n))
        io.out(chosen.map((l) => `${l}\n`).join(''))
      })
      return failed ? 1 : 0
    },
  }
}

export const head = headTail('head')
export const tail = headTail('tail')

export const wc: ShellCommand = {
  name: 'wc',
  run(args, context, io) {
    const options = parseOptions('wc', args, {
      flags: 'lwcm',
      long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm' },
    })
    if ('error' in options) {
      io.err(`${options.error}\n${tryHelp('wc')}`)
      return 1
    }
    const chosen = ['l', 'w', 'c'].filter(
      (k) => options.flags.has(k) || (k === 'c' && options.flags.has('m')),
    )
    const which = chosen.length === 0 ? ['l', 'w', 'c'] : chosen
    const { inputs, failed } = readInputs('wc', options.operands, context, io)
    const counts = inputs.map((input) => ({
      name: options.operands.length === 0 ? '' : input.name,
      l: (input.text.match(/\n/g) ?? []).length,
      w: input.text.split(/\s+/).filter(Boolean).length,
      c: utf8(input.text).length,
    }))
    if (counts.length > 1)
      counts.push({
        name: 'total',
        l: counts.reduce((a, c) => a + c.l, 0),
        w: counts.reduce((a, c) => a + c.w, 0),
        c: counts.reduce((a, c) => a + c.c, 0),
      })
    // GNU wc: one number alone is unpadded; several share the widest width (7 for stdin).
    const single = which.length === 1 && counts.length === 1
    const width = single
      ? 0
      : Math.max(
          options.operands.length === 0 ? 7 : 1,
          ...counts.flatMap((c) => which.map((k) => String(c[k as 'l']).length)),
        )
    for (const c of counts) {
      const cells = which.map((k) => String(c[k as 'l']).padStart(width))
      io.out(`${cells.join(' ')}${c.name === '' ? '' : ` ${c.name}`}\n`)
    }
    return failed ? 1 : 0
  },
}

export const sort: ShellCommand = {
  name: 'sort',
  run(args, context, io) {
    const options = parseOptions('sort', args, { flags: 'nruhV', withValue: 'kt' })
    if ('error' in options) {
      io.err(`${options.error}\n${tryHelp('sort')}`)
      return 2
    }
    const { inputs, failed } = readInputs('sort', options.operands, context, io)
    const key = Number((options.values.get('k') ?? '0').split(/[,.]/)[0])
    const separator = options.values.get('t')
    const field = (line: string): string => {
      if (key === 0) return line
      const fields = separator === undefined ? line.trim().split(/\s+/) : line.split(separator)
      return fields.slice(key - 1).join(separator ?? ' ')
    }
    const numeric = options.flags.has('n') || options.flags.has('h')
    let lines = inputs.flatMap((i) => linesOf(i.text))
    lines.sort((a, b) => {
      const [x, y] = [field(a), field(b)]
      const order = numeric
        ? (parseFloat(x) || 0) - (parseFloat(y) || 0) || (x < y ? -1 : x > y ? 1 : 0)
        : x < y
          ? -1
          : x > y
            ? 1
            : 0
      return order
    })
    if (options.flags.has('r')) lines.reverse()
    if (options.flags.has('u'))
      lines = lines.filter((l, i) => i === 0 || field(l) !== field(lines[i - 1]!))
    io.out(lines.map((l) => `${l}\n`).join(''))
    return failed ? 2 : 0
  },
}

export const uniq: ShellCommand = {
  name: 'uniq',
  run(args, context, io) {
    const options = parseOptions('uniq', args, { flags: 'cdu' })
    if ('error' in options) {
      io.err(`${options.error}\n${tryHelp('uniq')}`)
      return 1
    }
    const { inputs, failed } = readInputs('uniq', options.operands.slice(0, 1), context, io)
    const groups: { line: string; count: number }[] = []
    for (const line of inputs.flatMap((i) => linesOf(i.text))) {
      const last = groups.at(-1)
      if (last?.line === line) last.count++
      else groups.push({ line, count: 1 })
    }
    for (const g of groups) {
      if (options.flags.has('d') && g.count < 2) continue
      if (options.flags.has('u') && g.count > 1) continue
      io.out(options.flags.has('c') ? `${String(g.count).padStart(7)} ${g.line}\n` : `${g.line}\n`)
    }
    return failed ? 1 : 0
  },
}

export const cut: ShellCommand = {
  name: 'cut',
  run(args, context, io) {
    const options = parseOptions('cut', args, {
      flags: 's',
      withValue: 'dfc',
      long: { delimiter: 'd', fields: 'f' },
    })
    if ('error' in options) {
      io.err(`${options.error}\n${tryHelp('cut')}`)
      return 1
    }
    const list = options.values.get('f') ?? options.values.get('c')
    if (list === undefined) {
      io.err(`cut: you must specify a list of bytes, characters, or fields\n${tryHelp('cut')}`)
      return 1
    }
    const wanted = (i: number): boolean =>
      list.split(',').some((range) => {
        const [a, b] = range.split('-')
        const from = a === '' ? 1 : Number(a)
        const to = b === undefined ? from : b === '' ? Infinity : Number(b)
        return i >= from && i <= to
      })
    const delimiter = options.values.get('d') ?? '\t'
    const { inputs, failed } = readInputs('cut', options.operands, context, io)
    for (const line of inputs.flatMap((i) => linesOf(i.text))) {
      if (options.values.has('c')) {
        io.out(`${[...line].filter((_, i) => wanted(i + 1)).join('')}\n`)
        continue
      }
      if (!line.includes(delimiter)) {
        if (!options.flags.has('s')) io.out(`${line}\n`)
        continue
      }
      io.out(
        `${line
          .split(delimiter)
          .filter((_, i) => wanted(i + 1))
          .join(delimiter)}\n`,
      )
    }
    return failed ? 1 : 0
  },
}

export const tee: ShellCommand = {
  name: 'tee',
  run(args, context, io) {
    const options = parseOptions('tee', args, { flags: 'a' })
    if ('error' in options) {
      io.err(`${options.error}\n${tryHelp('tee')}`)
      return 1
    }
    let status = 0
    for (const operand of options.operands) {
      try {
        context.fs.write(
          context.resolve(operand),
          { text: io.stdin },
          { append: options.flags.has('a') },
        )
      } catch (error) {
        if (!(error instanceof FsError)) throw error
        io.err(`tee: ${operand}: ${error.text}\n`)
        status = 1
      }
    }
    io.out(io.stdin)
    return status
  },
}

export const FILTER_COMMANDS = [grep, head, tail, wc, sort, uniq, cut, tee]
