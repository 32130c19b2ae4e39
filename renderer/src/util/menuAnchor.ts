/**
 * Where a fault menu opened from a row should appear, and what gets focus back. A right click
 * puts it at the pointer; the context-menu key and Shift+F10 (which fire `contextmenu` on the
 * focused element) put it under the row's menu button. Either way the button is the opener, so
 * closing the menu leaves keyboard focus on a real, visible control.
 */
import type { FaultMenuRequest } from '../stores/faultMenu'
import type { MenuTarget } from '../stores/faults'

export const BUTTON_SELECTOR = '[data-fault-button]'

export function requestFromRow(
  event: MouseEvent,
  target: MenuTarget,
): FaultMenuRequest | undefined {
  const row = event.currentTarget as HTMLElement
  const button = row.querySelector<HTMLElement>(BUTTON_SELECTOR)
  if (button === null) return undefined
  // Only a right click has button 2; the keys give 0 and a point inside the focused element,
  // where the menu would hide the row it belongs to.
  if (event.button === 2) return { target, x: event.clientX, y: event.clientY, opener: button }
  return requestUnder(button, target)
}

export function requestUnder(button: HTMLElement, target: MenuTarget): FaultMenuRequest {
  const box = button.getBoundingClientRect()
  return { target, x: box.left, y: box.bottom + 2, opener: button }
}
