/** Checking a learner's answer to a question, and what to show afterwards. */
import type { Question } from './schema'
import type { Localized } from './text'

export interface AnswerResult {
  correct: boolean
  explanation: Localized
}

export function checkAnswer(question: Question, response: number | string): AnswerResult {
  const correct =
    question.type === 'choice'
      ? response === question.answer
      : typeof response === 'string' &&
        question.accept.some((a) => normalize(a) === normalize(response))
  return { correct, explanation: question.explanation }
}

/** Case, surrounding spaces and repeated inner spaces do not matter in a short answer. */
function normalize(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase()
}
