/**
 * The colour scheme in effect (the system's, or the learner's choice in stores/theme.ts) as a
 * ref, so the canvases that CSS cannot reach (Cytoscape, xterm, uPlot) re-style when it changes.
 */
import { computed, type ComputedRef } from 'vue'
import { useThemeStore } from '../stores/theme'
import type { ColorScheme } from '../topology/palette'

export function useColorScheme(): ComputedRef<ColorScheme> {
  const theme = useThemeStore()
  return computed(() => theme.effective)
}
