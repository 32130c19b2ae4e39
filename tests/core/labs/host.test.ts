import { describe, expect, it } from 'vitest'
import { loadAll, scenariosDir } from '../../../core/host/labCli'
import { createPortPair } from '../../../core/host/memoryPort'
import { serveLabs } from '../../../core/host/serve'
import { loadCatalogue } from '../../../core/labs/catalogue'
import { LabHost } from '../../../core/labs/host'
import type {
  ClientMessage,
  Command,
  HostMessage,
  LabView,
  SimulationEvent,
} from '../../../core/protocol'
import { fixtureLab, HEAD, labFiles } from './fixtures'

const LAB = `${HEAD}steps:
  - id: look
    title: { en: Look, pt-BR: Olhe }
    verify: { check: commandRan, pattern: '^kubectl get nodes' }
    hints:
      - { en: First hint, pt-BR: Primeira dica }
      - { en: Second hint, pt-BR: Segunda dica }
    solution: [kubectl get nodes]
  - id: wait
    title: { en: Wait, pt-BR: Espere }
    verify: { check: timePassed, duration: 2m }
    solution: [sleep 2m]
questions:
  - id: name
    type: short
    after: look
    prompt: { en: Name?, pt-BR: Nome? }
    accept: [kube-scheduler]
    explanation: { en: The scheduler., pt-BR: O scheduler. }
`

function host() {
  const events: SimulationEvent[] = []
  const catalogue = { labs: [fixtureLab(LAB, ['look', 'wait'])], problems: [] }
  const labHost = new LabHost({ seed: 1 }, catalogue, (event) => events.push(event))
  const run = <T>(command: Command): T => labHost.handle(command) as T
  return { labHost, events, run }
}

const statuses = (view: LabView): string[] => view.steps.map((s) => `${s.id}:${s.status}`)

describe('labs: host', () => {
  it('starts a lab on a fresh simulation built from its seed and cluster shape', () => {
    const { labHost, events, run } = host()
    const sandbox = labHost.simulation
    const view = run<LabView>({ kind: 'lab/start', id: 'fixture' })
    expect(labHost.simulation).not.toBe(sandbox)
    expect(labHost.simulation.seed).toBe(7)
    expect(statuses(view)).toEqual(['look:current', 'wait:pending'])
    expect(view.steps[0]!.text.en).toBe('# look\n')
    const replaced = events.filter((e) => e.kind === 'simulation/replaced')
    expect(replaced).toHaveLength(1)
    expect(replaced[0]).toMatchObject({ info: { seed: 7 } })
  })

  it('forwards only the current simulation’s events', () => {
    const { labHost, events, run } = host()
    const sandbox = labHost.simulation
    run({ kind: 'lab/start', id: 'fixture' })
    events.length = 0
    sandbox.advance(1000)
    expect(events).toEqual([])
    run({ kind: 'clock/advance', ms: 1000 })
    expect(events.map((e) => e.kind)).toContain('clock/ticked')
  })

  it('checks live after a command and emits lab/changed when a step is done', () => {
    const { events, run } = host()
    run({ kind: 'lab/start', id: 'fixture' })
    events.length = 0
    run({ kind: 'shell/exec', session: 'terminal-1', line: 'kubectl get pods' })
    expect(events.filter((e) => e.kind === 'lab/changed')).toEqual([])
    run({ kind: 'shell/exec', session: 'terminal-1', line: 'kubectl get nodes' })
    const changed = events.filter((e) => e.kind === 'lab/changed')
    expect(changed).toHaveLength(1)
    const view = (changed[0] as { view: LabView }).view
    expect(statuses(view)).toEqual(['look:done', 'wait:current'])
    expect(view.steps[1]!.check?.ok).toBe(false)
    expect(view.questions[0]).toMatchObject({ id: 'name', open: true, answered: false })
  })

  it('checks live as time passes, whoever advances it', () => {
    const { events, run } = host()
    run({ kind: 'lab/start', id: 'fixture' })
    run({ kind: 'shell/exec', session: 'terminal-1', line: 'kubectl get nodes' })
    events.length = 0
    run({ kind: 'clock/advance', ms: 60_000 })
    expect(events.some((e) => e.kind === 'lab/changed')).toBe(false)
    run({ kind: 'clock/advance', ms: 60_000 })
    const changed = events.filter((e) => e.kind === 'lab/changed')
    expect(changed).toHaveLength(1)
    expect((changed[0] as { view: LabView }).view.completed).toBe(true)
  })

  it('opens hints one at a time, reveals the solution and records answers', () => {
    const { run } = host()
    run({ kind: 'lab/start', id: 'fixture' })
    expect(run<LabView>({ kind: 'lab/hint', step: 'look' }).steps[0]!.hints).toHaveLength(1)
    const twice = run<LabView>({ kind: 'lab/hint', step: 'look' })
    expect(twice.steps[0]!.hints.map((h) => h.en)).toEqual(['First hint', 'Second hint'])
    expect(run<LabView>({ kind: 'lab/solution', step: 'look' }).steps[0]!.solution).toEqual([
      'kubectl get nodes',
    ])
    expect(() => run({ kind: 'lab/hint', step: 'wait' })).toThrow('not the current step')
    const answered = run<LabView>({ kind: 'lab/answer', question: 'name', answer: 'Scheduler' })
    expect(answered.questions[0]).toMatchObject({ answered: true, correct: false })
    expect(answered.questions[0]!.explanation?.en).toBe('The scheduler.')
  })

  it('resumes from saved progress, replaying the steps done', () => {
    const first = host()
    first.run({ kind: 'lab/start', id: 'fixture' })
    first.run({ kind: 'shell/exec', session: 't', line: 'kubectl get nodes' })
    const saved = first.run<LabView>({ kind: 'lab/view' }).progress
    const second = host()
    const view = second.run<LabView>({ kind: 'lab/start', id: 'fixture', progress: saved })
    expect(statuses(view)).toEqual(['look:done', 'wait:current'])
    expect(view.progress.labs['fixture']!.steps['look']!.done).toBe(true)
  })

  it('resets a lab to its first step on a fresh simulation', () => {
    const { labHost, run } = host()
    run({ kind: 'lab/start', id: 'fixture' })
    run({ kind: 'shell/exec', session: 't', line: 'kubectl get nodes' })
    const before = labHost.simulation
    const view = run<LabView>({ kind: 'lab/reset' })
    expect(labHost.simulation).not.toBe(before)
    expect(statuses(view)).toEqual(['look:current', 'wait:pending'])
    expect(view.progress.labs['fixture']).toBeUndefined()
  })

  it('leaves a lab for a sandbox with the host’s own seed', () => {
    const { labHost, events, run } = host()
    run({ kind: 'lab/start', id: 'fixture' })
    expect(run({ kind: 'lab/leave' })).toEqual({ left: true })
    expect(labHost.simulation.seed).toBe(1)
    expect(run({ kind: 'lab/view' })).toBeNull()
    expect(events.filter((e) => e.kind === 'simulation/replaced')).toHaveLength(2)
    expect(() => run({ kind: 'lab/check' })).toThrow('no lab is running')
  })

  it('refuses an unknown lab and keeps the simulation', () => {
    const { labHost, run } = host()
    const sandbox = labHost.simulation
    expect(() => run({ kind: 'lab/start', id: 'nope' })).toThrow('no lab "nope"')
    expect(labHost.simulation).toBe(sandbox)
  })
})

describe('labs: catalogue', () => {
  it('groups bundled files by folder and ignores files outside a lab', () => {
    const files: Record<string, string> = { '../../scenarios/README.md': '# Labs\n' }
    for (const [path, text] of labFiles(LAB, ['look', 'wait']))
      files[`../../scenarios/fixture/${path}`] = text
    const { labs, problems } = loadCatalogue(files, '../../scenarios')
    expect(problems).toEqual([])
    expect(labs.map((l) => l.scenario.id)).toEqual(['fixture'])
  })

  it('serves the course in order over a port', async () => {
    const dir = scenariosDir()!
    const [port, hostPort] = createPortPair<ClientMessage, HostMessage>()
    serveLabs(hostPort, { seed: 1 }, loadAll(dir))
    const reply = new Promise<HostMessage>((resolve) => port.onMessage(resolve))
    port.post({ type: 'command', id: 1, command: { kind: 'lab/list' } })
    const message = await reply
    expect(message).toMatchObject({ type: 'reply', ok: true })
    const result = (message as { result: { labs: { id: string; order: number }[] } }).result
    expect(result.labs.length).toBeGreaterThanOrEqual(13)
    expect(result.labs[1]!.id).toBe('life-of-a-pod')
  })
})

describe('labs: host: saved progress', () => {
  it('drops a damaged lab entry of the progress given, with a notice', () => {
    const { run } = host()
    const damaged = { version: 1, labs: { fixture: { steps: 'nope' } } }
    const view = run<LabView>({
      kind: 'lab/start',
      id: 'fixture',
      progress: damaged as unknown as LabView['progress'],
    })
    expect(statuses(view)).toEqual(['look:current', 'wait:pending'])
    expect(view.notice?.en).toContain('damaged')
  })
})
