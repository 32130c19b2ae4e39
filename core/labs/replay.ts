/**
 * Replays a lab's reference solution with its seed, step by step, checking each step before its
 * solution runs (it must not pass yet: a check that passes before the learner acted proves
 * nothing) and after (it must pass). `lab run --solution` prints it; `lab verify` and the test
 * suite judge it.
 */
import type { Language, ShellResult } from '../protocol'
import type { Lab } from './lab'
import type { CheckResult } from './predicates/context'
import { LabRunner } from './runner'
import type { Step } from './schema'

export interface StepReplay {
  step: Step
  /** The check at the step's start, before its solution ran. */
  before: CheckResult
  commands: { line: string; result: ShellResult }[]
  /** The check once its solution ran. */
  after: CheckResult
}

export interface LabReplay {
  lab: Lab
  steps: StepReplay[]
  /** Why the replay stopped early (a setup error, a step that did not pass), if it did. */
  error?: string
}

/** Replays the solution; `onStep` sees each step as soon as it is done (for printing). */
export function replaySolution(
  lab: Lab,
  options: { language?: Language; onStep?: (step: StepReplay) => void } = {},
): LabReplay {
  const replay: LabReplay = { lab, steps: [] }
  let runner: LabRunner
  try {
    runner = new LabRunner(lab, { live: false })
  } catch (error) {
    return { ...replay, error: error instanceof Error ? error.message : String(error) }
  }
  for (const step of lab.scenario.steps) {
    const before = runner.evaluate()!
    const commands = step.solution.map((line) => ({
      line,
      result: runner.exec(line, options.language ?? 'en'),
    }))
    const check = runner.check()[0]!
    const done: StepReplay = { step, before, commands, after: check.result }
    replay.steps.push(done)
    options.onStep?.(done)
    if (!check.completed) return { ...replay, error: `step ${step.id} did not pass` }
  }
  return replay
}

export interface StepVerdict {
  stepId: string
  ok: boolean
  /** What went wrong, in English (authors read it). */
  problem?: string
}

/** Judges a replay: every step passes after its solution, and none passes before it. */
export function judgeReplay(replay: LabReplay): {
  ok: boolean
  steps: StepVerdict[]
  error?: string
} {
  const steps = replay.steps.map((s): StepVerdict => {
    if (s.before.ok)
      return {
        stepId: s.step.id,
        ok: false,
        problem: `its check passes before its solution ran: ${s.before.reason.en}`,
      }
    if (!s.after.ok) return { stepId: s.step.id, ok: false, problem: s.after.reason.en }
    return { stepId: s.step.id, ok: true }
  })
  const ok =
    replay.error === undefined &&
    steps.every((s) => s.ok) &&
    steps.length === replay.lab.scenario.steps.length
  return { ok, steps, ...(replay.error === undefined ? {} : { error: replay.error }) }
}
