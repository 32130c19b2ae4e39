/**
 * The lab's own commands: `fault` (list, kinds, inject, heal) and `why`. They speak the
 * learner's language, since no real tool prints them.
 *
 * Targets, as a learner names them:
 *   worker-1                 a machine            (machine/…, node/…, registry/unreachable)
 *   worker-1/kubelet         a component on it    (process/…)
 *   worker-1:6443[/udp]      a port on it         (port/block)
 *   pod/web-abc [-n ns] [-c container]           (container/kill)
 */
import type { ComponentType } from '../../cluster/world'
import type { FaultKindId, FaultTarget } from '../../faults/catalogue'
import { FaultError } from '../../faults/catalogue'
import type { ActiveFault } from '../../faults/faults'
import { formatClock, humanDuration } from '../../format/duration'
import { formatTable } from '../../format/table'
import type { CommandIO, ShellCommand, ShellContext } from '../command'
import { message } from '../messages'

export const fault: ShellCommand = {
  name: 'fault',
  availableOn: (machine) => machine.role === 'laptop',
  run(args, context, io) {
    const [sub, ...rest] = args
    const lang = context.language
    try {
      switch (sub) {
        case 'list':
          return list(context, io)
        case 'kinds':
          return kinds(context, io)
        case 'inject':
          return inject(rest, context, io)
        case 'heal':
          return heal(rest, context, io)
        case 'challenge':
          return challenge(rest, context, io)
        default:
          io.err(`${message(lang, 'fault.usage')}\n`)
          return sub === undefined || sub === 'help' ? 0 : 2
      }
    } catch (error) {
      // The simulation reports a refused fault as a CommandError (its protocol error).
      if (
        error instanceof FaultError ||
        (error instanceof Error && error.name === 'CommandError')
      ) {
        io.err(`fault: ${error.message}\n`)
        return 1
      }
      throw error
    }
  },
  complete(words, partial, context) {
    if (words.length === 0)
      return ['list', 'kinds', 'inject', 'heal', 'challenge'].filter((w) => w.startsWith(partial))
    if (words[0] === 'inject' && words.length === 1)
      return context.host.faults
        .kinds()
        .map((k) => k.id)
        .filter((id) => id.startsWith(partial))
    if (words[0] === 'heal' && words.length === 1)
      return ['all', ...context.host.faults.list().map((f) => f.id)].filter((id) =>
        id.startsWith(partial),
      )
    return []
  },
}

function list(context: ShellContext, io: CommandIO): number {
  const active = context.host.faults.list()
  if (active.length === 0) {
    io.out(`${message(context.language, 'fault.none')}\n`)
    return 0
  }
  const now = context.host.nowMs()
  io.out(
    formatTable([
      ['ID', 'KIND', 'TARGET', 'SINCE', 'AGE'],
      ...active.map((f) => [
        f.id,
        f.kind,
        targetText(f),
        formatClock(f.sinceMs),
        humanDuration(now - f.sinceMs),
      ]),
    ]),
  )
  return 0
}

function kinds(context: ShellContext, io: CommandIO): number {
  io.out(
    formatTable([
      ['KIND', 'TARGET', 'EXAMPLE'],
      ...context.host.faults
        .kinds()
        .map((k) => [k.id, k.target, example(k.target, k.components?.[0])]),
    ]),
  )
  return 0
}

function example(target: FaultTarget['kind'], component: ComponentType | undefined): string {
  switch (target) {
    case 'machine':
      return 'worker-1'
    case 'component':
      return `worker-1/${component === 'etcd' ? 'kubelet' : (component ?? 'kubelet')}`
    case 'port':
      return 'cp-1:6443'
    case 'pod':
      return 'pod/web-7c9f8d6b5-x2x9k'
  }
}

function inject(args: string[], context: ShellContext, io: CommandIO): number {
  const lang = context.language
  const positional: string[] = []
  let namespace = 'default'
  let container: string | undefined
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '-n' || arg === '--namespace') namespace = args[++i] ?? namespace
    else if (arg === '-c' || arg === '--container') container = args[++i]
    else positional.push(arg)
  }
  const [kindId, typedTarget] = positional
  const kind = context.host.faults.kinds().find((k) => k.id === kindId)
  if (kind === undefined || typedTarget === undefined) {
    io.err(
      `${message(lang, kind === undefined ? 'fault.unknownKind' : 'fault.noTarget', { kind: kindId ?? '' })}\n`,
    )
    return 2
  }
  const target = parseTarget(kind.target, typedTarget, namespace, container)
  if (typeof target === 'string') {
    io.err(`${message(lang, 'fault.badTarget', { target: typedTarget, form: target })}\n`)
    return 2
  }
  const applied = context.host.faults.apply(kind.id as FaultKindId, target)
  io.out(
    `${message(lang, kind.reversible ? 'fault.applied' : 'fault.happened', { id: applied.id, kind: applied.kind, target: targetText(applied) })}\n`,
  )
  return 0
}

/** The target, or the form the kind expects (for the error). */
function parseTarget(
  kind: FaultTarget['kind'],
  text: string,
  namespace: string,
  container: string | undefined,
): FaultTarget | string {
  switch (kind) {
    case 'machine':
      return /^[\w.-]+$/.test(text) ? { kind: 'machine', machine: text } : 'MACHINE'
    case 'component': {
      const m = /^([\w.-]+)\/([\w-]+)$/.exec(text)
      return m
        ? { kind: 'component', machine: m[1]!, type: m[2] as ComponentType }
        : 'MACHINE/COMPONENT'
    }
    case 'port': {
      const m = /^([\w.-]+):(\d+)(?:\/(tcp|udp))?$/i.exec(text)
      return m
        ? {
            kind: 'port',
            machine: m[1]!,
            port: Number(m[2]),
            protocol: (m[3]?.toUpperCase() ?? 'TCP') as 'TCP' | 'UDP',
          }
        : 'MACHINE:PORT[/udp]'
    }
    case 'pod': {
      const m = /^(?:pods?\/|po\/)?([\w.-]+)$/.exec(text)
      return m
        ? { kind: 'pod', namespace, name: m[1]!, ...(container === undefined ? {} : { container }) }
        : 'pod/NAME'
    }
  }
}

function heal(args: string[], context: ShellContext, io: CommandIO): number {
  const lang = context.language
  const [id] = args
  if (id === undefined) {
    io.err(`${message(lang, 'fault.usage')}\n`)
    return 2
  }
  const healed = id === 'all' ? context.host.faults.healAll() : [context.host.faults.heal(id)]
  if (healed.length === 0) io.out(`${message(lang, 'fault.none')}\n`)
  for (const f of healed)
    io.out(`${message(lang, 'fault.healed', { id: f.id, kind: f.kind, target: targetText(f) })}\n`)
  return 0
}

/** `fault challenge [status|reveal]`: a hidden fault to find and repair (challenge mode). */
function challenge(args: string[], context: ShellContext, io: CommandIO): number {
  const lang = context.language
  const host = context.host.challenge
  switch (args[0]) {
    case undefined:
    case 'start':
      io.out(`${message(lang, host.start() ? 'challenge.started' : 'challenge.running')}\n`)
      return 0
    case 'status': {
      const state = host.state()
      if (state === undefined) {
        io.err(`${message(lang, 'challenge.none')}\n`)
        return 1
      }
      io.out(`${message(lang, state.repaired ? 'challenge.repaired' : 'challenge.notYet')}\n`)
      return state.repaired ? 0 : 1
    }
    case 'reveal': {
      const what = host.reveal(lang)
      if (what === undefined) {
        io.err(`${message(lang, 'challenge.none')}\n`)
        return 1
      }
      io.out(`${message(lang, 'challenge.revealed', { what })}\n`)
      return 0
    }
    default:
      io.err(`${message(lang, 'fault.usage')}\n`)
      return 2
  }
}

/** A fault's target, written as `fault inject` takes it. */
function targetText(fault: ActiveFault): string {
  const target = fault.target
  switch (target.kind) {
    case 'machine':
      return target.machine
    case 'component':
      return `${target.machine}/${target.type}`
    case 'port':
      return `${target.machine}:${target.port}/${target.protocol.toLowerCase()}`
    case 'pod':
      return `pod/${target.name} -n ${target.namespace}${target.container === undefined ? '' : ` -c ${target.container}`}`
  }
}

/** `why KIND/NAME [-n NS]`: the chain of reasons across components, oldest first. */
export const why: ShellCommand = {
  name: 'why',
  run(args, context, io) {
    const lang = context.language
    let namespace = 'default'
    const positional: string[] = []
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '-n' || args[i] === '--namespace') namespace = args[++i] ?? namespace
      else positional.push(args[i]!)
    }
    const subject = whySubject(positional[0], namespace)
    if (subject === undefined) {
      io.err(`${message(lang, 'why.usage')}\n`)
      return 2
    }
    const chain = context.host.why(subject)
    if (chain.length === 0) {
      io.out(`${message(lang, 'why.nothing', { subject })}\n`)
      return 0
    }
    io.out(`${message(lang, 'why.header', { subject })}\n`)
    for (const reason of chain)
      io.out(
        `  ${formatClock(reason.atMs)}  ${reason.component}  ${reason.code}: ${reason.summary}\n`,
      )
    return 0
  },
}

const SUBJECT_KINDS: Record<string, string> = {
  pod: 'Pod',
  pods: 'Pod',
  po: 'Pod',
  node: 'Node',
  nodes: 'Node',
  no: 'Node',
  deployment: 'Deployment',
  deploy: 'Deployment',
  replicaset: 'ReplicaSet',
  rs: 'ReplicaSet',
  service: 'Service',
  svc: 'Service',
  component: 'Component',
}

function whySubject(text: string | undefined, namespace: string): string | undefined {
  const m = /^([a-z]+)\/([\w.-]+)$/i.exec(text ?? '')
  if (m === null) return undefined
  const kind = SUBJECT_KINDS[m[1]!.toLowerCase()]
  if (kind === undefined) return undefined
  return kind === 'Node' || kind === 'Component'
    ? `${kind} ${m[2]}`
    : `${kind} ${namespace}/${m[2]}`
}

export const LAB_COMMANDS = [fault, why]
