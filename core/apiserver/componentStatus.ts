/**
 * ComponentStatus (`kubectl get componentstatuses`, `cs`): the API server probes, from its own
 * machine, kube-scheduler's and kube-controller-manager's /healthz on 127.0.0.1 and its etcd
 * member, at the time of the request; nothing is stored. Deprecated since v1.19 and still served
 * in v1.32, with a warning on every answer (kubernetes pkg/registry/core/componentstatus).
 *
 * An HTTP probe that fails carries its error as the condition's message (the prober reports a
 * failed GET as a Failure with the error as its data), so the ERROR column stays empty.
 */
import type { KubeObject } from '../api/types'

/** The Warning header every componentstatuses answer carries; kubectl prints its text. */
export const COMPONENT_STATUS_WARNING = '299 - "v1 ComponentStatus is deprecated in v1.19+"'

export interface ComponentCondition {
  type: 'Healthy'
  status: 'True' | 'False'
  message?: string
  error?: string
}

export interface ComponentStatus extends KubeObject {
  kind: 'ComponentStatus'
  conditions: ComponentCondition[]
}

/** What a probe found: healthy with the body it read, or not with what went wrong. */
export type ProbeResult =
  { healthy: true; message: string } | { healthy: false; message?: string; error?: string }

export function componentStatus(name: string, probe: ProbeResult): ComponentStatus {
  const condition: ComponentCondition = {
    type: 'Healthy',
    status: probe.healthy ? 'True' : 'False',
    ...(probe.message === undefined || probe.message === '' ? {} : { message: probe.message }),
    ...(probe.healthy || probe.error === undefined ? {} : { error: probe.error }),
  }
  return { kind: 'ComponentStatus', apiVersion: 'v1', metadata: { name }, conditions: [condition] }
}
