/**
 * The kubelet's prober (pkg/kubelet/prober): one worker per probe of a running container,
 * probing every periodSeconds, with the real results and texts (FIDELITY.md §5.6, §5.7):
 *   httpGet  success on 200–399, else "HTTP probe failed with statuscode: 500"; a refused
 *            connection gives Go's `Get "http://10.244.1.5:80/": dial tcp 10.244.1.5:80: connect:
 *            connection refused`
 *   tcpSocket "dial tcp 10.244.1.5:6379: connect: connection refused"
 *   exec     success on exit 0, else the command's output; a runtime error is "errored" and
 *            thrown away
 *
 * Invariants:
 * 1. A probe runs first at the first tick at or after initialDelaySeconds (ticks are every
 *    periodSeconds from the container's start), then every periodSeconds.
 * 2. Until a startup probe succeeds, liveness and readiness do not run; readiness starts false.
 * 3. failureThreshold consecutive failures fail liveness/startup (the container is killed and
 *    the probe holds until a new container replaces it) or readiness; successThreshold
 *    consecutive successes make readiness true again.
 */
import { httpProbeRefused, httpProbeTimedOut } from './httpProbeErrors'
import type { Container, Pod, Probe } from '../api/types'
import type { Clock, ScheduledTask } from '../clock'
import type { EventRecorder } from '../client/events'
import type { Containerd } from './containerd'
import { CriError } from './cri'
import { fieldPath } from './imageManager'
import type { LabHttpRequest } from './programs/support'

export type ProbeKind = 'Liveness' | 'Readiness' | 'Startup'
type Outcome =
  | { result: 'success' }
  | { result: 'failure'; output: string }
  | { result: 'error'; output: string }

export interface ProbeTarget {
  pod: Pod
  container: Container
  containerId: string
  /** The pod's IP (the node's, for hostNetwork pods). */
  podIP: string
  nodeIP: string
  startedAtMs: number
}

export interface ProbeCallbacks {
  /** Readiness changed, or the startup probe passed. */
  changed(): void
  /** Liveness or startup failed failureThreshold times: kill and restart the container. */
  failed(kind: 'Liveness' | 'Startup'): void
}

export const KUBE_PROBE_USER_AGENT = 'kube-probe/1.32'

export class ContainerProbes {
  ready: boolean
  started: boolean
  private readonly tasks = new Map<ProbeKind, ScheduledTask>()
  private stopped = false

  constructor(
    private readonly clock: Clock,
    private readonly containerd: Containerd,
    private readonly recorder: () => EventRecorder,
    private readonly target: ProbeTarget,
    private readonly callbacks: ProbeCallbacks,
  ) {
    const { livenessProbe, readinessProbe, startupProbe } = target.container
    this.ready = readinessProbe === undefined
    this.started = startupProbe === undefined
    if (startupProbe !== undefined) this.worker('Startup', startupProbe)
    if (livenessProbe !== undefined) this.worker('Liveness', livenessProbe)
    if (readinessProbe !== undefined) this.worker('Readiness', readinessProbe)
  }

  stop(): void {
    this.stopped = true
    for (const task of this.tasks.values()) task.cancel()
    this.tasks.clear()
  }

  private worker(kind: ProbeKind, probe: Probe): void {
    const periodMs = (probe.periodSeconds ?? 10) * 1000
    const delayMs = (probe.initialDelaySeconds ?? 0) * 1000
    const firstMs = Math.ceil(delayMs / periodMs) * periodMs
    let successes = 0
    let failures = 0
    const tick = (): void => {
      this.tasks.delete(kind)
      if (this.stopped) return
      const onHold = kind === 'Startup' ? this.started : !this.started
      if (!onHold) {
        const outcome = this.run(probe)
        if (outcome.result === 'error')
          this.event('Warning', `${kind} probe errored: ${outcome.output}`)
        else if (outcome.result === 'success') {
          successes++
          failures = 0
          if (this.settle(kind, true, successes, probe)) return
        } else {
          failures++
          successes = 0
          this.event('Warning', `${kind} probe failed: ${outcome.output}`)
          if (
            failures >= (probe.failureThreshold ?? 3) &&
            this.settle(kind, false, failures, probe)
          )
            return
        }
      }
      this.tasks.set(kind, this.clock.schedule(periodMs, `probe ${kind}`, tick))
    }
    const firstInMs = Math.max(0, this.target.startedAtMs + firstMs - this.clock.nowMs)
    this.tasks.set(kind, this.clock.schedule(firstInMs, `probe ${kind}`, tick))
  }

  /** Applies a result; true when this probe's worker stops for good. */
  private settle(kind: ProbeKind, ok: boolean, count: number, probe: Probe): boolean {
    if (kind === 'Readiness') {
      const threshold = ok ? (probe.successThreshold ?? 1) : (probe.failureThreshold ?? 3)
      if (count >= threshold && this.ready !== ok) {
        this.ready = ok
        this.callbacks.changed()
      }
      return false
    }
    if (kind === 'Startup' && ok) {
      this.started = true
      this.callbacks.changed()
      return true
    }
    if (ok) return false
    this.callbacks.failed(kind)
    return true
  }

  private run(probe: Probe): Outcome {
    const { container, podIP } = this.target
    if (probe.exec !== undefined)
      return this.exec(probe.exec.command, (probe.timeoutSeconds ?? 1) * 1000)
    const handler = probe.httpGet ?? probe.tcpSocket
    if (handler === undefined) return { result: 'success' }
    const port =
      typeof handler.port === 'number'
        ? handler.port
        : (container.ports?.find((p) => p.name === handler.port)?.containerPort ??
          Number(handler.port))
    // httpGet.host is part of the real API but not of core/api/types.ts' Probe yet.
    const shown = (probe.httpGet as { host?: string } | undefined)?.host ?? podIP
    const host = this.address(shown)
    if (probe.tcpSocket !== undefined) {
      return this.containerd.accepts(host, port)
        ? { result: 'success' }
        : { result: 'failure', output: `dial tcp ${shown}:${port}: connect: connection refused` }
    }
    const path = probe.httpGet?.path ?? '/'
    const scheme = (probe.httpGet?.scheme ?? 'HTTP').toLowerCase()
    const url = `${scheme}://${shown}:${port}${path}`
    const request: LabHttpRequest = {
      method: 'GET',
      path,
      port,
      remoteAddress: this.target.nodeIP,
      userAgent: KUBE_PROBE_USER_AGENT,
      host: `${shown}:${port}`,
    }
    const response = this.containerd.http(host, request)
    if (response === 'refused')
      return {
        result: 'failure',
        output: httpProbeRefused(url, `${shown}:${port}`),
      }
    if (response === 'timeout') {
      return {
        result: 'failure',
        output: httpProbeTimedOut(url),
      }
    }
    return response.status >= 200 && response.status < 400
      ? { result: 'success' }
      : { result: 'failure', output: `HTTP probe failed with statuscode: ${response.status}` }
  }

  private exec(command: string[], timeoutMs: number): Outcome {
    try {
      const result = this.containerd.execSync(this.target.containerId, command, timeoutMs)
      if (result.timedOut)
        return { result: 'failure', output: `command "${command.join(' ')}" timed out` }
      return result.exitCode === 0
        ? { result: 'success' }
        : { result: 'failure', output: result.output.replace(/\n$/, '') }
    } catch (error) {
      if (error instanceof CriError) return { result: 'error', output: error.message }
      throw error
    }
  }

  /** A hostNetwork pod's 127.0.0.1 is the node's own loopback: the node's address here. */
  private address(host: string): string {
    return host === '127.0.0.1' || host === 'localhost' ? this.target.nodeIP : host
  }

  private event(type: 'Normal' | 'Warning', message: string): void {
    const { pod, container } = this.target
    this.recorder().event(pod, type, 'Unhealthy', message, { fieldPath: fieldPath(pod, container) })
  }
}
