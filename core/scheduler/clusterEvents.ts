/**
 * Cluster events that can make an unschedulable pod schedulable (framework.ClusterEvent), and
 * which plugins care about which (EnqueueExtensions.EventsToRegister). The queue moves a pod
 * out of the unschedulable pool only on an event registered by a plugin that rejected it.
 *
 * Invariants:
 * 1. A Node update is classified by what changed that scheduling reads (allocatable, labels,
 *    taints or spec.unschedulable, condition statuses); heartbeat-only updates are no event.
 * 2. Action types are bit flags: a registration matches an event when the resources agree
 *    (Pod matches AssignedPod and UnscheduledPod) and the flags overlap.
 */
import type { Node, Pod } from '../api/types'

export type EventResource = 'Node' | 'Pod' | 'AssignedPod' | 'UnscheduledPod' | '*'

export const ActionType = {
  Add: 1,
  Delete: 2,
  UpdateNodeAllocatable: 4,
  UpdateNodeLabel: 8,
  UpdateNodeTaint: 16,
  UpdateNodeCondition: 32,
  UpdatePodToleration: 64,
  UpdatePodLabel: 128,
  All: 0xffff,
} as const

export interface ClusterEvent {
  resource: EventResource
  actions: number
  /** For logs and "why?": NodeAdd, NodeTaintChange, AssignedPodDelete, UnschedulableTimeout … */
  label: string
}

const event = (resource: EventResource, actions: number, label: string): ClusterEvent => ({
  resource,
  actions,
  label,
})

export const NODE_ADD = event('Node', ActionType.Add, 'NodeAdd')
export const ASSIGNED_POD_DELETE = event('AssignedPod', ActionType.Delete, 'AssignedPodDelete')
export const UNSCHEDULABLE_TIMEOUT = event('*', ActionType.All, 'UnschedulableTimeout')
export const POD_TOLERATION_CHANGE = event(
  'UnscheduledPod',
  ActionType.UpdatePodToleration,
  'PodTolerationChange',
)
const NODE_ALLOCATABLE = event('Node', ActionType.UpdateNodeAllocatable, 'NodeAllocatableChange')
const NODE_LABEL = event('Node', ActionType.UpdateNodeLabel, 'NodeLabelChange')
const NODE_TAINT = event('Node', ActionType.UpdateNodeTaint, 'NodeTaintChange')
const NODE_SPEC_UNSCHEDULABLE = event(
  'Node',
  ActionType.UpdateNodeTaint,
  'NodeSpecUnschedulableChange',
)
const NODE_CONDITION = event('Node', ActionType.UpdateNodeCondition, 'NodeConditionChange')

/** True when a plugin's registration covers an incoming event. */
export function matches(registered: ClusterEvent, incoming: ClusterEvent): boolean {
  if (registered.resource === '*' || incoming.resource === '*') return true
  const resourceOk =
    registered.resource === incoming.resource ||
    (registered.resource === 'Pod' &&
      (incoming.resource === 'AssignedPod' || incoming.resource === 'UnscheduledPod'))
  return resourceOk && (registered.actions & incoming.actions) !== 0
}

function sameRecord(
  a: Record<string, unknown> | undefined,
  b: Record<string, unknown> | undefined,
) {
  return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {})
}

function conditionStatuses(node: Node): string {
  return (node.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).join(',')
}

/** nodeSchedulingPropertiesChange: the events a Node update amounts to (often none). */
export function nodeUpdateEvents(old: Node, node: Node): ClusterEvent[] {
  const events: ClusterEvent[] = []
  if ((old.spec?.unschedulable === true) !== (node.spec?.unschedulable === true)) {
    events.push(NODE_SPEC_UNSCHEDULABLE)
  }
  if (!sameRecord(old.status?.allocatable, node.status?.allocatable)) events.push(NODE_ALLOCATABLE)
  if (!sameRecord(old.metadata.labels, node.metadata.labels)) events.push(NODE_LABEL)
  if (JSON.stringify(old.spec?.taints ?? []) !== JSON.stringify(node.spec?.taints ?? [])) {
    events.push(NODE_TAINT)
  }
  if (conditionStatuses(old) !== conditionStatuses(node)) events.push(NODE_CONDITION)
  return events
}

/** Whether an update of a pending pod may change what the plugins decide about it. */
export function podUpdateEvents(old: Pod, pod: Pod): ClusterEvent[] {
  const before = JSON.stringify(old.spec.tolerations ?? [])
  return before === JSON.stringify(pod.spec.tolerations ?? []) ? [] : [POD_TOLERATION_CHANGE]
}
