/**
 * Tab completion, as bash with kubectl's completion script does it: the first word of a command
 * completes to a command name; later words ask the command (kubectl completes verbs, resource
 * types and object names), and fall back to file names.
 */
import type { ShellCompletion } from '../protocol'
import type { ShellCommand } from './command'
import { baseName } from './fileSystem'
import type { Frame } from './interpreter'

const BUILTINS = ['cd', 'exit', 'export', 'history', 'logout', 'ssh', 'unset']

export function completeLine(
  line: string,
  frame: Frame,
  commands: ShellCommand[],
): ShellCompletion {
  // The command being typed: after the last operator.
  const start = Math.max(
    0,
    ...['|', ';', '&&', '||'].map((op) => {
      const at = line.lastIndexOf(op)
      return at < 0 ? 0 : at + op.length
    }),
  )
  const segment = line.slice(start)
  const from = line.length - (/[^\s]*$/.exec(segment)?.[0].length ?? 0)
  const partial = line.slice(from)
  const words =
    segment.trim() === ''
      ? []
      : segment
          .slice(0, segment.length - partial.length)
          .trim()
          .split(/\s+/)
          .filter(Boolean)
  if (words.length === 0) {
    const names = [...commands.map((c) => c.name), ...BUILTINS]
    return { from, candidates: unique(names.filter((n) => n.startsWith(partial))) }
  }
  if (words[0] === 'ssh' && words.length === 1) {
    const names = frame.context.host.machines().map((m) => m.metadata.name)
    return { from, candidates: unique(names.filter((n) => n.startsWith(partial))) }
  }
  const command = commands.find((c) => c.name === words[0])
  const own = command?.complete?.(words.slice(1), partial, frame.context) ?? []
  if (own.length > 0) return { from, candidates: unique(own) }
  return { from, candidates: files(partial, frame) }
}

function files(partial: string, frame: Frame): string[] {
  const dirPart = partial.includes('/') ? partial.slice(0, partial.lastIndexOf('/') + 1) : ''
  const prefix = baseName(`/${partial}`)
  const dir = frame.context.resolve(dirPart === '' ? '.' : dirPart)
  try {
    return frame.context.fs
      .list(dir)
      .filter(
        (name) => name.startsWith(prefix) && (!name.startsWith('.') || prefix.startsWith('.')),
      )
      .map((name) => {
        const path = dir === '/' ? `/${name}` : `${dir}/${name}`
        return `${dirPart}${name}${frame.context.fs.stat(path)?.type === 'dir' ? '/' : ''}`
      })
  } catch {
    return []
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort()
}
