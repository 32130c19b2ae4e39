/**
 * One scheduler process's state and its scheduling cycle (pkg/scheduler/scheduler.go and
 * schedule_one.go): cache, queue, framework, the informer event handlers, and scheduleOne with
 * its outcomes (bind + Scheduled event, or PodScheduled=False + FailedScheduling event), each
 * recorded with its "why?" in the ExplainLog. Leader election and the clock loop live in
 * KubeScheduler; this class works without them (tests, benchmarks).
 *
 * Invariants:
 * 1. A pod is either in the queue (pending, ours) or counted in the cache (assigned), never
 *    both; the moment of binding moves it from one to the other (assume, then confirm).
 * 2. Pods with spec.nodeName are not ours to schedule; pods of another schedulerName are ignored.
 * 3. Every attempt leaves exactly one ExplainLog record for the pod.
 */
import type { Node, Pod } from '../api/types'
import type { ApiClient } from '../client/client'
import type { EventRecorder } from '../client/events'
import type { Clock } from '../clock'
import { podSubject, type ExplainLog } from '../explain/explain'
import type { Random } from '../random'
import { SchedulerCache } from './cache'
import { ASSIGNED_POD_DELETE, NODE_ADD, nodeUpdateEvents } from './clusterEvents'
import { buildDecision, DEFAULT_DECISION_NODE_LIMIT, type SchedulingDecision } from './decision'
import { fitErrorMessage, newDiagnosis, NO_NODES_AVAILABLE_MESSAGE } from './fitError'
import { Framework } from './framework'
import type { CycleState } from './plugin'
import { PodInfo, podKey } from './podInfo'
import { updatePodStatus, type NominatingInfo, type PodScheduledReason } from './podStatus'
import { PREEMPTION_NODE_STATUS_KEY } from './preemption'
import { SchedulingQueue, type QueuedPodInfo, type QueueOptions } from './queue'
import { DEFAULT_PROFILE, IN_TREE_REGISTRY, type Profile, type Registry } from './registry'
import { emptyTrace, SchedulingAlgorithm, type ScheduleOutcome } from './schedulePod'
import { ScoreLists } from './scoreLists'

export interface SchedulerDeps {
  clock: Clock
  /** Tie-breaks and preemption offsets. */
  random: Random
  client?: ApiClient
  recorder?: EventRecorder
  explain?: ExplainLog
  log?: (line: string) => void
  /** The informer's current copy of a pod, to requeue the latest version after a failure. */
  lookupPod?: (namespace: string, name: string) => Pod | undefined
}

export interface SchedulerOptions {
  profile?: Profile
  registry?: Registry
  queue?: QueueOptions
  /** Rows kept per decision in the ExplainLog (see decision.ts). */
  decisionNodeLimit?: number
}

export const EXPLAIN_COMPONENT = 'kube-scheduler'

const isTerminal = (pod: Pod): boolean =>
  pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
const isAssigned = (pod: Pod): boolean => (pod.spec.nodeName ?? '') !== ''

export class Scheduler {
  readonly cache = new SchedulerCache()
  readonly framework: Framework
  readonly algorithm: SchedulingAlgorithm
  readonly queue: SchedulingQueue
  readonly stats = { attempts: 0, scheduled: 0, unschedulable: 0, errors: 0 }
  private readonly decisionNodeLimit: number
  private readonly scoreLists = new ScoreLists()

  constructor(
    private readonly deps: SchedulerDeps,
    options: SchedulerOptions = {},
  ) {
    this.framework = new Framework({
      profile: options.profile ?? DEFAULT_PROFILE,
      registry: options.registry ?? IN_TREE_REGISTRY,
      cache: this.cache,
      clock: deps.clock,
      random: deps.random,
      ...(deps.client === undefined ? {} : { client: deps.client }),
      ...(deps.recorder === undefined ? {} : { recorder: deps.recorder }),
    })
    this.algorithm = new SchedulingAlgorithm(this.framework)
    const sort = this.framework.queueSort
    this.queue = new SchedulingQueue(
      deps.clock,
      (a, b) => sort.less(a, b),
      this.framework.events,
      options.queue,
    )
    this.decisionNodeLimit = options.decisionNodeLimit ?? DEFAULT_DECISION_NODE_LIMIT
  }

  /** responsibleForPod: the pod names this profile's scheduler. */
  responsibleFor(pod: Pod): boolean {
    return (
      (pod.spec.schedulerName ?? DEFAULT_PROFILE.schedulerName) === this.framework.schedulerName
    )
  }

  onPodAdd(pod: Pod): void {
    if (isAssigned(pod)) {
      this.queue.delete(podKey(pod))
      if (!isTerminal(pod)) this.cache.addPod(pod)
    } else if (this.responsibleFor(pod) && !isTerminal(pod)) {
      this.queue.add(new PodInfo(pod))
    }
  }

  onPodUpdate(_old: Pod, pod: Pod): void {
    const key = podKey(pod)
    if (isAssigned(pod)) {
      this.queue.delete(key)
      if (isTerminal(pod)) this.removeAssigned(key)
      else this.cache.addPod(pod)
      return
    }
    // An assumed pod's binding is on its way; an older unassigned copy must not requeue it.
    if (this.cache.isAssumed(key) || !this.responsibleFor(pod)) return
    if (isTerminal(pod)) this.queue.delete(key)
    else this.queue.update(pod)
  }

  onPodDelete(pod: Pod): void {
    const key = podKey(pod)
    this.queue.delete(key)
    this.removeAssigned(key)
  }

  onNodeAdd(node: Node): void {
    this.cache.addNode(node)
    this.queue.moveAllToActiveOrBackoff(NODE_ADD)
  }

  onNodeUpdate(old: Node, node: Node): void {
    this.cache.addNode(node)
    for (const event of nodeUpdateEvents(old, node)) this.queue.moveAllToActiveOrBackoff(event)
  }

  onNodeDelete(node: Node): void {
    this.cache.removeNode(node.metadata.name!)
  }

  private removeAssigned(key: string): void {
    if (this.cache.removePod(key) !== undefined)
      this.queue.moveAllToActiveOrBackoff(ASSIGNED_POD_DELETE)
  }

  /** ScheduleOne: pops a pod and runs one scheduling cycle. False when activeQ was empty. */
  scheduleOne(): boolean {
    const qp = this.queue.pop()
    if (qp === undefined) return false
    const pod = qp.info
    if (pod.pod.metadata.deletionTimestamp !== undefined) {
      const message = `skip schedule deleting pod: ${pod.namespace}/${pod.name}`
      this.deps.recorder?.event(pod.pod, 'Warning', 'FailedScheduling', message, {
        action: 'Scheduling',
      })
      this.queue.done(pod.key)
      return true
    }
    if (this.cache.isAssumed(pod.key)) {
      this.queue.done(pod.key)
      return true
    }
    this.stats.attempts++
    const state = this.framework.newCycleState()
    const outcome = this.algorithm.schedulePod(state, pod)
    if (outcome.kind === 'Scheduled') this.bind(state, qp, outcome)
    else this.fail(state, qp, outcome)
    return true
  }

  /** assume, Bind, then finishBinding's Scheduled event; a failed bind forgets the pod. */
  private bind(
    state: CycleState,
    qp: QueuedPodInfo,
    outcome: Extract<ScheduleOutcome, { kind: 'Scheduled' }>,
  ): void {
    const pod = qp.info
    const node = outcome.nodeName
    this.cache.assumePod(pod, node)
    const status = this.framework.runBindPlugins(state, pod, node)
    if (status !== null) {
      this.cache.removePod(pod.key)
      this.queue.moveAllToActiveOrBackoff(ASSIGNED_POD_DELETE)
      const { trace, diagnosis } = outcome
      this.fail(state, qp, { kind: 'Error', message: status.message, trace, diagnosis })
      return
    }
    this.queue.done(pod.key)
    this.stats.scheduled++
    const message = `Successfully assigned ${pod.namespace}/${pod.name} to ${node}`
    this.deps.recorder?.event(pod.pod, 'Normal', 'Scheduled', message, { action: 'Binding' })
    this.explain(state, pod, { result: 'Scheduled', message, outcome, selectedNode: node })
  }

  /** handleSchedulingFailure: PostFilter, requeue, FailedScheduling event, pod condition. */
  private fail(
    state: CycleState,
    qp: QueuedPodInfo,
    outcome: Exclude<ScheduleOutcome, { kind: 'Scheduled' }>,
  ): void {
    const pod = qp.info
    let message: string
    let reason: PodScheduledReason = 'Unschedulable'
    let plugins: ReadonlySet<string> = new Set()
    const nominating: NominatingInfo = { nominatedNodeName: '' }
    let postFilter: { message: string; nominatedNodeName?: string } | undefined
    if (outcome.kind === 'Unschedulable') {
      const result = this.framework.runPostFilterPlugins(state, pod, outcome.diagnosis)
      if (result !== undefined) {
        outcome.diagnosis.postFilterMsg = result.status.message
        nominating.nominatedNodeName = result.nominatedNodeName
        postFilter = { message: result.status.message }
        if (result.nominatedNodeName) postFilter.nominatedNodeName = result.nominatedNodeName
      }
      message = fitErrorMessage(outcome.trace.totalNodes, outcome.diagnosis)
      plugins = outcome.diagnosis.unschedulablePlugins
      this.stats.unschedulable++
    } else if (outcome.kind === 'NoNodes') {
      message = NO_NODES_AVAILABLE_MESSAGE
      this.stats.unschedulable++
    } else {
      message = outcome.message
      reason = 'SchedulerError'
      this.stats.errors++
      this.deps.log?.(`"Error scheduling pod; retrying" err="${message}" pod="${pod.key}"`)
    }
    // Requeue the informer's latest copy, unless the pod is gone or was bound meanwhile.
    const latest =
      this.deps.lookupPod === undefined ? pod.pod : this.deps.lookupPod(pod.namespace, pod.name)
    if (latest === undefined) this.queue.delete(pod.key)
    else if (isAssigned(latest)) this.queue.done(pod.key)
    else {
      pod.update(latest)
      this.queue.addFailed(qp, plugins)
    }
    this.deps.recorder?.event(pod.pod, 'Warning', 'FailedScheduling', message, {
      action: 'Scheduling',
    })
    const client = this.deps.client
    if (client !== undefined && latest !== undefined) {
      const error = updatePodStatus(
        client,
        latest,
        { reason, message },
        nominating,
        this.deps.clock.nowMs,
      )
      if (error !== undefined)
        this.deps.log?.(`"Error updating pod" err="${error}" pod="${pod.key}"`)
    }
    const result = reason === 'SchedulerError' ? 'Error' : 'Unschedulable'
    this.explain(state, pod, { result, message, outcome, ...(postFilter && { postFilter }) })
  }

  /** Records the attempt and its per-node, per-plugin table (decision.ts) in the ExplainLog. */
  private explain(
    state: CycleState,
    pod: PodInfo,
    attempt: {
      result: SchedulingDecision['result']
      message: string
      outcome: ScheduleOutcome
      selectedNode?: string
      postFilter?: SchedulingDecision['postFilter']
    },
  ): void {
    const log = this.deps.explain
    if (log === undefined) return
    const { outcome } = attempt
    const trace = ('trace' in outcome && outcome.trace) || emptyTrace(this.cache.numNodes)
    const filters = this.framework.activeFilters(state)
    // The plugin lists are shared by every record of the same plugins (read-only).
    const details = buildDecision({
      pod: pod.key,
      result: attempt.result,
      message: attempt.message,
      selectedNode: attempt.selectedNode,
      trace,
      diagnosis: ('diagnosis' in outcome && outcome.diagnosis) || newDiagnosis(),
      filterPlugins: filters.names,
      skippedFilterPlugins: filters.skipped,
      scorePlugins: trace.scorePlugins,
      postFilter: attempt.postFilter,
      preemption: state.read<Map<string, string>>(PREEMPTION_NODE_STATUS_KEY),
      limit: this.decisionNodeLimit,
      scoreLists: this.scoreLists,
    })
    log.record({
      component: EXPLAIN_COMPONENT,
      subject: podSubject(pod.namespace, pod.name),
      code: attempt.result === 'Scheduled' ? 'Scheduled' : 'FailedScheduling',
      summary: attempt.message,
      details,
    })
  }
}
