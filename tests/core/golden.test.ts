/**
 * Golden transcripts: each tests/golden/NAME.sh runs line by line in one shell session, as
 * `kubelab shell --echo` runs it, and the transcript must equal tests/golden/NAME.txt.
 * `npm run test:update` rewrites the .txt files; review their diff as a learner would read it.
 *
 * A script's first line may set the simulation: `# kubelab shell --seed 7 --workers 3`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../../core/simulation'
import { transcript } from '../../core/shell/transcript'
import { DEFAULT_CLUSTER } from '../../core/cluster/spec'

const DIR = join(import.meta.dirname, '..', 'golden')
const UPDATE = process.env['KUBELAB_UPDATE_GOLDEN'] === '1'

function options(header: string): { seed: number; controlPlanes: number; workers: number } {
  const flag = (name: string, fallback: number): number => {
    const match = new RegExp(`--${name}[ =](\\d+)`).exec(header)
    return match === null ? fallback : Number(match[1])
  }
  return {
    seed: flag('seed', 1),
    controlPlanes: flag('control-planes', DEFAULT_CLUSTER.controlPlanes),
    workers: flag('workers', DEFAULT_CLUSTER.workers),
  }
}

export function runGolden(script: string): string {
  const lines = script.replace(/\n$/, '').split('\n')
  const { seed, controlPlanes, workers } = options(
    lines[0]?.startsWith('# kubelab') ? lines[0] : '',
  )
  const simulation = createSimulation({ seed, cluster: { controlPlanes, workers } })
  return transcript(lines, (line) =>
    simulation.handle({ kind: 'shell/exec', session: 'golden', line, language: 'en' }),
  )
}

const scripts = readdirSync(DIR)
  .filter((f) => f.endsWith('.sh'))
  .sort()

describe('golden transcripts', () => {
  it('exist', () => expect(scripts.length).toBeGreaterThan(0))
  for (const file of scripts) {
    it(file.replace(/\.sh$/, ''), () => {
      const actual = runGolden(readFileSync(join(DIR, file), 'utf8'))
      const expectedPath = join(DIR, file.replace(/\.sh$/, '.txt'))
      if (UPDATE || !existsSync(expectedPath)) {
        if (!UPDATE) throw new Error(`${expectedPath} is missing: run npm run test:update`)
        writeFileSync(expectedPath, actual)
      }
      expect(actual).toBe(readFileSync(expectedPath, 'utf8'))
    })
  }
})
