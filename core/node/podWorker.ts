/**
 * One pod's worker in the kubelet (pkg/kubelet/pod_workers.go + kuberuntime SyncPod): it makes
 * the runtime match the pod — sandbox, init containers in order, then the containers — and
 * reports the pod's status. Syncs run on the clock when something changed (a pod update, a
 * container exit, a pull, a back-off ending, a probe result), never on a timer per pod: a pod
 * that runs quietly costs nothing.
 *
 * Invariants:
 * 1. A sync never runs while the runtime is reported down (the kubelet's syncLoop skips pod
 *    synchronization then); the kubelet resyncs every pod when it is back.
 * 2. Init containers run one at a time, in order, each to a successful exit, before any
 *    container starts; with restartPolicy Never a failed one fails the pod.
 * 3. A terminating pod's containers get SIGTERM and SIGKILL after the grace period; only when
 *    all have exited is its sandbox stopped and the worker `finished` (the kubelet then deletes
 *    the API pod with gracePeriodSeconds 0).
 * 4. At most one sync is pending per pod: an earlier request absorbs a later one.
 */
import type { Pod } from '../api/types'
import type { ScheduledTask } from '../clock'
import {
  ContainerRunner,
  newSlot,
  slotView,
  SYNC_ERROR_RETRY_MS,
  type Slot,
} from './containerRunner'
import { CriError, type ContainerStatus, type PodSandboxStatus } from './cri'
import type { ContainerLog } from './containerLog'
import { PodSandbox } from './podSandbox'
import { containerMounts, hasProjectedVolumes, PodVolumes, VOLUME_REFRESH_MS } from './podVolumes'
import { shouldRestart } from './podSpecs'
import { containerStatus, type ContainerView } from './podStatus'
import type { PodWorkerHost } from './podWorkerHost'

export class PodWorker {
  readonly sandbox: PodSandbox
  readonly slots = new Map<string, Slot>()
  startTimeMs: number | undefined
  /** Set when the pod is to stop for good (deleted, or removed from its source). */
  termination: { graceSeconds: number } | undefined
  /** No container of this pod will run again. */
  terminal = false
  private readonly runner: ContainerRunner
  /** The pod's volumes, set up before its sandbox (podVolumes.ts). */
  readonly volumes: PodVolumes
  private finished = false
  private task: ScheduledTask | undefined
  private disposed = false

  constructor(
    private readonly host: PodWorkerHost,
    public pod: Pod,
    readonly source: 'api' | 'file',
  ) {
    this.sandbox = new PodSandbox(host, this)
    this.volumes = new PodVolumes(host, (delayMs) => this.requestSync(delayMs))
    this.runner = new ContainerRunner(host, this)
    const old = [
      ...(pod.status?.initContainerStatuses ?? []),
      ...(pod.status?.containerStatuses ?? []),
    ]
    for (const spec of pod.spec.initContainers ?? []) {
      this.slots.set(
        spec.name,
        newSlot(spec, true, old.find((s) => s.name === spec.name)?.restartCount ?? 0),
      )
    }
    for (const spec of pod.spec.containers) {
      this.slots.set(
        spec.name,
        newSlot(spec, false, old.find((s) => s.name === spec.name)?.restartCount ?? 0),
      )
    }
    const started = pod.status?.startTime
    this.startTimeMs = started === undefined ? undefined : host.parseTime(started)
  }

  get uid(): string {
    return this.pod.metadata.uid!
  }

  /** The termination is complete: containers stopped, sandbox stopped, final status reported. */
  get done(): boolean {
    return this.finished
  }

  /** A restarted kubelet takes over what the runtime still has of this pod. */
  adopt(sandboxes: PodSandboxStatus[], containers: ContainerStatus[]): void {
    this.sandbox.adopt(sandboxes)
    const old = [
      ...(this.pod.status?.initContainerStatuses ?? []),
      ...(this.pod.status?.containerStatuses ?? []),
    ]
    for (const slot of this.slots.values()) {
      this.runner.adopt(
        slot,
        containers,
        old.find((s) => s.name === slot.spec.name),
      )
    }
  }

  /** A new version of the pod from its source; a changed image restarts its container. */
  update(pod: Pod): void {
    this.pod = pod
    for (const spec of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
      const slot = this.slots.get(spec.name)
      if (slot === undefined) continue
      const changed = slot.spec.image !== spec.image
      slot.spec = spec
      if (changed && slot.current?.state === 'CONTAINER_RUNNING') {
        const grace = pod.spec.terminationGracePeriodSeconds ?? 30
        this.runner.kill(
          slot,
          `Container ${spec.name} definition changed, will be restarted`,
          grace,
        )
      }
    }
    this.requestSync()
  }

  /** The pod is deleted or its manifest removed: stop its containers within the grace period. */
  terminate(graceSeconds: number): void {
    if (this.termination !== undefined && this.termination.graceSeconds <= graceSeconds) return
    this.termination = { graceSeconds }
    this.requestSync()
  }

  requestSync(delayMs = 0): void {
    if (this.disposed) return
    if (this.task !== undefined) {
      if (this.task.dueMs <= this.host.clock.nowMs + delayMs) return
      this.task.cancel()
    }
    this.task = this.host.clock.schedule(delayMs, `sync pod ${this.pod.metadata.name!}`, () =>
      this.sync(),
    )
  }

  /** A container (or the sandbox) of this pod exited: PLEG's next relist notices it. */
  containerExited(): void {
    this.requestSync(this.host.nextRelistInMs())
  }

  /** The kubelet stops: forget timers and probes, leave the runtime as it is. */
  dispose(): void {
    this.disposed = true
    this.task?.cancel()
    for (const slot of this.slots.values()) slot.probes?.stop()
  }

  /** The pod is gone: remove its containers and sandboxes from the runtime. */
  cleanup(): void {
    this.dispose()
    this.sandbox.remove()
    this.host.images.forget(this.uid)
    for (const slot of this.slots.values())
      this.host.crashBackoff.reset(this.runner.backoffKey(slot))
  }

  sync(): void {
    this.task = undefined
    if (this.disposed || !this.host.runtimeUp()) return
    try {
      this.sandbox.refresh()
      let exited = false
      for (const slot of this.slots.values()) exited = this.runner.refresh(slot) || exited
      // The exit is reported before the restart, as the real sync's first status write does.
      if (exited) this.publish()
      if (this.termination !== undefined) this.syncTerminating()
      else this.syncRunning()
    } catch (error) {
      if (!(error instanceof CriError)) throw error
      const { namespace, name } = this.pod.metadata
      this.host.log(
        'E',
        'pod_workers.go:1301',
        `"Error syncing pod, skipping" err="${error.message}" pod="${namespace!}/${name!}" podUID="${this.uid}"`,
      )
      this.requestSync(SYNC_ERROR_RETRY_MS)
    }
    this.publish()
  }

  publish(): void {
    if (!this.disposed) this.host.publish(this)
  }

  /** The view podStatus.ts needs of one container. */
  view(name: string): ContainerView {
    return slotView(this.slots.get(name))
  }

  /**
   * The log file kubectl logs reads (validateContainerLogStatus), or the kubelet's error for a
   * container that has none yet.
   */
  log(containerName: string, previous: boolean): ContainerLog {
    const name = this.pod.metadata.name!
    const slot = this.slots.get(containerName)
    if (slot === undefined)
      throw new Error(`container ${containerName} is not valid for pod ${name}`)
    const status = containerStatus(slot.spec, this.view(containerName), undefined)
    const read = (containerID: string): ContainerLog =>
      this.host.containerd.containerLog(containerID.replace('containerd://', ''))
    const quoted = `container "${containerName}" in pod "${name}"`
    const last = status.lastState.terminated?.containerID
    if (previous) {
      if (last === undefined) throw new Error(`previous terminated ${quoted} not found`)
      return read(last)
    }
    if (status.state.running !== undefined || status.state.terminated !== undefined)
      return read(status.containerID!)
    if (last !== undefined) return read(last)
    const reason = status.state.waiting?.reason ?? ''
    if (reason === 'ErrImagePull')
      throw new Error(`${quoted} is waiting to start: image can't be pulled`)
    if (reason === 'ImagePullBackOff')
      throw new Error(`${quoted} is waiting to start: trying and failing to pull image`)
    throw new Error(`${quoted} is waiting to start: ${reason}`)
  }

  /**
   * The periodic sync (every VOLUME_REFRESH_MS for a pod with ConfigMap or Secret volumes)
   * writes those volumes again: running containers see changed keys; variables never change.
   */
  private refreshVolumes(): void {
    if (!hasProjectedVolumes(this.pod)) return
    const changed = this.volumes.refresh(this.pod)
    for (const slot of this.slots.values()) {
      const mounts = slot.spec.volumeMounts ?? []
      if (slot.currentId === undefined || !mounts.some((m) => changed.has(m.name))) continue
      const files = containerMounts(slot.spec, this.volumes.files)
      this.host.containerd.volumesRewritten(slot.currentId, files)
    }
    this.requestSync(VOLUME_REFRESH_MS)
  }

  private syncRunning(): void {
    if (this.terminal) return this.sandbox.stop()
    if (!this.volumes.ensure(this.pod)) return
    if (!this.sandbox.ensure()) return
    this.refreshVolumes()
    const regular = [...this.slots.values()].filter((s) => !s.init)
    for (const slot of this.slots.values()) {
      if (!slot.init) continue
      const c = slot.current
      if (c?.state === 'CONTAINER_EXITED' && c.exitCode === 0) continue
      if (c?.state === 'CONTAINER_EXITED' && !shouldRestart(this.pod, true, c.exitCode))
        return this.becomeTerminal()
      if (c?.state !== 'CONTAINER_RUNNING') this.runner.ensure(slot)
      return
    }
    for (const slot of regular) this.runner.ensure(slot)
    const done = regular.every(
      (s) =>
        s.current?.state === 'CONTAINER_EXITED' &&
        !shouldRestart(this.pod, false, s.current.exitCode),
    )
    if (done) this.becomeTerminal()
  }

  private becomeTerminal(): void {
    this.terminal = true
    for (const slot of this.slots.values())
      if (slot.current?.state === 'CONTAINER_EXITED') slot.waiting = undefined
    this.sandbox.stop()
  }

  private syncTerminating(): void {
    const grace = this.termination!.graceSeconds
    let alive = this.sandbox.creating
    for (const slot of this.slots.values()) {
      if (slot.current?.state !== 'CONTAINER_RUNNING') continue
      alive = true
      if (!slot.stopping) this.runner.kill(slot, `Stopping container ${slot.spec.name}`, grace)
    }
    if (alive) return
    this.sandbox.stop()
    this.terminal = true
    if (this.finished) return
    this.finished = true
    this.publish()
    this.host.finished(this)
  }
}
