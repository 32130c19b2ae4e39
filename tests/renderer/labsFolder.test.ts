import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPortPair } from '../../core/host/memoryPort'
import { serveLabs } from '../../core/host/serve'
import type { ClientMessage, HostMessage } from '../../core/protocol'
import {
  isLabPath,
  MAX_FILE_CHARS,
  readPickedFiles,
  type FolderRead,
  type LabsFolderBridge,
  type PickedFile,
} from '../../renderer/src/client/labsFolder'
import type { ProgressStorage } from '../../renderer/src/client/progressStorage'
import { createSimulationClient } from '../../renderer/src/client/simulationClient'
import LabCatalogue from '../../renderer/src/components/LabCatalogue.vue'
import { createAppI18n } from '../../renderer/src/i18n'
import { useLabsStore } from '../../renderer/src/stores/labs'
import { fixtureLab, HEAD } from '../core/labs/fixtures'

const STEPS = `steps:
  - id: look
    title: { en: Look, pt-BR: Olhe }
    verify: { check: commandRan, pattern: '^kubectl get nodes' }
    solution: [kubectl get nodes]
`

const NO_STORAGE: ProgressStorage = {
  read: () => Promise.resolve({ text: null }),
  write: () => Promise.resolve(),
  setAside: () => Promise.resolve(),
}

/** What `<input webkitdirectory>` gives: files with their path from the chosen folder. */
function picked(files: Record<string, string>): PickedFile[] {
  return Object.entries(files).map(([path, text]) => ({
    webkitRelativePath: path,
    size: text.length,
    text: () => Promise.resolve(text),
  }))
}

/** A lab "mine" in the folder my-labs, as picked, plus a file no lab uses. */
const MY_LABS = {
  'my-labs/mine/scenario.yaml': `${HEAD}${STEPS}`.replace('id: fixture', 'id: mine'),
  'my-labs/mine/steps/look.en.md': '# Look\n',
  'my-labs/mine/steps/look.pt-BR.md': '# Olhe\n',
  'my-labs/mine/photo.png': 'binary',
  'my-labs/broken/scenario.yaml': 'id: broken\ntitle: [\n',
}

function connect(bridge?: LabsFolderBridge) {
  const [port, hostPort] = createPortPair<ClientMessage, HostMessage>()
  const host = serveLabs(
    hostPort,
    { seed: 1 },
    { labs: [fixtureLab(`${HEAD}${STEPS}`, ['look'])], problems: [] },
  )
  const labs = useLabsStore()
  labs.useStorage(NO_STORAGE)
  labs.useFolderBridge(bridge)
  labs.connect(createSimulationClient(port))
  return { host, labs }
}

describe('labs folder: the page reads a picked folder', () => {
  it('keeps only the files a lab uses, with their paths from the folder', async () => {
    const read = await readPickedFiles(picked(MY_LABS))
    expect(read).toMatchObject({ ok: true, folder: 'my-labs' })
    expect(read?.ok && read.files.map((f) => f.path)).toEqual([
      'my-labs/mine/scenario.yaml',
      'my-labs/mine/steps/look.en.md',
      'my-labs/mine/steps/look.pt-BR.md',
      'my-labs/broken/scenario.yaml',
    ])
    expect(await readPickedFiles([])).toBeNull()
    expect(['a/scenario.yaml', 'a/b/steps/c.md', 'a/b/c/scenario.yaml'].map(isLabPath)).toEqual([
      true,
      true,
      false,
    ])
  })

  it('refuses a file past the bound before sending anything', async () => {
    const huge = picked({ 'f/scenario.yaml': 'x'.repeat(MAX_FILE_CHARS + 1) })
    expect(await readPickedFiles(huge)).toEqual({
      ok: false,
      folder: 'f',
      reason: 'tooLarge',
      detail: 'f/scenario.yaml',
    })
  })
})

describe('useLabsStore: labs from a folder', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('loads a picked folder into the catalogue, marked, with its problems', async () => {
    const { labs } = connect()
    expect(await labs.loadPickedFiles(picked(MY_LABS))).toBe(true)
    expect(labs.catalogue.map((l) => [l.id, l.source])).toEqual([
      ['fixture', undefined],
      ['mine', 'my-labs'],
    ])
    expect(labs.folder).toEqual({ kind: 'loaded', folder: 'my-labs', count: 1, problems: 1 })
    expect(labs.problems).toEqual([expect.stringMatching(/^my-labs\/broken\/scenario\.yaml:3:1: /)])
    expect(await labs.start('mine')).toBe(true)
    expect(labs.view?.lab.source).toBe('my-labs')
  })

  it('uses the desktop app’s dialog, and loads the folder chosen last when it connects', async () => {
    const read: FolderRead = {
      ok: true,
      folder: 'my-labs',
      files: Object.entries(MY_LABS).map(([path, text]) => ({ path, text })),
    }
    const asked: string[] = []
    const bridge: LabsFolderBridge = {
      chooseFolder: () => {
        asked.push('choose')
        return Promise.resolve(read)
      },
      reloadFolder: () => {
        asked.push('reload')
        return Promise.resolve(read)
      },
    }
    const { labs } = connect(bridge)
    await flushPromises()
    expect(asked).toEqual(['reload'])
    expect(labs.catalogue.map((l) => l.id)).toEqual(['fixture', 'mine'])
    expect(labs.hasFolderDialog()).toBe(true)
    expect(await labs.chooseFolder()).toBe(true)
    expect(asked).toEqual(['reload', 'choose'])
  })

  it('says why a folder could not be loaded', async () => {
    const { labs } = connect({
      chooseFolder: () =>
        Promise.resolve({ ok: false, folder: 'x', reason: 'unreadable', detail: 'EACCES' }),
      reloadFolder: () => Promise.resolve(null),
    })
    expect(await labs.chooseFolder()).toBe(false)
    expect(labs.folder).toEqual({ kind: 'unreadable', folder: 'x', detail: 'EACCES' })
  })
})

describe('LabCatalogue: labs from a folder', () => {
  let pinia: Pinia
  beforeEach(() => {
    pinia = createPinia()
    setActivePinia(pinia)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('marks the loaded labs with their folder and says what was loaded, in both languages', async () => {
    const { labs } = connect()
    await labs.loadPickedFiles(picked(MY_LABS))
    for (const [language, from, status] of [
      ['en', 'From my-labs', 'Loaded 1 lab from my-labs. Some of its files have problems'],
      [
        'pt-BR',
        'Da pasta my-labs',
        '1 lab carregado de my-labs. Alguns arquivos dela têm problemas',
      ],
    ] as const) {
      const catalogue = mount(LabCatalogue, {
        attachTo: document.body,
        global: { plugins: [pinia, createAppI18n(language)] },
      })
      await flushPromises()
      const mine = catalogue.get('[data-lab="mine"]')
      expect(mine.attributes('data-source')).toBe('my-labs')
      expect(mine.get('.number').text()).toContain(from)
      expect(catalogue.get('[data-lab="fixture"] .number').text()).toBe('Lab 1')
      expect(catalogue.get('[data-testid="labs-folder-status"]').text()).toContain(status)
      expect(catalogue.get('.problems').text()).toContain('my-labs/broken/scenario.yaml:3:1')
      catalogue.unmount()
    }
  })

  it('opens the folder picker in a browser and loads what is picked', async () => {
    const { labs } = connect()
    const catalogue = mount(LabCatalogue, {
      attachTo: document.body,
      global: { plugins: [pinia, createAppI18n('en')] },
    })
    const input = catalogue.get('[data-testid="labs-folder-input"]')
    expect(input.attributes()).toHaveProperty('webkitdirectory')
    let clicked = 0
    input.element.addEventListener('click', () => clicked++)
    await catalogue.get('[data-testid="labs-folder-open"]').trigger('click')
    expect(clicked).toBe(1)
    // A folder with no lab in it is named as such.
    await labs.loadPickedFiles(picked({ 'empty/README.md': '# nothing\n' }))
    await flushPromises()
    expect(catalogue.get('[data-testid="labs-folder-status"]').text()).toBe(
      'No lab found in empty: choose a folder with a scenario.yaml, or with one lab per subfolder.',
    )
  })
})
