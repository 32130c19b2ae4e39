/**
 * Leader election through a Lease, as client-go's leaderelection package does for
 * kube-scheduler and kube-controller-manager (FIDELITY.md §6.5).
 *
 * Invariants:
 * 1. At most one holder at a time: a candidate takes the Lease only when it is free, held by
 *    itself, or expired (renewTime + leaseDurationSeconds in the past).
 * 2. A leader renews every retryPeriod; if it cannot renew for renewDeadline it stops leading
 *    (the real components then exit, and their static pod is restarted by the kubelet).
 * 3. Retries are jittered (retryPeriod × (1 + rand × 1.2)) from a seeded stream.
 */
import { parseTimestamp, rfc3339Micro } from '../api/time'
import type { Lease } from '../api/types'
import type { Clock, ScheduledTask } from '../clock'
import type { Random } from '../random'
import type { ApiClient } from './client'

export const LEASE_DURATION_SECONDS = 15
export const RENEW_DEADLINE_MS = 10_000
export const RETRY_PERIOD_MS = 2_000
const JITTER_FACTOR = 1.2

export interface LeaderCallbacks {
  onStartedLeading(): void
  onStoppedLeading(): void
}

export class LeaderElector {
  private leading = false
  private lastRenewMs = 0
  private task: ScheduledTask | undefined
  private running = false

  constructor(
    private readonly clock: Clock,
    private readonly client: ApiClient,
    private readonly random: Random,
    readonly lease: { namespace: string; name: string },
    readonly identity: string,
    private readonly callbacks: LeaderCallbacks,
  ) {}

  get isLeader(): boolean {
    return this.leading
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.tick()
  }

  /** Stops campaigning; a leader stops leading without releasing (the Lease expires). */
  stop(): void {
    this.running = false
    this.task?.cancel()
    this.task = undefined
    if (this.leading) {
      this.leading = false
      this.callbacks.onStoppedLeading()
    }
  }

  private tick(): void {
    if (!this.running) return
    const ok = this.tryAcquireOrRenew()
    if (ok) {
      this.lastRenewMs = this.clock.nowMs
      if (!this.leading) {
        this.leading = true
        this.callbacks.onStartedLeading()
      }
    } else if (this.leading && this.clock.nowMs - this.lastRenewMs >= RENEW_DEADLINE_MS) {
      this.leading = false
      this.callbacks.onStoppedLeading()
    }
    const delay = this.leading
      ? RETRY_PERIOD_MS
      : Math.round(RETRY_PERIOD_MS * (1 + this.random.next() * JITTER_FACTOR))
    this.task = this.clock.schedule(delay, `leader election ${this.lease.name}`, () => this.tick())
  }

  private tryAcquireOrRenew(): boolean {
    const now = rfc3339Micro(this.clock.nowMs)
    try {
      const current = this.client.find<Lease>('leases', this.lease.namespace, this.lease.name)
      if (current === undefined) {
        this.client.create<Lease>('leases', this.lease.namespace, {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: this.lease.name, namespace: this.lease.namespace },
          spec: {
            holderIdentity: this.identity,
            leaseDurationSeconds: LEASE_DURATION_SECONDS,
            acquireTime: now,
            renewTime: now,
            leaseTransitions: 0,
          },
        })
        return true
      }
      const spec = current.spec
      const held = spec.holderIdentity !== undefined && spec.holderIdentity !== ''
      const mine = spec.holderIdentity === this.identity
      const expiresMs =
        spec.renewTime === undefined
          ? 0
          : parseTimestamp(spec.renewTime) +
            (spec.leaseDurationSeconds ?? LEASE_DURATION_SECONDS) * 1000
      if (held && !mine && expiresMs > this.clock.nowMs) return false
      this.client.update<Lease>('leases', {
        ...current,
        spec: {
          holderIdentity: this.identity,
          leaseDurationSeconds: LEASE_DURATION_SECONDS,
          acquireTime: mine ? (spec.acquireTime ?? now) : now,
          renewTime: now,
          leaseTransitions: (spec.leaseTransitions ?? 0) + (mine ? 0 : 1),
        },
      })
      return true
    } catch {
      return false
    }
  }
}
