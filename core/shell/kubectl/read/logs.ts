/**
 * `kubectl logs POD|TYPE/NAME [CONTAINER] [-c C] [--tail N] [-p] [-f]` (pkg/cmd/logs and
 * polymorphichelpers.logsForObject): a controller's name picks one of its pods ("Found N pods,
 * using pod/…"), a pod with several containers defaults to the first ("Defaulted container …"),
 * and -f keeps printing what the container writes until the pod goes away or Ctrl+C.
 */
import type { Deployment, Pod } from '../../../api/types'
import { findResource } from '../../../apiserver/resources'
import { selectorString } from '../../../apiserver/tables/format'
import type { CommandOutput } from '../../command'
import { KubectlError } from '../errors'
import { resolveResourceType, resourcePath } from '../resources'
import type { Invocation, KubectlVerb } from '../verb'
import { completePods } from './complete'
import { getObject, listObjects } from './request'

const USAGE_ERROR =
  "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples"
const PODS = findResource('', 'pods')!

/** The pod a TYPE/NAME stands for (attachablePodForObject), with kubectl's note when several match. */
function podFor(inv: Invocation, typed: string): Pod {
  const slash = typed.indexOf('/')
  if (slash < 0) return getObject<Pod>(inv.api, PODS, inv.namespace, typed)
  const def = resolveResourceType(typed.slice(0, slash))
  const name = typed.slice(slash + 1)
  if (def.kind === 'Pod') return getObject<Pod>(inv.api, PODS, inv.namespace, name)
  const owner = getObject<Deployment>(inv.api, def, inv.namespace, name)
  const selector = selectorString(owner.spec?.selector)
  if (selector === undefined || selector === '')
    throw new KubectlError(
      `error: cannot get the logs from ${def.kind === 'Service' ? '*v1.Service' : `*v1.${def.kind}`}`,
    )
  const pods = listObjects<Pod>(inv.api, PODS, inv.namespace, { labelSelector: selector }).items
  if (pods.length === 0) throw new KubectlError(`error: timed out waiting for the condition`)
  const sorted = [...pods].sort(byLogging)
  if (pods.length > 1)
    inv.io.err(`Found ${pods.length} pods, using pod/${sorted[0]!.metadata.name}\n`)
  return sorted[0]!
}

/** podutils.ByLogging: scheduled, running, ready, more restarts, older first. */
function byLogging(a: Pod, b: Pod): number {
  const order: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 }
  const phase = (p: Pod): number => order[p.status?.phase ?? ''] ?? 3
  const ready = (p: Pod): number =>
    p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 0 : 1
  const restarts = (p: Pod): number =>
    -(p.status?.containerStatuses ?? []).reduce((n, s) => n + s.restartCount, 0)
  const keys = (p: Pod): (number | string)[] => [
    p.spec.nodeName ? 0 : 1,
    phase(p),
    ready(p),
    restarts(p),
    p.metadata.creationTimestamp ?? '~',
  ]
  const [ka, kb] = [keys(a), keys(b)]
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1
  return 0
}

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
    const pod = podFor(inv, args[0]!)
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
