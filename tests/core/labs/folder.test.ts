import { describe, expect, it } from 'vitest'
import { LabHost } from '../../../core/labs/host'
import {
  folderRefusal,
  formatProblem,
  isLabFile,
  loadFolder,
  MAX_FOLDER_CHARS,
  MAX_FOLDER_FILE_CHARS,
  MAX_FOLDER_FILES,
} from '../../../core/labs/index'
import type { Command, LabFolderFile, LabSummary, LabView } from '../../../core/protocol'
import { fixtureLab, HEAD } from './fixtures'

const STEPS = `steps:
  - id: look
    title: { en: Look, pt-BR: Olhe }
    verify: { check: commandRan, pattern: '^kubectl get nodes' }
    solution: [kubectl get nodes]
`

/** A lab's files under `dir` ("my-labs/mine/"), its id taken from the folder's last part. */
function labFolder(dir: string, id: string, yaml = `${HEAD}${STEPS}`): LabFolderFile[] {
  const text = yaml.replace('id: fixture', `id: ${id}`)
  return [
    { path: `${dir}scenario.yaml`, text },
    { path: `${dir}steps/look.en.md`, text: '# Look\n' },
    { path: `${dir}steps/look.pt-BR.md`, text: '# Olhe\n' },
  ]
}

describe('labs: a folder the learner chose', () => {
  it('loads a folder of labs, one per subfolder, ignoring the files no lab uses', () => {
    const files = [
      ...labFolder('my-labs/first/', 'first'),
      ...labFolder('my-labs/second/', 'second'),
      { path: 'my-labs/README.md', text: '# Mine\n' },
      { path: 'my-labs/first/notes.txt', text: 'scratch' },
    ]
    const { labs, problems } = loadFolder('my-labs', files)
    expect(problems).toEqual([])
    expect(labs.map((lab) => lab.scenario.id)).toEqual(['first', 'second'])
    expect(labs[0]!.text.get('look')).toEqual({ en: '# Look\n', 'pt-BR': '# Olhe\n' })
  })

  it('loads a folder that is one lab itself, named like its id', () => {
    const { labs, problems } = loadFolder('solo', labFolder('solo/', 'solo'))
    expect(problems).toEqual([])
    expect(labs.map((lab) => lab.scenario.id)).toEqual(['solo'])
  })

  it('names each problem with the folder, file, line and field, as lab list prints it', () => {
    const broken = `${HEAD}steps:
  - id: look
    title: { en: Look, pt-BR: Olhe }
    verify: { check: podsInPhase, selector: app=web, phase: Runing }
    solution: [ls]
`
    const files = [
      ...labFolder('my-labs/good/', 'good'),
      ...labFolder('my-labs/bad/', 'bad', broken),
      ...labFolder('my-labs/misnamed/', 'other').slice(0, 1),
    ]
    const { labs, problems } = loadFolder('my-labs', files)
    expect(labs.map((lab) => lab.scenario.id)).toEqual(['good'])
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^my-labs\/bad\/scenario\.yaml:12:\d+: steps\[0\]\.verify\.phase: Invalid option/,
      ),
      'my-labs/misnamed/scenario.yaml: id: the folder is "misnamed" but the id is "other": name them alike',
      'my-labs/misnamed/steps/look.en.md: missing or empty: step "look" needs it',
      'my-labs/misnamed/steps/look.pt-BR.md: missing or empty: step "look" needs it',
    ])
  })

  it('knows which paths a lab uses', () => {
    expect(['x/scenario.yaml', 'x/y/scenario.yaml', 'x/y/steps/a.en.md'].map(isLabFile)).toEqual([
      true,
      true,
      true,
    ])
    expect(['x/README.md', 'x/y/notes.md', 'x/scenario.yml'].map(isLabFile)).toEqual([
      false,
      false,
      false,
    ])
  })

  it('refuses what is not a folder’s files, or too much of it, with the reason', () => {
    const one = labFolder('f/', 'f')
    expect(folderRefusal('f', one)).toBeUndefined()
    expect(folderRefusal('a/b', one)).toMatch(/without slashes/)
    expect(folderRefusal('..', one)).toMatch(/without slashes/)
    expect(folderRefusal('f', 'files')).toMatch(/a list/)
    expect(folderRefusal('f', [{ path: 'f/x' }])).toMatch(/both text/)
    expect(folderRefusal('f', [{ path: 'g/scenario.yaml', text: '' }])).toMatch(
      /not in the folder f/,
    )
    const many = Array.from({ length: MAX_FOLDER_FILES + 1 }, (_, i) => ({
      path: `f/${i}`,
      text: '',
    }))
    expect(folderRefusal('f', many)).toMatch(/too many files/)
    const big = 'x'.repeat(MAX_FOLDER_FILE_CHARS + 1)
    expect(folderRefusal('f', [{ path: 'f/scenario.yaml', text: big }])).toMatch(/too large/)
    const parts = Math.ceil(MAX_FOLDER_CHARS / MAX_FOLDER_FILE_CHARS) + 1
    const whole = Array.from({ length: parts }, (_, i) => ({
      path: `f/${i}.md`,
      text: 'x'.repeat(MAX_FOLDER_FILE_CHARS),
    }))
    expect(folderRefusal('f', whole)).toMatch(/the folder is too large/)
  })
})

describe('labs: host: lab/load', () => {
  function host() {
    const builtIn = fixtureLab(`${HEAD}${STEPS}`, ['look'])
    const labHost = new LabHost({ seed: 1 }, { labs: [builtIn], problems: [] }, () => {})
    const run = <T>(command: Command): T => labHost.handle(command) as T
    return { labHost, run }
  }

  it('adds the folder’s labs to the catalogue, marked with the folder, and starts them', () => {
    const { labHost, run } = host()
    const loaded = run<{ labs: LabSummary[]; problems: string[] }>({
      kind: 'lab/load',
      folder: 'my-labs',
      files: labFolder('my-labs/mine/', 'mine'),
    })
    expect(loaded).toMatchObject({ labs: [{ id: 'mine', source: 'my-labs' }], problems: [] })
    const listed = run<{ labs: LabSummary[] }>({ kind: 'lab/list' })
    expect(listed.labs.map((l) => [l.id, l.source])).toEqual([
      ['fixture', undefined],
      ['mine', 'my-labs'],
    ])
    const view = run<LabView>({ kind: 'lab/start', id: 'mine' })
    expect(view.lab).toMatchObject({ id: 'mine', source: 'my-labs' })
    expect(labHost.simulation.seed).toBe(7)
  })

  it('replaces the folder loaded before, and never shadows a built-in lab', () => {
    const { run } = host()
    run({ kind: 'lab/load', folder: 'old', files: labFolder('old/', 'old') })
    const loaded = run<{ labs: LabSummary[]; problems: string[] }>({
      kind: 'lab/load',
      folder: 'new',
      files: [...labFolder('new/fixture/', 'fixture'), ...labFolder('new/mine/', 'mine')],
    })
    expect(loaded.labs.map((l) => l.id)).toEqual(['mine'])
    expect(loaded.problems).toEqual([
      'new/fixture/scenario.yaml: id: a built-in lab is called "fixture" already: give yours another id (and folder name)',
    ])
    const listed = run<{ labs: LabSummary[]; problems: string[] }>({ kind: 'lab/list' })
    expect(listed.labs.map((l) => l.id)).toEqual(['fixture', 'mine'])
    expect(listed.problems).toEqual(loaded.problems)
    expect(() => run({ kind: 'lab/start', id: 'old' })).toThrow(/no lab "old"/)
  })

  it('refuses a message past the bounds as a bad command, loading nothing', () => {
    const { run } = host()
    expect(() =>
      run({ kind: 'lab/load', folder: 'x', files: 'nope' as unknown as LabFolderFile[] }),
    ).toThrow(/lab\/load: files must be a list/)
    expect(run<{ labs: LabSummary[] }>({ kind: 'lab/list' }).labs).toHaveLength(1)
  })
})
