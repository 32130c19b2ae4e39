/**
 * A pod worker's sandbox: created through RunPodSandbox (pause process, CNI ADD with an address
 * from the pod IP allocator, or the node's address with hostNetwork), watched for its pause
 * process dying (then "SandboxChanged": re-created), stopped when the pod ends, removed with it.
 *
 * Invariants:
 * 1. At most one RunPodSandbox is in flight per pod; an address allocated for it is released if
 *    it fails, and when the sandbox is stopped (CNI DEL) — exactly once.
 * 2. A failed creation is reported as the kubelet does: Warning FailedCreatePodSandBox "Failed to
 *    create pod sandbox: <error>", and retried after the sync back-off (10 s).
 */
import { sandboxConfig } from './podSpecs'
import { CriError, type PodSandboxStatus } from './cri'
import type { PodWorker } from './podWorker'
import type { PodWorkerHost } from './podWorkerHost'

/** A pod that cannot start because the network is not ready is retried after 1 s. */
const NETWORK_NOT_READY_RETRY_MS = 1_000
const SYNC_ERROR_RETRY_MS = 10_000

export class PodSandbox {
  id: string | undefined
  ip: string | undefined
  ready = false
  creating = false
  private attempt = 0
  private allocatedIP: string | undefined
  private readonly older: string[] = []
  private stopped = false

  constructor(
    private readonly host: PodWorkerHost,
    private readonly worker: PodWorker,
  ) {}

  /** A restarted kubelet finds the pod's sandboxes in the runtime. */
  adopt(sandboxes: PodSandboxStatus[]): void {
    const sorted = [...sandboxes].sort((a, b) => a.createdAtMs - b.createdAtMs)
    const latest = sorted.pop()
    if (latest === undefined) return
    this.older.push(...sorted.map((s) => s.id))
    this.id = latest.id
    this.ip = latest.ip
    this.ready = latest.state === 'SANDBOX_READY'
    this.stopped = !this.ready
    this.allocatedIP = this.ready && !latest.hostNetwork ? latest.ip : undefined
    this.attempt = latest.metadata.attempt
  }

  refresh(): void {
    if (this.id === undefined || this.creating) return
    try {
      this.ready = this.host.containerd.podSandboxStatus(this.id).state === 'SANDBOX_READY'
    } catch (error) {
      if (!(error instanceof CriError) || error.code !== 'NotFound') throw error
      this.id = undefined
      this.ready = false
    }
  }

  /** True when the sandbox is ready; otherwise starts creating one (or waits for it). */
  ensure(): boolean {
    if (this.ready) return true
    if (this.creating) return false
    const pod = this.worker.pod
    if (this.id !== undefined) {
      this.host
        .recorder()
        .event(
          pod,
          'Normal',
          'SandboxChanged',
          'Pod sandbox changed, it will be killed and re-created.',
        )
      this.stop()
      this.older.push(this.id)
      this.id = undefined
      this.attempt++
    }
    const hostNetwork = pod.spec.hostNetwork === true
    const networkErrors = this.host.networkErrors()
    if (!hostNetwork && networkErrors.length > 0) {
      this.host
        .recorder()
        .event(
          pod,
          'Warning',
          'NetworkNotReady',
          `network is not ready: ${networkErrors.join(', ')}`,
        )
      this.worker.requestSync(NETWORK_NOT_READY_RETRY_MS)
      return false
    }
    const ip = hostNetwork ? this.host.nodeIP : this.host.podIPs.allocate()
    this.creating = true
    this.stopped = false
    this.host.containerd.runPodSandbox(
      sandboxConfig(pod, this.attempt, ip, this.worker.source),
      (reply) => {
        this.creating = false
        if (reply.ok) {
          this.id = reply.value
          this.ip = ip
          this.ready = true
          this.allocatedIP = hostNetwork ? undefined : ip
          this.worker.requestSync()
          return
        }
        if (!hostNetwork) this.host.podIPs.release(ip)
        this.failed(reply.error)
      },
    )
    return false
  }

  private failed(error: CriError): void {
    const pod = this.worker.pod
    this.host
      .recorder()
      .event(
        pod,
        'Warning',
        'FailedCreatePodSandBox',
        `Failed to create pod sandbox: ${error.message}`,
      )
    const causedBy =
      error.code === 'Unavailable' ? `Component containerd-${this.host.nodeName}` : undefined
    this.host.explain(
      pod,
      'FailedCreatePodSandBox',
      `The kubelet could not create the pod's sandbox: ${error.message}`,
      causedBy,
    )
    this.worker.requestSync(SYNC_ERROR_RETRY_MS)
  }

  /** StopPodSandbox (kills what still runs in it) and CNI DEL: the address goes back. */
  stop(): void {
    if (this.stopped || this.id === undefined) return
    this.host.containerd.stopPodSandbox(this.id)
    this.stopped = true
    this.ready = false
    if (this.allocatedIP !== undefined) this.host.podIPs.release(this.allocatedIP)
    this.allocatedIP = undefined
  }

  /** The pod is gone: every sandbox of it is removed (best effort while containerd is down). */
  remove(): void {
    for (const id of [...this.older, ...(this.id === undefined ? [] : [this.id])]) {
      try {
        this.host.containerd.removePodSandbox(id)
      } catch (error) {
        if (!(error instanceof CriError)) throw error
      }
    }
    if (this.allocatedIP !== undefined) this.host.podIPs.release(this.allocatedIP)
    this.allocatedIP = undefined
    this.older.length = 0
    this.id = undefined
    this.ready = false
  }
}
