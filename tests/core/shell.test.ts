import { describe, expect, it } from 'vitest'
import { formatClock, humanDuration, parseSleepOperand } from '../../core/format/duration'
import { formatTable } from '../../core/format/table'
import { sim } from '../support/sim'

describe('shell: sleep', () => {
  it('advances virtual time by the sum of its operands and prints nothing', () => {
    const t = sim({ seed: 1 })
    const result = t.sh('sleep 90s 1m 0.5')
    expect(result).toMatchObject({ stdout: '', stderr: '', exitCode: 0, closed: false })
    expect(t.nowMs).toBe(150_500)
  })

  it('answers a missing or bad operand as GNU sleep does, and lets no time pass', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('sleep').stderr).toBe(
      "sleep: missing operand\nTry 'sleep --help' for more information.\n",
    )
    const bad = t.sh('sleep 5 abc')
    expect(bad.stderr).toBe(
      "sleep: invalid time interval ‘abc’\nTry 'sleep --help' for more information.\n",
    )
    expect(bad.exitCode).toBe(1)
    expect(t.nowMs).toBe(0)
  })

  it('parses the suffixes s, m, h, d and decimals', () => {
    expect(['10', '10s', '1.5m', '2h', '1d', '.5'].map(parseSleepOperand)).toEqual([
      10_000, 10_000, 90_000, 7_200_000, 86_400_000, 500,
    ])
    expect(['-1', '1x', '', 's', '1e3'].map(parseSleepOperand)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ])
  })
})

describe('shell: interpreter', () => {
  it('answers an unknown command as bash does, with status 127', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('kubecttl get pods')).toMatchObject({
      stdout: '',
      stderr: 'bash: kubecttl: command not found\n',
      exitCode: 127,
      closed: false,
    })
  })

  it('ignores blank lines and comments, and runs each line of a paste in order', () => {
    const t = sim({ seed: 1 })
    const result = t.sh('\n# a comment\nsleep 1m\nsleep 1m\n')
    expect(result.stderr).toBe('')
    expect(t.nowMs).toBe(120_000)
  })

  it('closes the session on exit, keeping the last status or using the one given', () => {
    const t = sim({ seed: 1 })
    t.sh('foo')
    expect(t.sh('exit')).toMatchObject({ exitCode: 127, closed: true })
    expect(t.sh('exit 3')).toMatchObject({ exitCode: 3, closed: true })
    expect(t.sh('exit 257')).toMatchObject({ exitCode: 1, closed: true })
    expect(t.sh('exit x').stderr).toBe('bash: exit: x: numeric argument required\n')
  })

  it('runs nothing after exit in the same paste', () => {
    const t = sim({ seed: 1 })
    t.sh('exit\nsleep 10s')
    expect(t.nowMs).toBe(0)
  })

  it('lists its commands in help, in English and Portuguese', () => {
    const t = sim({ seed: 1 })
    expect(t.sh('help').stdout).toContain('sleep DURATION')
    expect(t.sh('help', 'pt-BR').stdout).toContain('um bash no seu laptop')
  })

  it('asks for more input after an unterminated quote, as bash does', () => {
    const t = sim({ seed: 1 })
    expect(t.sh("sleep '5")).toMatchObject({ stderr: '', prompt: '> ' })
    // The quoted newline is part of the word, as in bash.
    expect(t.sh("'")).toMatchObject({
      stderr: "sleep: invalid time interval ‘5\n’\nTry 'sleep --help' for more information.\n",
      prompt: 'root@laptop:~# ',
    })
  })
})

describe('format', () => {
  it('prints AGE as kubectl does (FIDELITY.md §10.2)', () => {
    const s = 1000
    const cases: [number, string][] = [
      [0, '0s'],
      [119 * s, '119s'],
      [120 * s, '2m'],
      [150 * s, '2m30s'],
      [10 * 60 * s, '10m'],
      [179 * 60 * s, '179m'],
      [3 * 3600 * s, '3h'],
      [(3 * 3600 + 25 * 60) * s, '3h25m'],
      [8 * 3600 * s, '8h'],
      [47 * 3600 * s, '47h'],
      [48 * 3600 * s, '2d'],
      [(3 * 24 + 5) * 3600 * s, '3d5h'],
      [8 * 24 * 3600 * s, '8d'],
      [730 * 24 * 3600 * s, '2y'],
      [(3 * 365 + 10) * 24 * 3600 * s, '3y10d'],
      [9 * 365 * 24 * 3600 * s, '9y'],
    ]
    for (const [ms, text] of cases) expect(humanDuration(ms), `${ms} ms`).toBe(text)
  })

  it('prints the cluster clock with days past 24 hours', () => {
    expect(formatClock(90_000)).toBe('00:01:30')
    expect(formatClock(2 * 86_400_000 + 3_600_000)).toBe('2d 01:00:00')
  })

  it("lays out columns as kubectl's tabwriter: widest cell + 3, at least 6, last column unpadded", () => {
    expect(
      formatTable([
        ['NAME', 'AGE'],
        ['cp-1', '5s'],
      ]),
    ).toBe('NAME   AGE\ncp-1   5s\n')
    expect(
      formatTable([
        ['A', 'B'],
        ['x', 'y'],
      ]),
    ).toBe('A     B\nx     y\n')
  })
})
