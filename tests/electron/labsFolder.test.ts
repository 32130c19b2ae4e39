import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { MAX_FOLDER_CHARS, MAX_FOLDER_FILE_CHARS, MAX_FOLDER_FILES } from '../../core/labs/folder'
import {
  MAX_CHARS,
  MAX_FILE_CHARS,
  MAX_FILES,
  readLabsFolder,
  rememberedLabsFolder,
  rememberLabsFolder,
} from '../../electron/labsFolder'
import * as renderer from '../../renderer/src/client/labsFolder'

/** Writes files (path → text) under dir, making folders as needed. */
function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
}

const LAB = {
  'scenario.yaml': 'id: x\n',
  'steps/a.en.md': '# A\n',
  'steps/a.pt-BR.md': '# A\n',
}

describe('electron: a labs folder the learner chose', () => {
  let base: string
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'kubelab-labs-'))
  })

  it('reads a folder of labs: scenario.yaml and steps/*.md of each subfolder, nothing else', async () => {
    const dir = join(base, 'my-labs')
    write(dir, {
      'README.md': '# Mine\n',
      'one/scenario.yaml': 'id: one\n',
      'one/steps/a.en.md': '# A\n',
      'one/notes.txt': 'scratch',
      'one/deeper/scenario.yaml': 'id: deeper\n',
      'two/scenario.yaml': 'id: two\n',
      'no-lab/steps/a.en.md': '# stray\n',
    })
    const read = await readLabsFolder(dir)
    expect(read.ok && read.files.map((f) => f.path)).toEqual([
      'my-labs/one/scenario.yaml',
      'my-labs/one/steps/a.en.md',
      'my-labs/two/scenario.yaml',
    ])
    expect(read).toMatchObject({ ok: true, folder: 'my-labs' })
  })

  it('reads a folder that is one lab itself, and no subfolder of it', async () => {
    const dir = join(base, 'solo')
    write(dir, { ...LAB, 'other/scenario.yaml': 'id: other\n' })
    const read = await readLabsFolder(dir)
    expect(read.ok && read.files.map((f) => f.path)).toEqual([
      'solo/scenario.yaml',
      'solo/steps/a.en.md',
      'solo/steps/a.pt-BR.md',
    ])
  })

  it('follows no symbolic link out of the folder', async () => {
    const outside = join(base, 'outside')
    write(outside, LAB)
    const dir = join(base, 'linked')
    mkdirSync(dir)
    symlinkSync(outside, join(dir, 'sneaky'))
    write(dir, { 'real/scenario.yaml': 'id: real\n' })
    symlinkSync(join(outside, 'scenario.yaml'), join(dir, 'scenario.yaml'))
    const read = await readLabsFolder(dir)
    expect(read.ok && read.files.map((f) => f.path)).toEqual(['linked/real/scenario.yaml'])
  })

  it('refuses a file past the bound with a reason, and a folder it cannot read', async () => {
    const dir = join(base, 'huge')
    write(dir, { 'scenario.yaml': 'x'.repeat(MAX_FILE_CHARS + 1) })
    expect(await readLabsFolder(dir)).toEqual({
      ok: false,
      folder: 'huge',
      reason: 'tooLarge',
      detail: 'scenario.yaml is too large',
    })
    expect(await readLabsFolder(join(base, 'missing'))).toMatchObject({
      ok: false,
      folder: 'missing',
      reason: 'unreadable',
    })
  })

  it('has the same bounds as the simulation and the page', () => {
    expect([MAX_FILES, MAX_FILE_CHARS, MAX_CHARS]).toEqual([
      MAX_FOLDER_FILES,
      MAX_FOLDER_FILE_CHARS,
      MAX_FOLDER_CHARS,
    ])
    expect([renderer.MAX_FILES, renderer.MAX_FILE_CHARS, renderer.MAX_CHARS]).toEqual([
      MAX_FOLDER_FILES,
      MAX_FOLDER_FILE_CHARS,
      MAX_FOLDER_CHARS,
    ])
  })

  it('remembers the folder chosen last, and reads nothing remembered as none', async () => {
    expect(await rememberedLabsFolder(base)).toBeNull()
    await rememberLabsFolder(base, '/home/me/labs')
    expect(await rememberedLabsFolder(base)).toBe('/home/me/labs')
    writeFileSync(join(base, 'labs-folder.json'), '{"path": 7}')
    expect(await rememberedLabsFolder(base)).toBeNull()
  })
})
