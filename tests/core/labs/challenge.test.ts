import { describe, expect, it } from 'vitest'
import {
  challengeCandidates,
  challengeRepaired,
  revealChallenge,
  startChallenge,
} from '../../../core/labs/index'
import { Random } from '../../../core/random'
import { sim } from '../../support/sim'

describe('labs: challenge', () => {
  it('picks the same hidden fault for the same seed, from repairable candidates only', () => {
    const picks = [1, 1, 2].map((seed) => {
      const t = sim({ seed })
      return startChallenge(t.simulation, t.simulation.random.fork('lab/challenge')).fault
    })
    expect(picks[1]).toEqual(picks[0])
    const kinds = new Set(challengeCandidates(sim({ seed: 1 }).simulation).map((c) => c.kind))
    expect(kinds.has('process/kill')).toBe(false)
    expect(kinds.has('process/stop')).toBe(true)
  })

  it('is repaired when the fault is healed', () => {
    const t = sim({ seed: 3 })
    const challenge = startChallenge(t.simulation, new Random(11))
    expect(challengeRepaired(t.simulation, challenge)).toBe(false)
    t.heal(challenge.fault.id)
    expect(challengeRepaired(t.simulation, challenge)).toBe(true)
  })

  it('is repaired when the stopped component runs again, and says what it was', () => {
    const t = sim({ seed: 1 })
    let seed = 0
    let challenge = startChallenge(t.simulation, new Random(seed))
    // Find a seed whose pick is a stopped kubelet, then repair it as a learner would.
    while (!(
      challenge.fault.kind === 'process/stop' &&
      challenge.fault.target.kind === 'component' &&
      challenge.fault.target.type === 'kubelet'
    )) {
      t.heal(challenge.fault.id)
      challenge = startChallenge(t.simulation, new Random(++seed))
      expect(seed).toBeLessThan(500)
    }
    const machine = (challenge.fault.target as { machine: string }).machine
    expect(challengeRepaired(t.simulation, challenge)).toBe(false)
    t.sh(`ssh ${machine} systemctl start kubelet`)
    expect(challengeRepaired(t.simulation, challenge)).toBe(true)
    expect(revealChallenge(challenge)).toEqual({
      en: `kubelet on ${machine} was stopped (systemctl stop kubelet): fault process/stop.`,
      'pt-BR': `O kubelet em ${machine} foi parado (systemctl stop kubelet): falha process/stop.`,
    })
  })
})
