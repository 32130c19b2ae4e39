import { describe, expect, it } from 'vitest'
import { loadAll, scenariosDir } from '../../../core/host/labCli'
import { formatProblem, loadLab, parseScenario } from '../../../core/labs/index'
import { HEAD, labFiles } from './fixtures'

const STEP = `steps:
  - id: one
    title: { en: One, pt-BR: Um }
    verify: { check: commandRan, pattern: '^ls' }
    solution: [ls]
`

describe('labs: schema', () => {
  it('validates every scenario of the course', () => {
    const { labs, problems } = loadAll(scenariosDir()!)
    expect(problems.map(formatProblem)).toEqual([])
    // The course of issue 6, in its order, then the labs added since.
    const course = [...labs].sort((a, b) => a.scenario.order - b.scenario.order)
    expect(course.map((lab) => lab.scenario.id)).toEqual([
      'architecture',
      'life-of-a-pod',
      'etcd',
      'kube-apiserver',
      'kube-scheduler',
      'kube-controller-manager',
      'kubelet',
      'containerd-runc',
      'kube-proxy-nodeport',
      'weave-net',
      'ha-control-plane',
      'node-maintenance',
      'troubleshooting',
      'configuration',
    ])
    expect(course.map((lab) => lab.scenario.order)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
    ])
  })

  it('names the file, the line and the field of a mistake', () => {
    const yaml = `${HEAD}steps:
  - id: one
    title: { en: One, pt-BR: Um }
    verify:
      check: all
      of:
        - check: podsInPhase
          selector: app=web
          phase: Runing
    solution: [ls]
`
    const parsed = parseScenario('scenarios/fixture/scenario.yaml', yaml)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.problems).toHaveLength(1)
    expect(parsed.problems[0]).toMatchObject({
      file: 'scenarios/fixture/scenario.yaml',
      line: 17,
      field: 'steps[0].verify.of[0].phase',
    })
    expect(formatProblem(parsed.problems[0]!)).toMatch(
      /^scenarios\/fixture\/scenario\.yaml:17:18: steps\[0\]\.verify\.of\[0\]\.phase: /,
    )
  })

  it('reports a missing field at the map that lacks it, and an unknown field at its own line', () => {
    const yaml = `${HEAD}steps:
  - id: one
    title: { en: One }
    verify: { check: commandRan, patern: '^ls' }
    solution: [ls]
`
    const parsed = parseScenario('s.yaml', yaml)
    if (parsed.ok) throw new Error('should not validate')
    expect(parsed.problems.map(formatProblem)).toEqual([
      's.yaml:11:12: steps[0].title.pt-BR: missing (expected string)',
      's.yaml:12:13: steps[0].verify.pattern: missing (expected string)',
      's.yaml:12:42: steps[0].verify: unknown field "patern"',
    ])
  })

  it('reports YAML syntax errors with their line', () => {
    const parsed = parseScenario('s.yaml', 'id: x\ntitle: [unclosed\n')
    if (parsed.ok) throw new Error('should not validate')
    expect(parsed.problems[0]!.line).toBeGreaterThan(0)
    expect(parsed.problems[0]!.field).toBe('')
  })

  it('checks references: a fault target of the wrong kind, an unknown step, a bad answer index', () => {
    const yaml = `${HEAD}faults:
  - id: f
    kind: process/stop
    target: { kind: machine, machine: worker-1 }
    onStep: nowhere
${STEP}questions:
  - id: q
    type: choice
    prompt: { en: Q, pt-BR: P }
    explanation: { en: E, pt-BR: E }
    choices: [{ en: a, pt-BR: a }, { en: b, pt-BR: b }]
    answer: 2
`
    const parsed = parseScenario('s.yaml', yaml)
    if (parsed.ok) throw new Error('should not validate')
    expect(parsed.problems.map((p) => [p.field, p.message])).toEqual([
      ['faults[0].target.kind', 'process/stop applies to a component, not a machine'],
      ['faults[0].onStep', 'no step "nowhere"'],
      ['questions[0].answer', 'there are only 2 choices (counted from 0)'],
    ])
  })

  it('checks fault predicates: a scenario fault id or a kind, with target fields that fit', () => {
    const yaml = `${HEAD}faults:
  - id: f
    kind: process/stop
    target: { kind: component, type: kubelet, machine: worker-1 }
    onStep: one
steps:
  - id: one
    title: { en: One, pt-BR: Um }
    verify:
      check: any
      of:
        - { check: fault, fault: f, kind: process/stop, state: active }
        - { check: fault, state: active }
        - { check: fault, fault: f, machine: worker-1, state: healed }
        - { check: fault, kind: process/kill, state: active }
        - { check: fault, kind: node/disk-pressure, component: kubelet, state: active }
        - { check: fault, kind: process/stop, machine: worker-1, port: 10250, state: active }
        - { check: fault, kind: process/stop, component: kubelet, machine: worker-1, state: active }
    solution: [ls]
`
    const parsed = parseScenario('s.yaml', yaml)
    if (parsed.ok) throw new Error('should not validate')
    expect(parsed.problems.map((p) => [p.field, p.message])).toEqual([
      [
        'steps[0].verify.of[0].check',
        'give either fault (a scenario fault id) or kind (a fault kind)',
      ],
      [
        'steps[0].verify.of[1].check',
        'give either fault (a scenario fault id) or kind (a fault kind)',
      ],
      ['steps[0].verify.of[2].machine', 'machine goes with kind, not with fault'],
      ['steps[0].verify.of[3].kind', 'process/kill is not reversible: it is never active'],
      [
        'steps[0].verify.of[4].component',
        'node/disk-pressure applies to a machine, not a component',
      ],
      ['steps[0].verify.of[5].port', 'process/stop applies to a component, not a port'],
    ])
    expect(parsed.problems[0]!.line).toBe(20)
  })

  it('rejects a bad regular expression, field path, duration and kind', () => {
    const yaml = `${HEAD}steps:
  - id: one
    title: { en: One, pt-BR: Um }
    verify:
      check: any
      of:
        - { check: commandRan, pattern: '(' }
        - { check: field, kind: Pod, name: web, path: 'spec..nodeName' }
        - { check: timePassed, duration: 5 minutes }
        - { check: objectExists, kind: Pods, name: web }
    solution: [ls]
`
    const parsed = parseScenario('s.yaml', yaml)
    if (parsed.ok) throw new Error('should not validate')
    expect(parsed.problems.map((p) => p.field)).toEqual([
      'steps[0].verify.of[0].pattern',
      'steps[0].verify.of[1].path',
      'steps[0].verify.of[2].duration',
      'steps[0].verify.of[3].kind',
    ])
  })

  it('needs each step text in both languages, the folder named as the id, and no stray files', () => {
    const files = labFiles(`${HEAD}${STEP}`, ['one'])
    files.delete('steps/one.pt-BR.md')
    files.set('steps/two.en.md', '# two')
    const loaded = loadLab('scenarios/other', files)
    if (loaded.ok) throw new Error('should not load')
    expect(loaded.problems.map(formatProblem)).toEqual([
      'scenarios/other/scenario.yaml: id: the folder is "other" but the id is "fixture": name them alike',
      'scenarios/other/steps/one.pt-BR.md: missing or empty: step "one" needs it',
      'scenarios/other/steps/two.en.md: no step of scenario.yaml uses this file',
    ])
  })

  it('fills in defaults: no setup, no faults, no questions, commands must succeed', () => {
    const parsed = parseScenario('s.yaml', `${HEAD}${STEP}`)
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
    expect(parsed.value.setup).toEqual({ objects: [], commands: [], settle: 0 })
    expect(parsed.value.steps[0]!.verify).toEqual({
      check: 'commandRan',
      pattern: '^ls',
      outcome: 'succeeded',
    })
  })
})
