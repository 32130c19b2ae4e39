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
 * 4. The challenge of the current simulation (started from the app or the terminal) is looked at
 *    after every command and every advance of time; `challenge/changed` is emitted only when it
 *    started, was repaired or ended. A swapped simulation takes its challenge with it.
 * 5. Labs loaded from a folder the learner chose (lab/load) join the catalogue, marked with the
 *    folder's name; loading another folder replaces them. They never shadow a built-in lab.
 */
import type {
  ChallengeStatus,
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
import { folderRefusal, loadFolder } from './folder'
import type { Lab } from './lab'
import { formatProblem, type LabProblem } from './validate'
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
  /** The labs of the folder the learner loaded last, and why any others could not be read. */
  private loaded: { folder: string; labs: Lab[]; problems: LabProblem[] } | undefined
  /** The challenge as last announced (invariant 4), as text to compare. */
  private announcedChallenge = 'null'

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
      const result = handler(command)
      this.announceChallenge()
      return result
    }
    const result = this.current.handle(command as SimulationCommand)
    if (this.runner !== undefined && CHECKED_AFTER.has(command.kind)) this.runner.check()
    this.announce()
    return result
  }

  private readonly handlers: LabHandlers = {
    'lab/list': () => ({
      labs: [
        ...this.catalogue.labs.map((lab) => summaryOf(lab)),
        ...(this.loaded?.labs ?? []).map((lab) => summaryOf(lab, this.loaded?.folder)),
      ],
      problems: [...this.catalogue.problems, ...(this.loaded?.problems ?? [])].map(formatProblem),
    }),
    'lab/load': (command) => {
      const { folder, files } = command
      const refusal = folderRefusal(folder, files)
      if (refusal !== undefined) throw new CommandError('BadCommand', `lab/load: ${refusal}`)
      const found = loadFolder(folder, files)
      const builtIn = new Set(this.catalogue.labs.map((lab) => lab.scenario.id))
      const labs = found.labs.filter((lab) => !builtIn.has(lab.scenario.id))
      const problems = [
        ...found.problems,
        ...found.labs
          .filter((lab) => builtIn.has(lab.scenario.id))
          .map((lab) => clash(folder, lab, found.labs.length === 1)),
      ]
      this.loaded = { folder, labs, problems }
      return {
        labs: labs.map((lab) => summaryOf(lab, folder)),
        problems: problems.map(formatProblem),
      }
    },
    'challenge/start': () => {
      const challenge = this.current.challenge
      challenge.start()
      if (this.runner !== undefined) this.runner.check()
      return challenge.status()!
    },
    'challenge/status': () => this.current.challenge.status() ?? null,
    'challenge/reveal': () => {
      const end = this.current.challenge.reveal()
      if (end === undefined) throw new CommandError('NoChallenge', 'no challenge is running')
      if (this.runner !== undefined) this.runner.check()
      return end
    },
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
    const labs = [...this.catalogue.labs, ...(this.loaded?.labs ?? [])]
    const lab = labs.find((l) => l.scenario.id === id)
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
    this.announcedChallenge = 'null'
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
    this.announceChallenge()
    if (!this.stepChanged || this.runner === undefined) return
    this.stepChanged = false
    this.emit({ kind: 'lab/changed', view: this.view() })
  }

  /** Emits challenge/changed when the challenge started, was repaired or ended (invariant 4). */
  private announceChallenge(): void {
    const status: ChallengeStatus | null = this.current.challenge.status() ?? null
    const key = status === null ? 'null' : `${status.sinceMs}:${status.repaired}`
    if (key === this.announcedChallenge) return
    this.announcedChallenge = key
    this.emit({ kind: 'challenge/changed', status })
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
    const runner = this.running()
    const view = labView(runner, this.lastChecks)
    const loaded = this.loaded
    // A learner's own lab keeps the mark of its folder in the panel too (invariant 5).
    return loaded !== undefined && loaded.labs.includes(runner.lab)
      ? { ...view, lab: { ...view.lab, source: loaded.folder } }
      : view
  }
}

/** A loaded lab whose id a built-in lab has: reported on its id, never loaded over it. */
function clash(folder: string, lab: Lab, alone: boolean): LabProblem {
  const id = lab.scenario.id
  return {
    file: alone ? `${folder}/scenario.yaml` : `${folder}/${id}/scenario.yaml`,
    line: 0,
    column: 0,
    field: 'id',
    message: `a built-in lab is called "${id}" already: give yours another id (and folder name)`,
  }
}
