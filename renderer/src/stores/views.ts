/**
 * Which view fills the main area (architecture, workloads, timeline, charts), remembered across
 * restarts like the language. Other parts switch views through `show` (a timeline entry that
 * selects a pod shows it on the workloads view, say).
 */
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { safeStorage } from '../util/storage'

export const VIEWS = ['architecture', 'workloads', 'timeline', 'charts'] as const
export type ViewName = (typeof VIEWS)[number]
export const VIEW_STORAGE_KEY = 'kubelab.view'

function isView(value: unknown): value is ViewName {
  return typeof value === 'string' && (VIEWS as readonly string[]).includes(value)
}

export const useViewsStore = defineStore('views', () => {
  const stored = safeStorage()?.getItem(VIEW_STORAGE_KEY)
  const current = ref<ViewName>(isView(stored) ? stored : 'architecture')
  watch(current, (view) => safeStorage()?.setItem(VIEW_STORAGE_KEY, view))

  function show(view: ViewName): void {
    current.value = view
  }

  return { current, show }
})
