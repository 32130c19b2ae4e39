/**
 * The simulation: one seeded, virtual-time world that handles protocol commands and emits events.
 *
 * Invariants:
 * 1. Same seed + same cluster + same commands ⇒ the same replies and events, byte for byte.
 * 2. Commands run synchronously and to completion; events they cause are emitted before the reply
 *    is returned, so a client that applies events in order never sees a reply "from the future".
 * 3. Nothing here touches a host (no DOM, no Node, no timers): hosts wrap it in core/host/.
 */
import { buildWorld } from './cluster/build'
import { DEFAULT_CLUSTER, type ClusterSpec } from './cluster/spec'
import { worldKey, type Component, type Machine, type WorldObject } from './cluster/world'
import { Clock } from './clock'
import type {
  Command,
  CommandOf,
  ResultOf,
  SimulationCommandKind,
  SimulationEvent,
  SimulationInfo,
} from './protocol'
import { Random } from './random'
import { ShellSession } from './shell/session'
import { LAPTOP, type CommandRecord, type MachineView, type ShellHost } from './shell/command'
import type { FileSystem } from './shell/fileSystem'
import { machineFileSystem } from './shell/machineFiles'
import { OUTSIDE_IP } from './network/path'
import { ObjectStore } from './store/objectStore'
import { KUBERNETES_VERSION } from './version'
import { ExplainLog } from './explain/explain'
import { KubernetesCluster } from './kubernetes/cluster'
import { staleComponents, staleMachines } from './kubernetes/componentStates'
import { FAULT_KINDS, FaultError } from './faults/catalogue'
import { FaultManager } from './faults/faults'
import { why } from './explain/why'
import { describeFault } from './faults/describe'
import { ChallengeSession } from './labs/challenge'
import { inspect } from './inspect/inspect'
import { FlowRecorder } from './observe/flow'
import { Observers } from './observe/observers'
import { inspectResource } from './observe/resourceInspection'

export interface SimulationOptions {
  seed: number
  cluster?: ClusterSpec
  /** Run Kubernetes on the machines (default). False gives the bare world, for UI and shell tests. */
  kubernetes?: boolean
}

/**
 * The cluster is set up (kubeadm init and join) this long before the learner arrives, so the lab
 * opens on a cluster that has settled, with ages like a real one ("10m").
 */
export const WARMUP_MS = 10 * 60 * 1000

export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'CommandError'
  }
}

/** Longest single advance a client may ask for: 30 days of virtual time. */
export const MAX_ADVANCE_MS = 30 * 24 * 3600 * 1000
const MAX_SESSIONS = 64
const MAX_COMMAND_LOG = 10_000

/** Sends what an observer gathered since its last call, as events. */
export type Publisher = (emit: (event: SimulationEvent) => void) => void

type Handlers = { [K in SimulationCommandKind]: (command: CommandOf<K>) => ResultOf<K> }

export class Simulation {
  readonly clock: Clock
  readonly random: Random
  readonly explain: ExplainLog
  readonly kubernetes: KubernetesCluster | undefined
  /** Who talked to whom (flow/messages); it records only while someone listens. */
  readonly flow: FlowRecorder
  /** What the app's views read: objects, logs and samples (with Kubernetes only). */
  private readonly observers: Observers | undefined
  private faultManager: FaultManager | undefined
  readonly world = new ObjectStore<WorldObject>()
  readonly cluster: ClusterSpec
  private readonly listeners = new Set<(event: SimulationEvent) => void>()
  private readonly sessions = new Map<string, ShellSession>()
  private readonly files = new Map<string, FileSystem>()
  /** Faults applied by a challenge: active, but not announced or listed (fault/apply hidden). */
  private readonly hiddenFaults = new Set<string>()
  /** Challenge mode: the hidden fault the terminal and the app's challenge panel share. */
  readonly challenge = new ChallengeSession(this)
  /** Every command line run in the terminal, oldest first (bounded): what lab checks read. */
  readonly commandLog: CommandRecord[] = []

  constructor(readonly options: SimulationOptions) {
    if (!Number.isInteger(options.seed))
      throw new RangeError(`seed must be an integer, got ${options.seed}`)
    const withKubernetes = options.kubernetes ?? true
    this.clock = new Clock(withKubernetes ? -WARMUP_MS : 0)
    this.random = new Random(options.seed)
    this.flow = new FlowRecorder(this.clock)
    this.addPublisher(this.flow.publish)
    this.explain = new ExplainLog(() => this.clock.nowMs)
    this.cluster = options.cluster ?? DEFAULT_CLUSTER
    for (const object of buildWorld(this.cluster)) this.world.create(worldKey(object), object)
    this.kubernetes = withKubernetes
      ? new KubernetesCluster({
          clock: this.clock,
          random: this.random.fork('kubernetes'),
          explain: this.explain,
          machines: this.machines(),
          flow: this.flow,
        })
      : undefined
    if (this.kubernetes !== undefined) {
      this.kubernetes.boot()
      this.clock.advance(WARMUP_MS)
      this.syncWorld()
    }
    this.observers =
      this.kubernetes === undefined
        ? undefined
        : new Observers(this.kubernetes, this.clock, () => this.observed)
    for (const publish of this.observers?.publishers() ?? []) this.addPublisher(publish)
    this.world.watch(this.world.revision, (change) =>
      this.emit({
        kind: 'world/changed',
        type: change.type,
        object: change.object,
        resourceVersion: change.revision,
      }),
    )
  }

  get seed(): number {
    return this.options.seed
  }

  /** Subscribes to events; returns a function that unsubscribes. */
  onEvent(listener: (event: SimulationEvent) => void): () => void {
    this.listeners.add(listener)
    this.flow.active = true
    return () => {
      this.listeners.delete(listener)
      this.flow.active = this.observed
    }
  }

  /** Handles one command; throws CommandError for a command it cannot carry out. */
  handle<K extends SimulationCommandKind>(command: CommandOf<K>): ResultOf<K> {
    const { kind } = command as Command
    const handler = Object.hasOwn(this.handlers, kind)
      ? (this.handlers[kind as SimulationCommandKind] as (c: Command) => ResultOf<K>)
      : undefined
    if (handler === undefined)
      throw new CommandError('BadCommand', `unknown command kind ${String(kind)}`)
    try {
      return handler(command as Command)
    } finally {
      this.publish()
    }
  }

  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0 || ms > MAX_ADVANCE_MS) {
      throw new CommandError(
        'BadCommand',
        `cannot advance the clock by ${ms} ms (0 to ${MAX_ADVANCE_MS})`,
      )
    }
    const nowMs = this.clock.advance(ms)
    this.syncWorld()
    this.publish()
    this.emit({ kind: 'clock/ticked', nowMs })
    this.pollFollowers()
    return nowMs
  }

  machines(): Machine[] {
    return this.world.list('/world/Machine/').filter((o): o is Machine => o.kind === 'Machine')
  }

  components(): Component[] {
    return this.world
      .list('/world/Component/')
      .filter((o): o is Component => o.kind === 'Component')
  }

  private readonly handlers: Handlers = {
    'simulation/describe': (): SimulationInfo => ({
      seed: this.seed,
      cluster: this.cluster,
      kubernetesVersion: KUBERNETES_VERSION,
      nowMs: this.clock.nowMs,
    }),
    'world/list': () => ({ resourceVersion: this.world.revision, items: this.world.list() }),
    'clock/advance': (command) => ({ nowMs: this.advance(command.ms) }),
    'fault/kinds': () => ({ kinds: [...FAULT_KINDS] }),
    'fault/apply': (command) =>
      this.withFaults((faults) => {
        const fault = faults.apply(command.fault, command.target)
        if (command.hidden === true) this.hiddenFaults.add(fault.id)
        else this.explain.record(describeFault(fault, 'applied'))
        this.syncWorld()
        if (command.hidden !== true) this.emit({ kind: 'fault/applied', fault })
        return fault
      }),
    'fault/heal': (command) =>
      this.withFaults((faults) => {
        const fault = faults.heal(command.id)
        this.explain.record(describeFault(fault, 'healed'))
        this.syncWorld()
        this.emit({ kind: 'fault/healed', fault })
        return fault
      }),
    'fault/heal-all': () =>
      this.withFaults((faults) => {
        const healed = faults.healAll((fault) => !this.hiddenFaults.has(fault.id))
        for (const fault of healed) this.explain.record(describeFault(fault, 'healed'))
        this.syncWorld()
        for (const fault of healed) this.emit({ kind: 'fault/healed', fault })
        return { healed }
      }),
    'fault/list': (command) => ({
      active: (this.faultManager?.list() ?? []).filter(
        (f) => command.includeHidden === true || !this.hiddenFaults.has(f.id),
      ),
    }),
    'explain/why': (command) => ({
      chain:
        this.kubernetes === undefined
          ? []
          : why(command.subject, this.kubernetes, this.explain, this.clock.nowMs),
    }),
    'inspect/object': (command) => {
      const found = inspect(command.object, command.name, {
        components: this.components(),
        machines: this.machines(),
        cluster: this.kubernetes,
        explain: this.explain,
        nowMs: this.clock.nowMs,
      })
      if (found === undefined)
        throw new CommandError('NotFound', `no ${command.object} named ${String(command.name)}`)
      return found
    },
    'kube/list': () => this.observers?.kube.list() ?? { revision: 0, items: [] },
    'inspect/resource': (command) => {
      const found =
        this.kubernetes === undefined
          ? undefined
          : inspectResource(command, {
              cluster: this.kubernetes,
              explain: this.explain,
              nowMs: this.clock.nowMs,
            })
      if (found === undefined) {
        const name = command.namespace ? `${command.namespace}/${command.name}` : command.name
        throw new CommandError('NotFound', `no ${String(command.object)} named ${String(name)}`)
      }
      return found
    },
    'stats/history': (command) => ({
      samples: this.observers?.stats.history(command.sinceMs) ?? [],
    }),
    'log/list': (command) => ({ lines: this.kubernetes?.logs.recent(command.sinceMs) ?? [] }),
    'shell/exec': (command) =>
      this.session(command.session).exec(command.line, command.language ?? 'en'),
    'shell/interrupt': (command) => this.session(command.session).interrupt(),
    'shell/close': (command) => ({ closed: this.sessions.delete(command.session) }),
    'shell/complete': (command) => this.session(command.session).complete(command.line),
  }

  /** Lets each following command (kubectl get -w, logs -f) print what changed. */
  private pollFollowers(): void {
    // A follower that lets time pass (rollout status inside it) must not poll itself again.
    if (this.polling) return
    this.polling = true
    try {
      for (const [id, session] of this.sessions) {
        const output = session.isFollowing ? session.poll() : undefined
        if (output === undefined || (output.output === '' && output.exitCode === undefined))
          continue
        this.emit({
          kind: 'shell/output',
          session: id,
          ...output,
          ...(output.exitCode === undefined ? {} : { prompt: session.prompt }),
        })
      }
    } finally {
      this.polling = false
    }
  }

  private polling = false

  /** What shell sessions see of the simulation. */
  private shellHost(session: string): ShellHost {
    return {
      nowMs: () => this.clock.nowMs,
      advance: (ms) => void this.advance(ms),
      machines: () => this.machines(),
      components: () => this.components(),
      kubernetes: this.kubernetes,
      faults: {
        kinds: () => FAULT_KINDS,
        apply: (fault, target) => this.handle({ kind: 'fault/apply', fault, target }),
        heal: (id) => this.handle({ kind: 'fault/heal', id }),
        healAll: () => this.handle({ kind: 'fault/heal-all' }).healed,
        list: () => this.handle({ kind: 'fault/list' }).active,
      },
      why: (subject) => this.handle({ kind: 'explain/why', subject }).chain,
      machine: (name) => this.machineView(name),
      trace: (summary, hops) => this.emit({ kind: 'trace/path', session, summary, hops }),
      challenge: {
        start: () => this.challenge.start(),
        state: () => {
          const status = this.challenge.status()
          return status === undefined ? undefined : { repaired: status.repaired }
        },
        reveal: (language) => this.challenge.reveal()?.what[language],
      },
      record: (entry) => {
        this.commandLog.push(entry)
        if (this.commandLog.length > MAX_COMMAND_LOG) this.commandLog.shift()
      },
      files: (name) => {
        let fs = this.files.get(name)
        if (fs === undefined) {
          fs = machineFileSystem(this.machineView(name)!, this.kubernetes, () => this.clock.nowMs)
          this.files.set(name, fs)
        }
        return fs
      },
    }
  }

  private machineView(name: string): MachineView | undefined {
    if (name === LAPTOP) return { name, role: 'laptop', ip: OUTSIDE_IP }
    const machine = this.machines().find((m) => m.metadata.name === name)
    return machine === undefined
      ? undefined
      : { name, role: machine.spec.role, ip: machine.spec.internalIP }
  }

  private session(id: string): ShellSession {
    let session = this.sessions.get(id)
    if (session === undefined || session.isClosed) {
      if (!this.sessions.has(id) && this.sessions.size >= MAX_SESSIONS) {
        throw new CommandError(
          'TooManySessions',
          `at most ${MAX_SESSIONS} shell sessions can be open`,
        )
      }
      session = new ShellSession(this.shellHost(id), id)
      this.sessions.set(id, session)
    }
    return session
  }

  /** Runs `work` with the fault manager, turning fault errors into BadCommand replies. */
  private withFaults<T>(work: (faults: FaultManager) => T): T {
    if (this.kubernetes === undefined)
      throw new CommandError('BadCommand', 'this simulation runs no Kubernetes cluster')
    this.faultManager ??= new FaultManager(this.kubernetes, () => this.clock.nowMs)
    try {
      return work(this.faultManager)
    } catch (error) {
      if (error instanceof FaultError) throw new CommandError('BadCommand', error.message)
      throw error
    }
  }

  /** Brings the drawn components' states in line with the processes that really run. */
  syncWorld(): void {
    if (this.kubernetes === undefined) return
    for (const machine of staleMachines(this.kubernetes, this.machines())) {
      this.world.update(worldKey(machine), machine)
    }
    for (const component of staleComponents(this.kubernetes, this.components())) {
      this.world.update(worldKey(component), component)
    }
  }

  /**
   * Observers that batch what they saw (kube/changed, log/appended, flow/messages) and send it
   * when called: at the end of every command and every advance of time, before clock/ticked.
   */
  private readonly publishers: Publisher[] = []

  /** Adds a publisher (see `publishers`); used by the observers in core/observe. */
  addPublisher(publish: Publisher): void {
    this.publishers.push(publish)
  }

  private publish(): void {
    const emit = (event: SimulationEvent): void => this.emit(event)
    for (const publish of this.publishers) publish(emit)
  }

  /** True while some client listens: observers gather nothing for nobody (the benchmarks). */
  get observed(): boolean {
    return this.listeners.size > 0
  }

  private emit(event: SimulationEvent): void {
    for (const listener of [...this.listeners]) listener(event)
  }
}

export function createSimulation(options: SimulationOptions): Simulation {
  return new Simulation(options)
}
