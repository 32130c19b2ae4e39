/**
 * What the kubelet believes about its container runtime (pkg/kubelet/runtime.go, the PLEG health
 * check in pkg/kubelet/pleg/generic.go), and the Ready condition's message built from it
 * (FIDELITY.md §4.3, §9.4).
 *
 * Invariants:
 * 1. The runtime is checked every RUNTIME_CHECK_MS (updateRuntimeUp); it counts as down once no
 *    check succeeded for RUNTIME_SYNC_THRESHOLD_MS: "container runtime is down".
 * 2. PLEG counts as unhealthy once its last successful relist is older than 3 minutes:
 *    "PLEG is not healthy: pleg was last seen active 3m5s ago; threshold is 3m0s".
 * 3. Several errors are joined as utilerrors.Aggregate prints them: "[a, b]"; one alone bare.
 */
import type { Containerd } from './containerd'
import { goDuration } from './timeFormat'

export const RUNTIME_CHECK_MS = 5_000
export const RUNTIME_SYNC_THRESHOLD_MS = 30_000
export const PLEG_RELIST_THRESHOLD_MS = 180_000

export class RuntimeState {
  /** Resource pressure the kubelet's eviction manager sees (set by the lab's pressure faults). */
  readonly pressure = { memory: false, disk: false }

  private lastRuntimeSyncMs: number | undefined
  private lastRelistMs: number | undefined
  private networkError: string | undefined

  constructor(private readonly now: () => number) {}

  /** One updateRuntimeUp: asks containerd for its status; a failure changes nothing. */
  check(containerd: Containerd): boolean {
    try {
      const status = containerd.status()
      this.networkError = status.networkReady
        ? undefined
        : `container runtime network not ready: NetworkReady=false reason:${status.networkReason} message:${status.networkMessage}`
      this.lastRuntimeSyncMs = this.now()
      // PLEG relists every second; with the runtime answering, its last relist is now.
      this.lastRelistMs = this.now()
      return true
    } catch {
      return false
    }
  }

  /** runtimeState.runtimeErrors(): what stops pod synchronization. */
  runtimeErrors(): string[] {
    const now = this.now()
    const errors: string[] = []
    if (this.lastRuntimeSyncMs === undefined)
      errors.push('container runtime status check may not have completed yet')
    else if (now - this.lastRuntimeSyncMs >= RUNTIME_SYNC_THRESHOLD_MS)
      errors.push('container runtime is down')
    if (this.lastRelistMs === undefined)
      errors.push('PLEG is not healthy: pleg has yet to be successful')
    else if (now - this.lastRelistMs > PLEG_RELIST_THRESHOLD_MS) {
      errors.push(
        `PLEG is not healthy: pleg was last seen active ${goDuration(now - this.lastRelistMs)} ago; threshold is ${goDuration(PLEG_RELIST_THRESHOLD_MS)}`,
      )
    }
    return errors
  }

  networkErrors(): string[] {
    return this.networkError === undefined ? [] : [this.networkError]
  }

  /** The Ready condition's message when not ready, or undefined when the node is ready. */
  notReadyMessage(): string | undefined {
    const errors = [...new Set([...this.runtimeErrors(), ...this.networkErrors()])]
    return errors.length === 0 ? undefined : aggregate(errors)
  }

  /** Whether the runtime has been answering lately (pod syncs may run). */
  get runtimeUp(): boolean {
    return this.runtimeErrors().length === 0
  }

  forget(): void {
    this.lastRuntimeSyncMs = undefined
    this.lastRelistMs = undefined
    this.networkError = undefined
  }
}

/** utilerrors.NewAggregate(errs).Error(). */
export function aggregate(errors: string[]): string {
  return errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`
}
