/**
 * vue-i18n in composition mode, with the two languages of the lab. The learner's choice is
 * remembered in localStorage and mirrored on <html lang> so screen readers switch voice.
 */
import { watch } from 'vue'
import { createI18n } from 'vue-i18n'
import type { Language } from '../../../core/protocol'
import en from './en'
import ptBR from './pt-BR'
import { safeStorage } from '../util/storage'

export type MessageSchema = typeof en

export const LANGUAGES: readonly Language[] = ['en', 'pt-BR']
export const LANGUAGE_STORAGE_KEY = 'kubelab.language'

export const messages: Record<Language, MessageSchema> = { en, 'pt-BR': ptBR }

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/** The remembered choice, else the browser's language, else English. */
export function initialLanguage(): Language {
  const stored = safeStorage()?.getItem(LANGUAGE_STORAGE_KEY)
  if (isLanguage(stored)) return stored
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [])
  return preferred.some((l) => l.toLowerCase().startsWith('pt')) ? 'pt-BR' : 'en'
}

export function createAppI18n(language: Language = initialLanguage()) {
  const i18n = createI18n<[MessageSchema], Language, false>({
    legacy: false,
    locale: language,
    fallbackLocale: 'en',
    messages,
  })
  const mirror = (locale: string): void => {
    if (typeof document !== 'undefined') document.documentElement.lang = locale
  }
  mirror(language)
  // Only a choice is remembered; the browser's language is asked again next time.
  watch(i18n.global.locale, (locale) => {
    safeStorage()?.setItem(LANGUAGE_STORAGE_KEY, locale)
    mirror(locale)
  })
  return i18n
}
