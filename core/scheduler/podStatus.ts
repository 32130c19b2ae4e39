/**
 * Writing a pending pod's status after a failed attempt (updatePod in schedule_one.go): the
 * PodScheduled condition (False, reason Unschedulable or SchedulerError, message = the FitError
 * text, FIDELITY.md §3.4) and status.nominatedNodeName after preemption.
 *
 * Invariants:
 * 1. Nothing is written when the condition and nomination are already as wanted
 *    (UpdatePodCondition's equality check): a pod retried every 10 s does not churn the API.
 * 2. lastTransitionTime changes only when the condition's status changes.
 * 3. The patch replaces status.conditions as a whole (a JSON patch on the status subresource),
 *    so `lastProbeTime: null` is kept as the real API server shows it.
 */
import { rfc3339 } from '../api/time'
import type { Pod, PodCondition } from '../api/types'
import type { ApiClient } from '../client/client'

export type PodScheduledReason = 'Unschedulable' | 'SchedulerError'

export interface NominatingInfo {
  /** Set to nominate a node, '' to clear a nomination, undefined to leave it as it is. */
  nominatedNodeName?: string
}

interface JsonPatchOp {
  op: 'add' | 'remove'
  path: string
  value?: unknown
}

/** The JSON patch that brings the pod's status to the wanted state, or [] when it is there. */
export function podStatusPatch(
  pod: Pod,
  wanted: { reason: PodScheduledReason; message: string },
  nominating: NominatingInfo,
  nowMs: number,
): JsonPatchOp[] {
  const ops: JsonPatchOp[] = []
  const conditions = pod.status?.conditions ?? []
  const old = conditions.find((c) => c.type === 'PodScheduled')
  const changed =
    old === undefined ||
    old.status !== 'False' ||
    old.reason !== wanted.reason ||
    old.message !== wanted.message
  if (changed) {
    const condition: PodCondition = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime:
        old?.status === 'False' && old.lastTransitionTime !== undefined
          ? old.lastTransitionTime
          : rfc3339(nowMs),
      reason: wanted.reason,
      message: wanted.message,
    }
    const next =
      old === undefined
        ? [...conditions, condition]
        : conditions.map((c) => (c === old ? condition : c))
    ops.push({ op: 'add', path: '/status/conditions', value: next })
  }
  const current = pod.status?.nominatedNodeName ?? ''
  const target = nominating.nominatedNodeName
  if (target !== undefined && target !== current) {
    if (target === '') ops.push({ op: 'remove', path: '/status/nominatedNodeName' })
    else ops.push({ op: 'add', path: '/status/nominatedNodeName', value: target })
  }
  return ops
}

/** Applies podStatusPatch through the API; returns the error text if the API refused. */
export function updatePodStatus(
  client: ApiClient,
  pod: Pod,
  wanted: { reason: PodScheduledReason; message: string },
  nominating: NominatingInfo,
  nowMs: number,
): string | undefined {
  const ops = podStatusPatch(pod, wanted, nominating, nowMs)
  if (ops.length === 0) return undefined
  const namespace = pod.metadata.namespace ?? 'default'
  try {
    client.patch('pods', namespace, pod.metadata.name ?? '', ops, 'json', 'status')
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}
