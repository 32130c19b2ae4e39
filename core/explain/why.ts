/**
 * "Why is this object in this state?" across components. The answer is a chain of reasons, most
 * immediate first, each pointing at what caused it: what the components recorded (scheduler
 * decisions, controller causes, node-lifecycle transitions) plus facts the lab knows directly
 * (no scheduler is leading; a fault stopped a component at a given time).
 */
import type { Pod } from '../api/types'
import type { KubernetesCluster } from '../kubernetes/cluster'
import type { ExplainLog, Reason } from './explain'

const MAX_CHAIN = 8

export function why(
  subject: string,
  cluster: KubernetesCluster,
  explain: ExplainLog,
  nowMs: number,
): Reason[] {
  const pod = podOf(subject, cluster)
  if (
    pod !== undefined &&
    pod.spec.nodeName === undefined &&
    pod.metadata.deletionTimestamp === undefined
  ) {
    return pendingPod(subject, cluster, explain, nowMs)
  }
  const first = causeOf(subject, explain)
  return first === undefined ? [] : follow([first], explain)
}

function pendingPod(
  subject: string,
  cluster: KubernetesCluster,
  explain: ExplainLog,
  nowMs: number,
): Reason[] {
  const leading = [...cluster.schedulers.values()].some((s) => s.isLeader)
  if (!leading) {
    const stopped = [...cluster.schedulers.keys()].map(
      (machine) => `Component kube-scheduler-${machine}`,
    )
    const cause = stopped.find((c) => explain.latest(c) !== undefined) ?? stopped[0]
    const head: Reason = {
      atMs: nowMs,
      component: 'kube-scheduler',
      subject,
      code: 'NoSchedulerLeader',
      summary:
        'The pod has no node: no kube-scheduler is running and holding the kube-system/kube-scheduler Lease, so nothing assigns pods to nodes.',
      ...(cause === undefined ? {} : { causedBy: cause }),
    }
    return follow([head], explain)
  }
  const decision = explain.latest(subject, 'FailedScheduling')
  return follow(decision === undefined ? explain.chain(subject, MAX_CHAIN) : [decision], explain)
}

/** Extends a chain along causedBy links (bounded, without cycles). */
function follow(start: Reason[], explain: ExplainLog): Reason[] {
  const chain = [...start]
  const seen = new Set(chain.map((r) => r.subject))
  let next = chain[chain.length - 1]?.causedBy
  while (next !== undefined && chain.length < MAX_CHAIN && !seen.has(next)) {
    seen.add(next)
    const reason = causeOf(next, explain)
    if (reason === undefined) break
    chain.push(reason)
    next = reason.causedBy
  }
  return chain
}

/**
 * The reason that explains a subject's state: a fault still in force on it wins over whatever the
 * component said meanwhile (a stopped scheduler's last words are about losing its lease).
 */
function causeOf(subject: string, explain: ExplainLog): Reason | undefined {
  const applied = explain.latest(subject, 'FaultApplied')
  const healed = explain.latest(subject, 'FaultHealed')
  if (applied !== undefined && (healed === undefined || healed.atMs < applied.atMs)) return applied
  return explain.latest(subject)
}

function podOf(subject: string, cluster: KubernetesCluster): Pod | undefined {
  const match = /^Pod ([^/]+)\/(.+)$/.exec(subject)
  if (match === null) return undefined
  return cluster.etcd.kv.get(`/registry/pods/${match[1]}/${match[2]}`) as Pod | undefined
}
