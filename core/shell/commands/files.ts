/**
 * File commands of GNU coreutils over the machine's files: cat, ls, mv, cp, rm, mkdir, touch,
 * pwd, with coreutils' own messages ("cat: x: No such file or directory").
 */
import type { CommandIO, ShellCommand, ShellContext } from '../command'
import { baseName, FsError, parentOf } from '../fileSystem'
import { formatLsDate } from './dates'
import { parseOptions, tryHelp } from './options'

function fail(io: CommandIO, text: string): void {
  io.err(`${text}\n`)
}

export const cat: ShellCommand = {
  name: 'cat',
  run(args, context, io) {
    const options = parseOptions('cat', args, { flags: 'nAE' })
    if ('error' in options) {
      io.err(`${options.error}\n${tryHelp('cat')}`)
      return 1
    }
    const operands = options.operands.length === 0 ? ['-'] : options.operands
    let status = 0
    let text = ''
    for (const operand of operands) {
      if (operand === '-') {
        text += io.stdin
        continue
      }
      try {
        text += context.fs.read(context.resolve(operand)).text
      } catch (error) {
        if (!(error instanceof FsError)) throw error
        io.out(text)
        text = ''
        fail(io, `cat: ${operand}: ${error.text}`)
        status = 1
      }
    }
    if (options.flags.has('n')) {
      let n = 0
      text = text.replace(/^(?=.)|^(?=\n)/gm, () => `${String(++n).padStart(6)}\t`)
    }
    io.out(text)
    return status
  },
}

export const ls: ShellCommand = {
  name: 'ls',
  run(args, context, io) {
    const options = parseOptions('ls', args, { flags: 'laA1hdtrR' })
    if ('error' in options) {
      io.err(`${options.error}\n${tryHelp('ls')}`)
      return 2
    }
    const long = options.flags.has('l')
    const all = options.flags.has('a')
    const operands = options.operands.length === 0 ? ['.'] : options.operands
    let status = 0
    const files: string[] = []
    const dirs: string[] = []
    for (const operand of operands) {
      const stat = context.fs.stat(context.resolve(operand))
      if (stat === undefined) {
        fail(io, `ls: cannot access '${operand}': No such file or directory`)
        status = 2
      } else if (stat.type === 'dir' && !options.flags.has('d')) dirs.push(operand)
      else files.push(operand)
    }
    const blocks: string[] = []
    if (files.length > 0)
      blocks.push(
        listing(
          files,
          files.map((f) => context.resolve(f)),
          long,
          context,
          io,
        ),
      )
    for (const dir of dirs) {
      const path = context.resolve(dir)
      let names = context.fs
        .list(path)
        .filter((n) => all || options.flags.has('A') || !n.startsWith('.'))
      if (all) names = ['.', '..', ...names]
      const paths = names.map((n) =>
        n === '.' ? path : n === '..' ? parentOf(path) : join(path, n),
      )
      const header = operands.length > 1 ? `${dir}:\n` : ''
      const total = long ? `total ${names.length * 4}\n` : ''
      blocks.push(header + total + listing(names, paths, long, context, io))
    }
    io.out(blocks.filter((b) => b !== '').join('\n'))
    return status
  },
}

function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`
}

function listing(
  names: string[],
  paths: string[],
  long: boolean,
  context: ShellContext,
  io: CommandIO,
): string {
  if (names.length === 0) return ''
  if (!long) return io.tty ? `${columns(names)}\n` : names.map((n) => `${n}\n`).join('')
  const stats = paths.map((p) => context.fs.stat(p)!)
  const width = Math.max(...stats.map((s) => String(s.type === 'dir' ? 4096 : s.size).length))
  return names
    .map((name, i) => {
      const stat = stats[i]!
      const mode =
        stat.type === 'dir'
          ? 'drwxr-xr-x 2'
          : name.endsWith('.key')
            ? '-rw------- 1'
            : '-rw-r--r-- 1'
      const size = String(stat.type === 'dir' ? 4096 : stat.size).padStart(width)
      return `${mode} root root ${size} ${formatLsDate(stat.modifiedMs, context.host.nowMs())} ${name}\n`
    })
    .join('')
}

/** ls' column layout for an 80-column terminal: fill down columns, two spaces apart. */
function columns(names: string[]): string {
  const width = 80
  for (let rows = 1; rows <= names.length; rows++) {
    const cols = Math.ceil(names.length / rows)
    const widths = Array.from({ length: cols }, (_, c) =>
      Math.max(...names.slice(c * rows, c * rows + rows).map((n) => n.length)),
    )
    if (widths.reduce((a, b) => a + b + 2, -2) <= width || rows === names.length) {
      const lines: string[] = []
      for (let r = 0; r < rows; r++) {
        const cells: string[] = []
        for (let c = 0; c < cols; c++) {
          const name = names[c * rows + r]
          if (name === undefined) continue
          const last = c === cols - 1 || names[(c + 1) * rows + r] === undefined
          cells.push(last ? name : name.padEnd(widths[c]! + 2))
        }
        lines.push(cells.join(''))
      }
      return lines.join('\n')
    }
  }
  return names.join('\n')
}

/** mv and cp: SOURCE DEST, or SOURCE… DIRECTORY. */
function transfer(tool: 'mv' | 'cp', args: string[], context: ShellContext, io: CommandIO): number {
  const options = parseOptions(tool, args, { flags: tool === 'cp' ? 'rRfiavp' : 'fiv' })
  if ('error' in options) {
    io.err(`${options.error}\n${tryHelp(tool)}`)
    return 1
  }
  const operands = options.operands
  if (operands.length < 2) {
    io.err(
      operands.length === 0
        ? `${tool}: missing file operand\n${tryHelp(tool)}`
        : `${tool}: missing destination file operand after '${operands[0]}'\n${tryHelp(tool)}`,
    )
    return 1
  }
  const target = operands.at(-1)!
  const targetPath = context.resolve(target)
  const intoDir = context.fs.stat(targetPath)?.type === 'dir'
  if (operands.length > 2 && !intoDir) {
    fail(io, `${tool}: target '${target}': Not a directory`)
    return 1
  }
  let status = 0
  for (const source of operands.slice(0, -1)) {
    const from = context.resolve(source)
    const stat = context.fs.stat(from)
    const to = intoDir ? join(targetPath, baseName(from)) : targetPath
    if (stat === undefined) {
      fail(io, `${tool}: cannot stat '${source}': No such file or directory`)
      status = 1
      continue
    }
    if (
      tool === 'cp' &&
      stat.type === 'dir' &&
      !options.flags.has('r') &&
      !options.flags.has('R') &&
      !options.flags.has('a')
    ) {
      fail(io, `cp: -r not specified; omitting directory '${source}'`)
      status = 1
      continue
    }
    try {
      if (tool === 'mv') context.fs.rename(from, to)
      else copy(context, from, to)
    } catch (error) {
      if (!(error instanceof FsError)) throw error
      const verb = tool === 'mv' ? 'cannot move' : 'cannot create regular file'
      fail(
        io,
        tool === 'mv'
          ? `mv: ${verb} '${source}' to '${target}': ${error.text}`
          : `cp: ${verb} '${target}': ${error.text}`,
      )
      status = 1
    }
  }
  return status
}

function copy(context: ShellContext, from: string, to: string): void {
  if (context.fs.stat(from)?.type === 'dir') {
    if (context.fs.stat(to) === undefined) context.fs.mkdir(to)
    for (const name of context.fs.list(from)) copy(context, join(from, name), join(to, name))
    return
  }
  context.fs.write(to, context.fs.read(from))
}

export const mv: ShellCommand = {
  name: 'mv',
  run: (args, context, io) => transfer('mv', args, context, io),
}
export const cp: ShellCommand = {
  name: 'cp',
  run: (args, context, io) => transfer('cp', args, context, io),
}

export const rm: ShellCommand = {
  name: 'rm',
  run(args, context, io) {
    const options = parseOptions('rm', args, { flags: 'rRfiv' })
    if ('error' in options) {
      io.err(`${options.error}\n${tryHelp('rm')}`)
      return 1
    }
    const force = options.flags.has('f')
    const recursive = options.flags.has('r') || options.flags.has('R')
    if (options.operands.length === 0 && !force) {
      io.err(`rm: missing operand\n${tryHelp('rm')}`)
      return 1
    }
    let status = 0
    for (const operand of options.operands) {
      const path = context.resolve(operand)
      const stat = context.fs.stat(path)
      if (stat === undefined) {
        if (!force) {
          fail(io, `rm: cannot remove '${operand}': No such file or directory`)
          status = 1
        }
        continue
      }
      if (stat.type === 'dir' && !recursive) {
        fail(io, `rm: cannot remove '${operand}': Is a directory`)
        status = 1
        continue
      }
      try {
        context.fs.remove(path, { recursive })
      } catch (error) {
        if (!(error instanceof FsError)) throw error
        fail(
          io,
          `rm: cannot remove '${operand}': ${error.code === 'EINVAL' ? 'Device or resource busy' : error.text}`,
        )
        status = 1
      }
    }
    return status
  },
}

export const mkdir: ShellCommand = {
  name: 'mkdir',
  run(args, context, io) {
    const options = parseOptions('mkdir', args, { flags: 'pv' })
    if ('error' in options) {
      io.err(`${options.error}\n${tryHelp('mkdir')}`)
      return 1
    }
    if (options.operands.length === 0) {
      io.err(`mkdir: missing operand\n${tryHelp('mkdir')}`)
      return 1
    }
    let status = 0
    for (const operand of options.operands) {
      try {
        context.fs.mkdir(context.resolve(operand), { parents: options.flags.has('p') })
      } catch (error) {
        if (!(error instanceof FsError)) throw error
        fail(io, `mkdir: cannot create directory ‘${operand}’: ${error.text}`)
        status = 1
      }
    }
    return status
  },
}

export const touch: ShellCommand = {
  name: 'touch',
  run(args, context, io) {
    if (args.length === 0) {
      io.err(`touch: missing file operand\n${tryHelp('touch')}`)
      return 1
    }
    let status = 0
    for (const operand of args) {
      const path = context.resolve(operand)
      try {
        const stat = context.fs.stat(path)
        if (stat?.type === 'dir') continue
        context.fs.write(path, stat === undefined ? { text: '' } : context.fs.read(path))
      } catch (error) {
        if (!(error instanceof FsError)) throw error
        fail(io, `touch: cannot touch '${operand}': ${error.text}`)
        status = 1
      }
    }
    return status
  },
}

export const pwd: ShellCommand = {
  name: 'pwd',
  run(_args, context, io) {
    io.out(`${context.cwd}\n`)
    return 0
  },
}

export const FILE_COMMANDS = [cat, ls, mv, cp, rm, mkdir, touch, pwd]
