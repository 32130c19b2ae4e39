/**
 * Light or dark: the system's preference (prefers-color-scheme) unless the learner chose one.
 * The choice is remembered like the language; the effective scheme is mirrored on
 * <html data-theme>, which the CSS reads, and given to the canvases (Cytoscape, xterm, uPlot)
 * that CSS cannot reach.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { ColorScheme } from '../topology/palette'
import { safeStorage } from '../util/storage'

export const THEMES = ['system', 'light', 'dark'] as const
export type ThemeChoice = (typeof THEMES)[number]
export const THEME_STORAGE_KEY = 'kubelab.theme'
const QUERY = '(prefers-color-scheme: dark)'

function isTheme(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value)
}

export const useThemeStore = defineStore('theme', () => {
  const stored = safeStorage()?.getItem(THEME_STORAGE_KEY)
  const choice = ref<ThemeChoice>(isTheme(stored) ? stored : 'system')
  const media =
    typeof window !== 'undefined' && typeof window.matchMedia === 'function'
      ? window.matchMedia(QUERY)
      : undefined
  const system = ref<ColorScheme>(media?.matches ? 'dark' : 'light')
  // The store lives as long as the app: its listener is never removed.
  media?.addEventListener('change', (event) => (system.value = event.matches ? 'dark' : 'light'))
  const effective = computed<ColorScheme>(() =>
    choice.value === 'system' ? system.value : choice.value,
  )

  watch(choice, (value) => safeStorage()?.setItem(THEME_STORAGE_KEY, value))
  watch(
    effective,
    (scheme) => {
      if (typeof document !== 'undefined') document.documentElement.dataset['theme'] = scheme
    },
    { immediate: true },
  )

  return { choice, system, effective }
})
