/**
 * kube-controller-manager: one process running many control loops, only while it holds the
 * Lease kube-system/kube-controller-manager (FIDELITY.md §6.5). A second instance (another
 * control-plane node) waits; when the leader stops, the Lease expires 15 s after its last renewal
 * and the candidate takes over.
 *
 * Invariants:
 * 1. Each start() campaigns under a new identity "<machine>_<uuid>", as a restarted process does,
 *    so a restart waits for its own previous Lease to expire.
 * 2. Controllers, their informers and all their state exist only for one leadership term: built
 *    fresh when leading starts, stopped and dropped when it ends. Nothing of a former term runs.
 * 3. Losing the Lease stops every controller at once (the real process exits with "leaderelection
 *    lost" and the kubelet restarts it; here it stays up and campaigns again).
 * 4. stop() stops campaigning without releasing the Lease.
 */
import { uuid } from '../api/objects'
import type { Lease } from '../api/types'
import { EventRecorder } from '../client/events'
import { LeaderElector } from '../client/leaderElection'
import type { ComponentContext, ComponentProcess } from '../components/component'
import type { Controller, ControllerEnv, ControllerFactory } from './controller'
import { DaemonSetController } from './daemonset'
import { DeploymentController } from './deployment'
import { EndpointsController } from './endpoints'
import { EndpointSliceController } from './endpointslice'
import { GarbageCollector } from './garbageCollector'
import { SharedInformers } from './informers'
import { NamespaceController } from './namespace'
import { ReplicaSetController } from './replicaset'
import { RootCaCertPublisher } from './rootCaCertPublisher'

export const LEASE = { namespace: 'kube-system', name: 'kube-controller-manager' } as const

/** The built-in loops, by their --controllers names, in the order they start. */
export const BUILT_IN_CONTROLLERS: Readonly<Record<string, ControllerFactory>> = {
  deployment: (env) => new DeploymentController(env),
  replicaset: (env) => new ReplicaSetController(env),
  daemonset: (env) => new DaemonSetController(env),
  endpoint: (env) => new EndpointsController(env),
  endpointslice: (env) => new EndpointSliceController(env),
  'garbage-collector': (env) => new GarbageCollector(env),
  namespace: (env) => new NamespaceController(env),
  'root-ca-cert-publisher': (env) => new RootCaCertPublisher(env),
}

export interface KubeControllerManagerOptions {
  /**
   * Loops beyond the built-in ones, e.g. the node lifecycle controller: a factory is called for
   * each leadership term with the shared informers; an instance is started and stopped with it.
   */
  extraControllers?: readonly (Controller | ControllerFactory)[]
  /** Which built-in loops run (--controllers); all by default. */
  controllers?: readonly string[]
}

export class KubeControllerManager implements ComponentProcess {
  private elector: LeaderElector | undefined
  private term: { informers: SharedInformers; controllers: Controller[] } | undefined
  private isRunning = false

  constructor(
    private readonly context: ComponentContext,
    private readonly options: KubeControllerManagerOptions = {},
  ) {}

  get running(): boolean {
    return this.isRunning
  }

  get isLeader(): boolean {
    return this.elector?.isLeader ?? false
  }

  /** The identity of the current campaign, as the Lease's holderIdentity shows it. */
  get identity(): string | undefined {
    return this.elector?.identity
  }

  /** The controllers of the current term (for tests and the UI), by construction order. */
  get controllers(): readonly Controller[] {
    return this.term?.controllers ?? []
  }

  start(): void {
    if (this.isRunning) return
    this.isRunning = true
    const { clock, client, random, machine } = this.context
    const identity = `${machine}_${uuid(random)}`
    this.context.log(`attempting to acquire leader lease ${LEASE.namespace}/${LEASE.name}...`)
    this.elector = new LeaderElector(
      clock,
      client,
      random.fork('leader-election'),
      LEASE,
      identity,
      {
        onStartedLeading: () => this.startLeading(identity),
        onStoppedLeading: () => this.stopLeading(),
      },
    )
    this.elector.start()
  }

  stop(): void {
    if (!this.isRunning) return
    this.isRunning = false
    this.elector?.stop()
    this.elector = undefined
    this.stopLeading()
  }

  private startLeading(identity: string): void {
    const { clock, client } = this.context
    this.context.log(`successfully acquired lease ${LEASE.namespace}/${LEASE.name}`)
    this.recordLeaderEvent(identity)
    const informers = new SharedInformers(clock, client)
    const env: ControllerEnv = {
      context: this.context,
      informers,
      recorder: (component) => new EventRecorder(clock, client, { component }),
    }
    const names = this.options.controllers ?? Object.keys(BUILT_IN_CONTROLLERS)
    const controllers = names.flatMap((name) => {
      const factory = BUILT_IN_CONTROLLERS[name]
      return factory === undefined ? [] : [factory(env)]
    })
    for (const extra of this.options.extraControllers ?? []) {
      controllers.push(typeof extra === 'function' ? extra(env) : extra)
    }
    this.term = { informers, controllers }
    // Informers first: their initial lists fill the caches (and the paused queues) before the
    // controllers check that the caches have synced.
    informers.start()
    for (const controller of controllers) controller.start()
  }

  private stopLeading(): void {
    const term = this.term
    if (term === undefined) return
    this.term = undefined
    if (this.isRunning) this.context.log('leaderelection lost')
    for (const controller of term.controllers) controller.stop()
    term.informers.stop()
  }

  /** client-go's resourcelock records "<identity> became leader" on the Lease. */
  private recordLeaderEvent(identity: string): void {
    const { clock, client } = this.context
    try {
      const lease = client.find<Lease>('leases', LEASE.namespace, LEASE.name)
      if (lease === undefined) return
      const recorder = new EventRecorder(clock, client, { component: 'kube-controller-manager' })
      recorder.event(lease, 'Normal', 'LeaderElection', `${identity} became leader`)
    } catch {
      // Best effort, as Events are.
    }
  }
}
