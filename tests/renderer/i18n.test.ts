import { afterEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import {
  createAppI18n,
  initialLanguage,
  LANGUAGE_STORAGE_KEY,
  messages,
} from '../../renderer/src/i18n'

/** Every leaf of a message tree, as 'a.b.c' → text. */
function leaves(tree: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix + key
    if (typeof value === 'object' && value !== null)
      for (const [k, v] of leaves(value, `${path}.`)) out.set(k, v)
    else out.set(path, value)
  }
  return out
}

describe('i18n messages', () => {
  const en = leaves(messages.en)
  const ptBR = leaves(messages['pt-BR'])

  it('has exactly the same keys in en and pt-BR', () => {
    expect([...ptBR.keys()].sort()).toEqual([...en.keys()].sort())
    expect(en.size).toBeGreaterThan(20)
  })

  it('has no empty or non-string message in either language', () => {
    for (const [language, tree] of [
      ['en', en],
      ['pt-BR', ptBR],
    ] as const) {
      for (const [key, value] of tree) {
        expect(typeof value, `${language} ${key}`).toBe('string')
        expect(String(value).trim(), `${language} ${key}`).not.toBe('')
      }
    }
  })

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: unknown): string[] =>
      [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()
    for (const [key, text] of en)
      expect(placeholders(ptBR.get(key)), key).toEqual(placeholders(text))
  })

  it('translates the UI rather than copying the English', () => {
    const same = [...en].filter(([key, text]) => ptBR.get(key) === text).map(([key]) => key)
    // Names that are the same in both: the product, language names, Kubernetes' own words.
    expect(same.length).toBeLessThan(en.size / 4)
  })
})

describe('createAppI18n', () => {
  afterEach(() => localStorage.clear())

  it('remembers the chosen language and mirrors it on <html lang>', async () => {
    const i18n = createAppI18n('en')
    expect(document.documentElement.lang).toBe('en')
    i18n.global.locale.value = 'pt-BR'
    await nextTick()
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('pt-BR')
    expect(document.documentElement.lang).toBe('pt-BR')
    expect(i18n.global.t('outline.title')).toBe('Resumo')
    expect(initialLanguage()).toBe('pt-BR')
  })

  it('ignores a remembered value that is not a language of the lab', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'klingon')
    expect(['en', 'pt-BR']).toContain(initialLanguage())
  })
})
