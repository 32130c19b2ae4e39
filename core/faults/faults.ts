/**
 * The faults active in a simulation: applied by id, listed, healed one by one or all at once.
 *
 * Invariants:
 * 1. Each applied fault gets an id ("fault-1", "fault-2", …) in order, and keeps its heal.
 * 2. Healing runs the heal of exactly that fault, once; healing all heals newest first, so
 *    faults stacked on the same component unwind in reverse.
 * 3. Faults that end by themselves (a killed process restarts) are recorded but never active.
 */
import type { KubernetesCluster } from '../kubernetes/cluster'
import {
  applyFault,
  FAULT_KINDS,
  FaultError,
  type FaultKindId,
  type FaultTarget,
  type Heal,
} from './catalogue'

export interface ActiveFault {
  id: string
  kind: FaultKindId
  target: FaultTarget
  sinceMs: number
}

export class FaultManager {
  private readonly active = new Map<string, { fault: ActiveFault; heal: Heal }>()
  private next = 1

  constructor(
    private readonly cluster: KubernetesCluster,
    private readonly now: () => number,
  ) {}

  apply(kind: FaultKindId, target: FaultTarget): ActiveFault {
    const spec = FAULT_KINDS.find((k) => k.id === kind)
    if (spec === undefined) throw new FaultError(`unknown fault kind ${kind}`)
    if (spec.target !== target.kind)
      throw new FaultError(`${kind} applies to a ${spec.target}, not a ${target.kind}`)
    if (target.kind === 'component' && !spec.components?.includes(target.type)) {
      throw new FaultError(`${kind} does not apply to ${target.type}`)
    }
    const heal = applyFault(this.cluster, kind, target)
    const fault: ActiveFault = { id: `fault-${this.next++}`, kind, target, sinceMs: this.now() }
    if (spec.reversible) this.active.set(fault.id, { fault, heal })
    return fault
  }

  list(): ActiveFault[] {
    return [...this.active.values()].map((entry) => entry.fault)
  }

  heal(id: string): ActiveFault {
    const entry = this.active.get(id)
    if (entry === undefined) throw new FaultError(`no active fault ${id}`)
    this.active.delete(id)
    entry.heal()
    return entry.fault
  }

  /** Heals every active fault (those `which` accepts), newest first. */
  healAll(which: (fault: ActiveFault) => boolean = () => true): ActiveFault[] {
    return this.list()
      .filter(which)
      .reverse()
      .map((fault) => this.heal(fault.id))
  }
}
