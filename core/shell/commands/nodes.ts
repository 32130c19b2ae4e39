/**
 * A temporary listing of the lab's machines, until `kubectl get nodes` exists. It shows the
 * machines (not Kubernetes Node objects): their role, address, power and the components on them.
 */
import { formatClock, humanDuration } from '../../format/duration'
import { formatTable } from '../../format/table'
import { message } from '../messages'
import type { ShellCommand } from '../command'

export const nodes: ShellCommand = {
  name: 'nodes',
  run(args, context, output) {
    if (args.length > 0) {
      output.err(`nodes: unexpected argument '${args[0]}'\n`)
      return 2
    }
    const components = context.components()
    const rows = context.machines().map((m) => [
      m.metadata.name,
      m.spec.role,
      m.spec.internalIP,
      m.status.power,
      // Every machine of the lab was created when the simulation started, at time 0.
      humanDuration(context.nowMs()),
      components
        .filter((c) => c.spec.machine === m.metadata.name)
        .map((c) => c.spec.type)
        .join(','),
    ])
    output.out(
      formatTable([['NAME', 'ROLE', 'INTERNAL-IP', 'POWER', 'AGE', 'COMPONENTS'], ...rows]),
    )
    output.out(
      `${message(context.language, 'nodes.clock', { time: formatClock(context.nowMs()) })}\n`,
    )
    return 0
  },
}
