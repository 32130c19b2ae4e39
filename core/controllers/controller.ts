/**
 * The contract between kube-controller-manager and the loops it runs, and the skeleton every
 * built-in loop shares: a level-driven reconciler fed by a work queue (sample-controller style).
 *
 * Invariants:
 * 1. A controller reads only its informers' caches and never mutates what they hold: it clones
 *    before changing anything, and writes through the API.
 * 2. Its queue does not run until every informer it needs has synced (client-go's
 *    WaitForCacheSync polls every 100 ms): a reconcile on a half-filled cache would see "no pods"
 *    and create too many.
 * 3. A reconcile that throws (API server down, conflict) is retried with the queue's per-key
 *    back-off; one that succeeds resets it.
 * 4. After stop() nothing of the controller runs: its queue is paused and its polls cancelled.
 *    Keys added meanwhile are dropped with the controller; the next leader starts afresh.
 */
import type { ScheduledTask } from '../clock'
import type { ApiClient, ResourceName } from '../client/client'
import type { EventRecorder } from '../client/events'
import { WorkQueue } from '../client/workqueue'
import type { ComponentContext } from '../components/component'
import type { SharedInformers } from './informers'

/** A loop kube-controller-manager runs while it leads. start() and stop() may alternate. */
export interface Controller {
  start(): void
  stop(): void
}

/** What a controller is built from: the component's context and the manager's shared caches. */
export interface ControllerEnv {
  readonly context: ComponentContext
  readonly informers: SharedInformers
  /** An EventRecorder whose Events carry `source.component`, e.g. "replicaset-controller". */
  recorder(component: string): EventRecorder
}

/** Builds a controller for one leadership term (fresh caches, fresh state). */
export type ControllerFactory = (env: ControllerEnv) => Controller

const CACHE_SYNC_POLL_MS = 100

/** A controller with one work queue of keys and a reconcile per key. */
export abstract class QueueController implements Controller {
  protected readonly queue: WorkQueue
  private active = false
  private poll: ScheduledTask | undefined

  constructor(
    protected readonly env: ControllerEnv,
    /** The --controllers name: "deployment", "replicaset", "garbage-collector", … */
    readonly name: string,
    private readonly needs: readonly ResourceName[],
  ) {
    this.queue = new WorkQueue(env.context.clock, `kube-controller-manager/${name}`, (key) => {
      if (this.active) this.sync(key)
    })
    this.queue.pause()
    for (const resource of needs) env.informers.informer(resource)
  }

  start(): void {
    if (this.active) return
    this.active = true
    this.env.context.log(`"Starting controller" controller="${this.name}"`)
    this.waitForCaches()
  }

  stop(): void {
    this.active = false
    this.poll?.cancel()
    this.poll = undefined
    this.queue.pause()
  }

  protected get client(): ApiClient {
    return this.env.context.client
  }

  protected get nowMs(): number {
    return this.env.context.clock.nowMs
  }

  /** Reconciles one key: reads the caches, writes what differs. Throws to be retried. */
  protected abstract sync(key: string): void

  private waitForCaches(): void {
    this.poll = undefined
    if (!this.active) return
    if (this.env.informers.synced(this.needs)) {
      this.env.context.log(`"Caches are synced" controller="${this.name}"`)
      this.queue.resume()
      return
    }
    this.poll = this.env.context.clock.schedule(CACHE_SYNC_POLL_MS, `${this.name} cache sync`, () =>
      this.waitForCaches(),
    )
  }
}

/** "namespace/name" → [namespace, name]; a key without "/" is a cluster-scoped name. */
export function splitKey(key: string): [string | undefined, string] {
  const slash = key.indexOf('/')
  return slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)]
}
