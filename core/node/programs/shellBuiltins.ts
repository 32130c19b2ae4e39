/**
 * The commands the lab's busybox offers: the ones pod scripts and exec probes use (echo, sleep,
 * exit, cat, touch, rm, date, hostname, env, test, seq, printf, ls, tail -f). Their messages are
 * busybox's own; anything else is "sh: NAME: not found" with status 127.
 */
import { unixDate } from '../timeFormat'
import { ShellExit, type ShellHost, type ShellRun } from './shellRun'

type Builtin = (args: string[], host: ShellHost) => number | ShellRun

/** An infinite sleep, in chunks of a day (`sleep infinity`, `tail -f /dev/null`). */
function* forever(): ShellRun {
  for (;;) yield { sleepMs: 86_400_000 }
}

const UNITS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

function* sleep(ms: number): ShellRun {
  if (ms > 0) yield { sleepMs: ms }
  return 0
}

const echo: Builtin = (args, host) => {
  let newline = true
  let escapes = false
  while (args[0] === '-n' || args[0] === '-e') {
    if (args.shift() === '-n') newline = false
    else escapes = true
  }
  let text = args.join(' ')
  if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t')
  host.stdout(newline ? `${text}\n` : text)
  return 0
}

const printf: Builtin = (args, host) => {
  const format = (args.shift() ?? '').replace(/\\n/g, '\n').replace(/\\t/g, '\t')
  host.stdout(
    format.replace(/%[sd]/g, (spec) =>
      spec === '%d' ? String(Number(args.shift() ?? 0) || 0) : (args.shift() ?? ''),
    ),
  )
  return 0
}

function readFile(path: string, host: ShellHost): string | undefined {
  if (path === '/etc/hostname') return `${host.hostname}\n`
  return host.fs.get(path)
}

const cat: Builtin = (args, host) => {
  let status = 0
  for (const path of args) {
    const content = readFile(path, host)
    if (content === undefined) {
      host.stderr(`cat: can't open '${path}': No such file or directory\n`)
      status = 1
    } else host.stdout(content)
  }
  return status
}

const rm: Builtin = (args, host) => {
  const force = args.some((a) => /^-[a-zA-Z]*f/.test(a))
  let status = 0
  for (const path of args.filter((a) => !a.startsWith('-'))) {
    const prefix = path.endsWith('/') ? path : `${path}/`
    const existed = host.fs.delete(path)
    for (const key of [...host.fs.keys()]) if (key.startsWith(prefix)) host.fs.delete(key)
    if (!existed && !force) {
      host.stderr(`rm: can't remove '${path}': No such file or directory\n`)
      status = 1
    }
  }
  return status
}

/** `test` / `[`: files, strings and integers. */
function test(args: string[], host: ShellHost): number {
  if (args[args.length - 1] === ']') args = args.slice(0, -1)
  if (args[0] === '!') return test(args.slice(1), host) === 0 ? 1 : 0
  const [a = '', op = '', b = ''] = args
  if (args.length === 1) return a === '' ? 1 : 0
  if (args.length === 2) {
    if (a === '-f' || a === '-e' || a === '-s') return readFile(op, host) === undefined ? 1 : 0
    if (a === '-d') return [...host.fs.keys()].some((k) => k.startsWith(`${op}/`)) ? 0 : 1
    if (a === '-z') return op === '' ? 0 : 1
    if (a === '-n') return op !== '' ? 0 : 1
    return 2
  }
  const x = Number(a)
  const y = Number(b)
  const results: Record<string, boolean> = {
    '=': a === b,
    '==': a === b,
    '!=': a !== b,
    '-eq': x === y,
    '-ne': x !== y,
    '-lt': x < y,
    '-le': x <= y,
    '-gt': x > y,
    '-ge': x >= y,
  }
  return results[op] === undefined ? 2 : results[op] ? 0 : 1
}

const BUILTINS: Record<string, Builtin> = {
  echo,
  printf,
  cat,
  rm,
  true: () => 0,
  false: () => 1,
  ':': () => 0,
  cd: () => 0,
  mkdir: () => 0,
  export: () => 0,
  date: (_args, host) => (host.stdout(`${unixDate(host.nowMs())}\n`), 0),
  hostname: (_args, host) => (host.stdout(`${host.hostname}\n`), 0),
  env: (_args, host) => (host.stdout([...host.vars].map(([k, v]) => `${k}=${v}\n`).join('')), 0),
  printenv: (args, host) => {
    const value = args[0] === undefined ? undefined : host.vars.get(args[0])
    if (args[0] === undefined) return BUILTINS['env']!(args, host)
    if (value === undefined) return 1
    host.stdout(`${value}\n`)
    return 0
  },
  touch: (args, host) => {
    for (const path of args.filter((a) => !a.startsWith('-')))
      if (!host.fs.has(path)) host.fs.set(path, '')
    return 0
  },
  ls: (args, host) => {
    const dir = (args.find((a) => !a.startsWith('-')) ?? '/').replace(/\/$/, '')
    const names = new Set<string>()
    for (const key of host.fs.keys()) {
      if (key.startsWith(`${dir}/`)) names.add(key.slice(dir.length + 1).split('/')[0]!)
    }
    if (names.size > 0) host.stdout(`${[...names].sort().join('\n')}\n`)
    return 0
  },
  seq: (args, host) => {
    const [first, last] =
      args.length >= 2 ? [Number(args[0]), Number(args[1])] : [1, Number(args[0])]
    const lines: string[] = []
    for (let i = first; i <= last && lines.length < 10_000; i++) lines.push(String(i))
    if (lines.length > 0) host.stdout(`${lines.join('\n')}\n`)
    return 0
  },
  test: (args, host) => test(args, host),
  '[': (args, host) => test(args, host),
  exit: (args) => {
    throw new ShellExit(args[0] === undefined ? 0 : Number(args[0]) & 0xff)
  },
  sleep: (args, host) => {
    if (args[0] === 'infinity') return forever()
    const match = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(args[0] ?? '')
    if (match === null) {
      host.stderr(`sleep: invalid number '${args[0] ?? ''}'\n`)
      return 1
    }
    return sleep(Math.round(Number(match[1]) * UNITS[match[2]!]!))
  },
  tail: (args, host) => {
    if (args.includes('-f')) return forever()
    const path = args.find((a) => !a.startsWith('-'))
    return cat(path === undefined ? [] : [path], host)
  },
}

/** Runs a command: a number for commands that finish at once, a generator for sleeps. */
export function builtin(argv: string[], host: ShellHost): number | ShellRun {
  const name = argv[0]!
  const command = BUILTINS[name.replace(/^\/(?:usr\/)?s?bin\//, '')]
  if (command === undefined) {
    host.stderr(`sh: ${name}: not found\n`)
    return 127
  }
  return command(argv.slice(1), host)
}
