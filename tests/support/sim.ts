/**
 * The simulation DSL for tests: sentences such as
 *   const t = sim({ seed: 1 }); t.sh('sleep 90s'); expect(t.nowMs).toBe(90_000)
 */
import { createSimulation, type Simulation } from '../../core/simulation'
import type { ClusterSpec, Language, ShellResult, SimulationEvent } from '../../core/protocol'

export interface SimTest {
  readonly simulation: Simulation
  readonly events: SimulationEvent[]
  readonly nowMs: number
  /** Runs a line in the test's shell session. */
  sh(line: string, language?: Language): ShellResult
  /** Advances virtual time by a duration such as '90s', '5m', '1h' or a number of ms. */
  advance(duration: string | number): void
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

export function parseDuration(duration: string | number): number {
  if (typeof duration === 'number') return duration
  const match = /^(\d+)(ms|s|m|h)$/.exec(duration)
  if (match === null) throw new Error(`bad duration ${duration}`)
  return Number(match[1]) * UNITS[match[2]!]!
}

export function sim(options: { seed: number; cluster?: ClusterSpec }): SimTest {
  const simulation = createSimulation(options)
  const events: SimulationEvent[] = []
  simulation.onEvent((event) => events.push(event))
  return {
    simulation,
    events,
    get nowMs() {
      return simulation.clock.nowMs
    },
    sh: (line, language = 'en') =>
      simulation.handle({ kind: 'shell/exec', session: 'test', line, language }),
    advance: (duration) =>
      void simulation.handle({ kind: 'clock/advance', ms: parseDuration(duration) }),
  }
}
