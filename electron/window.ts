/**
 * The one KubeLab window. Its page is untrusted as far as the main process is concerned: it runs
 * isolated and sandboxed, without Node, and reaches the simulation only through the preload's
 * bridge (electron/preload.ts).
 */
import { join } from 'node:path'
import { BrowserWindow } from 'electron'

/** The preload, built as CommonJS next to main (a sandboxed preload cannot be an ES module). */
const PRELOAD_PATH = join(import.meta.dirname, '../preload/index.cjs')

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    title: 'KubeLab',
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    // Shown once the first frame is painted, so the learner never sees a blank white window.
    show: false,
    autoHideMenuBar: false,
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  })
  window.once('ready-to-show', () => window.show())
  return window
}
