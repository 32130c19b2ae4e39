/** Small system commands: echo, printf-less basics, hostname, whoami, date, env, clear, which… */
import type { ShellCommand } from '../command'
import { utf8 } from '../../network/hash'
import { COMMANDS } from './index'
import { formatDate } from './dates'
import { parseOptions, tryHelp } from './options'

export const echo: ShellCommand = {
  name: 'echo',
  run(args, _context, io) {
    let newline = true
    let escapes = false
    let i = 0
    for (; i < args.length && /^-[neE]+$/.test(args[i]!); i++) {
      if (args[i]!.includes('n')) newline = false
      if (args[i]!.includes('e')) escapes = true
      if (args[i]!.includes('E')) escapes = false
    }
    let text = args.slice(i).join(' ')
    if (escapes)
      text = text.replace(
        /\\([ntr\\])/g,
        (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c]!,
      )
    io.out(newline ? `${text}\n` : text)
    return 0
  },
}

export const hostname: ShellCommand = {
  name: 'hostname',
  run(args, context, io) {
    if (args.includes('-I') || args.includes('-i')) io.out(`${context.machine.ip} \n`)
    else io.out(`${context.machine.name}\n`)
    return 0
  },
}

export const whoami: ShellCommand = {
  name: 'whoami',
  run(_args, _context, io) {
    io.out('root\n')
    return 0
  },
}

export const date: ShellCommand = {
  name: 'date',
  run(args, context, io) {
    if (args.length > 0 && !args[0]!.startsWith('+')) {
      io.err(`date: invalid date ‘${args[0]}’\n`)
      return 1
    }
    io.out(`${formatDate(context.host.nowMs())}\n`)
    return 0
  },
}

function environment(name: string): ShellCommand {
  return {
    name,
    run(args, context, io) {
      if (name === 'printenv' && args.length > 0) {
        const values = args.map((a) => context.env.get(a))
        for (const v of values) if (v !== undefined) io.out(`${v}\n`)
        return values.every((v) => v !== undefined) ? 0 : 1
      }
      for (const [key, value] of [...context.env].sort(([a], [b]) => (a < b ? -1 : 1)))
        io.out(`${key}=${value}\n`)
      return 0
    },
  }
}

export const env = environment('env')
export const printenv = environment('printenv')

export const clear: ShellCommand = {
  name: 'clear',
  run(_args, _context, io) {
    // What `clear` writes: home, erase screen, erase scrollback. Terminals act on it.
    io.out('\x1b[H\x1b[2J\x1b[3J')
    return 0
  },
}

export const trueCommand: ShellCommand = { name: 'true', run: () => 0 }
export const falseCommand: ShellCommand = { name: 'false', run: () => 1 }

export const which: ShellCommand = {
  name: 'which',
  run(args, context, io) {
    let status = 0
    for (const name of args) {
      const command = COMMANDS.get(name)
      if (command !== undefined && (command.availableOn?.(context.machine) ?? true))
        io.out(`/usr/bin/${name}\n`)
      else status = 1
    }
    return status
  },
}

export const uname: ShellCommand = {
  name: 'uname',
  run(args, context, io) {
    const spec = context.host.machines().find((m) => m.metadata.name === context.machine.name)?.spec
    const kernel = spec?.kernelVersion ?? '6.8.0-51-generic'
    if (args.includes('-a'))
      io.out(
        `Linux ${context.machine.name} ${kernel} #51-Ubuntu SMP PREEMPT_DYNAMIC x86_64 x86_64 x86_64 GNU/Linux\n`,
      )
    else if (args.includes('-r')) io.out(`${kernel}\n`)
    else io.out('Linux\n')
    return 0
  },
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

export function base64Encode(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]]
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0)
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!
    out += b === undefined ? '=' : ALPHABET[(n >> 6) & 63]!
    out += c === undefined ? '=' : ALPHABET[n & 63]!
  }
  return out
}

export function base64Decode(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return undefined
  const bytes: number[] = []
  let buffer = 0
  let bits = 0
  for (const ch of clean.replace(/=+$/, '')) {
    buffer = (buffer << 6) | ALPHABET.indexOf(ch)
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes.push((buffer >> bits) & 255)
    }
  }
  return Uint8Array.from(bytes)
}

export const base64: ShellCommand = {
  name: 'base64',
  run(args, context, io) {
    const options = parseOptions('base64', args, { flags: 'dw', long: { decode: 'd' } })
    if ('error' in options) {
      io.err(`${options.error}\n${tryHelp('base64')}`)
      return 1
    }
    const input =
      options.operands[0] === undefined
        ? io.stdin
        : context.fs.read(context.resolve(options.operands[0])).text
    if (options.flags.has('d')) {
      const bytes = base64Decode(input)
      if (bytes === undefined) {
        io.err('base64: invalid input\n')
        return 1
      }
      io.out(new TextDecoderLite().decode(bytes))
      return 0
    }
    const encoded = base64Encode(utf8(input))
    io.out(`${encoded.replace(/(.{76})/g, '$1\n').replace(/\n$/, '')}\n`)
    return 0
  },
}

/** UTF-8 decoding without TextDecoder (not in core's ES2022 library). */
class TextDecoderLite {
  decode(bytes: Uint8Array): string {
    let out = ''
    for (let i = 0; i < bytes.length;) {
      const b = bytes[i]!
      const extra = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0
      let c = extra === 0 ? b : b & (0x3f >> extra)
      for (let k = 1; k <= extra; k++) c = (c << 6) | ((bytes[i + k] ?? 0) & 63)
      out += String.fromCodePoint(c)
      i += extra + 1
    }
    return out
  }
}

/** printf FORMAT [ARG…]: %s %d %i %%, \n \t escapes; the format repeats for extra arguments. */
export const printf: ShellCommand = {
  name: 'printf',
  run(args, _context, io) {
    const [format, ...values] = args
    if (format === undefined) {
      io.err('printf: usage: printf [-v var] format [arguments]\n')
      return 2
    }
    const unescaped = format.replace(
      /\\([ntr\\])/g,
      (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c]!,
    )
    let index = 0
    let out = ''
    do {
      out += unescaped.replace(/%([-\d]*)([sdi%])/g, (_, width: string, conversion: string) => {
        if (conversion === '%') return '%'
        const raw = values[index++] ?? ''
        const text = conversion === 's' ? raw : String(Math.trunc(Number(raw) || 0))
        const w = Number(width.replace('-', '')) || 0
        return width.startsWith('-') ? text.padEnd(w) : text.padStart(w)
      })
    } while (index < values.length && /%[-\d]*[sdi]/.test(unescaped))
    io.out(out)
    return 0
  },
}

export const SYSTEM_COMMANDS = [
  printf,
  echo,
  hostname,
  whoami,
  date,
  env,
  printenv,
  clear,
  trueCommand,
  falseCommand,
  which,
  uname,
  base64,
]
