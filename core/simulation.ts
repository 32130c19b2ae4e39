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
  CommandKind,
  CommandOf,
  ResultOf,
  SimulationEvent,
  SimulationInfo,
} from './protocol'
import { Random } from './random'
import { ShellSession } from './shell/session'
import { ObjectStore } from './store/objectStore'
import { KUBERNETES_VERSION } from './version'

export interface SimulationOptions {
  seed: number
  cluster?: ClusterSpec
}

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

type Handlers = { [K in CommandKind]: (command: CommandOf<K>) => ResultOf<K> }

export class Simulation {
  readonly clock = new Clock()
  readonly random: Random
  readonly world = new ObjectStore<WorldObject>()
  readonly cluster: ClusterSpec
  private readonly listeners = new Set<(event: SimulationEvent) => void>()
  private readonly sessions = new Map<string, ShellSession>()

  constructor(readonly options: SimulationOptions) {
    if (!Number.isInteger(options.seed))
      throw new RangeError(`seed must be an integer, got ${options.seed}`)
    this.random = new Random(options.seed)
    this.cluster = options.cluster ?? DEFAULT_CLUSTER
    for (const object of buildWorld(this.cluster)) this.world.create(worldKey(object), object)
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
    return () => this.listeners.delete(listener)
  }

  /** Handles one command; throws CommandError for a command it cannot carry out. */
  handle<K extends CommandKind>(command: CommandOf<K>): ResultOf<K> {
    const handler = this.handlers[command.kind] as ((c: Command) => ResultOf<K>) | undefined
    if (handler === undefined)
      throw new CommandError('BadCommand', `unknown command kind ${String(command.kind)}`)
    return handler(command)
  }

  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0 || ms > MAX_ADVANCE_MS) {
      throw new CommandError(
        'BadCommand',
        `cannot advance the clock by ${ms} ms (0 to ${MAX_ADVANCE_MS})`,
      )
    }
    const nowMs = this.clock.advance(ms)
    this.emit({ kind: 'clock/ticked', nowMs })
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
    'shell/exec': (command) =>
      this.session(command.session).exec(command.line, command.language ?? 'en'),
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
      session = new ShellSession({
        nowMs: () => this.clock.nowMs,
        advance: (ms) => void this.advance(ms),
        machines: () => this.machines(),
        components: () => this.components(),
      })
      this.sessions.set(id, session)
    }
    return session
  }

  private emit(event: SimulationEvent): void {
    for (const listener of [...this.listeners]) listener(event)
  }
}

export function createSimulation(options: SimulationOptions): Simulation {
  return new Simulation(options)
}
