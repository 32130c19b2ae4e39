/**
 * `curl` on a node or on the learner's laptop (the laptop is outside the cluster: it reaches node
 * IPs only). See curlRun.ts for what it supports.
 */
import { LAPTOP, type ShellCommand } from '../command'
import { parseCurl, runCurl } from './curlRun'

export const curl: ShellCommand = {
  name: 'curl',
  run(args, context, io) {
    const options = parseCurl(args)
    if (typeof options === 'string') {
      io.err(`${options}\n`)
      return 2
    }
    const cluster = context.host.kubernetes
    if (cluster === undefined) {
      io.err(`curl: (6) Could not resolve host: ${options.url ?? ''}\n`)
      return 6
    }
    const source =
      context.machine.name === LAPTOP
        ? ({ kind: 'outside' } as const)
        : ({ kind: 'machine', machine: context.machine.name } as const)
    return runCurl(source, options, cluster, context.host, io, (path, text) =>
      context.fs.write(context.resolve(path), { text }),
    )
  },
}
