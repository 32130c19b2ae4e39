/**
 * The protocol between the simulation and its clients (the app, the CLI, tests).
 *
 * Two verbs, as in VS Code's IPC: a client sends a *command* and gets exactly one *reply*; the
 * simulation pushes a stream of *events*. Both are discriminated unions on `kind` ('noun/verb';
 * events in the past tense). The transport is any `Port`: a Web Worker, a worker_threads Worker,
 * the Electron bridge, or an in-memory pair in tests.
 *
 * The renderer and electron/ may import this file for its types only.
 */
import type { WatchEventType } from './store/objectStore'
import type { WorldObject } from './cluster/world'
import type { ClusterSpec } from './cluster/spec'

export type { WatchEventType } from './store/objectStore'
export type {
  Component,
  ComponentPort,
  ComponentType,
  Link,
  Machine,
  MachineRole,
  RunsAs,
  WorldObject,
} from './cluster/world'
export type { ClusterSpec } from './cluster/spec'
export type { ActiveFault } from './faults/faults'
export type { Reason } from './explain/explain'
import type { Reason } from './explain/explain'
export type { FaultKind, FaultKindId, FaultTarget } from './faults/catalogue'
import type { ActiveFault } from './faults/faults'
import type { FaultKind, FaultKindId, FaultTarget } from './faults/catalogue'

/** Languages of the UI and of KubeLab's own messages (real tools always speak English). */
export type Language = 'en' | 'pt-BR'

export interface SimulationInfo {
  seed: number
  cluster: ClusterSpec
  kubernetesVersion: string
  nowMs: number
}

export interface ShellResult {
  stdout: string
  stderr: string
  exitCode: number
  /** True once the session ran `exit`: the terminal should close or start a new session. */
  closed: boolean
  /** The prompt to show next: "root@laptop:~# ", "root@cp-1:/etc/kubernetes# ". */
  prompt: string
  /**
   * True while a command goes on printing (`kubectl get -w`, `logs -f`): its further output
   * arrives as shell/output events, until it ends or shell/interrupt stops it.
   */
  following: boolean
}

/** One step of a traced request: who dialled whom, on which port. */
export interface TraceHop {
  from: string
  to: string
  port?: number
}

/** Tab completion: the candidates for the word that ends at the cursor, which starts at `from`. */
export interface ShellCompletion {
  from: number
  candidates: string[]
}

/** Every command, its parameters and its result. */
export interface CommandSpecs {
  'simulation/describe': { params: object; result: SimulationInfo }
  /** The world's objects and the revision they are at: an informer's initial list. */
  'world/list': { params: object; result: { resourceVersion: number; items: WorldObject[] } }
  'clock/advance': { params: { ms: number }; result: { nowMs: number } }
  /** The fault kinds the simulation offers, and where each applies. */
  'fault/kinds': { params: object; result: { kinds: FaultKind[] } }
  'fault/apply': { params: { fault: FaultKindId; target: FaultTarget }; result: ActiveFault }
  'fault/heal': { params: { id: string }; result: ActiveFault }
  'fault/heal-all': { params: object; result: { healed: ActiveFault[] } }
  'fault/list': { params: object; result: { active: ActiveFault[] } }
  /** Why a subject ("Pod default/web-7c9f-abcde", "Node worker-1") is as it is: a chain of reasons. */
  'explain/why': { params: { subject: string }; result: { chain: Reason[] } }
  'shell/exec': {
    params: { session: string; line: string; language?: Language }
    result: ShellResult
  }
  /** Ctrl+C: stops the command that is following, if any. */
  'shell/interrupt': { params: { session: string }; result: ShellResult }
  /** Ends a session (its terminal tab closed): a following command stops, its state goes. */
  'shell/close': { params: { session: string }; result: { closed: boolean } }
  /** Tab completion for `line`, the cursor being at its end. */
  'shell/complete': { params: { session: string; line: string }; result: ShellCompletion }
}

export type CommandKind = keyof CommandSpecs

export type Command = {
  [K in CommandKind]: { kind: K } & CommandSpecs[K]['params']
}[CommandKind]

export type CommandOf<K extends CommandKind> = Extract<Command, { kind: K }>
export type ResultOf<K extends CommandKind> = CommandSpecs[K]['result']

/** What the simulation reports as it runs. */
export type SimulationEvent =
  | { kind: 'world/changed'; type: WatchEventType; object: WorldObject; resourceVersion: number }
  | { kind: 'clock/ticked'; nowMs: number }
  | { kind: 'fault/applied'; fault: ActiveFault }
  | { kind: 'fault/healed'; fault: ActiveFault }
  /**
   * The path a terminal command took through the cluster (kubectl → kube-apiserver :6443 →
   * etcd :2379), so the topology can light it up. `from`/`to` are component names
   * ("kube-apiserver-cp-1") or a machine ("laptop", "worker-1") for a client that is no component.
   */
  | { kind: 'trace/path'; session: string; summary: string; hops: TraceHop[] }
  /** More output of a following command; `exitCode` is set once it ended. */
  | {
      kind: 'shell/output'
      session: string
      stdout: string
      stderr: string
      exitCode?: number
      prompt?: string
    }

export type SimulationEventKind = SimulationEvent['kind']

/** Messages from a client to the simulation host. */
export type ClientMessage = { type: 'command'; id: number; command: Command }

export interface ReplyError {
  message: string
  /** A stable name for the failure, e.g. 'BadCommand', 'TaskLimitExceeded'. */
  code: string
}

/** Messages from the simulation host to a client. */
export type HostMessage =
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: ReplyError }
  | { type: 'event'; event: SimulationEvent }

/** A two-way message channel. Worker, Electron bridge and in-memory ports all have this shape. */
export interface Port<In, Out> {
  post(message: Out): void
  /** Subscribes to incoming messages; returns a function that unsubscribes. */
  onMessage(handler: (message: In) => void): () => void
}

/** The port a client holds: it sends ClientMessages and receives HostMessages. */
export type ClientPort = Port<HostMessage, ClientMessage>
/** The port the host holds. */
export type HostPort = Port<ClientMessage, HostMessage>
