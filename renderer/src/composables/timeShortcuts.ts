/**
 * The time controls' keyboard shortcuts, declared once: the key handler and the help list both
 * read TIME_SHORTCUTS, so the help can never document a key that does nothing.
 *
 * Single keys (no Ctrl or Alt) because they must not clash with the terminal's Ctrl+C / Ctrl+L
 * nor with the browser's or Electron's own shortcuts. They never fire while the learner types:
 * in the terminal (xterm), the manifest editor (CodeMirror), a text field, or an open menu.
 * The learner can switch them off (WCAG 2.1.4), for example for a screen reader's quick keys.
 */
import { onBeforeUnmount, onMounted } from 'vue'
import { useTimeControlStore } from '../stores/timeControl'

type TimeControl = ReturnType<typeof useTimeControlStore>

export interface TimeShortcut {
  /** KeyboardEvent.key values that trigger it. */
  keys: readonly string[]
  /** How the help shows the key. */
  label: string
  /** Message key of what it does (under time.shortcuts). */
  describes: string
  perform(time: TimeControl): void
}

export const TIME_SHORTCUTS: readonly TimeShortcut[] = [
  { keys: ['p', 'P'], label: 'P', describes: 'playPause', perform: (time) => time.toggle() },
  { keys: ['.'], label: '.', describes: 'step', perform: (time) => void time.step() },
  { keys: ['['], label: '[', describes: 'slower', perform: (time) => time.changeSpeed(-1) },
  { keys: [']'], label: ']', describes: 'faster', perform: (time) => time.changeSpeed(1) },
  { keys: ['m'], label: 'M', describes: 'jumpMinute', perform: (time) => void time.jumpMinute() },
  {
    keys: ['M'],
    label: 'Shift+M',
    describes: 'jumpFiveMinutes',
    perform: (time) => void time.jumpFiveMinutes(),
  },
]

const TYPING = [
  'input:not([type="radio"]):not([type="checkbox"]):not([type="button"])',
  'textarea',
  'select',
  '[contenteditable]:not([contenteditable="false"])',
  '.xterm',
  '.cm-editor',
  '[role="menu"]',
].join(', ')

/** True when keys typed at `target` belong to what has focus (text, terminal, editor, menu). */
export function isTypingTarget(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(TYPING) !== null
}

/** The shortcut a key press asks for, if it should act at all. */
export function shortcutFor(event: KeyboardEvent): TimeShortcut | undefined {
  if (event.defaultPrevented || event.repeat) return undefined
  if (event.ctrlKey || event.altKey || event.metaKey) return undefined
  if (isTypingTarget(event.target)) return undefined
  return TIME_SHORTCUTS.find((s) => s.keys.includes(event.key))
}

/** Listens on the document while the calling component is mounted. */
export function useTimeShortcuts(): void {
  const time = useTimeControlStore()
  const onKeydown = (event: KeyboardEvent): void => {
    if (!time.shortcutsEnabled) return
    const shortcut = shortcutFor(event)
    if (shortcut === undefined) return
    event.preventDefault()
    shortcut.perform(time)
  }
  onMounted(() => document.addEventListener('keydown', onKeydown))
  onBeforeUnmount(() => document.removeEventListener('keydown', onKeydown))
}
