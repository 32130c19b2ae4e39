/**
 * Progress as JSON, read back tolerantly: a document that is not JSON, is of another version,
 * or has the wrong shape gives a fresh progress and a notice for the learner, never a throw.
 * A lab entry that is damaged is dropped alone, keeping the others.
 */
import { z } from 'zod'
import { emptyProgress, PROGRESS_VERSION, type LabProgress, type Progress } from './progress'
import { say, type Localized } from './text'

const StepSchema = z.object({
  done: z.boolean(),
  doneAtMs: z.number().optional(),
  timeSpentMs: z.number().nonnegative(),
  hintsOpened: z.number().int().nonnegative(),
  solutionRevealed: z.boolean(),
})

const LabSchema = z.object({
  steps: z.record(z.string(), StepSchema),
  answers: z.record(
    z.string(),
    z.object({ response: z.union([z.number(), z.string()]), correct: z.boolean() }),
  ),
  completed: z.boolean(),
})

export function serializeProgress(progress: Progress): string {
  return `${JSON.stringify(progress, null, 2)}\n`
}

export interface LoadedProgress {
  progress: Progress
  /** Said to the learner when something could not be read back. */
  notice?: Localized
}

export function parseProgress(text: string): LoadedProgress {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch {
    return fresh('is not valid JSON', 'não é um JSON válido')
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    return fresh('is not a progress document', 'não é um documento de progresso')
  const { version, labs } = document as { version?: unknown; labs?: unknown }
  if (version !== PROGRESS_VERSION)
    return fresh(
      `has version ${String(version)}, not ${PROGRESS_VERSION}`,
      `tem a versão ${String(version)}, não ${PROGRESS_VERSION}`,
    )
  if (typeof labs !== 'object' || labs === null || Array.isArray(labs))
    return fresh('has no list of labs', 'não tem a lista de labs')
  const progress = emptyProgress()
  const damaged: string[] = []
  for (const [id, entry] of Object.entries(labs)) {
    const lab = LabSchema.safeParse(entry)
    if (lab.success) progress.labs[id] = lab.data as LabProgress
    else damaged.push(id)
  }
  if (damaged.length === 0) return { progress }
  const names = damaged.join(', ')
  return {
    progress,
    notice: say(
      `The saved progress of ${names} was damaged and has been reset.`,
      `O progresso salvo de ${names} estava danificado e foi zerado.`,
    ),
  }
}

function fresh(en: string, ptBR: string): LoadedProgress {
  return {
    progress: emptyProgress(),
    notice: say(
      `The saved progress ${en}; starting afresh.`,
      `O progresso salvo ${ptBR}; começando do zero.`,
    ),
  }
}
