import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { labMain, loadAll, scenariosDir } from '../../../core/host/labCli'
import { judgeReplay, replaySolution } from '../../../core/labs/index'
import { fixtureLab, HEAD, labFiles } from './fixtures'

const { labs } = loadAll(scenariosDir()!)

describe('labs: every lab of the course', () => {
  it.each(labs.map((lab) => [lab.scenario.id, lab] as const))(
    '%s: its solution passes every step with its seed, and no check passes before its solution',
    (_id, lab) => {
      const verdict = judgeReplay(replaySolution(lab))
      expect(verdict.steps.filter((s) => !s.ok)).toEqual([])
      expect(verdict).toMatchObject({ ok: true })
      expect(verdict.steps).toHaveLength(lab.scenario.steps.length)
    },
  )
})

describe('labs: verify', () => {
  it('fails a check that passes before its solution ran', () => {
    const vacuous = fixtureLab(
      `${HEAD}steps:
  - id: a
    title: { en: A, pt-BR: A }
    verify: { check: objectExists, kind: Node, name: cp-1 }
    solution: [hostname]
`,
      ['a'],
    )
    expect(judgeReplay(replaySolution(vacuous))).toEqual({
      ok: false,
      steps: [
        {
          stepId: 'a',
          ok: false,
          problem: 'its check passes before its solution ran: Node cp-1 exists.',
        },
      ],
    })
  })

  it('fails a solution that does not make its check pass, and stops there', () => {
    const wrong = fixtureLab(
      `${HEAD}steps:
  - id: a
    title: { en: A, pt-BR: A }
    verify: { check: commandRan, pattern: '^whoami' }
    solution: [hostname]
  - id: b
    title: { en: B, pt-BR: B }
    verify: { check: commandRan, pattern: '^hostname' }
    solution: [hostname]
`,
      ['a', 'b'],
    )
    const verdict = judgeReplay(replaySolution(wrong))
    expect(verdict.ok).toBe(false)
    expect(verdict.error).toBe('step a did not pass')
    expect(verdict.steps).toEqual([
      {
        stepId: 'a',
        ok: false,
        problem: 'No command matching /^whoami/ was run in this step.',
      },
    ])
  })
})

describe('cli: kubelab lab', () => {
  let out = ''
  let err = ''
  const capture = () => {
    out = ''
    err = ''
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true))
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true))
  }
  afterEach(() => vi.restoreAllMocks())

  it('lab list prints the labs in course order', async () => {
    capture()
    expect(await labMain(['list', '--lang', 'en'])).toBe(0)
    expect(out).toMatch(/^ID\s+TITLE\s+DURATION\s+DIFFICULTY\s+PROGRESS\n/)
    const byOrder = [...labs]
      .sort((a, b) => a.scenario.order - b.scenario.order)
      .map((lab) => lab.scenario.id)
    expect(
      out
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split(/\s{2,}/)[0]),
    ).toEqual(byOrder)
    expect(byOrder.slice(0, 2)).toEqual(['architecture', 'life-of-a-pod'])
    expect(out).toContain('kube-apiserver, the front door')
    expect(out).toMatch(/life-of-a-pod\s+The life of a pod\s+25m\s+beginner\s+none/)
  })

  it('lab verify --all passes every lab and exits 0', async () => {
    capture()
    expect(await labMain(['verify', '--all'])).toBe(0)
    const lines = out.trimEnd().split('\n')
    expect(lines).toHaveLength(labs.length)
    for (const line of lines)
      expect(line).toMatch(/^✓ [a-z-]+: \d+ steps pass, none before its solution$/)
    expect(lines).toContain('✓ life-of-a-pod: 6 steps pass, none before its solution')
    expect(err).toBe('')
  })

  it('lab run --solution prints each step, its commands with output, and its check', async () => {
    capture()
    expect(await labMain(['run', 'kube-apiserver', '--solution', '--lang', 'pt-BR'])).toBe(0)
    expect(out).toContain('== 2/5 Tire o manifesto da pasta ==\n')
    expect(out).toContain('$ kubectl get pods\n')
    expect(out).toContain('The connection to the server 192.168.56.11:6443 was refused')
    expect(out).toContain('✓ stop: kube-apiserver em cp-1 está parado (Stopped).\n')
    expect(out.match(/^✓ /gm)).toHaveLength(5)
  })

  it('reads labs from another folder with --dir and reports invalid ones with file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubelab-labs-'))
    const write = (folder: string, files: Map<string, string>) => {
      mkdirSync(join(dir, folder, 'steps'), { recursive: true })
      for (const [path, text] of files) writeFileSync(join(dir, folder, path), text)
    }
    const step = `steps:
  - id: a
    title: { en: A, pt-BR: A }
    verify: { check: commandRan, pattern: '^hostname' }
    solution: [hostname]
`
    write('fixture', labFiles(`${HEAD}${step}`, ['a']))
    write(
      'broken',
      labFiles(`${HEAD.replace('fixture', 'broken')}${step.replace('A, pt-BR', 'A, pt')}`, ['a']),
    )
    capture()
    expect(await labMain(['list', '--dir', dir])).toBe(1)
    expect(out).toMatch(/\nfixture\s+Fixture\s+5m\s+beginner\s+none\n$/)
    expect(err).toMatch(/broken\/scenario\.yaml:11:12: steps\[0\]\.title\.pt-BR: missing/)
    capture()
    expect(await labMain(['verify', 'fixture', '--dir', dir])).toBe(1)
    expect(out).toBe('✓ fixture: 1 steps pass, none before its solution\n')
    capture()
    expect(await labMain(['verify', 'nope', '--dir', join(dir, 'fixture', '..')])).toBe(1)
    expect(out).toContain('✗ nope: no such lab (or it does not validate)')
  })

  it('answers usage errors with status 2', async () => {
    capture()
    expect(await labMain(['run', 'architecture'])).toBe(2)
    expect(await labMain(['verify'])).toBe(2)
    expect(await labMain(['bogus'])).toBe(2)
    expect(err).toContain('unknown command "bogus" for "kubelab lab"')
  })
})
