/**
 * The kubelet's status manager (pkg/kubelet/status): writes each pod's status through the status
 * subresource when it changes — a static pod's to its mirror pod — and, once a deleted pod's
 * containers are gone, deletes the pod with gracePeriodSeconds 0.
 *
 * Invariants:
 * 1. A status is written only when it differs from the last one written (a pod running quietly
 *    costs no writes); conditions keep their lastTransitionTime while their status holds.
 * 2. A write that fails (API server down) is retried every STATUS_RETRY_MS until it succeeds;
 *    a status another component changed is set back on that same cadence (syncBatch).
 * 3. The final delete carries the pod's uid as precondition: a new pod of the same name is safe.
 */
import { deepEqual } from '../api/objects'
import type { Pod, PodStatus } from '../api/types'
import type { ScheduledTask } from '../clock'
import { ApiError } from '../apiserver/status'
import type { KubeletCore } from './kubeletCore'
import { generatePodStatus } from './podStatus'
import type { PodWorker } from './podWorker'

export const STATUS_RETRY_MS = 10_000

interface Sent {
  status: PodStatus
  resourceVersion: number
}

export class StatusManager {
  private readonly sent = new Map<string, Sent>()
  private readonly dirty = new Set<string>()
  private readonly deletions = new Map<string, PodWorker>()
  private retry: ScheduledTask | undefined

  constructor(
    private readonly core: KubeletCore,
    private readonly nodeIP: string,
    private readonly workers: () => ReadonlyMap<string, PodWorker>,
    /** Whether a static pod's mirror exists (its status has nowhere to go before). */
    private readonly hasMirror: (worker: PodWorker) => boolean,
  ) {}

  /** The status the worker's pod has now, computed from what the worker knows. */
  statusOf(worker: PodWorker): PodStatus {
    const sent = this.sent.get(worker.uid)
    const pod: Pod = sent === undefined ? worker.pod : { ...worker.pod, status: sent.status }
    worker.startTimeMs ??= this.core.clock.nowMs
    return generatePodStatus({
      pod,
      nowMs: this.core.clock.nowMs,
      hostIP: this.nodeIP,
      podIP: worker.sandbox.ip,
      sandboxReady: worker.sandbox.ready,
      startTimeMs: worker.startTimeMs,
      terminal: worker.terminal,
      view: (name) => worker.view(name),
    })
  }

  set(worker: PodWorker): void {
    const status = this.statusOf(worker)
    const sent = this.sent.get(worker.uid)
    if (sent !== undefined && !this.dirty.has(worker.uid) && deepEqual(sent.status, status)) return
    this.write(worker, status)
  }

  /**
   * The API server's copy of a pod changed: if someone else rewrote our status, set it back.
   * A copy older than our last write is stale news and ignored, unless it is `restored` (etcd
   * went back to a snapshot): then what we wrote is gone, as syncBatch's reconcile finds.
   */
  observe(uid: string, pod: Pod, restored = false): void {
    const sent = this.sent.get(uid)
    if (sent === undefined) return
    if (!restored && Number(pod.metadata.resourceVersion) <= sent.resourceVersion) return
    const ours = {
      phase: sent.status.phase,
      conditions: sent.status.conditions,
      containerStatuses: sent.status.containerStatuses,
    }
    const theirs = {
      phase: pod.status?.phase,
      conditions: pod.status?.conditions,
      containerStatuses: pod.status?.containerStatuses,
    }
    const owned = (s: typeof ours): unknown => ({
      ...s,
      conditions: s.conditions?.filter((c) => (c.type as string) !== 'DisruptionTarget'),
    })
    if (deepEqual(owned(ours), owned(theirs))) return
    this.dirty.add(uid)
    this.scheduleRetry()
  }

  /** The worker's pod stopped for good: write its final status, then delete it (API pods). */
  finished(worker: PodWorker): void {
    if (worker.source !== 'api') return
    this.deletions.set(worker.uid, worker)
    this.tryDelete(worker)
  }

  /** The pod's object was replaced (a new mirror pod): write its status again. */
  resend(worker: PodWorker): void {
    this.dirty.add(worker.uid)
    this.set(worker)
  }

  forget(uid: string): void {
    this.sent.delete(uid)
    this.dirty.delete(uid)
    this.deletions.delete(uid)
  }

  stop(): void {
    this.retry?.cancel()
    this.retry = undefined
    this.sent.clear()
    this.dirty.clear()
    this.deletions.clear()
  }

  private write(worker: PodWorker, status: PodStatus): void {
    const { namespace, name } = worker.pod.metadata
    if (worker.source === 'file' && !this.hasMirror(worker)) {
      this.sent.set(worker.uid, { status, resourceVersion: Infinity })
      this.dirty.add(worker.uid)
      this.scheduleRetry()
      return
    }
    // Strategic merge: conditions merge by type, so fields they lose must be cleared with null.
    const conditions = status.conditions?.map((c) => ({
      ...c,
      reason: c.reason ?? null,
      message: c.message ?? null,
    }))
    try {
      const written = this.core.client.patch<Pod>(
        'pods',
        namespace,
        name!,
        { status: { ...status, conditions } },
        'strategic',
        'status',
      )
      this.sent.set(worker.uid, {
        status,
        resourceVersion: Number(written.metadata.resourceVersion),
      })
      this.dirty.delete(worker.uid)
    } catch (error) {
      this.sent.set(worker.uid, { status, resourceVersion: Infinity })
      if (error instanceof ApiError && error.reason === 'NotFound') return
      this.dirty.add(worker.uid)
      this.scheduleRetry()
    }
  }

  private tryDelete(worker: PodWorker): void {
    if (this.dirty.has(worker.uid)) this.write(worker, this.statusOf(worker))
    if (this.dirty.has(worker.uid)) return this.scheduleRetry()
    const { namespace, name } = worker.pod.metadata
    try {
      this.core.client.delete('pods', namespace, name!, {
        gracePeriodSeconds: 0,
        preconditions: { uid: worker.uid },
      })
      this.deletions.delete(worker.uid)
    } catch (error) {
      if (
        error instanceof ApiError &&
        (error.reason === 'NotFound' || error.reason === 'Conflict')
      ) {
        this.deletions.delete(worker.uid)
        return
      }
      this.scheduleRetry()
    }
  }

  private scheduleRetry(): void {
    if (this.retry !== undefined) return
    this.retry = this.core.clock.schedule(STATUS_RETRY_MS, 'status manager sync', () => {
      this.retry = undefined
      const workers = this.workers()
      for (const uid of [...this.dirty]) {
        const worker = workers.get(uid)
        if (worker === undefined) this.dirty.delete(uid)
        else this.write(worker, this.statusOf(worker))
      }
      for (const worker of [...this.deletions.values()]) this.tryDelete(worker)
    })
  }
}
