/**
 * What a predicate sees: the simulation (its etcd, world, faults and command log) and where the
 * current step began. Predicates are pure functions of this context: they read, never change.
 */
import type { KubeObject } from '../../api/types'
import type { ActiveFault } from '../../faults/faults'
import type { CommandRecord } from '../../shell/command'
import type { Simulation } from '../../simulation'
import type { Localized } from '../text'

export interface CheckContext {
  readonly simulation: Simulation
  /** Virtual time the current step started at. */
  readonly stepStartedAtMs: number
  /** etcd's revision when the step started: what was written after it happened during the step. */
  readonly stepStartRevision: number
  /** Command lines the learner ran since the step started, oldest first. */
  readonly commands: readonly CommandRecord[]
  /** The scenario's faults that have been applied, by their scenario id. */
  readonly faults: ReadonlyMap<string, ActiveFault>
  /**
   * Every fault applied (and announced) since the lab began, whoever applied it: the scenario,
   * the fault menu, `fault inject`, a reboot. Oldest first; active or healed since.
   */
  readonly appliedFaults: readonly ActiveFault[]
}

/** A check's verdict and, in the learner's language, what it saw. */
export interface CheckResult {
  readonly ok: boolean
  readonly reason: Localized
}

export function verdict(ok: boolean, en: string, ptBR: string): CheckResult {
  return { ok, reason: { en, 'pt-BR': ptBR } }
}

/**
 * Objects straight from etcd, not through the API server, so a lab that stops the API server
 * can still be checked (as an admin reading etcd with etcdctl would).
 */
export function stored<T extends KubeObject>(context: CheckContext, key: string): T | undefined {
  return context.simulation.kubernetes?.etcd.kv.get(key) as T | undefined
}

export function storedList<T extends KubeObject>(context: CheckContext, prefix: string): T[] {
  return (context.simulation.kubernetes?.etcd.kv.list(prefix) ?? []) as T[]
}
