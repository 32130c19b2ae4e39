/**
 * The learner's lab progress on disk: `progress.json` in the app's user-data folder.
 *
 * Invariants:
 * 1. A write never leaves a half-written progress.json: the text goes to a temporary file in the
 *    same folder, is flushed to disk (fsync), and is renamed over the old file in one step.
 * 2. A read never throws. A missing file is "nothing saved"; a file that is not a JSON object is
 *    renamed aside (progress.json.corrupt-<timestamp>), never deleted, and a notice returned.
 * 3. Temporary files left by a write that was interrupted (a crash, a power cut) are removed on
 *    read; the progress.json they were meant to replace is still whole.
 * 4. Writes happen one at a time, in the order asked, so the last one asked is the one kept.
 */
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises'
import { join } from 'node:path'

export const PROGRESS_FILE = 'progress.json'
const TEMP_MARK = '.tmp-'
/** Far above any real progress document; a bigger one is refused rather than written. */
export const MAX_PROGRESS_BYTES = 1_000_000

export interface ProgressRead {
  text: string | null
  notice?: 'corrupt' | 'unreadable'
}

/** Whether a value from the renderer may be written as progress: JSON text of sane size. */
export function isProgressText(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_PROGRESS_BYTES) return false
  try {
    const parsed: unknown = JSON.parse(value)
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
  } catch {
    return false
  }
}

export async function readProgressFile(dir: string, now = Date.now()): Promise<ProgressRead> {
  await removeTemporaries(dir)
  const path = join(dir, PROGRESS_FILE)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: null }
    return { text: null, notice: 'unreadable' }
  }
  if (isProgressText(text)) return { text }
  try {
    await rename(path, `${path}.corrupt-${now}`)
  } catch {
    // It cannot even be moved: the next write replaces it; the notice still says so.
  }
  return { text: null, notice: 'corrupt' }
}

async function removeTemporaries(dir: string): Promise<void> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return
  }
  for (const name of names)
    if (name.startsWith(`${PROGRESS_FILE}${TEMP_MARK}`))
      await unlink(join(dir, name)).catch(() => {})
}

let sequence = 0
let queue: Promise<unknown> = Promise.resolve()

/** Writes `text` as progress.json atomically (invariants 1 and 4). */
export function writeProgressFile(dir: string, text: string): Promise<void> {
  const next = queue.then(() => writeNow(dir, text))
  queue = next.catch(() => {})
  return next
}

async function writeNow(dir: string, text: string): Promise<void> {
  const path = join(dir, PROGRESS_FILE)
  const temporary = `${path}${TEMP_MARK}${process.pid}-${++sequence}`
  const handle = await open(temporary, 'w', 0o600)
  try {
    await handle.writeFile(text, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await rename(temporary, path)
  } catch (error) {
    await unlink(temporary).catch(() => {})
    throw error
  }
}
