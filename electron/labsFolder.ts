/**
 * A labs folder the learner chose in the desktop app's dialog: read in the main process, handed
 * to the page, which sends it to the simulation with `lab/load` (the web build reads its folder in
 * the page instead; both end in core/labs/folder.ts).
 *
 * Invariants:
 * 1. Only what a lab uses is read: scenario.yaml and steps/*.md, in the folder itself or in its
 *    subfolders (a folder of labs), never deeper, never through a symbolic link.
 * 2. The reading is bounded by the same limits the simulation enforces (checked against core's
 *    constants in tests), so a folder past them is refused here with a reason, not sent.
 * 3. Reading never throws: a folder that cannot be read gives a reason to show.
 * 4. The folder chosen last is remembered (labs-folder.json in the user-data folder) so the app
 *    can load it again at the next start; only a path the dialog gave is ever remembered.
 */
import { lstat, readdir, readFile, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { LabFolderFile } from '../core/protocol'

/** The same bounds as core/labs/folder.ts (MAX_FOLDER_FILES, …). */
export const MAX_FILES = 1000
export const MAX_FILE_CHARS = 256 * 1024
export const MAX_CHARS = 8 * 1024 * 1024
/** Subfolders looked into, at most (a folder of labs). */
const MAX_FOLDERS = 500

export const REMEMBERED_FILE = 'labs-folder.json'

/** What the page gets: the files, or why not ('tooLarge': past a bound; 'unreadable': an error). */
export type LabsFolderRead =
  | { ok: true; folder: string; files: LabFolderFile[] }
  | { ok: false; folder: string; reason: 'tooLarge' | 'unreadable'; detail: string }

class TooLarge extends Error {}

/** The lab files of `dir` (invariants 1–3), their paths starting with the folder's name. */
export async function readLabsFolder(dir: string): Promise<LabsFolderRead> {
  const folder = basename(dir)
  const files: LabFolderFile[] = []
  let chars = 0
  const add = async (path: string, relative: string): Promise<void> => {
    // UTF-8 spends at most 3 bytes per UTF-16 unit: past 4 per allowed character, too large.
    if ((await lstat(path)).size > MAX_FILE_CHARS * 4)
      throw new TooLarge(`${relative} is too large`)
    const text = await readFile(path, 'utf8')
    if (text.length > MAX_FILE_CHARS) throw new TooLarge(`${relative} is too large`)
    chars += text.length
    if (files.length >= MAX_FILES || chars > MAX_CHARS)
      throw new TooLarge('the folder holds too much to load')
    files.push({ path: `${folder}/${relative}`, text })
  }
  try {
    // A folder that is a lab itself is read alone; otherwise each subfolder may be one.
    if (await readLab(dir, '', add)) return { ok: true, folder, files }
    const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory())
    if (entries.length > MAX_FOLDERS) throw new TooLarge('the folder has too many subfolders')
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name)))
      if (!entry.name.startsWith('.') && entry.name !== 'steps')
        await readLab(join(dir, entry.name), `${entry.name}/`, add)
  } catch (error) {
    const reason = error instanceof TooLarge ? 'tooLarge' : 'unreadable'
    return { ok: false, folder, reason, detail: messageOf(error) }
  }
  return { ok: true, folder, files }
}

/** scenario.yaml and steps/*.md of one folder; false when it holds no scenario.yaml. */
async function readLab(
  dir: string,
  prefix: string,
  add: (path: string, relative: string) => Promise<void>,
): Promise<boolean> {
  const yaml = join(dir, 'scenario.yaml')
  if (!(await isPlainFile(yaml))) return false
  await add(yaml, `${prefix}scenario.yaml`)
  const steps = join(dir, 'steps')
  const stat = await lstat(steps).catch(() => undefined)
  if (stat === undefined || !stat.isDirectory()) return true
  const names = (await readdir(steps)).filter((name) => name.endsWith('.md')).sort()
  for (const name of names)
    if (await isPlainFile(join(steps, name))) await add(join(steps, name), `${prefix}steps/${name}`)
  return true
}

async function isPlainFile(path: string): Promise<boolean> {
  const stat = await lstat(path).catch(() => undefined)
  return stat !== undefined && stat.isFile()
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

/** The folder remembered by rememberLabsFolder, or null (invariant 4). Never throws. */
export async function rememberedLabsFolder(userData: string): Promise<string | null> {
  try {
    const value: unknown = JSON.parse(await readFile(join(userData, REMEMBERED_FILE), 'utf8'))
    const path = (value as { path?: unknown } | null)?.path
    return typeof path === 'string' && path !== '' ? path : null
  } catch {
    return null
  }
}

export async function rememberLabsFolder(userData: string, path: string): Promise<void> {
  await writeFile(join(userData, REMEMBERED_FILE), `${JSON.stringify({ path })}\n`, 'utf8')
}
