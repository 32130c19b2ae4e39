/**
 * The pod a `TYPE/NAME` stands for in `kubectl logs` and `kubectl exec` (polymorphichelpers'
 * logsForObject, attachablePodForObject and SelectorsForObject, v1.32): a pod is itself; a
 * Deployment, ReplicaSet, DaemonSet, StatefulSet, Job or Service stands for the first of the pods
 * its selector matches. logs picks by podutils.ByLogging and says so when there were several
 * ("Found 3 pods, using pod/…"); exec picks the most active pod (sort.Reverse(ActivePods)),
 * silently.
 */
import type { Pod } from '../../../api/types'
import { findResource } from '../../../apiserver/resources'
import { selectorString } from '../../../apiserver/tables/format'
import type { LabelSelector } from '../../../api/types'
import { KubectlError } from '../errors'
import { resolveResourceType } from '../resources'
import type { Invocation } from '../verb'
import { getObject, listObjects } from './request'

const PODS = findResource('', 'pods')!
const WITH_SELECTOR = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job']

/** SelectorsForObject: the label selector a workload or Service stands for, or why none. */
function selectorOf(object: {
  kind?: string
  metadata: { name?: string }
  spec?: unknown
}): { selector: string } | { error: string } {
  const kind = object.kind ?? ''
  const spec = (object.spec ?? {}) as { selector?: unknown }
  if (kind === 'Service') {
    const map = (spec.selector ?? {}) as Record<string, string>
    if (Object.keys(map).length === 0)
      return {
        error: `invalid service '${object.metadata.name}': Service is defined without a selector`,
      }
    const terms = Object.entries(map).map(([k, v]) => `${k}=${v}`)
    return { selector: terms.sort().join(',') }
  }
  if (WITH_SELECTOR.includes(kind)) {
    const selector = selectorString(spec.selector as LabelSelector | undefined)
    if (selector !== undefined) return { selector }
  }
  return { error: `selector for *v1.${kind} not implemented` }
}

/** The pod `typed` stands for ("web-1", "pod/web-1", "deploy/web", "svc/web"). */
export function attachablePod(inv: Invocation, typed: string, purpose: 'logs' | 'exec'): Pod {
  const slash = typed.indexOf('/')
  if (slash < 0) return getObject<Pod>(inv.api, PODS, inv.namespace, typed)
  const def = resolveResourceType(typed.slice(0, slash))
  const name = typed.slice(slash + 1)
  if (def.kind === 'Pod') return getObject<Pod>(inv.api, PODS, inv.namespace, name)
  const owner = getObject<Pod>(inv.api, def, inv.namespace, name)
  const found = selectorOf({ ...owner, kind: owner.kind ?? def.kind })
  if ('error' in found) {
    const doing = purpose === 'logs' ? 'get the logs from' : 'attach to'
    throw new KubectlError(`error: cannot ${doing} *v1.${def.kind}: ${found.error}`)
  }
  const query = { labelSelector: found.selector }
  const pods = listObjects<Pod>(inv.api, PODS, inv.namespace, query).items
  if (pods.length === 0) throw new KubectlError(`error: timed out waiting for the condition`)
  const sorted = [...pods].sort(purpose === 'logs' ? byLogging : mostActive)
  if (purpose === 'logs' && pods.length > 1)
    inv.io.err(`Found ${pods.length} pods, using pod/${sorted[0]!.metadata.name}\n`)
  return sorted[0]!
}

const PHASE_ORDER: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 }
const phaseRank = (p: Pod): number => PHASE_ORDER[p.status?.phase ?? ''] ?? 3
const readyRank = (p: Pod): number =>
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 0 : 1
const restarts = (p: Pod): number =>
  (p.status?.containerStatuses ?? []).reduce((n, s) => n + s.restartCount, 0)

/** Compares two pods by a list of keys, the first that differs deciding. */
function byKeys(keys: (p: Pod) => (number | string)[]): (a: Pod, b: Pod) => number {
  return (a, b) => {
    const [ka, kb] = [keys(a), keys(b)]
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1
    return 0
  }
}

/** podutils.ByLogging: scheduled, running, ready, more restarts, older first. */
const byLogging = byKeys((p) => [
  p.spec.nodeName ? 0 : 1,
  phaseRank(p),
  readyRank(p),
  -restarts(p),
  p.metadata.creationTimestamp ?? '~',
])

/**
 * sort.Reverse(ActivePods): scheduled, running, ready, fewer restarts, older first (the lab
 * leaves out how long each pod has been ready, which only breaks ties between ready pods).
 */
const mostActive = byKeys((p) => [
  p.spec.nodeName ? 0 : 1,
  phaseRank(p),
  readyRank(p),
  restarts(p),
  p.metadata.creationTimestamp ?? '~',
])
