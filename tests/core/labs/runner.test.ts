import { describe, expect, it } from 'vitest'
import { judgeReplay, LabRunner, replaySolution } from '../../../core/labs/index'
import { LabSetupError } from '../../../core/labs/setup'
import { fixtureLab, HEAD } from './fixtures'

const LAB = `${HEAD}setup:
  objects:
    - apiVersion: v1
      kind: ConfigMap
      metadata: { name: settings }
      data: { mode: lab }
  commands:
    - kubectl get configmap settings
faults:
  - id: scheduler-down
    kind: process/stop
    target: { kind: component, type: kube-scheduler, machine: cp-1 }
    onStep: heal
  - id: late
    kind: node/memory-pressure
    target: { kind: machine, machine: worker-2 }
    at: 5m
steps:
  - id: look
    title: { en: Look, pt-BR: Olhe }
    verify: { check: commandRan, pattern: '^kubectl get (nodes|configmap)' }
    hints:
      - { en: First hint, pt-BR: Primeira dica }
      - { en: Second hint, pt-BR: Segunda dica }
    solution: [kubectl get nodes]
  - id: heal
    title: { en: Heal, pt-BR: Corrija }
    verify: { check: fault, fault: scheduler-down, state: healed }
    solution: [fault heal fault-1]
  - id: wait
    title: { en: Wait, pt-BR: Espere }
    verify: { check: timePassed, duration: 2m }
    solution: [sleep 2m]
questions:
  - id: which
    type: choice
    prompt: { en: Which?, pt-BR: Qual? }
    choices: [{ en: a, pt-BR: a }, { en: b, pt-BR: b }]
    answer: 1
    explanation: { en: Because b., pt-BR: Porque b. }
  - id: name
    type: short
    after: look
    prompt: { en: Name?, pt-BR: Nome? }
    accept: [kube-scheduler]
    explanation: { en: The scheduler., pt-BR: O scheduler. }
`
const lab = () => fixtureLab(LAB, ['look', 'heal', 'wait'])

describe('labs: runner', () => {
  it('applies the setup objects and commands, which do not count as the learner’s', () => {
    const runner = new LabRunner(lab())
    expect(
      runner.simulation.kubernetes!.etcd.kv.get('/registry/configmaps/default/settings'),
    ).toMatchObject({ data: { mode: 'lab' } })
    expect(runner.currentStep?.id).toBe('look')
    expect(runner.evaluate()!.ok).toBe(false)
  })

  it('checks live after each command, marks the step done and starts the next', () => {
    const runner = new LabRunner(lab())
    const seen: string[] = []
    runner.onCheck((check) => seen.push(`${check.step.id}:${check.completed}`))
    runner.exec('kubectl get pods')
    expect(runner.currentStep?.id).toBe('look')
    runner.exec('kubectl get nodes')
    expect(seen).toEqual(['look:false', 'look:true', 'heal:false'])
    expect(runner.currentStep?.id).toBe('heal')
    expect(runner.progress.labs['fixture']!.steps['look']).toMatchObject({ done: true })
  })

  it('applies a step’s fault when the step starts, and sees it healed', () => {
    const runner = new LabRunner(lab())
    runner.exec('kubectl get nodes')
    const fault = runner.faults.get('scheduler-down')!
    expect(fault).toMatchObject({ kind: 'process/stop', id: 'fault-1' })
    expect(runner.evaluate()!.reason.en).toBe('The fault scheduler-down (process/stop) is active.')
    runner.exec(`fault heal ${fault.id}`)
    expect(runner.currentStep?.id).toBe('wait')
  })

  it('applies a timed fault when its virtual time comes', () => {
    const runner = new LabRunner(lab())
    runner.advance(4 * 60_000)
    expect(runner.faults.has('late')).toBe(false)
    runner.advance(60_000)
    expect(runner.faults.get('late')).toMatchObject({ kind: 'node/memory-pressure' })
  })

  it('checks when time passes, through the simulation as the play loop drives it', () => {
    const runner = new LabRunner(lab())
    runner.exec('kubectl get nodes')
    runner.exec('fault heal fault-1')
    runner.simulation.advance(60_000)
    expect(runner.completed).toBe(false)
    runner.simulation.advance(60_000)
    expect(runner.completed).toBe(true)
    const progress = runner.progress.labs['fixture']!
    expect(progress.completed).toBe(true)
    expect(progress.steps['wait']).toMatchObject({ done: true, timeSpentMs: 120_000 })
  })

  it('does not count a command of an earlier step for a later one', () => {
    const runner = new LabRunner(
      fixtureLab(
        `${HEAD}steps:
  - id: a
    title: { en: A, pt-BR: A }
    verify: { check: commandRan, pattern: '^hostname' }
    solution: [hostname]
  - id: b
    title: { en: B, pt-BR: B }
    verify: { check: commandRan, pattern: '^hostname' }
    solution: [hostname]
`,
        ['a', 'b'],
      ),
    )
    runner.exec('hostname')
    expect(runner.currentStep?.id).toBe('b')
    expect(runner.evaluate()!.ok).toBe(false)
    runner.exec('hostname')
    expect(runner.completed).toBe(true)
  })

  it('opens hints one at a time, up to the last, and reveals the solution', () => {
    const runner = new LabRunner(lab())
    expect(runner.openHint().map((h) => h.en)).toEqual(['First hint'])
    expect(runner.openHint().map((h) => h['pt-BR'])).toEqual(['Primeira dica', 'Segunda dica'])
    expect(runner.openHint()).toHaveLength(2)
    expect(runner.revealSolution()).toEqual(['kubectl get nodes'])
    expect(runner.progress.labs['fixture']!.steps['look']).toMatchObject({
      hintsOpened: 2,
      solutionRevealed: true,
      done: false,
    })
  })

  it('checks answers and keeps them in the progress', () => {
    const runner = new LabRunner(lab())
    expect(runner.answer('which', 0)).toEqual({
      correct: false,
      explanation: { en: 'Because b.', 'pt-BR': 'Porque b.' },
    })
    expect(runner.answer('name', '  Kube-Scheduler ')!.correct).toBe(true)
    expect(runner.answer('nope', 1)).toBeUndefined()
    expect(runner.progress.labs['fixture']!.answers).toEqual({
      which: { response: 0, correct: false },
      name: { response: '  Kube-Scheduler ', correct: true },
    })
  })

  it('resumes saved progress by replaying the solutions of the steps done', () => {
    const first = new LabRunner(lab())
    first.exec('kubectl get nodes')
    const resumed = new LabRunner(lab(), { progress: first.progress })
    expect(resumed.currentStep?.id).toBe('heal')
    expect(resumed.faults.get('scheduler-down')).toBeDefined()
    expect(resumed.progress).toEqual(first.progress)
  })

  it('replays the same run for the same scenario and commands', () => {
    const outputs = [1, 2].map(() => {
      const runner = new LabRunner(lab())
      return [runner.exec('kubectl get pods -A').stdout, runner.exec('date').stdout]
    })
    expect(outputs[1]).toEqual(outputs[0])
  })

  it('throws a setup error that names the failing command', () => {
    const broken = fixtureLab(
      `${HEAD}setup:
  commands: [kubectl get configmap missing]
steps:
  - id: a
    title: { en: A, pt-BR: A }
    verify: { check: commandRan, pattern: x }
    solution: [x]
`,
      ['a'],
    )
    expect(() => new LabRunner(broken)).toThrow(LabSetupError)
    expect(() => new LabRunner(broken)).toThrow(/kubectl get configmap missing/)
  })
})

describe('labs: runner: faults the learner applies', () => {
  const OWN = `${HEAD}steps:
  - id: break
    title: { en: Break, pt-BR: Quebre }
    verify: { check: fault, kind: node/memory-pressure, machine: worker-2, state: active }
    solution: [fault inject node/memory-pressure worker-2]
  - id: repair
    title: { en: Repair, pt-BR: Conserte }
    verify: { check: fault, kind: node/memory-pressure, machine: worker-2, state: healed }
    solution: [fault heal all]
`

  it('checks faults injected from the terminal or the fault menu, not only the scenario’s', () => {
    const runner = new LabRunner(fixtureLab(OWN, ['break', 'repair']))
    expect(runner.evaluate()!.ok).toBe(false)
    // The fault menu sends fault/apply, as the app does.
    runner.simulation.handle({
      kind: 'fault/apply',
      fault: 'node/memory-pressure',
      target: { kind: 'machine', machine: 'worker-2' },
    })
    runner.check()
    expect(runner.currentStep?.id).toBe('repair')
    expect(runner.evaluate()!.ok).toBe(false)
    runner.exec('fault heal all')
    expect(runner.completed).toBe(true)
  })

  it('replays a solution that injects and heals a fault, as lab verify does', () => {
    const replay = replaySolution(fixtureLab(OWN, ['break', 'repair']))
    expect(judgeReplay(replay).ok).toBe(true)
  })
})
