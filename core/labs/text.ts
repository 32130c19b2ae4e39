/**
 * Lab text in the learner's language. Every string a learner reads in a lab (titles, hints,
 * reasons, questions) exists in both languages, so a missing translation is a schema error, not a
 * blank on screen.
 */
import { z } from 'zod'
import type { Language } from '../protocol'

export const LANGUAGES: readonly Language[] = ['en', 'pt-BR']

export type Localized = { readonly [L in Language]: string }

export const LocalizedSchema = z.strictObject({
  en: z.string().trim().min(1),
  'pt-BR': z.string().trim().min(1),
})

/** Both languages at once, for reasons built in code. */
export function say(en: string, ptBR: string): Localized {
  return { en, 'pt-BR': ptBR }
}
