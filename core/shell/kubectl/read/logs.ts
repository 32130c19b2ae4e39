/**
 * `kubectl logs POD|TYPE/NAME [CONTAINER] [-c C] [--tail N] [-p] [-f]` (pkg/cmd/logs and
 * polymorphichelpers.logsForObject): a controller's name picks one of its pods ("Found N pods,
 * using pod/…"), a pod with several containers defaults to the first ("Defaulted container …"),
 * and -f keeps printing what the container writes until the pod goes away or Ctrl+C.
 */
import type { Pod } from '../../../api/types'
import { findResource } from '../../../apiserver/resources'
import type { CommandOutput } from '../../command'
import { KubectlError } from '../errors'
import { resourcePath } from '../resources'
import type { Invocation, KubectlVerb } from '../verb'
import { attachablePod } from './attachablePod'
import { completePods } from './complete'

const USAGE_ERROR =
  "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples"
const PODS = findResource('', 'pods')!

function containerFor(inv: Invocation, pod: Pod, asked: string | undefined): string {
  const names = pod.spec.containers.map((c) => c.name)
  const all = [...names, ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`)]
  let container = asked ?? pod.metadata.annotations?.['kubectl.kubernetes.io/default-container']
  if (container === undefined) {
    container = names[0]!
    if (all.length > 1) inv.io.err(`Defaulted container "${container}" out of: ${all.join(', ')}\n`)
  }
  const known = [...names, ...(pod.spec.initContainers ?? []).map((c) => c.name)]
  if (!known.includes(container))
    throw new KubectlError(
      `error: container ${container} is not valid for pod ${pod.metadata.name}`,
    )
  return container
}

/** The log text, or kubectl's error; a kubelet the API server cannot reach fails as on a real cluster. */
function readLog(inv: Invocation, pod: Pod, query: Record<string, string>): string {
  try {
    const response = inv.api.request({
      method: 'GET',
      path: resourcePath(PODS, pod.metadata.namespace, pod.metadata.name, 'log'),
      query,
    })
    return String(response.body)
  } catch (error) {
    if (error instanceof KubectlError) throw error
    throw new KubectlError(`Error from server: ${(error as Error).message}`)
  }
}

export const logsVerb: KubectlVerb = {
  name: 'logs',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'tail', type: 'int', default: '-1' },
    { name: 'timestamps', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-containers', type: 'bool' },
    { name: 'prefix', type: 'bool' },
    { name: 'since', type: 'string' },
    { name: 'limit-bytes', type: 'int' },
    { name: 'max-log-requests', type: 'int', default: '5' },
    { name: 'pod-running-timeout', type: 'string', default: '20s' },
    { name: 'ignore-errors', type: 'bool' },
  ],
  run(inv) {
    const { args, flags } = inv
    if (args.length === 0 || args.length > 2) throw new KubectlError(USAGE_ERROR)
    inv.api.discover()
    const pod = attachablePod(inv, args[0]!, 'logs')
    const container = containerFor(inv, pod, flags.string('container') ?? args[1])
    const tail = flags.int('tail') ?? -1
    const query: Record<string, string> = {
      container,
      ...(flags.bool('previous') ? { previous: 'true' } : {}),
      ...(flags.bool('timestamps') ? { timestamps: 'true' } : {}),
    }
    const text = readLog(inv, pod, tail >= 0 ? { ...query, tailLines: String(tail) } : query)
    inv.io.out(text)
    if (flags.bool('follow')) follow(inv, pod, query)
    return 0
  },
  complete: (words, partial, api) => completePods(words, partial, api),
}

/** -f: on each poll, what the container wrote since; the stream ends with the pod or container. */
function follow(inv: Invocation, pod: Pod, query: Record<string, string>): void {
  let seen = readLog(inv, pod, query)
  inv.context.follow({
    poll(out: CommandOutput) {
      let now: string
      try {
        now = readLog(inv, pod, query)
      } catch {
        return 0
      }
      // A log that no longer continues the one followed means the container was replaced: the
      // kubelet's stream of the old one ended, and so does kubectl.
      if (!now.startsWith(seen)) return 0
      out.out(now.slice(seen.length))
      seen = now
      return undefined
    },
  })
}
