/**
 * Pod defaulting (k8s.io/kubernetes/pkg/apis/core/v1/defaults.go) and the DefaultTolerationSeconds
 * admission plugin (FIDELITY.md §4.5). Also used for the pod templates of workloads.
 */
import type { Container, PodSpec, Pod, Toleration } from '../../api/types'

export const DEFAULT_TOLERATION_SECONDS = 300
export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready'
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable'

/** IfNotPresent unless the tag is `latest` or missing (then Always). */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const withoutDigest = image.split('@')[0]!
  const lastPart = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1)
  const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : ''
  return image.includes('@') || (tag !== '' && tag !== 'latest') ? 'IfNotPresent' : 'Always'
}

function defaultContainer(c: Container): void {
  c.imagePullPolicy ??= defaultPullPolicy(c.image ?? '')
  c.terminationMessagePath ??= '/dev/termination-log'
  c.terminationMessagePolicy ??= 'File'
  c.resources ??= {}
  for (const port of c.ports ?? []) port.protocol ??= 'TCP'
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
    if (probe === undefined) continue
    probe.timeoutSeconds ??= 1
    probe.periodSeconds ??= 10
    probe.successThreshold ??= 1
    probe.failureThreshold ??= 3
  }
}

export function defaultPodSpec(spec: PodSpec): void {
  spec.restartPolicy ??= 'Always'
  spec.terminationGracePeriodSeconds ??= 30
  spec.dnsPolicy ??= 'ClusterFirst'
  spec.schedulerName ??= 'default-scheduler'
  spec.serviceAccountName ??= 'default'
  spec.securityContext ??= {}
  spec.enableServiceLinks ??= true
  spec.preemptionPolicy ??= 'PreemptLowerPriority'
  spec.priority ??= 0
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) defaultContainer(c)
}

/** Adds the not-ready and unreachable NoExecute tolerations for 300 s unless already tolerated. */
export function addDefaultTolerations(spec: PodSpec): void {
  const tolerations: Toleration[] = spec.tolerations ?? []
  for (const key of [NOT_READY_TAINT, UNREACHABLE_TAINT]) {
    const tolerated = tolerations.some(
      (t) =>
        (t.key === key || (t.key ?? '') === '') &&
        (t.effect === 'NoExecute' || (t.effect ?? '') === ''),
    )
    if (!tolerated) {
      tolerations.push({
        key,
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
      })
    }
  }
  spec.tolerations = tolerations
}

/** QoS class from requests and limits (pkg/apis/core/helper/qos). */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = pod.spec.containers ?? []
  const any = containers.some(
    (c) =>
      Object.keys(c.resources?.requests ?? {}).length +
        Object.keys(c.resources?.limits ?? {}).length >
      0,
  )
  if (!any) return 'BestEffort'
  const guaranteed = containers.every((c) => {
    const limits = c.resources?.limits ?? {}
    const requests = c.resources?.requests ?? {}
    return (['cpu', 'memory'] as const).every(
      (r) => limits[r] !== undefined && (requests[r] ?? limits[r]) === limits[r],
    )
  })
  return guaranteed ? 'Guaranteed' : 'Burstable'
}
