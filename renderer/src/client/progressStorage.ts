/**
 * Where the learner's lab progress is kept between runs: in the desktop app, a JSON file in the
 * user's data folder (the preload's `window.kubelabProgress`, written atomically by the main
 * process); in a plain browser, localStorage. Both hand back text; the labs store parses it.
 */
import { safeStorage } from '../util/storage'

export interface StoredProgress {
  /** The saved JSON, or null when nothing was saved yet. */
  text: string | null
  /** Set when what was saved could not be read and was set aside. */
  notice?: 'corrupt' | 'unreadable'
}

export interface ProgressStorage {
  read(): Promise<StoredProgress>
  write(text: string): Promise<void>
  /** Keeps unreadable text aside (never silently lost) so the learner's data can be recovered. */
  setAside(text: string): Promise<void>
}

export const PROGRESS_KEY = 'kubelab.progress'

export function browserProgressStorage(storage = safeStorage()): ProgressStorage {
  return {
    read: () => Promise.resolve({ text: storage?.getItem(PROGRESS_KEY) ?? null }),
    write(text) {
      try {
        storage?.setItem(PROGRESS_KEY, text)
      } catch {
        // Storage full or refused: progress lives on for this session only.
      }
      return Promise.resolve()
    },
    setAside(text) {
      try {
        storage?.setItem(`${PROGRESS_KEY}.corrupt-${Date.now()}`, text)
      } catch {
        // Nowhere to keep it: the notice still tells the learner.
      }
      return Promise.resolve()
    },
  }
}

/** The Electron bridge's file (it sets a corrupt file aside itself), or the browser's storage. */
export function openProgressStorage(): ProgressStorage {
  const bridge = typeof window === 'undefined' ? undefined : window.kubelabProgress
  if (bridge === undefined) return browserProgressStorage()
  return {
    read: () => bridge.read(),
    write: (text) => bridge.write(text),
    setAside: () => Promise.resolve(),
  }
}
