/**
 * The lab host: one simulation at a time, either a free sandbox or a lab's own, and the lab
 * commands of the protocol. Both workers (and tests) serve through it; the labs come in as data.
 *
 * Invariants:
 * 1. Exactly one simulation's events reach the client: swapping it unsubscribes the old one
 *    first, then announces `simulation/replaced` with the new one's description.
 * 2. A lab's simulation is built by the engine's LabRunner from the lab's seed and cluster shape,
 *    so the app runs a lab exactly as `kubelab lab run` does.
 * 3. While a lab runs, its current step is checked after every command that can change the
 *    cluster and after every advance of time; `lab/changed` is emitted (before the command's
 *    reply) only when a step's status changed.
 */
import type {
  Command,
  CommandOf,
  LabCheckResult,
  LabCommandKind,
  LabView,
  ResultOf,
  SimulationCommand,
  SimulationEvent,
} from '../protocol'
import {
  CommandError,
  createSimulation,
  type Simulation,
  type SimulationOptions,
} from '../simulation'
import { summaryOf, type Catalogue } from './catalogue'
import { formatProblem } from './validate'
import { parseProgress } from './progressJson'
import { emptyProgress, resetLab, type Progress } from './progress'
import { LabRunner } from './runner'
import { labView } from './view'

type LabHandlers = { [K in LabCommandKind]: (command: CommandOf<K>) => ResultOf<K> }

/** Commands after which the current step is checked (advances are checked by the runner). */
const CHECKED_AFTER: ReadonlySet<string> = new Set([
  'shell/exec',
  'shell/interrupt',
  'fault/apply',
  'fault/heal',
  'fault/heal-all',
])

export class LabHost {
  private current: Simulation
  private runner: LabRunner | undefined
  private lastChecks = new Map<string, LabCheckResult>()
  private stepChanged = false
  private unsubscribe: () => void = () => {}

  constructor(
    private readonly sandbox: SimulationOptions,
    private readonly catalogue: Catalogue,
    private readonly emit: (event: SimulationEvent) => void,
  ) {
    this.current = createSimulation(sandbox)
    this.forward()
  }

  get simulation(): Simulation {
    return this.current
  }

  /** Handles one command of the protocol; throws CommandError for one it cannot carry out. */
  handle(command: Command): unknown {
    if (Object.hasOwn(this.handlers, command.kind)) {
      const handler = this.handlers[command.kind as LabCommandKind] as (c: Command) => unknown
      return handler(command)
    }
    const result = this.current.handle(command as SimulationCommand)
    if (this.runner !== undefined && CHECKED_AFTER.has(command.kind)) this.runner.check()
    this.announce()
    return result
  }

  private readonly handlers: LabHandlers = {
    'lab/list': () => ({
      labs: this.catalogue.labs.map(summaryOf),
      problems: this.catalogue.problems.map(formatProblem),
    }),
    'lab/start': (command) => {
      // The progress comes from the learner's disk or browser: keep only what validates.
      const { progress, notice } = parseProgress(
        JSON.stringify(command.progress ?? emptyProgress()),
      )
      const view = this.start(command.id, progress)
      return notice === undefined ? view : { ...view, notice }
    },
    'lab/view': () => (this.runner === undefined ? null : this.view()),
    'lab/check': () => {
      this.running().check()
      this.stepChanged = false
      return this.view()
    },
    'lab/hint': (command) => {
      this.currentStep(command.step)
      this.running().openHint()
      return this.view()
    },
    'lab/solution': (command) => {
      this.currentStep(command.step)
      this.running().revealSolution()
      return this.view()
    },
    'lab/answer': (command) => {
      const { question, answer } = command
      if (typeof answer !== 'number' && typeof answer !== 'string')
        throw new CommandError('BadCommand', 'an answer is a choice number or a text')
      if (this.running().answer(question, answer) === undefined)
        throw new CommandError('BadCommand', `this lab has no question "${question}"`)
      return this.view()
    },
    'lab/reset': () => {
      const runner = this.running()
      const id = runner.lab.scenario.id
      return this.start(id, resetLab(runner.progress, id))
    },
    'lab/leave': () => {
      const left = this.runner !== undefined
      this.runner = undefined
      this.replace(createSimulation(this.sandbox))
      return { left }
    },
  }

  private start(id: unknown, progress: Progress): LabView {
    const lab = this.catalogue.labs.find((l) => l.scenario.id === id)
    if (lab === undefined) throw new CommandError('NotFound', `no lab "${String(id)}"`)
    const runner = new LabRunner(lab, { progress })
    this.runner = runner
    this.lastChecks = new Map()
    runner.onCheck(({ step, result, completed }) => {
      if (this.runner !== runner) return
      this.lastChecks.set(step.id, { ok: result.ok, reason: result.reason })
      if (completed) this.stepChanged = true
    })
    this.replace(runner.simulation)
    this.stepChanged = false
    return this.view()
  }

  private replace(next: Simulation): void {
    this.unsubscribe()
    this.current = next
    this.forward()
    this.emit({ kind: 'simulation/replaced', info: next.handle({ kind: 'simulation/describe' }) })
  }

  /** Forwards the current simulation's events, announcing step changes after each advance. */
  private forward(): void {
    const simulation = this.current
    this.unsubscribe = simulation.onEvent((event) => {
      this.emit(event)
      // The runner checked on this tick before us (it subscribed first): say what changed.
      if (event.kind === 'clock/ticked') this.announce()
    })
  }

  private announce(): void {
    if (!this.stepChanged || this.runner === undefined) return
    this.stepChanged = false
    this.emit({ kind: 'lab/changed', view: this.view() })
  }

  private running(): LabRunner {
    if (this.runner === undefined) throw new CommandError('NoLab', 'no lab is running')
    return this.runner
  }

  private currentStep(id: unknown): void {
    const step = this.running().currentStep
    if (step === undefined || step.id !== id)
      throw new CommandError('BadCommand', `"${String(id)}" is not the current step`)
  }

  private view(): LabView {
    return labView(this.running(), this.lastChecks)
  }
}
