/**
 * Why things are as they are. Components record the reasons of their decisions (a scheduler's
 * per-node filter results, a controller's cause, a node-lifecycle transition) so the lab can
 * answer "why is this pod Pending?" across components.
 *
 * Invariants:
 * 1. Records are kept per subject, newest last, at most MAX_PER_SUBJECT each (bounded memory).
 * 2. Records are data (an English summary plus structured details); the UI translates.
 */

export interface Reason {
  atMs: number
  /** Who decided: "kube-scheduler", "kube-controller-manager/deployment", "kubelet/worker-1". */
  component: string
  /** What it is about: "Pod default/web-7c9f-abcde", "Node worker-1". */
  subject: string
  /** A stable code for the reason, e.g. "FailedScheduling", "ScalingReplicaSet", "NodeNotReady". */
  code: string
  /** One sentence in English, as a log line would say it. */
  summary: string
  /** The subject that caused this, for a chain: "Component kube-scheduler-cp-1". */
  causedBy?: string
  /** Structured details, e.g. the scheduler's per-node, per-plugin results. */
  details?: unknown
}

const MAX_PER_SUBJECT = 20

export class ExplainLog {
  private readonly bySubject = new Map<string, Reason[]>()

  constructor(private readonly now: () => number) {}

  record(reason: Omit<Reason, 'atMs'>): void {
    const list = this.bySubject.get(reason.subject) ?? []
    list.push({ atMs: this.now(), ...reason })
    if (list.length > MAX_PER_SUBJECT) list.shift()
    this.bySubject.set(reason.subject, list)
  }

  latest(subject: string, code?: string): Reason | undefined {
    const list = this.bySubject.get(subject) ?? []
    for (let i = list.length - 1; i >= 0; i--)
      if (code === undefined || list[i]!.code === code) return list[i]
    return undefined
  }

  all(subject: string): readonly Reason[] {
    return this.bySubject.get(subject) ?? []
  }

  /** Follows causedBy links from a subject, newest reason first at each step (bounded). */
  chain(subject: string, maxDepth = 8): Reason[] {
    const out: Reason[] = []
    let current: string | undefined = subject
    const seen = new Set<string>()
    while (current !== undefined && out.length < maxDepth && !seen.has(current)) {
      seen.add(current)
      const reason = this.latest(current)
      if (reason === undefined) break
      out.push(reason)
      current = reason.causedBy
    }
    return out
  }
}

export function podSubject(namespace: string, name: string): string {
  return `Pod ${namespace}/${name}`
}
