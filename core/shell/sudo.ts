/**
 * `sudo`: the lab's shells run as root (the nodes' prompt is `root@cp-1:~#`), so sudo only runs
 * the command it is given, as it would for root. Tutorials type `sudo` before nearly every node
 * command; refusing it would teach nothing.
 *
 * Simplification (docs/terminal.md): `sudo -i`, `sudo -s` and `sudo su` open no new shell, since
 * the learner is root already; `exit` then leaves the session they were typed in.
 */

/** sudo 1.9's usage, as it prints it without arguments. */
export const SUDO_USAGE = [
  'usage: sudo -h | -K | -k | -V',
  'usage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]',
  'usage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command [arg ...]]',
  'usage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i | -s] [command [arg ...]]',
  'usage: sudo -e [-ABkNnS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...',
].join('\n')

/** Options that take a value (`-u root`), and those that do not (`-E`). */
const WITH_VALUE = new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-R', '-T'])

export type SudoPlan =
  /** Run `name args` with `env` added to its environment. */
  | { kind: 'run'; name: string; args: string[]; env: Record<string, string> }
  /** Nothing to run, and nothing to say (`sudo -i`: already root). */
  | { kind: 'nothing' }
  /** Print `text` on stderr and end with `status`. */
  | { kind: 'error'; text: string; status: number }

export function planSudo(args: readonly string[]): SudoPlan {
  const env: Record<string, string> = {}
  let shell = false
  let i = 0
  for (; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--') {
      i++
      break
    }
    if (!arg.startsWith('-') || arg === '-') break
    if (arg === '-i' || arg === '-s' || arg === '--login' || arg === '--shell') shell = true
    else if (arg === '-u' && args[i + 1] !== undefined && args[i + 1] !== 'root')
      return { kind: 'error', text: `sudo: unknown user ${args[i + 1]}\n`, status: 1 }
    if (WITH_VALUE.has(arg)) i++
  }
  for (; i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i]!); i++) {
    const [name, ...value] = args[i]!.split('=')
    env[name!] = value.join('=')
  }
  const [name, ...rest] = args.slice(i)
  if (name === undefined)
    return shell ? { kind: 'nothing' } : { kind: 'error', text: `${SUDO_USAGE}\n`, status: 1 }
  if (name === 'su' && rest.every((a) => a === '-' || a === '-l' || a === 'root'))
    return { kind: 'nothing' }
  return { kind: 'run', name, args: rest, env }
}
