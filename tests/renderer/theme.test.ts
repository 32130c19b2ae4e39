import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { THEME_STORAGE_KEY, useThemeStore } from '../../renderer/src/stores/theme'

/** A matchMedia('(prefers-color-scheme: dark)') the test can flip. */
function fakeSystem(dark: boolean) {
  const listeners = new Set<(event: { matches: boolean }) => void>()
  const query = {
    matches: dark,
    addEventListener: (_: string, listener: (event: { matches: boolean }) => void) =>
      listeners.add(listener),
    removeEventListener: () => {},
    flip(next: boolean) {
      query.matches = next
      listeners.forEach((l) => l({ matches: next }))
    },
  }
  vi.stubGlobal('matchMedia', () => query)
  return query
}

describe('theme store', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })
  afterEach(() => vi.unstubAllGlobals())

  it('follows the system until the learner chooses, and marks <html data-theme>', async () => {
    const system = fakeSystem(false)
    const theme = useThemeStore()
    expect(theme.choice).toBe('system')
    expect(document.documentElement.dataset['theme']).toBe('light')
    system.flip(true)
    await nextTick()
    expect(theme.effective).toBe('dark')
    expect(document.documentElement.dataset['theme']).toBe('dark')
    theme.choice = 'light'
    await nextTick()
    expect(theme.effective).toBe('light')
    expect(document.documentElement.dataset['theme']).toBe('light')
  })

  it('remembers the choice, and ignores a stored value it does not know', async () => {
    fakeSystem(false)
    useThemeStore().choice = 'dark'
    await nextTick()
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark')
    setActivePinia(createPinia())
    expect(useThemeStore().effective).toBe('dark')
    localStorage.setItem(THEME_STORAGE_KEY, 'sepia')
    setActivePinia(createPinia())
    expect(useThemeStore().choice).toBe('system')
  })
})
