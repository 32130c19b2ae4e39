import { describe, expect, it } from 'vitest'
import { sim } from '../../support/sim'

const hidden = (t: ReturnType<typeof sim>) =>
  t.simulation.handle({ kind: 'fault/list', includeHidden: true }).active

describe('fault challenge: a hidden fault to find and repair', () => {
  it('breaks something without saying what: no event, no listed fault, no reason in why', () => {
    const t = sim({ seed: 3 })
    const before = t.events.length
    expect(t.sh('fault challenge').stdout).toContain('A fault was injected somewhere')
    expect(t.events.slice(before).some((e) => e.kind === 'fault/applied')).toBe(false)
    expect(t.sh('fault list').stdout).toBe('No active faults.\n')
    expect(hidden(t)).toHaveLength(1)
    expect(t.sh('fault heal all').stdout).toBe('No active faults.\n')
    expect(hidden(t)).toHaveLength(1)
    expect(t.sh('fault challenge status')).toMatchObject({ exitCode: 1 })
    expect(t.sh('fault challenge').stdout).toContain('already running')
  })

  it('knows when it is repaired, and reveals what it was', () => {
    const t = sim({ seed: 3 })
    t.sh('fault challenge')
    t.simulation.handle({ kind: 'fault/heal', id: hidden(t)[0]!.id })
    expect(t.sh('fault challenge status')).toMatchObject({
      stdout: 'Repaired! "fault challenge reveal" says what it was.\n',
      exitCode: 0,
    })
    expect(t.sh('fault challenge reveal', 'pt-BR').stdout).toMatch(
      /^Era: .+: falha [a-z-]+\/[a-z-]+\.\n$/,
    )
    expect(t.sh('fault challenge status').stderr).toContain('No challenge is running')
  })

  it('heals a fault still active when the learner gives up and asks', () => {
    const t = sim({ seed: 4 })
    t.sh('fault challenge')
    expect(t.sh('fault challenge reveal').stdout).toMatch(/^It was: /)
    expect(hidden(t)).toEqual([])
  })
})
