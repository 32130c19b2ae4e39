/**
 * The node's heartbeat Lease (FIDELITY.md §4.7): kube-node-lease/<node>, holderIdentity the node,
 * leaseDurationSeconds 40, renewed every 10 s (renewIntervalFraction 0.25). A failed renewal is
 * retried "with exponential backoff starting at 200 milliseconds and capped at 7 seconds".
 *
 * Invariants:
 * 1. Renewals happen only while the kubelet runs: a stopped kubelet's Lease goes stale, which
 *    is how the node lifecycle controller notices it.
 * 2. The Lease is owned by the Node once the Node's uid is known (it is garbage-collected with it).
 */
import { rfc3339Micro } from '../api/time'
import type { Lease } from '../api/types'
import type { ScheduledTask } from '../clock'
import type { KubeletCore } from './kubeletCore'

export const NODE_LEASE_NAMESPACE = 'kube-node-lease'
export const NODE_LEASE_DURATION_SECONDS = 40
export const NODE_LEASE_RENEW_MS = 10_000
const RETRY_MIN_MS = 200
const RETRY_MAX_MS = 7_000

export class NodeLease {
  private task: ScheduledTask | undefined
  private retryMs = RETRY_MIN_MS
  private cached: Lease | undefined

  constructor(
    private readonly core: KubeletCore,
    private readonly nodeUid: () => string | undefined,
  ) {}

  start(): void {
    this.retryMs = RETRY_MIN_MS
    this.cached = undefined
    this.schedule(0)
  }

  stop(): void {
    this.task?.cancel()
    this.task = undefined
  }

  private schedule(delayMs: number): void {
    this.task = this.core.clock.schedule(delayMs, `lease ${this.core.nodeName}`, () => this.renew())
  }

  private renew(): void {
    if (this.tryRenew()) {
      this.retryMs = RETRY_MIN_MS
      this.schedule(NODE_LEASE_RENEW_MS)
      return
    }
    this.cached = undefined
    this.schedule(this.retryMs)
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS)
  }

  private tryRenew(): boolean {
    const name = this.core.nodeName
    const now = rfc3339Micro(this.core.clock.nowMs)
    const uid = this.nodeUid()
    const owners = uid === undefined ? undefined : [{ apiVersion: 'v1', kind: 'Node', name, uid }]
    try {
      const current =
        this.cached ?? this.core.client.find<Lease>('leases', NODE_LEASE_NAMESPACE, name)
      if (current === undefined) {
        this.cached = this.core.client.create<Lease>('leases', NODE_LEASE_NAMESPACE, {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: {
            name,
            namespace: NODE_LEASE_NAMESPACE,
            ...(owners === undefined ? {} : { ownerReferences: owners }),
          },
          spec: {
            holderIdentity: name,
            leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS,
            renewTime: now,
          },
        })
        return true
      }
      const metadata =
        current.metadata.ownerReferences === undefined && owners !== undefined
          ? { ...current.metadata, ownerReferences: owners }
          : current.metadata
      this.cached = this.core.client.update<Lease>('leases', {
        ...current,
        metadata,
        spec: {
          ...current.spec,
          holderIdentity: name,
          leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS,
          renewTime: now,
        },
      })
      return true
    } catch {
      return false
    }
  }
}
