/**
 * The lab runner: one lab on one simulation. It builds the lab's cluster from the scenario's
 * seed, runs the setup, applies the faults when due, tracks the current step, checks it, opens
 * hints, reveals solutions and keeps the learner's progress.
 *
 * Invariants:
 * 1. Same scenario + same command lines ⇒ the same run (the simulation is seeded; the runner
 *    reads no clock but the simulation's).
 * 2. Steps are done in order: only the current step is checked; when its check passes it is
 *    marked done, the next step starts (its `onStep` faults are applied) and is checked too.
 * 3. A step's `commandRan` checks see only the learner's commands since the step started; the
 *    lab's own sessions (`lab-…`) never count.
 * 4. `live` runners check after every command and every advance of time (the play loop's too);
 *    others check only when asked (`check()`), which is how solutions are replayed step by step.
 */
import type { ActiveFault } from '../faults/faults'
import type { Language, ShellResult } from '../protocol'
import type { CommandRecord } from '../shell/command'
import { createSimulation, type Simulation } from '../simulation'
import type { Lab } from './lab'
import type { CheckContext, CheckResult } from './predicates/context'
import { evaluate } from './predicates/registry'
import {
  addTimeSpent,
  emptyProgress,
  labProgress,
  markCompletedIf,
  markStepDone,
  openHint,
  recordAnswer,
  revealSolution,
  stepProgress,
  type Progress,
} from './progress'
import { checkAnswer, type AnswerResult } from './questions'
import type { ScenarioFault, Step } from './schema'
import { applySetup, LAB_SESSION_PREFIX } from './setup'
import type { Localized } from './text'

export interface LabRunnerOptions {
  /** Progress saved before; steps done in it are replayed from their solutions. */
  progress?: Progress
  /** Check after every command and advance of time (default true). */
  live?: boolean
}

export interface StepCheck {
  step: Step
  result: CheckResult
  /** True when this check completed the step. */
  completed: boolean
}

export const LEARNER_SESSION = 'learner'
const REPLAY_SESSION = 'lab-replay'
const MAX_SEEN_FAULTS = 1000

export class LabRunner {
  readonly simulation: Simulation
  private index = 0
  private stepStartedAtMs = 0
  private stepStartRevision = 0
  private commandMark: CommandRecord | undefined
  private readonly applied = new Map<string, ActiveFault>()
  /** Every fault announced since the lab began, whoever applied it (bounded, oldest first). */
  private readonly seenFaults: ActiveFault[] = []
  private readonly listeners = new Set<(check: StepCheck) => void>()
  private checking = false
  private current: Progress
  private readonly live: boolean

  constructor(
    readonly lab: Lab,
    options: LabRunnerOptions = {},
  ) {
    const { scenario } = lab
    this.live = options.live ?? true
    this.current = options.progress ?? emptyProgress()
    this.simulation = createSimulation({ seed: scenario.seed, cluster: scenario.cluster })
    this.simulation.onEvent((event) => {
      if (event.kind !== 'fault/applied') return
      this.seenFaults.push(event.fault)
      if (this.seenFaults.length > MAX_SEEN_FAULTS) this.seenFaults.shift()
    })
    applySetup(this.simulation, scenario.setup)
    for (const fault of scenario.faults)
      if (fault.at !== undefined)
        this.simulation.clock.schedule(fault.at, `lab: fault ${fault.id}`, () =>
          this.applyFault(fault),
        )
    this.beginStep(0)
    this.replayDone()
    if (this.live) this.simulation.onEvent((event) => event.kind === 'clock/ticked' && this.check())
  }

  get progress(): Progress {
    return this.current
  }

  get currentStep(): Step | undefined {
    return this.lab.scenario.steps[this.index]
  }

  get completed(): boolean {
    return this.index >= this.lab.scenario.steps.length
  }

  /** The scenario's faults applied so far, by their scenario id. */
  get faults(): ReadonlyMap<string, ActiveFault> {
    return this.applied
  }

  onCheck(listener: (check: StepCheck) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Runs a line in the learner's terminal, then checks the step (live runners). */
  exec(line: string, language: Language = 'en', session = LEARNER_SESSION): ShellResult {
    const result = this.simulation.handle({ kind: 'shell/exec', session, line, language })
    if (this.live) this.check()
    return result
  }

  advance(ms: number): void {
    this.simulation.advance(ms)
    if (this.live) this.check()
  }

  /** Evaluates the current step without changing anything. */
  evaluate(): CheckResult | undefined {
    const step = this.currentStep
    return step === undefined ? undefined : evaluate(step.verify, this.context())
  }

  /**
   * Checks the current step; while it passes, marks it done and moves on (at most once per
   * step, so a lab of n steps ends in n rounds). Returns the checks made, the step that was
   * current first; none when the lab is complete (or a check is already under way).
   */
  check(): StepCheck[] {
    if (this.checking) return []
    this.checking = true
    try {
      const checks: StepCheck[] = []
      for (let rounds = this.lab.scenario.steps.length; rounds > 0; rounds--) {
        const step = this.currentStep
        if (step === undefined) break
        const result = evaluate(step.verify, this.context())
        const check = { step, result, completed: result.ok }
        checks.push(check)
        for (const listener of [...this.listeners]) listener(check)
        if (!result.ok) break
        this.finishStep(step)
      }
      return checks
    } finally {
      this.checking = false
    }
  }

  /** Opens the current step's next hint; returns the hints open now. */
  openHint(): Localized[] {
    const step = this.currentStep
    if (step === undefined) return []
    this.current = openHint(this.current, this.lab.scenario.id, step.id, step.hints.length)
    return step.hints.slice(
      0,
      stepProgress(this.current, this.lab.scenario.id, step.id).hintsOpened,
    )
  }

  revealSolution(): readonly string[] {
    const step = this.currentStep
    if (step === undefined) return []
    this.current = revealSolution(this.current, this.lab.scenario.id, step.id)
    return step.solution
  }

  answer(questionId: string, response: number | string): AnswerResult | undefined {
    const question = this.lab.scenario.questions.find((q) => q.id === questionId)
    if (question === undefined) return undefined
    const result = checkAnswer(question, response)
    this.current = recordAnswer(this.current, this.lab.scenario.id, questionId, {
      response,
      correct: result.correct,
    })
    return result
  }

  private context(): CheckContext {
    const log = this.simulation.commandLog
    const from = this.commandMark === undefined ? 0 : log.lastIndexOf(this.commandMark) + 1
    return {
      simulation: this.simulation,
      stepStartedAtMs: this.stepStartedAtMs,
      stepStartRevision: this.stepStartRevision,
      commands: log.slice(from).filter((r) => !r.session.startsWith(LAB_SESSION_PREFIX)),
      faults: this.applied,
      appliedFaults: this.seenFaults,
    }
  }

  private finishStep(step: Step): void {
    const labId = this.lab.scenario.id
    const now = this.simulation.clock.nowMs
    if (!stepProgress(this.current, labId, step.id).done)
      this.current = addTimeSpent(this.current, labId, step.id, now - this.stepStartedAtMs)
    this.current = markStepDone(this.current, labId, step.id, now)
    this.current = markCompletedIf(
      this.current,
      labId,
      this.lab.scenario.steps.map((s) => s.id),
    )
    this.beginStep(this.index + 1)
  }

  private beginStep(index: number): void {
    this.index = index
    this.stepStartedAtMs = this.simulation.clock.nowMs
    this.stepStartRevision = this.simulation.kubernetes?.etcd.kv.revision ?? 0
    this.commandMark = this.simulation.commandLog.at(-1)
    const step = this.currentStep
    if (step === undefined) return
    for (const fault of this.lab.scenario.faults)
      if (fault.onStep === step.id) this.applyFault(fault)
  }

  private applyFault(fault: ScenarioFault): void {
    if (this.applied.has(fault.id)) return
    const active = this.simulation.handle({
      kind: 'fault/apply',
      fault: fault.kind,
      target: fault.target,
    })
    this.applied.set(fault.id, active)
  }

  /** Rebuilds where a learner left off: the solutions of the steps saved as done, replayed. */
  private replayDone(): void {
    const saved = labProgress(this.current, this.lab.scenario.id)
    for (let rounds = this.lab.scenario.steps.length; rounds > 0; rounds--) {
      const step = this.currentStep
      if (step === undefined || saved.steps[step.id]?.done !== true) return
      for (const line of step.solution)
        this.simulation.handle({ kind: 'shell/exec', session: REPLAY_SESSION, line })
      this.finishStep(step)
    }
  }
}
