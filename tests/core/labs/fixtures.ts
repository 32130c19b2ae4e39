/** Small labs written in tests, with the step files filled in, for the engine's tests. */
import { loadLab, type Lab } from '../../../core/labs/index'
import type { CheckContext } from '../../../core/labs/predicates/context'
import type { Simulation } from '../../../core/simulation'

/** scenario.yaml text; each step gets a one-line Markdown file per language. */
export function labFiles(yaml: string, stepIds: readonly string[]): Map<string, string> {
  const files = new Map([['scenario.yaml', yaml]])
  for (const id of stepIds) {
    files.set(`steps/${id}.en.md`, `# ${id}\n`)
    files.set(`steps/${id}.pt-BR.md`, `# ${id}\n`)
  }
  return files
}

export function fixtureLab(yaml: string, stepIds: readonly string[], folder = 'fixture'): Lab {
  const loaded = loadLab(folder, labFiles(yaml, stepIds))
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems, null, 2))
  return loaded.value
}

/** The head of a valid scenario, to which tests append steps, faults and questions. */
export const HEAD = `id: fixture
title: { en: Fixture, pt-BR: Fixture }
duration: 5
difficulty: beginner
concepts: [testing]
order: 99
cluster: { controlPlanes: 1, workers: 2 }
seed: 7
`

/** A context at "now" for evaluating predicates directly against a simulation. */
export function contextOf(
  simulation: Simulation,
  overrides: Partial<CheckContext> = {},
): CheckContext {
  return {
    simulation,
    stepStartedAtMs: simulation.clock.nowMs,
    stepStartRevision: 0,
    commands: simulation.commandLog,
    faults: new Map(),
    appliedFaults: [],
    ...overrides,
  }
}
