import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SCENARIOS_FOLDER, scenariosPath } from '../../electron/scenariosPath'

const ROOT = join(import.meta.dirname, '../..')

describe('electron: where the built-in labs are', () => {
  it('uses scenarios/ beside package.json when unpackaged (npm start, electron-vite dev)', () => {
    const path = scenariosPath({
      isPackaged: false,
      appPath: ROOT,
      resourcesPath: '/usr/lib/electron/resources',
    })
    expect(path).toBe(join(ROOT, 'scenarios'))
    expect(existsSync(join(path, 'life-of-a-pod', 'scenario.yaml'))).toBe(true)
  })

  it('uses the resources folder when packaged, not the app.asar archive the code is in', () => {
    const path = scenariosPath({
      isPackaged: true,
      appPath: '/opt/KubeLab/resources/app.asar',
      resourcesPath: '/opt/KubeLab/resources',
    })
    expect(path).toBe('/opt/KubeLab/resources/scenarios')
  })

  it('matches the packaging: electron-builder copies scenarios/ there and keeps it out of the code', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      build: { files: string[]; extraResources: { from: string; to: string; filter: string[] }[] }
    }
    expect(pkg.build.extraResources).toContainEqual(
      expect.objectContaining({ from: 'scenarios', to: SCENARIOS_FOLDER }),
    )
    expect(pkg.build.files.some((pattern) => pattern.startsWith('scenarios'))).toBe(false)
    const copied = pkg.build.extraResources.find((r) => r.from === 'scenarios')!
    // A lab is scenario.yaml and Markdown: the filter must keep both.
    expect(copied.filter).toEqual(expect.arrayContaining(['**/*.yaml', '**/*.md']))
  })
})
