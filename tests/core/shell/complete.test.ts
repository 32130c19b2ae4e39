import { describe, expect, it } from 'vitest'
import { sim } from '../../support/sim'

const complete = (t: ReturnType<typeof sim>, line: string) =>
  t.simulation.handle({ kind: 'shell/complete', session: 'test', line })

describe('shell: Tab completion', () => {
  it('completes command names, after a pipe too', () => {
    const t = sim({ seed: 1 })
    expect(complete(t, 'ca')).toEqual({ from: 0, candidates: ['cat'] })
    expect(complete(t, 'ls | gr')).toEqual({ from: 5, candidates: ['grep'] })
  })

  it('completes machine names after ssh, and file names elsewhere', () => {
    const t = sim({ seed: 1 })
    expect(complete(t, 'ssh wor')).toEqual({ from: 4, candidates: ['worker-1', 'worker-2'] })
    expect(complete(t, 'cat /etc/hostn')).toEqual({ from: 4, candidates: ['/etc/hostname'] })
    expect(complete(t, 'ls /et').candidates).toEqual(['/etc/'])
  })

  it('completes the lab’s fault kinds', () => {
    const t = sim({ seed: 1 })
    expect(complete(t, 'fault inject process/s').candidates).toEqual(['process/stop'])
  })
})
