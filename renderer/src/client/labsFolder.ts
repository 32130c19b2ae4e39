/**
 * Labs from a folder the learner chooses, read where the app can read it:
 * - in the desktop app, the preload's `window.kubelabLabs` shows the main process's dialog and
 *   reads the folder there (the page never names a path), and can read it again later;
 * - in a plain browser, an `<input type="file" webkitdirectory>` gives the folder's files, read
 *   here with `readPickedFiles`.
 * Either way the labs store sends the files to the simulation with `lab/load`, which validates
 * them like the built-in labs. The bounds match core/labs/folder.ts, which checks them again.
 */
import type { LabFolderFile } from '../../../core/protocol'

export const MAX_FILES = 1000
export const MAX_FILE_CHARS = 256 * 1024
export const MAX_CHARS = 8 * 1024 * 1024

/** The folder's lab files, or why they could not be read. */
export type FolderRead =
  | { ok: true; folder: string; files: LabFolderFile[] }
  | { ok: false; folder: string; reason: 'tooLarge' | 'unreadable'; detail: string }

export interface LabsFolderBridge {
  /** Shows the dialog; null when it was cancelled. */
  chooseFolder(): Promise<FolderRead | null>
  /** Reads the folder chosen last again; null when none was chosen yet. */
  reloadFolder(): Promise<FolderRead | null>
}

/** The desktop app's bridge, or undefined in a plain browser. */
export function labsFolderBridge(): LabsFolderBridge | undefined {
  const bridge = typeof window === 'undefined' ? undefined : window.kubelabLabs
  if (bridge === undefined) return undefined
  return {
    chooseFolder: () => bridge.chooseFolder().then(asFolderRead),
    reloadFolder: () => bridge.reloadFolder().then(asFolderRead),
  }
}

/** What the main process answered, checked: the bridge is typed, the data is not. */
function asFolderRead(value: unknown): FolderRead | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Partial<FolderRead>
  if (typeof v.folder !== 'string') return null
  if (v.ok === true && Array.isArray(v.files)) return v as FolderRead
  if (v.ok === false) return v as FolderRead
  return null
}

/** Paths a lab uses, from the chosen folder: scenario.yaml and steps/*.md, one lab deep at most. */
export function isLabPath(path: string): boolean {
  const parts = path.split('/')
  return (
    parts.length >= 2 &&
    parts.length <= 4 &&
    /(^|\/)(scenario\.yaml|steps\/[^/]+\.md)$/.test(path) &&
    (parts.length < 4 || parts[2] === 'steps')
  )
}

/** A picked file as the page sees it (a DOM File, or a stand-in in tests). */
export interface PickedFile {
  webkitRelativePath: string
  size: number
  text(): Promise<string>
}

/** Reads the lab files of a folder picked with `<input webkitdirectory>`; null when empty. */
export async function readPickedFiles(picked: ArrayLike<PickedFile>): Promise<FolderRead | null> {
  const all = Array.from(picked)
  const folder = all[0]?.webkitRelativePath.split('/')[0]
  if (folder === undefined || folder === '') return null
  const own = all.filter((file) => isLabPath(file.webkitRelativePath))
  const tooLarge = (detail: string): FolderRead => ({
    ok: false,
    folder,
    reason: 'tooLarge',
    detail,
  })
  if (own.length > MAX_FILES) return tooLarge(`${own.length} files`)
  const files: LabFolderFile[] = []
  let chars = 0
  for (const file of own) {
    // UTF-8 spends at most 3 bytes per UTF-16 unit: past 4 per allowed character, too large.
    if (file.size > MAX_FILE_CHARS * 4) return tooLarge(file.webkitRelativePath)
    let text: string
    try {
      text = await file.text()
    } catch (error) {
      return { ok: false, folder, reason: 'unreadable', detail: String(error) }
    }
    if (text.length > MAX_FILE_CHARS) return tooLarge(file.webkitRelativePath)
    chars += text.length
    if (chars > MAX_CHARS) return tooLarge(folder)
    files.push({ path: file.webkitRelativePath, text })
  }
  return { ok: true, folder, files }
}
