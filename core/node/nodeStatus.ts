/**
 * The kubelet's node status loop (FIDELITY.md §4.3, §4.7): register the Node, then every
 * nodeStatusUpdateFrequency (10 s) compute the status and post it when it changed, or at least
 * every nodeStatusReportFrequency (5 min). Condition changes are recorded as node events
 * ("Node worker-1 status is now: NodeNotReady") and as "why" records for `Node <name>`.
 *
 * Invariants:
 * 1. Registration is retried (100 ms doubling to 7 s) until the API server answers; a Node that
 *    already exists is adopted (its labels reconciled), not replaced.
 * 2. A post compares with the Node as the API server has it (a GET before each update, as the
 *    kubelet does), so conditions another component changed (the node lifecycle controller's
 *    Unknown) are set back and their transitions recorded.
 * 3. Nothing here runs while the kubelet is stopped: the Node goes stale on its own.
 */
import type { Node, NodeCondition } from '../api/types'
import { deepEqual } from '../api/objects'
import type { ScheduledTask } from '../clock'
import { ApiError } from '../apiserver/status'
import type { ImageStatus } from './cri'
import type { KubeletCore } from './kubeletCore'
import {
  conditionEvent,
  conditionsFor,
  defaultLabels,
  initialNode,
  nodeStatus,
  withoutHeartbeats,
  withTimes,
  type NodeIdentity,
  type NodeStatus,
} from './nodeObject'

export const NODE_STATUS_UPDATE_MS = 10_000
export const NODE_STATUS_REPORT_MS = 300_000
const REGISTER_RETRY_MIN_MS = 100
const REGISTER_RETRY_MAX_MS = 7_000

export class NodeStatusManager {
  nodeUid: string | undefined
  private task: ScheduledTask | undefined
  private registerRetryMs = REGISTER_RETRY_MIN_MS
  private lastPostMs: number | undefined
  private lastReadyMessage: string | undefined
  private images: ImageStatus[] = []

  constructor(
    private readonly core: KubeletCore,
    private readonly identity: NodeIdentity,
    private readonly onRegistered: () => void,
  ) {}

  start(): void {
    this.registerRetryMs = REGISTER_RETRY_MIN_MS
    this.schedule(0)
  }

  stop(): void {
    this.task?.cancel()
    this.task = undefined
  }

  /** Posts at the next opportunity (a condition changed). */
  poke(): void {
    if (this.nodeUid !== undefined) this.schedule(0)
  }

  private schedule(delayMs: number): void {
    this.task?.cancel()
    this.task = this.core.clock.schedule(delayMs, `node status ${this.identity.nodeName}`, () =>
      this.tick(),
    )
  }

  private tick(): void {
    this.task = undefined
    if (this.nodeUid === undefined) {
      if (this.register()) {
        this.onRegistered()
        this.update()
      }
      this.schedule(this.nodeUid === undefined ? this.registerRetryMs : NODE_STATUS_UPDATE_MS)
      if (this.nodeUid === undefined)
        this.registerRetryMs = Math.min(this.registerRetryMs * 2, REGISTER_RETRY_MAX_MS)
      return
    }
    this.update()
    this.schedule(NODE_STATUS_UPDATE_MS)
  }

  private status(previous: NodeCondition[] | undefined): NodeStatus {
    const now = this.core.clock.nowMs
    const conditions = withTimes(
      conditionsFor(this.core.runtime.notReadyMessage(), this.core.runtime.pressure),
      previous,
      now,
    )
    try {
      this.images = this.core.containerd.listImages()
    } catch {
      // The runtime is down: the image list is the last one seen.
    }
    return nodeStatus(this.identity, conditions, this.images)
  }

  /** tryRegisterWithAPIServer; true once the Node exists. */
  private register(): boolean {
    const name = this.identity.nodeName
    this.core.log('I', 'kubelet_node_status.go:76', `"Attempting to register node" node="${name}"`)
    const fresh = this.status(undefined)
    for (const condition of fresh.conditions ?? [])
      if (condition.type !== 'Ready') this.nodeEvent(conditionEvent(condition))
    try {
      const created = this.core.client.create<Node>(
        'nodes',
        undefined,
        initialNode(this.identity, fresh),
      )
      this.nodeUid = created.metadata.uid
    } catch (error) {
      if (!(error instanceof ApiError) || error.reason !== 'AlreadyExists') {
        this.core.log(
          'E',
          'kubelet_node_status.go:108',
          `"Unable to register node with API server" err="${error instanceof Error ? error.message : String(error)}" node="${name}"`,
        )
        return false
      }
      try {
        const existing = this.core.client.get<Node>('nodes', undefined, name)
        const labels = { ...existing.metadata.labels, ...defaultLabels(name) }
        if (!deepEqual(labels, existing.metadata.labels))
          this.core.client.patch('nodes', undefined, name, { metadata: { labels } })
        this.nodeUid = existing.metadata.uid
      } catch {
        return false
      }
    }
    this.core.log('I', 'kubelet_node_status.go:79', `"Successfully registered node" node="${name}"`)
    return true
  }

  /** tryUpdateNodeStatus: GET the Node, compute its status, PATCH it when needed. */
  private update(): void {
    const name = this.identity.nodeName
    let current: Node
    try {
      current = this.core.client.get<Node>('nodes', undefined, name)
    } catch (error) {
      // A deleted Node is not registered again until the kubelet restarts (registrationCompleted).
      const err = error instanceof Error ? error.message : String(error)
      this.core.log(
        'E',
        'kubelet_node_status.go:549',
        `"Error updating node status, will retry" err="error getting node \\"${name}\\": ${err.replace(/"/g, '\\"')}"`,
      )
      return
    }
    const previous = current.status?.conditions
    const status = this.status(previous)
    const now = this.core.clock.nowMs
    const changed = !deepEqual(withoutHeartbeats(status), withoutHeartbeats(current.status))
    const due = this.lastPostMs === undefined || now - this.lastPostMs >= NODE_STATUS_REPORT_MS
    if (!changed && !due) return
    try {
      this.core.client.patch('nodes', undefined, name, { status }, 'strategic', 'status')
      this.lastPostMs = now
    } catch {
      return
    }
    this.recordTransitions(previous, status.conditions ?? [])
  }

  private recordTransitions(previous: NodeCondition[] | undefined, next: NodeCondition[]): void {
    for (const condition of next) {
      const before = previous?.find((p) => p.type === condition.type)
      if (before?.status === condition.status) continue
      // A brand-new Ready condition records no event; the others did at registration.
      if (before !== undefined) this.nodeEvent(conditionEvent(condition))
    }
    const ready = next.find((c) => c.type === 'Ready')
    const message = ready?.status === 'True' ? undefined : ready?.message
    if (message === this.lastReadyMessage) return
    this.lastReadyMessage = message
    const subject = `Node ${this.identity.nodeName}`
    if (message === undefined) {
      this.core.explainNode(subject, 'KubeletReady', 'kubelet is posting ready status')
    } else {
      const runtime = message.includes('container runtime') || message.includes('PLEG')
      this.core.explainNode(
        subject,
        'KubeletNotReady',
        message,
        runtime ? `Component containerd-${this.identity.nodeName}` : undefined,
      )
      this.core.log(
        'I',
        'setters.go:602',
        `"Node became not ready" node="${this.identity.nodeName}" condition={"type":"Ready","status":"False","reason":"KubeletNotReady","message":"${message}"}`,
      )
    }
  }

  nodeEvent(event: string): void {
    const name = this.identity.nodeName
    this.core.nodeEvent('Normal', event, `Node ${name} status is now: ${event}`)
  }
}
