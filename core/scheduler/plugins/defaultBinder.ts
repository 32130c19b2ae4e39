/**
 * DefaultBinder: binds the pod by POSTing a Binding to pods/<name>/binding, the only way a
 * pod's spec.nodeName is set after it was created.
 */
import { ConnectionRefused } from '../../client/client'
import type { BindPlugin, CycleState, Handle } from '../plugin'
import type { PodInfo } from '../podInfo'
import { errorStatus, type Status } from '../status'

export const DEFAULT_BINDER = 'DefaultBinder'

export class DefaultBinder implements BindPlugin {
  readonly name = DEFAULT_BINDER

  constructor(private readonly handle: Handle) {}

  bind(_state: CycleState, pod: PodInfo, nodeName: string): Status | null {
    const client = this.handle.client
    if (client === undefined) return null
    try {
      client.bind(pod.namespace, pod.name, nodeName)
      return null
    } catch (error) {
      return errorStatus(DEFAULT_BINDER, bindErrorMessage(client.endpoint.address, pod, error))
    }
  }
}

/** The error text client-go would give, e.g. `Post "https://…/binding": dial tcp …: connection refused`. */
function bindErrorMessage(address: string, pod: PodInfo, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  if (!(error instanceof ConnectionRefused)) return text
  const url = `https://${address}/api/v1/namespaces/${pod.namespace}/pods/${pod.name}/binding`
  return `Post "${url}": ${text}`
}
