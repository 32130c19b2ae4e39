/**
 * What the kubelet's node-level loops (node status, Lease, static pods) share: the clock, the
 * API client, the runtime and its health, the journal, events and "why" records about the Node.
 */
import type { Clock } from '../clock'
import type { ApiClient } from '../client/client'
import type { Containerd } from './containerd'
import type { RuntimeState } from './runtimeState'

export interface KubeletCore {
  readonly clock: Clock
  readonly client: ApiClient
  readonly containerd: Containerd
  readonly runtime: RuntimeState
  readonly nodeName: string
  /** A klog line in the kubelet's journal. */
  log(severity: 'I' | 'W' | 'E', source: string, message: string): void
  /** An event about the Node (involvedObject kind Node, uid = the node's name, as the kubelet sets it). */
  nodeEvent(type: 'Normal' | 'Warning', reason: string, message: string): void
  explainNode(subject: string, code: string, summary: string, causedBy?: string): void
}
