/**
 * Which fault menu is open, if any. The graph (right click) and the outline (right click, the
 * context-menu key, Shift+F10, or its menu button) open it; one FaultMenu in App.vue shows it.
 * Kept apart from the faults store: this is where the UI points, not what the cluster has.
 */
import { defineStore } from 'pinia'
import { markRaw, shallowRef } from 'vue'
import type { MenuTarget } from './faults'

export interface FaultMenuRequest {
  target: MenuTarget
  /** Where to put the menu, in viewport pixels. */
  x: number
  y: number
  /** Gets focus back when the menu closes (a keyboard user must not land at the page's top). */
  opener?: HTMLElement
}

export const useFaultMenuStore = defineStore('faultMenu', () => {
  const request = shallowRef<FaultMenuRequest | null>(null)

  function open(next: FaultMenuRequest): void {
    // An element is a live DOM node, not state: never make it reactive.
    request.value = next.opener === undefined ? next : { ...next, opener: markRaw(next.opener) }
  }

  /** Closes the menu, giving focus back to whatever opened it unless told otherwise. */
  function close(options: { restoreFocus?: boolean } = {}): void {
    const opener = request.value?.opener
    request.value = null
    if (options.restoreFocus !== false && opener?.isConnected) opener.focus()
  }

  return { request, open, close }
})
