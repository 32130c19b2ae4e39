/**
 * kube-scheduler as a simulated process: informers on pods and nodes, leader election on the
 * Lease kube-system/kube-scheduler (FIDELITY.md §6.5), and a scheduling loop on the virtual
 * clock that runs one pod per clock task, so time and interleaving show.
 *
 * Invariants:
 * 1. Only the leader schedules. A standby keeps its informers, cache and queue warm, as the
 *    real one does, and starts popping pods the moment it acquires the lease.
 * 2. stop() ends everything this process started: informers, lease renewal, queue timers and
 *    the loop. Nothing of it runs afterwards; a later start() is a new process with a new
 *    identity (`<machine>_<uuid>`), which must wait for the old lease to expire (15 s).
 * 3. Losing the lease stops scheduling at once ("leaderelection lost"). The real binary exits
 *    and its static pod restarts it; with an `onExit` hook the process layer does the same,
 *    without one the instance stays up as a standby and campaigns again.
 */
import { uuid } from '../api/objects'
import type { Lease, Node, Pod } from '../api/types'
import { EventRecorder } from '../client/events'
import { Informer } from '../client/informer'
import { LeaderElector } from '../client/leaderElection'
import type { ScheduledTask } from '../clock'
import type { ComponentContext, ComponentProcess } from '../components/component'
import { KUBERNETES_VERSION } from '../version'
import { DEFAULT_SCHEDULER_NAME } from './registry'
import { Scheduler, type SchedulerOptions } from './scheduler'

export const LEASE = { namespace: 'kube-system', name: 'kube-scheduler' } as const

export interface KubeSchedulerOptions extends SchedulerOptions {
  /** Virtual time one scheduling cycle takes: the next pod is popped this much later. */
  cycleCostMs?: number
  /** Called with exit code 1 when the lease is lost (the process layer restarts the process). */
  onExit?: (code: number) => void
}

export const DEFAULT_CYCLE_COST_MS = 1

interface Process {
  identity: string
  scheduler: Scheduler
  podInformer: Informer<Pod>
  nodeInformer: Informer<Node>
  elector: LeaderElector
  recorder: EventRecorder
  leading: boolean
  loop: ScheduledTask | undefined
}

export class KubeScheduler implements ComponentProcess {
  private process: Process | undefined
  private stopping = false

  constructor(
    private readonly ctx: ComponentContext,
    private readonly options: KubeSchedulerOptions = {},
  ) {}

  get running(): boolean {
    return this.process !== undefined
  }

  get isLeader(): boolean {
    return this.process?.leading === true
  }

  /** `<machine>_<uuid>` of the running process (its Lease holderIdentity when leading). */
  get identity(): string | undefined {
    return this.process?.identity
  }

  /** The running process's scheduler (cache, queue, stats), for the UI and tests. */
  get scheduler(): Scheduler | undefined {
    return this.process?.scheduler
  }

  start(): void {
    if (this.process !== undefined) return
    const { ctx } = this
    const identity = `${ctx.machine}_${uuid(ctx.random)}`
    const recorder = new EventRecorder(ctx.clock, ctx.client, { component: DEFAULT_SCHEDULER_NAME })
    const podInformer = new Informer<Pod>(ctx.clock, ctx.client, 'pods')
    const nodeInformer = new Informer<Node>(ctx.clock, ctx.client, 'nodes')
    const scheduler = new Scheduler(
      {
        clock: ctx.clock,
        random: ctx.random.fork(`selectHost/${identity}`),
        client: ctx.client,
        recorder,
        explain: ctx.explain,
        log: (line) => ctx.log(line),
        lookupPod: (namespace, name) => podInformer.get(namespace, name),
      },
      this.options,
    )
    const process: Process = {
      identity,
      scheduler,
      podInformer,
      nodeInformer,
      recorder,
      leading: false,
      loop: undefined,
      elector: new LeaderElector(
        ctx.clock,
        ctx.client,
        ctx.random.fork(`leaderelection/${identity}`),
        LEASE,
        identity,
        {
          onStartedLeading: () => this.startedLeading(process),
          onStoppedLeading: () => this.stoppedLeading(process),
        },
      ),
    }
    this.process = process
    scheduler.queue.onActive = () => this.kick(process)
    nodeInformer.addHandlers({
      onAdd: (node) => scheduler.onNodeAdd(node),
      onUpdate: (old, node) => scheduler.onNodeUpdate(old, node),
      onDelete: (node) => scheduler.onNodeDelete(node),
    })
    podInformer.addHandlers({
      onAdd: (pod) => scheduler.onPodAdd(pod),
      onUpdate: (old, pod) => scheduler.onPodUpdate(old, pod),
      onDelete: (pod) => scheduler.onPodDelete(pod),
    })
    ctx.log(`"Starting Kubernetes Scheduler" version="${KUBERNETES_VERSION}"`)
    ctx.log(`"Serving securely on 127.0.0.1:10259"`)
    nodeInformer.start()
    podInformer.start()
    ctx.log(`attempting to acquire leader lease ${LEASE.namespace}/${LEASE.name}...`)
    process.elector.start()
  }

  stop(): void {
    const process = this.process
    if (process === undefined) return
    this.stopping = true
    process.elector.stop()
    this.stopLeading(process)
    process.podInformer.stop()
    process.nodeInformer.stop()
    this.process = undefined
    this.stopping = false
  }

  private startedLeading(process: Process): void {
    if (this.process !== process) return
    this.ctx.log(`successfully acquired lease ${LEASE.namespace}/${LEASE.name}`)
    process.leading = true
    this.recordLeaderEvent(process, 'became leader')
    process.scheduler.queue.run()
    this.kick(process)
  }

  private stoppedLeading(process: Process): void {
    this.stopLeading(process)
    if (this.stopping || this.process !== process) return
    this.ctx.log('"Leaderelection lost"')
    this.ctx.explain.record({
      component: 'kube-scheduler',
      subject: `Component kube-scheduler-${this.ctx.machine}`,
      code: 'LeaderElectionLost',
      summary: `${process.identity} stopped leading: the Lease ${LEASE.namespace}/${LEASE.name} could not be renewed`,
    })
    if (this.options.onExit !== undefined) {
      this.stop()
      this.options.onExit(1)
    }
  }

  private stopLeading(process: Process): void {
    process.leading = false
    process.scheduler.queue.stop()
    process.loop?.cancel()
    process.loop = undefined
  }

  /** Wakes the loop when there is work and this process leads. */
  private kick(process: Process): void {
    if (!process.leading || process.loop !== undefined) return
    if (process.scheduler.queue.activeLength === 0) return
    process.loop = this.ctx.clock.schedule(0, 'kube-scheduler scheduleOne', () =>
      this.step(process),
    )
  }

  /** One pod per clock task; the next one after the cycle's cost. */
  private step(process: Process): void {
    process.loop = undefined
    if (!process.leading || this.process !== process) return
    const cost = this.options.cycleCostMs ?? DEFAULT_CYCLE_COST_MS
    if (!process.podInformer.hasSynced || !process.nodeInformer.hasSynced) {
      // WaitForCacheSync: nothing is scheduled from a cache that has not listed yet.
      process.loop = this.ctx.clock.schedule(100, 'kube-scheduler waitForCacheSync', () =>
        this.step(process),
      )
      return
    }
    process.scheduler.scheduleOne()
    if (process.scheduler.queue.activeLength === 0) return
    process.loop = this.ctx.clock.schedule(cost, 'kube-scheduler scheduleOne', () =>
      this.step(process),
    )
  }

  /** client-go's leader election Event on the Lease ("<identity> became leader"). */
  private recordLeaderEvent(process: Process, what: string): void {
    try {
      const lease = this.ctx.client.find<Lease>('leases', LEASE.namespace, LEASE.name)
      if (lease !== undefined) {
        process.recorder.event(lease, 'Normal', 'LeaderElection', `${process.identity} ${what}`)
      }
    } catch {
      // Best effort, as events are.
    }
    this.ctx.explain.record({
      component: 'kube-scheduler',
      subject: `Component kube-scheduler-${this.ctx.machine}`,
      code: 'LeaderElection',
      summary: `${process.identity} ${what}`,
    })
  }
}
