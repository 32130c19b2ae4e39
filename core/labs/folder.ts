/**
 * Labs from a folder the learner chose: the desktop app reads it in the main process, the web
 * build in the page (`<input webkitdirectory>`); both send its files with `lab/load`, and both
 * end here, in the same validation as the built-in labs.
 *
 * Invariants:
 * 1. The files come from outside (a page, a disk): their number and size are bounded, and a
 *    message past a bound is refused whole, never half loaded.
 * 2. The folder is either one lab (scenario.yaml at its top) or a folder of labs, one per
 *    subfolder, like scenarios/. Only scenario.yaml and steps/*.md are read; the rest is ignored.
 * 3. Problems name files as "<folder>/<lab>/scenario.yaml:LINE:COLUMN: field: message", as
 *    `kubelab lab list` prints them.
 */
import type { LabFolderFile } from '../protocol'
import { loadCatalogue, type Catalogue } from './catalogue'
import { loadLab } from './lab'

/** At most this many files (a lab has one scenario.yaml and two files per step). */
export const MAX_FOLDER_FILES = 1000
/** At most this many characters in one file. */
export const MAX_FOLDER_FILE_CHARS = 256 * 1024
/** At most this many characters in all. */
export const MAX_FOLDER_CHARS = 8 * 1024 * 1024
const MAX_PATH_CHARS = 512

/** Whether a path from the chosen folder ("my-labs/x/steps/a.en.md") is one a lab uses. */
export function isLabFile(path: string): boolean {
  return /(^|\/)(scenario\.yaml|steps\/[^/]+\.md)$/.test(path)
}

/** Why a lab/load message is refused (invariant 1), or undefined when it is acceptable. */
export function folderRefusal(folder: unknown, files: unknown): string | undefined {
  if (typeof folder !== 'string' || !/^[^/\\]{1,255}$/.test(folder) || folder.startsWith('.'))
    return 'the folder is named by its own name, without slashes'
  if (!Array.isArray(files)) return 'files must be a list of { path, text }'
  if (files.length > MAX_FOLDER_FILES)
    return `too many files (${files.length}; at most ${MAX_FOLDER_FILES})`
  let total = 0
  for (const file of files as unknown[]) {
    const { path, text } = (typeof file === 'object' && file !== null ? file : {}) as {
      path?: unknown
      text?: unknown
    }
    if (typeof path !== 'string' || typeof text !== 'string' || path.length > MAX_PATH_CHARS)
      return 'each file is { path, text }, both text'
    if (!path.startsWith(`${folder}/`)) return `${path} is not in the folder ${folder}`
    if (text.length > MAX_FOLDER_FILE_CHARS)
      return `${path} is too large (at most ${MAX_FOLDER_FILE_CHARS} characters)`
    total += text.length
    if (total > MAX_FOLDER_CHARS)
      return `the folder is too large (at most ${MAX_FOLDER_CHARS} characters in all)`
  }
  return undefined
}

/** The labs of a chosen folder (invariant 2), named as in invariant 3. Call folderRefusal first. */
export function loadFolder(folder: string, files: readonly LabFolderFile[]): Catalogue {
  const own = files.filter((file) => isLabFile(file.path))
  const top = `${folder}/scenario.yaml`
  if (!own.some((file) => file.path === top)) {
    const byPath = Object.fromEntries(own.map((file) => [file.path, file.text]))
    return loadCatalogue(byPath, folder, folder)
  }
  const inLab = new Map<string, string>()
  for (const file of own) {
    const rest = file.path.slice(folder.length + 1)
    if (rest === 'scenario.yaml' || /^steps\/[^/]+\.md$/.test(rest)) inLab.set(rest, file.text)
  }
  const loaded = loadLab(folder, inLab)
  return loaded.ok
    ? { labs: [loaded.value], problems: [] }
    : { labs: [], problems: loaded.problems }
}
