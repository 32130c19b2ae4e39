/**
 * Counts of the pods each ReplicaSet controls, kept current by the pod informer's handlers, so
 * that a ReplicaSet sync costs the same at 1,000 replicas as at 3. The real controller walks all
 * of a ReplicaSet's pods on every sync, which it can afford in wall time; the lab runs every
 * sync of a 150,000-pod rollout in one process, and one sync per pod change over 1,000 pods is
 * quadratic. The counts are exactly what that walk would find (claim.ts, calculateStatus).
 *
 * Invariants:
 * 1. A tally is built from the owner index on first use and then changed by each pod event by
 *    the difference between the pod's old and new contribution, so it always agrees with the
 *    informer cache.
 * 2. A tally is valid for one selector and one set of template labels; a ReplicaSet whose
 *    selector or template labels changed gets a fresh tally on its next sync.
 * 3. Only active pods count (not terminal, not being deleted). A pod that no longer matches the
 *    selector is counted as `mismatched`: the sync then takes the full path (claim releases it).
 */
import { controllerOf, deepEqual } from '../api/objects'
import type { LabelSelector, Pod, ReplicaSet } from '../api/types'
import type { Informer } from '../client/informer'
import type { OwnerIndex } from './informers'
import { isPodActive, isPodReady } from './podUtil'
import { compiledSelector, type CompiledSelector } from './selectorCache'

/** What a sync needs to know of a ReplicaSet's pods, without looking at them. */
export interface ReplicaSetPodTally {
  /** Active pods it controls that match its selector: what claim would return. */
  active: number
  /** Of those, ready ones. */
  ready: number
  /** Of those, ones carrying every template label. */
  fullyLabeled: number
  /** Active pods it controls whose labels no longer match its selector (to be released). */
  mismatched: number
}

interface Tally extends ReplicaSetPodTally {
  readonly selector: LabelSelector
  readonly matches: CompiledSelector
  readonly templateLabels: Record<string, string>
}

export class ReplicaSetPodCounter {
  /** ReplicaSet uid → tally. */
  private readonly tallies = new Map<string, Tally>()

  constructor(
    private readonly podsByOwner: OwnerIndex<Pod>,
    pods: Informer<Pod>,
  ) {
    pods.addHandlers({
      onAdd: (pod) => this.count(pod, 1),
      onUpdate: (old, pod) => {
        this.count(old, -1)
        this.count(pod, 1)
      },
      onDelete: (pod) => this.count(pod, -1),
    })
  }

  /** The tally of a ReplicaSet, rebuilt if its selector or template labels changed. */
  of(rs: ReplicaSet): ReplicaSetPodTally {
    const uid = rs.metadata.uid!
    const templateLabels = rs.spec.template.metadata?.labels ?? {}
    const known = this.tallies.get(uid)
    if (
      known !== undefined &&
      (known.selector === rs.spec.selector || deepEqual(known.selector, rs.spec.selector)) &&
      deepEqual(known.templateLabels, templateLabels)
    ) {
      return known
    }
    const tally: Tally = {
      selector: rs.spec.selector,
      matches: compiledSelector(rs.spec.selector),
      templateLabels,
      active: 0,
      ready: 0,
      fullyLabeled: 0,
      mismatched: 0,
    }
    for (const pod of this.podsByOwner.owned(uid)) add(tally, pod, 1)
    this.tallies.set(uid, tally)
    return tally
  }

  /** Drops the tally of a ReplicaSet that is gone. */
  forget(uid: string): void {
    this.tallies.delete(uid)
  }

  private count(pod: Pod, sign: 1 | -1): void {
    const ref = controllerOf(pod)
    if (ref === undefined) return
    const tally = this.tallies.get(ref.uid)
    if (tally !== undefined) add(tally, pod, sign)
  }
}

function add(tally: Tally, pod: Pod, sign: 1 | -1): void {
  if (!isPodActive(pod)) return
  const labels = pod.metadata.labels
  if (!tally.matches(labels)) {
    tally.mismatched += sign
    return
  }
  tally.active += sign
  if (isPodReady(pod)) tally.ready += sign
  if (hasAll(labels ?? {}, tally.templateLabels)) tally.fullyLabeled += sign
}

function hasAll(labels: Record<string, string>, wanted: Record<string, string>): boolean {
  for (const key in wanted) if (labels[key] !== wanted[key]) return false
  return true
}
