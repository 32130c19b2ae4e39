/**
 * What the inspector shows of one Kubernetes object (`inspect/resource`): its summary, the object
 * as `kubectl get -o yaml` prints it, its conditions, its events, its logs, the "why?" chain and,
 * for a pod, the scheduler's latest decision.
 *
 * Invariants:
 * 1. Read-only: inspecting changes nothing (no log line, no explain record, no API request),
 *    and what it returns is a copy.
 * 2. The object is read from etcd, the ground truth: it can be inspected with the API server down.
 * 3. Bounded: at most LOG_LINES log lines and MAX_EVENTS events.
 * 4. A log that cannot be read (the node's kubelet is stopped, the pod has no node yet) is an
 *    empty list with logSource 'none', never an error: the inspector must work best exactly when
 *    things are broken.
 */
import { timeMs } from '../apiserver/tables/format'
import { RESOURCES, etcdKey } from '../apiserver/resources'
import type { Event, KubeObject, Pod } from '../api/types'
import type { ExplainLog } from '../explain/explain'
import { why } from '../explain/why'
import { LOG_LINES, type LogSource } from '../inspect/inspect'
import type { KubernetesCluster } from '../kubernetes/cluster'
import type { SchedulingDecision } from '../scheduler/decision'
import { toYaml } from '../shell/kubectl/print/object'
import { summarize } from './summarize'
import type {
  ConditionView,
  EventSummary,
  KubeSummary,
  ResourceInspection,
  SummaryKind,
} from './summary'

export const MAX_EVENTS = 20

export interface ResourceSources {
  cluster: KubernetesCluster
  explain: ExplainLog
  nowMs: number
}

export interface ResourceRef {
  object: SummaryKind
  namespace?: string
  name: string
}

/** The inspection of one object, or undefined when etcd holds no such object. */
export function inspectResource(
  ref: ResourceRef,
  sources: ResourceSources,
): ResourceInspection | undefined {
  const object = storedObject(ref, sources.cluster)
  const summary = object === undefined ? undefined : summarize(object)
  if (object === undefined || summary === undefined) return undefined
  const { logSource, logs } = logsOf(object, sources.cluster)
  const scheduling = object.kind === 'Pod' ? latestDecision(summary, sources.explain) : undefined
  return {
    summary,
    // A copy through JSON, as the API server's answer is: no part shared with etcd's object.
    yaml: toYaml(JSON.parse(JSON.stringify(object))),
    conditions: conditionsOf(object),
    events: eventsOf(summary, sources.cluster),
    logSource,
    logs,
    why: why(subjectOf(summary), sources.cluster, sources.explain, sources.nowMs),
    ...(scheduling === undefined ? {} : { scheduling }),
  }
}

function storedObject(ref: ResourceRef, cluster: KubernetesCluster): KubeObject | undefined {
  const def = RESOURCES.find((r) => r.kind === ref.object)
  if (def === undefined) return undefined
  // As kubectl does, a namespaced object named without a namespace is looked for in "default".
  const namespace = def.namespaced ? ref.namespace || 'default' : undefined
  return cluster.etcd.kv.get(etcdKey(def, namespace, ref.name))
}

/** "Pod default/web-1", "Node worker-1": the subjects the explain log records under. */
function subjectOf(summary: KubeSummary): string {
  const name = summary.namespace === '' ? summary.name : `${summary.namespace}/${summary.name}`
  return `${summary.kind} ${name}`
}

function conditionsOf(object: KubeObject): ConditionView[] {
  const status = object['status'] as { conditions?: unknown } | undefined
  if (!Array.isArray(status?.conditions)) return []
  return (status.conditions as Record<string, unknown>[]).map((condition) => {
    const text = (field: string): string | undefined =>
      typeof condition[field] === 'string' && condition[field] !== ''
        ? (condition[field] as string)
        : undefined
    const reason = text('reason')
    const message = text('message')
    const lastTransitionMs = timeMs(text('lastTransitionTime'))
    return {
      type: text('type') ?? '',
      status: text('status') ?? '',
      ...(reason === undefined ? {} : { reason }),
      ...(message === undefined ? {} : { message }),
      ...(lastTransitionMs === undefined ? {} : { lastTransitionMs }),
    }
  })
}

/**
 * The events about this object, oldest first, the last MAX_EVENTS. An event names its object by
 * kind, namespace and name; one that also names a uid must name this object's, so the events of
 * an earlier object of the same name are left out (a node's events carry its name as uid).
 */
function eventsOf(summary: KubeSummary, cluster: KubernetesCluster): EventSummary[] {
  // A cluster-scoped object's events live in the "default" namespace.
  const namespace = summary.namespace === '' ? 'default' : summary.namespace
  const events: EventSummary[] = []
  for (const event of cluster.etcd.kv.list(`/registry/events/${namespace}/`) as Event[]) {
    const involved = event.involvedObject ?? {}
    if (involved.kind !== summary.kind || involved.name !== summary.name) continue
    if ((involved.namespace ?? '') !== summary.namespace) continue
    const uid = involved.uid
    if (uid !== undefined && uid !== '' && uid !== summary.uid && uid !== summary.name) continue
    const view = summarize(event)
    if (view?.kind === 'Event') events.push(view)
  }
  events.sort((a, b) => a.lastMs - b.lastMs || a.firstMs - b.firstMs)
  return events.slice(-MAX_EVENTS)
}

/**
 * A pod's log is its first container's, which its node's kubelet serves (as to `kubectl logs`);
 * a node's is its kubelet's journal (`journalctl -u kubelet`).
 */
function logsOf(
  object: KubeObject,
  cluster: KubernetesCluster,
): { logSource: LogSource; logs: string[] } {
  const none = { logSource: 'none' as const, logs: [] }
  if (object.kind === 'Node') {
    const journal = cluster.logs.tail(`kubelet-${object.metadata.name ?? ''}`, LOG_LINES)
    return { logSource: 'journal', logs: [...journal] }
  }
  if (object.kind !== 'Pod') return none
  const pod = object as Pod
  const kubelet =
    pod.spec.nodeName === undefined ? undefined : cluster.nodes.get(pod.spec.nodeName)?.kubelet
  const container = pod.spec.containers[0]?.name
  if (kubelet === undefined || container === undefined) return none
  try {
    const text = kubelet.logs(pod.metadata.namespace ?? '', pod.metadata.name ?? '', container, {
      tailLines: LOG_LINES,
    })
    return { logSource: 'container', logs: text.split('\n').filter((line) => line !== '') }
  } catch {
    return none // Invariant 4: a stopped kubelet, or a pod it does not run (yet).
  }
}

/** The scheduler's latest decision about a pod, as it recorded it in the explain log. */
function latestDecision(summary: KubeSummary, explain: ExplainLog): SchedulingDecision | undefined {
  const reasons = explain.all(subjectOf(summary))
  for (let i = reasons.length - 1; i >= 0; i--) {
    const { code, details } = reasons[i]!
    if ((code === 'Scheduled' || code === 'FailedScheduling') && details !== undefined)
      return JSON.parse(JSON.stringify(details)) as SchedulingDecision
  }
  return undefined
}
