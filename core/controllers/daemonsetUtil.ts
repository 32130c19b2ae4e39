/**
 * Where DaemonSet pods belong (pkg/controller/daemon/util, daemon_controller.go's
 * NodeShouldRunDaemonPod). Since 1.12 the controller does not bind its pods: it pins each to its
 * node with required node affinity `matchFields metadata.name In [<node>]` and lets the default
 * scheduler bind it, so `kubectl describe pod` shows a Scheduled event from default-scheduler.
 *
 * Invariants:
 * 1. A node should run the pod if the pod fits by nodeSelector and required node affinity and
 *    tolerates every NoSchedule/NoExecute taint; a pod already there keeps running as long as it
 *    tolerates the NoExecute ones.
 * 2. DaemonSet pods tolerate not-ready and unreachable NoExecute forever (no tolerationSeconds,
 *    so node problems never evict them) and disk-, memory-, pid-pressure and unschedulable
 *    NoSchedule (a cordoned node keeps and even gets its daemons); network-unavailable too when
 *    they use the host network.
 */
import type {
  DaemonSet,
  Node,
  NodeSelectorRequirement,
  Pod,
  PodSpec,
  Taint,
  Toleration,
} from '../api/types'

export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation'
export const REVISION_HASH_LABEL = 'controller-revision-hash'
const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation'

/** util.AddOrUpdateDaemonPodTolerations */
export function addDaemonPodTolerations(spec: PodSpec): void {
  const wanted: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ]
  if (spec.hostNetwork) {
    wanted.push({
      key: 'node.kubernetes.io/network-unavailable',
      operator: 'Exists',
      effect: 'NoSchedule',
    })
  }
  const tolerations = [...(spec.tolerations ?? [])]
  for (const t of wanted) {
    const i = tolerations.findIndex((x) => x.key === t.key && x.effect === t.effect)
    if (i >= 0) tolerations[i] = t
    else tolerations.push(t)
  }
  spec.tolerations = tolerations
}

/** The DaemonSet's template generation: its annotation, else metadata.generation. */
export function templateGeneration(ds: DaemonSet): string {
  return (
    ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? String(ds.metadata.generation ?? 1)
  )
}

/** util.ReplaceDaemonSetPodNodeNameNodeAffinity: pin the pod to one node. */
export function pinToNode(spec: PodSpec, nodeName: string): void {
  const term = {
    matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: [nodeName] }],
  }
  const affinity = (spec.affinity ??= {})
  const nodeAffinity = (affinity.nodeAffinity ??= {})
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [term] }
}

/** util.GetTargetNodeName: spec.nodeName, or the node its affinity pins it to. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName
  const terms =
    pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms
  for (const term of terms ?? []) {
    for (const r of term.matchFields ?? []) {
      if (r.key === 'metadata.name' && r.operator === 'In' && r.values?.length === 1)
        return r.values[0]
    }
  }
  return undefined
}

/** [shouldRun, shouldContinueRunning] for one node (NodeShouldRunDaemonPod). */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): [boolean, boolean] {
  const spec: PodSpec = { ...ds.spec.template.spec }
  addDaemonPodTolerations(spec)
  const name = node.metadata.name!
  if (spec.nodeName && spec.nodeName !== name) return [false, false]
  if (!fitsNodeAffinity(spec, node)) return [false, false]
  const taints = node.spec.taints ?? []
  const tolerations = spec.tolerations ?? []
  const untolerated = (effects: string[]) =>
    taints.some((t) => effects.includes(t.effect) && !tolerations.some((tol) => tolerates(tol, t)))
  if (untolerated(['NoSchedule', 'NoExecute'])) return [false, !untolerated(['NoExecute'])]
  return [true, true]
}

export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false
  if (t.key && t.key !== taint.key) return false
  if (t.operator === 'Exists') return true
  return (t.value ?? '') === (taint.value ?? '')
}

/** nodeSelector and required node affinity (GetRequiredNodeAffinity(pod).Match(node)). */
function fitsNodeAffinity(spec: PodSpec, node: Node): boolean {
  const labels = node.metadata.labels ?? {}
  if (!Object.entries(spec.nodeSelector ?? {}).every(([k, v]) => labels[k] === v)) return false
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  if (required === undefined) return true
  const fields = { 'metadata.name': node.metadata.name! }
  return required.nodeSelectorTerms.some(
    (term) =>
      (term.matchExpressions ?? []).length + (term.matchFields ?? []).length > 0 &&
      (term.matchExpressions ?? []).every((r) => matches(r, labels)) &&
      (term.matchFields ?? []).every((r) => matches(r, fields)),
  )
}

function matches(r: NodeSelectorRequirement, values: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(values, r.key)
  const value = values[r.key]
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(value!)
    case 'NotIn':
      return !has || !(r.values ?? []).includes(value!)
    case 'Exists':
      return has
    case 'DoesNotExist':
      return !has
    case 'Gt':
    case 'Lt': {
      const a = Number(value)
      const b = Number(r.values?.[0])
      if (!has || !Number.isInteger(a) || !Number.isInteger(b)) return false
      return r.operator === 'Gt' ? a > b : a < b
    }
  }
}

/** podByCreationTimestampAndPhase: scheduled first, then oldest, then by name. */
export function byScheduledThenAge(a: Pod, b: Pod): number {
  const sa = a.spec.nodeName ? 0 : 1
  const sb = b.spec.nodeName ? 0 : 1
  if (sa !== sb) return sa - sb
  const ta = a.metadata.creationTimestamp ?? ''
  const tb = b.metadata.creationTimestamp ?? ''
  if (ta !== tb) return ta < tb ? -1 : 1
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1
}

/** shouldIgnoreNodeUpdate: only heartbeats changed, nothing a DaemonSet decides on. */
export function nodeUpdateIrrelevant(old: Node, node: Node): boolean {
  const conditions = (n: Node) =>
    (n.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).join(',')
  return (
    conditions(old) === conditions(node) &&
    JSON.stringify(old.metadata.labels ?? {}) === JSON.stringify(node.metadata.labels ?? {}) &&
    JSON.stringify(old.spec) === JSON.stringify(node.spec)
  )
}
