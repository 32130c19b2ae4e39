/**
 * The system colour scheme as a ref: the app follows `prefers-color-scheme` and has no switch
 * of its own, so the canvas (which CSS cannot reach) re-styles when the system changes.
 */
import { onBeforeUnmount, ref, type Ref } from 'vue'
import type { ColorScheme } from '../topology/palette'

const QUERY = '(prefers-color-scheme: dark)'

export function useColorScheme(): Ref<ColorScheme> {
  const media = typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : undefined
  const scheme = ref<ColorScheme>(media?.matches ? 'dark' : 'light')
  const update = (event: MediaQueryListEvent): void => {
    scheme.value = event.matches ? 'dark' : 'light'
  }
  media?.addEventListener('change', update)
  onBeforeUnmount(() => media?.removeEventListener('change', update))
  return scheme
}
