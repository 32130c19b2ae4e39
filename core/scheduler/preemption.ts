/**
 * DefaultPreemption, the PostFilter plugin: when a pod fits nowhere, look for nodes where
 * evicting lower-priority pods would make room, nominate the best one and delete its victims.
 * When there is no such node, its message explains why, per node (FIDELITY.md §3.3):
 * "Preemption is not helpful for scheduling" where a filter failed beyond any eviction's reach,
 * "No preemption victims found for incoming pod" where no pod has a lower priority.
 *
 * Invariants:
 * 1. Dry runs work on NodeInfo clones; the cache is never changed by a simulation.
 * 2. Victims are the fewest lower-priority pods: all are removed, then pods are reprieved from
 *    the most important down while the preemptor still fits.
 * 3. A pod whose earlier victims are still terminating on its nominated node does not preempt
 *    again ("not eligible due to a terminating pod on the nominated node.").
 */
import { parseTimestamp, rfc3339 } from '../api/time'
import type { Pod } from '../api/types'
import { fitErrorMessage, newDiagnosis, statusOf, type Diagnosis } from './fitError'
import type { NodeInfo } from './nodeInfo'
import type { CycleState, Handle, PostFilterPlugin, PostFilterResult } from './plugin'
import type { PodInfo } from './podInfo'
import { Status, unresolvable, unschedulable, errorStatus } from './status'

export const DEFAULT_PREEMPTION = 'DefaultPreemption'
/** CycleState key: node → what preemption concluded there, for the "why?" rows. */
export const PREEMPTION_NODE_STATUS_KEY = 'DefaultPreemption/nodeStatus'
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling'
export const NO_VICTIMS = 'No preemption victims found for incoming pod'
const MIN_CANDIDATE_NODES_PERCENTAGE = 10
const MIN_CANDIDATE_NODES_ABSOLUTE = 100
const INT32_OFFSET = 2 ** 31

interface Candidate {
  node: NodeInfo
  victims: PodInfo[]
}

function startTimeMs(pod: Pod): number {
  const start = pod.status?.startTime
  if (start === undefined) return Number.POSITIVE_INFINITY
  try {
    return parseTimestamp(start)
  } catch {
    return Number.POSITIVE_INFINITY
  }
}

/** util.MoreImportantPod: higher priority, then the one that started earlier. */
function moreImportant(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority
  return startTimeMs(a.pod) - startTimeMs(b.pod)
}

function terminatingByPreemption(pod: Pod): boolean {
  if (pod.metadata.deletionTimestamp === undefined) return false
  return (pod.status?.conditions ?? []).some(
    (c) =>
      (c.type as string) === 'DisruptionTarget' &&
      c.status === 'True' &&
      c.reason === 'PreemptionByScheduler',
  )
}

export class DefaultPreemption implements PostFilterPlugin {
  readonly name = DEFAULT_PREEMPTION

  constructor(private readonly handle: Handle) {}

  postFilter(state: CycleState, pod: PodInfo, diagnosis: Diagnosis): PostFilterResult {
    const result = this.preempt(state, pod, diagnosis)
    const message = result.status.message
    if (message === '') return result
    const status = new Status(result.status.code, [`preemption: ${message}`], DEFAULT_PREEMPTION)
    return { ...result, status }
  }

  private preempt(state: CycleState, pod: PodInfo, diagnosis: Diagnosis): PostFilterResult {
    const ineligible = this.ineligibility(pod, diagnosis)
    if (ineligible !== undefined) return { status: unschedulable(DEFAULT_PREEMPTION, ineligible) }
    const all = this.handle.cache.nodes
    const statuses = newDiagnosis()
    const potential: NodeInfo[] = []
    for (const node of all) {
      if (statusOf(diagnosis, node.name)?.code === 'UnschedulableAndUnresolvable') {
        statuses.nodeToStatus.set(node.name, unresolvable(DEFAULT_PREEMPTION, NOT_HELPFUL))
      } else potential.push(node)
    }
    const candidates = this.dryRun(state, pod, potential, statuses)
    const notes = new Map<string, string>()
    for (const [node, status] of statuses.nodeToStatus) notes.set(node, status.message)
    for (const c of candidates)
      notes.set(c.node.name, `would evict ${c.victims.map((v) => v.key).join(', ')}`)
    state.write(PREEMPTION_NODE_STATUS_KEY, notes)
    if (candidates.length === 0) {
      return {
        status: unschedulable(DEFAULT_PREEMPTION, fitErrorMessage(all.length, statuses)),
        nominatedNodeName: '',
      }
    }
    const best = pickOneNodeForPreemption(candidates)
    const failure = this.prepareCandidate(best, pod)
    if (failure !== null) return { status: failure }
    return {
      status: new Status('Success', [], DEFAULT_PREEMPTION),
      nominatedNodeName: best.node.name,
    }
  }

  /** PodEligibleToPreemptOthers: the reason a pod may not preempt, or undefined. */
  private ineligibility(pod: PodInfo, diagnosis: Diagnosis): string | undefined {
    if (pod.pod.spec.preemptionPolicy === 'Never')
      return 'not eligible due to preemptionPolicy=Never.'
    const nominated = pod.pod.status?.nominatedNodeName
    if (!nominated) return undefined
    if (statusOf(diagnosis, nominated)?.code === 'UnschedulableAndUnresolvable') return undefined
    const node = this.handle.cache.get(nominated)
    for (const other of node?.pods.values() ?? []) {
      if (other.priority < pod.priority && terminatingByPreemption(other.pod)) {
        return 'not eligible due to a terminating pod on the nominated node.'
      }
    }
    return undefined
  }

  /** DryRunPreemption from a random offset, until enough candidates are found. */
  private dryRun(
    state: CycleState,
    pod: PodInfo,
    potential: NodeInfo[],
    statuses: Diagnosis,
  ): Candidate[] {
    const candidates: Candidate[] = []
    const n = potential.length
    if (n === 0) return candidates
    const wanted = Math.min(
      n,
      Math.max(
        MIN_CANDIDATE_NODES_ABSOLUTE,
        Math.trunc((n * MIN_CANDIDATE_NODES_PERCENTAGE) / 100),
      ),
    )
    const offset = this.handle.random.int(0, n - 1)
    for (let i = 0; i < n && candidates.length < wanted; i++) {
      const node = potential[(offset + i) % n]!
      const result = this.selectVictimsOnNode(state, pod, node)
      if (result instanceof Status) statuses.nodeToStatus.set(node.name, result)
      else candidates.push({ node, victims: result })
    }
    return candidates
  }

  /** SelectVictimsOnNode: the fewest lower-priority pods whose eviction lets the pod fit. */
  private selectVictimsOnNode(state: CycleState, pod: PodInfo, node: NodeInfo): PodInfo[] | Status {
    const potential = [...node.pods.values()].filter((p) => p.priority < pod.priority)
    if (potential.length === 0) return unresolvable(DEFAULT_PREEMPTION, NO_VICTIMS)
    const copy = node.clone()
    for (const p of potential) copy.removePod(p.key)
    const status = this.handle.runFilterPlugins(state, pod, copy)
    if (status !== null) return status
    potential.sort(moreImportant)
    const victims: PodInfo[] = []
    for (const p of potential) {
      copy.addPod(p)
      if (this.handle.runFilterPlugins(state, pod, copy) !== null) {
        copy.removePod(p.key)
        victims.push(p)
      }
    }
    return victims
  }

  /** prepareCandidate: mark each victim as a disruption target, delete it, and say so. */
  private prepareCandidate(candidate: Candidate, pod: PodInfo): Status | null {
    const { client, recorder, clock, schedulerName } = this.handle
    if (client === undefined) return null
    try {
      for (const victim of candidate.victims) {
        const condition = {
          type: 'DisruptionTarget',
          status: 'True',
          reason: 'PreemptionByScheduler',
          message: `${schedulerName}: preempting to accommodate a higher priority pod`,
          lastTransitionTime: rfc3339(clock.nowMs),
        }
        client.patch(
          'pods',
          victim.namespace,
          victim.name,
          { status: { conditions: [condition] } },
          'strategic',
          'status',
        )
        client.delete('pods', victim.namespace, victim.name)
        const message = `Preempted by pod ${pod.pod.metadata.uid ?? ''} on node ${candidate.node.name}`
        recorder?.event(victim.pod, 'Normal', 'Preempted', message, { action: 'Preempting' })
      }
      return null
    } catch (error) {
      return errorStatus(DEFAULT_PREEMPTION, error instanceof Error ? error.message : String(error))
    }
  }
}

/** pickOneNodeForPreemption: lowest top victim priority, then lowest priority sum, then fewest victims. */
function pickOneNodeForPreemption(candidates: Candidate[]): Candidate {
  const key = (c: Candidate): [number, number, number] => [
    c.victims[0]?.priority ?? -INT32_OFFSET,
    c.victims.reduce((sum, v) => sum + v.priority + INT32_OFFSET, 0),
    c.victims.length,
  ]
  let best = candidates[0]!
  let bestKey = key(best)
  for (const c of candidates.slice(1)) {
    const k = key(c)
    if (
      k[0] < bestKey[0] ||
      (k[0] === bestKey[0] && (k[1] < bestKey[1] || (k[1] === bestKey[1] && k[2] < bestKey[2])))
    ) {
      best = c
      bestKey = k
    }
  }
  return best
}
