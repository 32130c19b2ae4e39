/**
 * The kubelet's image manager (pkg/kubelet/images/image_manager.go): imagePullPolicy, the pull
 * back-off per (pod, image), the serial puller (serializeImagePulls defaults to true: one pull at
 * a time per node), and the events with their exact texts (FIDELITY.md §5.6):
 *   Pulling  "Pulling image %q"
 *   Pulled   "Successfully pulled image %q in %v (%v including waiting). Image size: %v bytes."
 *   Pulled   "Container image %q already present on machine"
 *   Failed   "Failed to pull image %q: %v"
 *   BackOff  "Back-off pulling image %q"
 *
 * Invariants:
 * 1. A pull's result is handed to the pod worker once (`ensure` consumes it); the worker's next
 *    sync after a failure finds the back-off (10 s doubling to 300 s) and reports ImagePullBackOff.
 * 2. The queue holds at most one request per (pod, image); pulls run one at a time, in order.
 */
import { defaultPullPolicy } from '../apiserver/strategies/podDefaults'
import type { Container, Pod } from '../api/types'
import type { Clock } from '../clock'
import type { EventRecorder } from '../client/events'
import { Backoff } from './backoff'
import type { Containerd } from './containerd'
import type { CriError, PullResult } from './cri'
import { parseImageReference } from './imageRef'
import { goDuration } from './timeFormat'

export type EnsureResult =
  | { state: 'ready'; imageRef: string }
  | { state: 'pulling' }
  | { state: 'error'; reason: string; message: string }

interface PullRequest {
  key: string
  /** Its pod is gone: the pull finishes in containerd, its outcome is not kept. */
  forgotten?: boolean
  image: string
  enqueuedAtMs: number
  pod: Pod
  container: Container
  done: () => void
}

type Outcome = { ok: true; result: PullResult } | { ok: false; error: CriError }

export class ImageManager {
  readonly backoff: Backoff
  private readonly queue: PullRequest[] = []
  private readonly queued = new Set<string>()
  private readonly outcomes = new Map<string, Outcome>()
  private active: PullRequest | undefined
  private generation = 0

  constructor(
    private readonly clock: Clock,
    private readonly containerd: Containerd,
    private readonly recorder: () => EventRecorder,
  ) {
    this.backoff = new Backoff(() => clock.nowMs)
  }

  /**
   * EnsureImageExists: the image's ref when it is there, 'pulling' while a pull is queued or runs
   * (`done` is called when it ends), or the waiting reason and message of a failure.
   * Throws a CriError when containerd cannot be reached.
   */
  ensure(pod: Pod, container: Container, done: () => void): EnsureResult {
    const image = container.image
    const parsed = parseImageReference(image)
    if (!parsed.ok) {
      const message = `Failed to apply default image tag "${image}": couldn't parse image reference "${image}": ${parsed.error}`
      this.event(pod, container, 'Warning', 'InspectFailed', message)
      return { state: 'error', reason: 'InvalidImageName', message }
    }
    const key = `${pod.metadata.uid!}_${image}`
    const outcome = this.outcomes.get(key)
    if (outcome !== undefined) {
      this.outcomes.delete(key)
      if (outcome.ok) return { state: 'ready', imageRef: outcome.result.imageRef }
      return { state: 'error', reason: 'ErrImagePull', message: outcome.error.message }
    }
    if (this.queued.has(key)) return { state: 'pulling' }
    const present = this.containerd.imageStatus(image)
    const policy = container.imagePullPolicy ?? defaultPullPolicy(image)
    if (policy === 'Never' || (policy === 'IfNotPresent' && present !== undefined)) {
      if (present !== undefined) {
        this.event(
          pod,
          container,
          'Normal',
          'Pulled',
          `Container image "${image}" already present on machine`,
        )
        return { state: 'ready', imageRef: present.repoDigests[0] ?? present.id }
      }
      const message = `Container image "${image}" is not present with pull policy of Never`
      this.event(pod, container, 'Warning', 'ErrImageNeverPull', message)
      return { state: 'error', reason: 'ErrImageNeverPull', message }
    }
    if (this.backoff.isInBackOffSinceUpdate(key, this.clock.nowMs)) {
      const message = `Back-off pulling image "${image}"`
      this.event(pod, container, 'Normal', 'BackOff', message)
      return { state: 'error', reason: 'ImagePullBackOff', message }
    }
    this.event(pod, container, 'Normal', 'Pulling', `Pulling image "${image}"`)
    this.queued.add(key)
    this.queue.push({ key, image, enqueuedAtMs: this.clock.nowMs, pod, container, done })
    this.next()
    return { state: 'pulling' }
  }

  /** When the pull back-off of (pod, image) ends, for the worker's next sync. */
  backoffEndsMs(pod: Pod, image: string): number {
    const key = `${pod.metadata.uid!}_${image}`
    return (this.backoff.lastUpdateMs(key) ?? this.clock.nowMs) + this.backoff.get(key)
  }

  /** Forgets a pod's pulls and back-offs (it was deleted). */
  forget(uid: string): void {
    this.backoff.resetPrefix(`${uid}_`)
    if (this.active?.key.startsWith(`${uid}_`) === true) this.active.forgotten = true
    for (const key of [...this.outcomes.keys()])
      if (key.startsWith(`${uid}_`)) this.outcomes.delete(key)
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i]!.key.startsWith(`${uid}_`))
        this.queued.delete(this.queue.splice(i, 1)[0]!.key)
    }
  }

  /** The kubelet stops: queued pulls are dropped, a running one's answer is ignored. */
  reset(): void {
    this.generation++
    this.queue.length = 0
    this.queued.clear()
    this.outcomes.clear()
    this.active = undefined
  }

  private next(): void {
    if (this.active !== undefined) return
    const request = this.queue.shift()
    if (request === undefined) return
    this.active = request
    const generation = this.generation
    this.containerd.pullImage(request.image, (reply) => {
      if (generation !== this.generation) return
      this.active = undefined
      this.queued.delete(request.key)
      this.finish(
        request,
        reply.ok ? { ok: true, result: reply.value } : { ok: false, error: reply.error },
      )
      this.next()
    })
  }

  private finish(request: PullRequest, outcome: Outcome): void {
    const { pod, container, image, key } = request
    if (outcome.ok) {
      const waited = this.clock.nowMs - request.enqueuedAtMs
      this.event(
        pod,
        container,
        'Normal',
        'Pulled',
        `Successfully pulled image "${image}" in ${goDuration(outcome.result.durationMs)} (${goDuration(waited)} including waiting). Image size: ${outcome.result.sizeBytes} bytes.`,
      )
      this.backoff.reset(key)
    } else {
      this.event(
        pod,
        container,
        'Warning',
        'Failed',
        `Failed to pull image "${image}": ${outcome.error.message}`,
      )
      this.backoff.next(key, this.clock.nowMs)
    }
    if (request.forgotten === true) return
    this.outcomes.set(key, outcome)
    request.done()
  }

  private event(
    pod: Pod,
    container: Container,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): void {
    this.recorder().event(pod, type, reason, message, { fieldPath: fieldPath(pod, container) })
  }
}

/** The event's fieldPath: "spec.containers{web}" or "spec.initContainers{init}". */
export function fieldPath(pod: Pod, container: Container): string {
  const init = (pod.spec.initContainers ?? []).some((c) => c.name === container.name)
  return `spec.${init ? 'initContainers' : 'containers'}{${container.name}}`
}
