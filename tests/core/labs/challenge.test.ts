import { describe, expect, it } from 'vitest'
import {
  challengeCandidates,
  challengeRepaired,
  revealChallenge,
  startChallenge,
} from '../../../core/labs/index'
import { LabHost } from '../../../core/labs/host'
import type { CommandKind, CommandOf, ResultOf, SimulationEvent } from '../../../core/protocol'
import { Random } from '../../../core/random'
import { createSimulation, type Simulation } from '../../../core/simulation'
import { sim } from '../../support/sim'

describe('labs: challenge', () => {
  it('picks the same hidden fault for the same seed, from repairable candidates only', () => {
    const picks = [1, 1, 2].map((seed) => {
      const t = sim({ seed })
      return startChallenge(t.simulation, t.simulation.random.fork('lab/challenge')).fault
    })
    expect(picks[1]).toEqual(picks[0])
    // Only what a learner can repair with the node's tools (systemctl start): no static Pod (its
    // manifest is taken away), no power-off, blocked port or registry (hidden: nothing to heal
    // by id), no DaemonSet process, no kill (it heals itself).
    const candidates = challengeCandidates(sim({ seed: 1 }).simulation)
    expect(new Set(candidates.map((c) => c.kind))).toEqual(new Set(['process/stop']))
    const types = new Set(candidates.map((c) => (c.target as { type: string }).type))
    expect(types).toEqual(new Set(['kubelet', 'containerd']))
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

describe('labs: challenge over the protocol', () => {
  /** A lab host on a sandbox of `seed`, recording the challenge/changed events it emits. */
  function host(seed: number) {
    const events: SimulationEvent[] = []
    const labHost = new LabHost({ seed }, { labs: [], problems: [] }, (e) => events.push(e))
    const run = <K extends CommandKind>(command: CommandOf<K>): ResultOf<K> =>
      labHost.handle(command) as ResultOf<K>
    const changes = () => events.flatMap((e) => (e.kind === 'challenge/changed' ? [e.status] : []))
    return { labHost, events, run, changes }
  }

  it('starts the same challenge the terminal would, and says only that something broke', () => {
    const { run, changes } = host(2)
    const status = run({ kind: 'challenge/start' })
    expect(status).toEqual({ sinceMs: 0, repaired: false })
    expect(changes()).toEqual([{ sinceMs: 0, repaired: false }])
    expect(run({ kind: 'fault/list' }).active).toEqual([])
    // Starting again gives the running one, announced once.
    expect(run({ kind: 'challenge/start' })).toEqual(status)
    expect(changes()).toHaveLength(1)
    // The terminal's `fault challenge` on the same seed breaks the same thing.
    const terminal = createSimulation({ seed: 2 })
    terminal.handle({ kind: 'shell/exec', session: 't', line: 'fault challenge' })
    const hidden = (s: Simulation) => s.handle({ kind: 'fault/list', includeHidden: true }).active
    const app = host(2)
    app.run({ kind: 'challenge/start' })
    expect(hidden(app.labHost.simulation)).toEqual(hidden(terminal))
    expect(hidden(terminal)).toMatchObject([
      { kind: 'process/stop', target: { kind: 'component', type: 'kubelet', machine: 'worker-1' } },
    ])
  })

  it('announces the repair live, after the command that repaired it, with what it was', () => {
    const { run, changes } = host(2)
    run({ kind: 'challenge/start' })
    run({ kind: 'shell/exec', session: 'learner', line: 'kubectl get nodes' })
    expect(run({ kind: 'challenge/status' })).toEqual({ sinceMs: 0, repaired: false })
    run({ kind: 'shell/exec', session: 'learner', line: 'ssh worker-1 systemctl start kubelet' })
    const what = {
      en: 'kubelet on worker-1 was stopped (systemctl stop kubelet): fault process/stop.',
      'pt-BR': 'O kubelet em worker-1 foi parado (systemctl stop kubelet): falha process/stop.',
    }
    expect(changes()).toEqual([
      { sinceMs: 0, repaired: false },
      { sinceMs: 0, repaired: true, what },
    ])
    expect(run({ kind: 'challenge/status' })).toEqual({ sinceMs: 0, repaired: true, what })
    expect(run({ kind: 'challenge/reveal' })).toEqual({ what, repaired: true })
    expect(changes().at(-1)).toBeNull()
    expect(run({ kind: 'challenge/status' })).toBeNull()
  })

  it('notices a repair as time passes, whoever advanced it', () => {
    const { labHost, run, changes } = host(2)
    run({ kind: 'challenge/start' })
    const fault = labHost.simulation.handle({ kind: 'fault/list', includeHidden: true }).active[0]!
    // Healed behind the host's back (as a reboot's timer would): seen on the next tick.
    labHost.simulation.handle({ kind: 'fault/heal', id: fault.id })
    expect(changes()).toHaveLength(1)
    labHost.simulation.advance(1000)
    expect(changes().at(-1)).toMatchObject({ repaired: true })
  })

  it('reveals and heals when the learner gives up, and refuses a reveal with none running', () => {
    const { labHost, run, changes } = host(2)
    expect(() => run({ kind: 'challenge/reveal' })).toThrow(/no challenge is running/)
    run({ kind: 'challenge/start' })
    const end = run({ kind: 'challenge/reveal' })
    expect(end.repaired).toBe(false)
    expect(end.what.en).toMatch(/^kubelet on worker-1 was stopped/)
    expect(labHost.simulation.handle({ kind: 'fault/list', includeHidden: true }).active).toEqual(
      [],
    )
    expect(changes()).toEqual([{ sinceMs: 0, repaired: false }, null])
  })

  it('follows a challenge started and revealed in the terminal', () => {
    const { run, changes } = host(2)
    run({ kind: 'shell/exec', session: 'learner', line: 'fault challenge' })
    expect(changes()).toEqual([{ sinceMs: 0, repaired: false }])
    run({ kind: 'shell/exec', session: 'learner', line: 'fault challenge reveal' })
    expect(changes()).toEqual([{ sinceMs: 0, repaired: false }, null])
  })

  it('loses the challenge with its simulation when a lab starts or is left', () => {
    const { labHost, run } = host(2)
    run({ kind: 'challenge/start' })
    run({ kind: 'lab/leave' })
    expect(run({ kind: 'challenge/status' })).toBeNull()
    expect(labHost.simulation.challenge.status()).toBeUndefined()
  })
})
