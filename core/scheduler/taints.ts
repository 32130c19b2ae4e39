/**
 * Taints and tolerations (k8s.io/api/core/v1/toleration.go, component-helpers' scheduling
 * helpers): the matching rule the TaintToleration and NodeUnschedulable plugins share.
 */
import type { Taint, Toleration } from '../api/types'

/**
 * Toleration.ToleratesTaint: an empty effect matches every effect, an empty key (with Exists)
 * every key; operator Equal (or empty) compares values, Exists ignores them.
 */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if ((toleration.effect ?? '') !== '' && toleration.effect !== taint.effect) return false
  if ((toleration.key ?? '') !== '' && toleration.key !== taint.key) return false
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '')
    case 'Exists':
      return true
    default:
      return false
  }
}

export function tolerationsTolerateTaint(
  tolerations: readonly Toleration[],
  taint: Taint,
): boolean {
  for (const toleration of tolerations) if (toleratesTaint(toleration, taint)) return true
  return false
}

/** FindMatchingUntoleratedTaint: the first taint (in node order) no toleration matches. */
export function findUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
): Taint | undefined {
  for (const taint of taints) if (!tolerationsTolerateTaint(tolerations, taint)) return taint
  return undefined
}

/**
 * TaintNodeUnschedulable, which the node lifecycle controller puts on a cordoned node. A pod that
 * tolerates it also ignores spec.unschedulable (DaemonSet pods do).
 */
export const UNSCHEDULABLE_TAINT: Taint = {
  key: 'node.kubernetes.io/unschedulable',
  effect: 'NoSchedule',
}
