/**
 * What the kubelet does to one container of a pod (kuberuntime_container.go): read its state
 * from the runtime, start it (image, create, start, probes), restart it under the
 * CrashLoopBackOff back-off, and kill it. The pod worker decides when; this decides how.
 *
 * Invariants:
 * 1. Container restarts follow the back-off measured from the last exit (FIDELITY.md §5.3): the
 *    first restart is immediate, then 10, 20, 40 … 300 s, "Back-off restarting failed
 *    container" at each sync in between.
 * 2. One dead container is kept per container name (lastState, `kubectl logs --previous`); an
 *    older one is removed when a new one is created.
 * 3. Events carry the container's fieldPath, spec.containers{name} or spec.initContainers{name}.
 */
import type { Container, ContainerStatus as ApiContainerStatus } from '../api/types'
import { CriError, type ContainerStatus } from './cri'
import { fieldPath } from './imageManager'
import { containerEnv } from './containerEnv'
import { containerMounts } from './podVolumes'
import { containerConfig, formatPod, shouldRestart } from './podSpecs'
import type { ContainerView } from './podStatus'
import type { PodWorker } from './podWorker'
import type { PodWorkerHost } from './podWorkerHost'
import { ContainerProbes } from './probes'
import { goDuration } from './timeFormat'

/** A sync that failed is retried after backOffPeriod (10 s). */
export const SYNC_ERROR_RETRY_MS = 10_000
/** A back-off longer than this is waited out in steps, re-reporting BackOff at each. */
const BACKOFF_RESYNC_MS = 10_000

/** The kubelet's bookkeeping for one container name of a pod. */
export interface Slot {
  spec: Container
  init: boolean
  currentId: string | undefined
  previousId: string | undefined
  current: ContainerStatus | undefined
  previous: ContainerStatus | undefined
  restartCount: number
  waiting: { reason: string; message?: string } | undefined
  probes: ContainerProbes | undefined
  probeFailed: 'Liveness' | 'Startup' | undefined
  stopping: boolean
}

export function newSlot(spec: Container, init: boolean, restartCount: number): Slot {
  return {
    spec,
    init,
    currentId: undefined,
    previousId: undefined,
    current: undefined,
    previous: undefined,
    restartCount,
    waiting: undefined,
    probes: undefined,
    probeFailed: undefined,
    stopping: false,
  }
}

export function slotView(slot: Slot | undefined): ContainerView {
  return {
    current: slot?.current,
    previous: slot?.previous,
    waiting: slot?.current?.state === 'CONTAINER_RUNNING' ? undefined : slot?.waiting,
    restartCount: slot?.restartCount ?? 0,
    ready: slot?.probes?.ready ?? false,
    started: slot?.probes?.started ?? false,
  }
}

export class ContainerRunner {
  constructor(
    private readonly host: PodWorkerHost,
    private readonly worker: PodWorker,
  ) {}

  /** Reads the slot's containers from the runtime; true when its container just exited. */
  refresh(slot: Slot): boolean {
    const before = slot.current?.state
    slot.current = this.status(slot.currentId)
    if (slot.previous === undefined && slot.previousId !== undefined)
      slot.previous = this.status(slot.previousId)
    if (before !== 'CONTAINER_RUNNING' || slot.current?.state !== 'CONTAINER_EXITED') return false
    slot.probes?.stop()
    slot.probes = undefined
    slot.stopping = false
    if (slot.current.reason === 'OOMKilled') {
      const limit = slot.spec.resources?.limits?.memory ?? 'none'
      this.host.explain(
        this.worker.pod,
        'OOMKilled',
        `Container ${slot.spec.name} was killed by the kernel's OOM killer: it used more than its memory limit (${limit}); exit code 137.`,
      )
    }
    return true
  }

  /** A restarted kubelet takes over the slot's containers found in the runtime. */
  adopt(slot: Slot, containers: ContainerStatus[], before: ApiContainerStatus | undefined): void {
    const mine = containers
      .filter((c) => c.metadata.name === slot.spec.name)
      .sort((a, b) => a.createdAtMs - b.createdAtMs)
    const current = mine.pop()
    const previous = mine.pop()
    for (const stale of mine) this.remove(stale.id)
    if (current === undefined) return
    Object.assign(slot, {
      currentId: current.id,
      current,
      previousId: previous?.id,
      previous,
      restartCount: current.metadata.attempt,
    })
    this.startProbes(slot)
    // Probe results the API still shows for this very container are kept, not re-learnt.
    if (slot.probes === undefined || before?.containerID !== `containerd://${current.id}`) return
    slot.probes.ready = before.ready
    slot.probes.started = before.started ?? slot.probes.started
  }

  /** Makes the slot's container run, as its restart policy and back-off allow. */
  ensure(slot: Slot): void {
    const pod = this.worker.pod
    const c = slot.current
    if (c?.state === 'CONTAINER_RUNNING') {
      if (slot.probeFailed !== undefined && !slot.stopping) {
        const what = slot.probeFailed === 'Liveness' ? 'liveness' : 'startup'
        this.kill(
          slot,
          `Container ${slot.spec.name} failed ${what} probe, will be restarted`,
          pod.spec.terminationGracePeriodSeconds ?? 30,
        )
      }
      return
    }
    if (slot.stopping) return
    if (c?.state === 'CONTAINER_EXITED') {
      if (!shouldRestart(pod, slot.init, c.exitCode)) {
        slot.waiting = undefined
        return
      }
      const key = this.backoffKey(slot)
      const finishedAtMs = c.finishedAtMs ?? this.host.clock.nowMs
      if (this.host.crashBackoff.isInBackOffSince(key, finishedAtMs))
        return this.crashLoopBackOff(slot, key, finishedAtMs)
      this.host.crashBackoff.next(key, finishedAtMs)
    }
    this.start(slot)
  }

  /** Stops the container: SIGTERM, SIGKILL after the grace period; a sync follows its exit. */
  kill(slot: Slot, message: string, graceSeconds: number): void {
    if (slot.currentId === undefined) return
    this.event(slot.spec, 'Normal', 'Killing', message)
    slot.stopping = true
    slot.probes?.stop()
    this.host.containerd.stopContainer(slot.currentId, graceSeconds, (reply) => {
      slot.stopping = false
      this.worker.requestSync(reply.ok ? 0 : SYNC_ERROR_RETRY_MS)
    })
  }

  startProbes(slot: Slot): void {
    slot.probes?.stop()
    const c = slot.current
    const podIP = this.worker.sandbox.ip
    if (c === undefined || c.state !== 'CONTAINER_RUNNING' || podIP === undefined) return
    const pod = this.worker.pod
    const target = {
      pod,
      container: slot.spec,
      containerId: c.id,
      podIP,
      nodeIP: this.host.nodeIP,
      startedAtMs: c.startedAtMs ?? c.createdAtMs,
    }
    slot.probes = new ContainerProbes(
      this.host.clock,
      this.host.containerd,
      () => this.host.recorder(),
      target,
      {
        changed: () => this.worker.publish(),
        failed: (kind) => {
          slot.probeFailed = kind
          const probe = kind === 'Liveness' ? slot.spec.livenessProbe : slot.spec.startupProbe
          const code = kind === 'Liveness' ? 'LivenessProbeFailed' : 'StartupProbeFailed'
          this.host.explain(
            pod,
            code,
            `Container ${slot.spec.name} failed its ${kind.toLowerCase()} probe ${probe?.failureThreshold ?? 3} times in a row; the kubelet restarts it.`,
          )
          this.worker.requestSync()
        },
      },
    )
  }

  remove(id: string): void {
    try {
      this.host.containerd.removeContainer(id)
    } catch (error) {
      if (!(error instanceof CriError)) throw error
    }
  }

  backoffKey(slot: Slot): string {
    const { name, namespace, uid } = this.worker.pod.metadata
    return `${name!}_${namespace!}_${uid!}_${slot.spec.name}`
  }

  private crashLoopBackOff(slot: Slot, key: string, finishedAtMs: number): void {
    const pod = this.worker.pod
    const name = slot.spec.name
    const delay = goDuration(this.host.crashBackoff.get(key))
    slot.waiting = {
      reason: 'CrashLoopBackOff',
      message: `back-off ${delay} restarting failed container=${name} pod=${formatPod(pod)}`,
    }
    this.event(
      slot.spec,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${name} in pod ${formatPod(pod)}`,
    )
    const last = `last exit code ${slot.current?.exitCode ?? 0}, ${slot.current?.reason ?? 'Error'}`
    this.host.explain(
      pod,
      'CrashLoopBackOff',
      `Container ${name} keeps exiting (${last}); the kubelet waits ${delay} before starting it again.`,
    )
    const remaining = this.host.crashBackoff.remainingMs(key, finishedAtMs)
    this.worker.requestSync(Math.min(remaining, BACKOFF_RESYNC_MS))
  }

  private start(slot: Slot): void {
    const { pod, sandbox } = this.worker
    const spec = slot.spec
    const ensured = this.host.images.ensure(pod, spec, () => this.worker.requestSync())
    // While the image is pulled the container keeps its last waiting reason (or the default).
    if (ensured.state === 'pulling') return
    if (ensured.state === 'error') return this.imageFailed(slot, ensured.reason, ensured.message)
    const attempt = slot.currentId === undefined ? slot.restartCount : slot.restartCount + 1
    const env = containerEnv(pod, spec, sandbox.ip ?? '', this.host.nodeIP, this.host.envSources)
    if ('error' in env) return this.configFailed(slot, env.error)
    const id = this.host.containerd.createContainer(
      sandbox.id!,
      containerConfig(
        pod,
        spec,
        attempt,
        env.env,
        containerMounts(spec, this.worker.volumes.files),
      ),
    )
    this.event(spec, 'Normal', 'Created', `Created container: ${spec.name}`)
    if (slot.previousId !== undefined) this.remove(slot.previousId)
    Object.assign(slot, {
      previousId: slot.currentId,
      previous: slot.current,
      currentId: id,
      restartCount: attempt,
      waiting: undefined,
      probeFailed: undefined,
    })
    try {
      this.host.containerd.startContainer(id)
    } catch (error) {
      if (!(error instanceof CriError)) throw error
      this.event(spec, 'Warning', 'Failed', `Error: ${error.desc}`)
      slot.waiting = { reason: 'RunContainerError', message: error.desc }
      slot.current = this.status(id)
      this.worker.requestSync(this.host.nextRelistInMs())
      return
    }
    this.event(spec, 'Normal', 'Started', `Started container ${spec.name}`)
    slot.current = this.status(id)
    this.startProbes(slot)
  }

  /**
   * The environment could not be built (a ConfigMap, Secret or key missing): the container is
   * not created, the kubelet says why and tries again at its next sync.
   */
  private configFailed(slot: Slot, message: string): void {
    slot.waiting = { reason: 'CreateContainerConfigError', message }
    this.event(slot.spec, 'Warning', 'Failed', `Error: ${message}`)
    this.host.explain(
      this.worker.pod,
      'CreateContainerConfigError',
      `Container ${slot.spec.name} cannot be created: ${message}.`,
    )
    this.worker.requestSync(SYNC_ERROR_RETRY_MS)
  }

  /** A failed image: the waiting reason, "Error: <reason>", and when to look again. */
  private imageFailed(slot: Slot, reason: string, message: string): void {
    const pod = this.worker.pod
    slot.waiting = { reason, message }
    this.event(slot.spec, 'Warning', 'Failed', `Error: ${reason}`)
    this.host.explain(
      pod,
      reason,
      `Image "${slot.spec.image}" of container ${slot.spec.name}: ${message}`,
    )
    const untilBackoffEnds =
      this.host.images.backoffEndsMs(pod, slot.spec.image) - this.host.clock.nowMs
    const delay =
      reason === 'ErrImagePull'
        ? this.host.nextRelistInMs()
        : reason === 'ImagePullBackOff'
          ? Math.min(Math.max(0, untilBackoffEnds), BACKOFF_RESYNC_MS)
          : SYNC_ERROR_RETRY_MS
    this.worker.requestSync(delay)
  }

  private status(id: string | undefined): ContainerStatus | undefined {
    if (id === undefined) return undefined
    try {
      return this.host.containerd.containerStatus(id)
    } catch (error) {
      if (error instanceof CriError && error.code === 'NotFound') return undefined
      throw error
    }
  }

  private event(
    container: Container,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): void {
    const pod = this.worker.pod
    this.host.recorder().event(pod, type, reason, message, { fieldPath: fieldPath(pod, container) })
  }
}
