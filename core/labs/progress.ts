/**
 * A learner's progress through the labs, as one plain serialisable object, and the pure
 * functions that update it (each returns a new object; none mutates its input). Saving it is the
 * app's business (a JSON file, browser storage); progressJson.ts turns it into text and back.
 *
 * Times are whatever clock the caller passes: the app passes wall time, the headless runner the
 * simulation's virtual time.
 */
export const PROGRESS_VERSION = 1

export interface StepProgress {
  done: boolean
  /** When it was checked done, on the caller's clock. */
  doneAtMs?: number
  /** Time spent while this step was the current one. */
  timeSpentMs: number
  /** How many of its hints are open, first to last. */
  hintsOpened: number
  solutionRevealed: boolean
}

export interface AnswerProgress {
  /** The choice's index, or the text typed. */
  response: number | string
  correct: boolean
}

export interface LabProgress {
  steps: Record<string, StepProgress>
  answers: Record<string, AnswerProgress>
  completed: boolean
}

export interface Progress {
  version: typeof PROGRESS_VERSION
  labs: Record<string, LabProgress>
}

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, labs: {} }
}

export function emptyStep(): StepProgress {
  return { done: false, timeSpentMs: 0, hintsOpened: 0, solutionRevealed: false }
}

export function labProgress(progress: Progress, labId: string): LabProgress {
  return progress.labs[labId] ?? { steps: {}, answers: {}, completed: false }
}

export function stepProgress(progress: Progress, labId: string, stepId: string): StepProgress {
  return labProgress(progress, labId).steps[stepId] ?? emptyStep()
}

function withStep(
  progress: Progress,
  labId: string,
  stepId: string,
  change: (step: StepProgress) => StepProgress,
): Progress {
  const lab = labProgress(progress, labId)
  const step = change(stepProgress(progress, labId, stepId))
  return {
    ...progress,
    labs: { ...progress.labs, [labId]: { ...lab, steps: { ...lab.steps, [stepId]: step } } },
  }
}

export function markStepDone(
  progress: Progress,
  labId: string,
  stepId: string,
  atMs: number,
): Progress {
  return withStep(progress, labId, stepId, (step) =>
    step.done ? step : { ...step, done: true, doneAtMs: atMs },
  )
}

export function addTimeSpent(
  progress: Progress,
  labId: string,
  stepId: string,
  ms: number,
): Progress {
  if (!(ms > 0)) return progress
  return withStep(progress, labId, stepId, (step) => ({
    ...step,
    timeSpentMs: step.timeSpentMs + ms,
  }))
}

/** Opens the next hint, up to `available`. */
export function openHint(
  progress: Progress,
  labId: string,
  stepId: string,
  available: number,
): Progress {
  return withStep(progress, labId, stepId, (step) => ({
    ...step,
    hintsOpened: Math.min(available, step.hintsOpened + 1),
  }))
}

export function revealSolution(progress: Progress, labId: string, stepId: string): Progress {
  return withStep(progress, labId, stepId, (step) => ({ ...step, solutionRevealed: true }))
}

export function recordAnswer(
  progress: Progress,
  labId: string,
  questionId: string,
  answer: AnswerProgress,
): Progress {
  const lab = labProgress(progress, labId)
  return {
    ...progress,
    labs: {
      ...progress.labs,
      [labId]: { ...lab, answers: { ...lab.answers, [questionId]: answer } },
    },
  }
}

/** A lab is complete when every one of its steps is done. */
export function markCompletedIf(
  progress: Progress,
  labId: string,
  stepIds: readonly string[],
): Progress {
  const lab = labProgress(progress, labId)
  const completed = stepIds.every((id) => lab.steps[id]?.done === true)
  if (completed === lab.completed) return progress
  return { ...progress, labs: { ...progress.labs, [labId]: { ...lab, completed } } }
}

export function resetLab(progress: Progress, labId: string): Progress {
  const labs = { ...progress.labs }
  delete labs[labId]
  return { ...progress, labs }
}

/** "3/5" for a catalogue card: steps done out of steps, or "none" when untouched. */
export function progressSummary(
  progress: Progress,
  labId: string,
  stepIds: readonly string[],
): string {
  const lab = progress.labs[labId]
  if (lab === undefined) return 'none'
  if (lab.completed) return 'done'
  return `${stepIds.filter((id) => lab.steps[id]?.done === true).length}/${stepIds.length}`
}
