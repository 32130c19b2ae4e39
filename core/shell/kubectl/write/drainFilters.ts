/**
 * Which pods `kubectl drain` removes from a node, as k8s.io/kubectl/pkg/drain/filters.go decides,
 * filter by filter, the first refusal winning:
 *
 * 1. DaemonSet pods: an error without --ignore-daemonsets, else left in place with a warning
 *    (their DaemonSet would recreate them at once); a pod of a DaemonSet that no longer exists
 *    is deleted with --force.
 * 2. Mirror pods (static pods, which the kubelet owns): skipped silently.
 * 3. Pods with emptyDir volumes: an error without --delete-emptydir-data (the data goes).
 * 4. Pods without a controller: an error without --force (nothing recreates them).
 * Finished pods (Succeeded, Failed) pass filters 1, 3 and 4.
 */
import type { KubeObject, Pod } from '../../../api/types'
import { controllerOf } from '../../../api/objects'
import type { Invocation } from '../verb'

export interface PodVerdict {
  pod: Pod
  delete: boolean
  /** An error or a warning message, grouped by message in drain's output. */
  error?: string
  warning?: string
}

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)'
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods'
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)'
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage'
// kubectl's own message repeats "cannot delete" once the list adds its prefix; kept as it is.
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)'
const UNMANAGED_WARNING = 'deleting Pods that declare no controller'

export interface DrainOptions {
  ignoreDaemonSets: boolean
  deleteEmptyDirData: boolean
  force: boolean
  /** Whether the DaemonSet that owns a pod still exists. */
  daemonSetExists(namespace: string, name: string): boolean
}

export function judgePod(pod: Pod, options: DrainOptions): PodVerdict {
  const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
  const owner = controllerOf(pod as KubeObject)
  if (owner?.kind === 'DaemonSet' && !finished) {
    if (!options.daemonSetExists(pod.metadata.namespace ?? '', owner.name)) {
      const message = `daemonsets.apps "${owner.name}" not found`
      return options.force
        ? { pod, delete: true, warning: message }
        : { pod, delete: false, error: message }
    }
    if (!options.ignoreDaemonSets) return { pod, delete: false, error: DAEMONSET_FATAL }
    return { pod, delete: false, warning: DAEMONSET_WARNING }
  }
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined)
    return { pod, delete: false }
  const emptyDir = (pod.spec.volumes ?? []).some((v) => 'emptyDir' in v)
  let verdict: PodVerdict = { pod, delete: true }
  if (emptyDir && !finished) {
    if (!options.deleteEmptyDirData) return { pod, delete: false, error: LOCAL_STORAGE_FATAL }
    verdict = { pod, delete: true, warning: LOCAL_STORAGE_WARNING }
  }
  if (owner === undefined && !finished) {
    if (!options.force) return { pod, delete: false, error: UNMANAGED_FATAL }
    return { pod, delete: true, warning: UNMANAGED_WARNING }
  }
  return verdict
}

/** "msg: ns/a, ns/b" per message, in the order messages first appear. */
function grouped(verdicts: PodVerdict[], pick: (v: PodVerdict) => string | undefined): string[] {
  const groups = new Map<string, string[]>()
  for (const v of verdicts) {
    const message = pick(v)
    if (message === undefined) continue
    const list = groups.get(message) ?? []
    list.push(`${v.pod.metadata.namespace}/${v.pod.metadata.name}`)
    groups.set(message, list)
  }
  return [...groups].map(([message, pods]) => `${message}: ${pods.join(', ')}`)
}

/** PodDeleteList.errors(): "cannot delete <message>: pods". */
export function drainErrors(verdicts: PodVerdict[]): string[] {
  return grouped(verdicts, (v) => v.error).map((line) => `cannot delete ${line}`)
}

/** PodDeleteList.warnings(): groups joined with "; ". */
export function drainWarnings(verdicts: PodVerdict[]): string {
  return grouped(verdicts, (v) => v.warning).join('; ')
}

/** A DaemonSet lookup through the API, as the filter does it. */
export function daemonSetLookup(inv: Invocation): (namespace: string, name: string) => boolean {
  return (namespace, name) =>
    inv.api.send({
      method: 'GET',
      path: `/apis/apps/v1/namespaces/${namespace}/daemonsets/${name}`,
    }).status < 400
}
