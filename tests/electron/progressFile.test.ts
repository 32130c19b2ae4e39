import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  isProgressText,
  PROGRESS_FILE,
  readProgressFile,
  writeProgressFile,
} from '../../electron/progressFile'

const DOCUMENT = `${JSON.stringify({ version: 1, labs: { x: { completed: true } } })}\n`

describe('electron: progress file', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubelab-progress-'))
  })

  it('reads nothing, without a notice, when nothing was saved', async () => {
    expect(await readProgressFile(dir)).toEqual({ text: null })
  })

  it('reads back what it wrote, leaving no temporary file', async () => {
    await writeProgressFile(dir, DOCUMENT)
    expect(await readProgressFile(dir)).toEqual({ text: DOCUMENT })
    expect(readdirSync(dir)).toEqual([PROGRESS_FILE])
  })

  it('keeps the last of several writes asked at once', async () => {
    await Promise.all([1, 2, 3].map((n) => writeProgressFile(dir, `{"n":${n}}`)))
    expect(readFileSync(join(dir, PROGRESS_FILE), 'utf8')).toBe('{"n":3}')
  })

  it('sets a corrupt file aside with a notice, and never throws', async () => {
    writeFileSync(join(dir, PROGRESS_FILE), '{"version": 1, "labs": {')
    expect(await readProgressFile(dir, 1234)).toEqual({ text: null, notice: 'corrupt' })
    expect(existsSync(join(dir, PROGRESS_FILE))).toBe(false)
    expect(readFileSync(join(dir, `${PROGRESS_FILE}.corrupt-1234`), 'utf8')).toBe(
      '{"version": 1, "labs": {',
    )
    await writeProgressFile(dir, DOCUMENT)
    expect(await readProgressFile(dir)).toEqual({ text: DOCUMENT })
  })

  it('survives an interrupted write: the old file stays whole and the temporary goes', async () => {
    await writeProgressFile(dir, DOCUMENT)
    // What a crash between write and rename leaves behind: a partial temporary file.
    writeFileSync(join(dir, `${PROGRESS_FILE}.tmp-999-1`), '{"version": 1, "la')
    expect(await readProgressFile(dir)).toEqual({ text: DOCUMENT })
    expect(readdirSync(dir)).toEqual([PROGRESS_FILE])
  })

  it('reports an unreadable file (a folder in its place) without throwing', async () => {
    mkdirSync(join(dir, PROGRESS_FILE))
    expect(await readProgressFile(dir)).toEqual({ text: null, notice: 'unreadable' })
  })

  it('accepts only JSON object text of a sane size from the renderer', () => {
    expect(isProgressText(DOCUMENT)).toBe(true)
    for (const value of [42, null, '[]', 'nope', '"x"', `{"a":"${'x'.repeat(1_000_001)}"}`])
      expect(isProgressText(value)).toBe(false)
  })
})
