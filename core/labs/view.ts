/**
 * What the lab panel shows of a running lab, built from the runner's state: each step's status,
 * its last check, the hints opened and the solution if revealed; each question, open once its
 * step is done, with the explanation once answered.
 */
import type { LabCheckResult, LabQuestionView, LabStepView, LabView } from '../protocol'
import { summaryOf } from './catalogue'
import { labProgress, stepProgress } from './progress'
import type { LabRunner } from './runner'

/** `lastChecks`: the latest check of each step, by step id. */
export function labView(
  runner: LabRunner,
  lastChecks: ReadonlyMap<string, LabCheckResult>,
): LabView {
  const { lab, progress } = runner
  const { scenario } = lab
  const labId = scenario.id
  const current = runner.currentStep?.id
  let seenCurrent = false
  const steps = scenario.steps.map((step): LabStepView => {
    const saved = stepProgress(progress, labId, step.id)
    const isCurrent = step.id === current
    seenCurrent ||= isCurrent
    const status = isCurrent ? 'current' : seenCurrent ? 'pending' : 'done'
    const check = lastChecks.get(step.id)
    return {
      id: step.id,
      title: step.title,
      text: lab.text.get(step.id) ?? { en: '', 'pt-BR': '' },
      status,
      ...(check === undefined ? {} : { check }),
      hints: step.hints.slice(0, saved.hintsOpened),
      hintCount: step.hints.length,
      ...(saved.solutionRevealed ? { solution: [...step.solution] } : {}),
    }
  })
  const done = new Set(steps.filter((s) => s.status === 'done').map((s) => s.id))
  const answers = labProgress(progress, labId).answers
  const questions = scenario.questions.map((question): LabQuestionView => {
    const answer = answers[question.id]
    return {
      id: question.id,
      type: question.type,
      ...(question.after === undefined ? {} : { after: question.after }),
      prompt: question.prompt,
      ...(question.type === 'choice' ? { choices: question.choices } : {}),
      open: question.after === undefined ? runner.completed : done.has(question.after),
      answered: answer !== undefined,
      ...(answer === undefined
        ? {}
        : {
            response: answer.response,
            correct: answer.correct,
            explanation: question.explanation,
          }),
    }
  })
  return { lab: summaryOf(lab), steps, questions, completed: runner.completed, progress }
}
