/**
 * Pod predicates the controllers share (k8s.io/kubernetes/pkg/api/v1/pod and controller_utils),
 * and the subjects they record causes under in the ExplainLog.
 */
import { objectKey } from '../api/objects'
import { parseTimestamp } from '../api/time'
import type { KubeObject, Pod, PodCondition } from '../api/types'

export function readyCondition(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready')
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True'
}

/** Succeeded or Failed: its containers will not run again. */
export function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
}

/** controller.IsPodActive: not terminal and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && pod.metadata.deletionTimestamp === undefined
}

/** Virtual ms at which the pod became Ready, or undefined when it is not ready. */
export function readySinceMs(pod: Pod): number | undefined {
  const ready = readyCondition(pod)
  if (ready?.status !== 'True' || ready.lastTransitionTime === undefined) return undefined
  return parseTimestamp(ready.lastTransitionTime)
}

/** podutil.IsPodAvailable: ready for at least minReadySeconds. */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false
  if (minReadySeconds === 0) return true
  const since = readySinceMs(pod)
  return since !== undefined && since + minReadySeconds * 1000 <= nowMs
}

export function maxContainerRestarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount))
}

export function creationMs(object: KubeObject): number | undefined {
  const t = object.metadata.creationTimestamp
  return t === undefined ? undefined : parseTimestamp(t)
}

/** ExplainLog subject of an object: "ReplicaSet default/web-7d4b9c", "Node worker-1". */
export function subjectOf(object: KubeObject): string {
  return `${object.kind} ${objectKey(object)}`
}

/** Sort order of controller.ReplicaSetsByCreationTimestamp / podByCreationTimestamp. */
export function byCreation(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? ''
  const tb = b.metadata.creationTimestamp ?? ''
  if (ta !== tb) return ta < tb ? -1 : 1
  const na = a.metadata.name ?? ''
  const nb = b.metadata.name ?? ''
  return na < nb ? -1 : na > nb ? 1 : 0
}

/** Go's map[string]string equality for labels: a missing map equals an empty one. */
export function sameLabels(a?: Record<string, string>, b?: Record<string, string>): boolean {
  const ea = Object.entries(a ?? {})
  return ea.length === Object.keys(b ?? {}).length && ea.every(([k, v]) => b?.[k] === v)
}
