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
export type { Inspection, LogSource } from './inspect/inspect'
import type { Inspection } from './inspect/inspect'
import type { Reason } from './explain/explain'
export type { FaultKind, FaultKindId, FaultTarget } from './faults/catalogue'
import type { ActiveFault } from './faults/faults'
import type { FaultKind, FaultKindId, FaultTarget } from './faults/catalogue'
export type { Localized } from './labs/text'
import type { Localized } from './labs/text'
export type { Progress as LabProgressDocument } from './labs/progress'
import type { Progress as LabProgressDocument } from './labs/progress'
export type * from './observe/summary'
import type {
  FlowMessage,
  KubeChange,
  KubeSummary,
  LogLine,
  ResourceInspection,
  StatsSample,
  SummaryKind,
} from './observe/summary'
export type { SchedulingDecision, NodeDecision, FilterVerdict } from './scheduler/decision'

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
  /** Standard output and error together, in the order they were written: what a terminal shows. */
  output: string
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

/** A lab as the catalogue shows it (a card). */
export interface LabSummary {
  id: string
  title: Localized
  /** Minutes a learner needs, about. */
  duration: number
  difficulty: 'beginner' | 'intermediate' | 'advanced'
  concepts: string[]
  /** Position in the course. */
  order: number
  /** The ids of its steps, in order: with a saved progress, what a card's "3/6" counts. */
  stepIds: string[]
  /** The folder's name when the lab was loaded from a folder the learner chose (lab/load). */
  source?: string
}

export type LabStepStatus = 'pending' | 'current' | 'done'

/** A lab check's verdict, with its reason in both languages. */
export interface LabCheckResult {
  ok: boolean
  reason: Localized
}

export interface LabStepView {
  id: string
  title: Localized
  /** The step's Markdown, in both languages. */
  text: Localized
  status: LabStepStatus
  /** The last check of this step (live or asked for), if it was checked since the lab began. */
  check?: LabCheckResult
  /** The hints opened so far, first to last, and how many there are in all. */
  hints: Localized[]
  hintCount: number
  /** The reference solution's command lines, once revealed. */
  solution?: string[]
}

export interface LabQuestionView {
  id: string
  type: 'choice' | 'short'
  /** The step after which it is asked; absent: at the end of the lab. */
  after?: string
  prompt: Localized
  choices?: Localized[]
  /** True once its step is done (or the lab is, for questions asked at the end). */
  open: boolean
  answered: boolean
  response?: number | string
  correct?: boolean
  /** Shown once answered. */
  explanation?: Localized
}

/** Everything the lab panel shows of the running lab. */
export interface LabView {
  lab: LabSummary
  steps: LabStepView[]
  questions: LabQuestionView[]
  completed: boolean
  /** The learner's whole progress document (every lab), for the app to save as it is. */
  progress: LabProgressDocument
  /** Set by lab/start when part of the progress given was damaged and dropped. */
  notice?: Localized
}

/** One file of a labs folder the learner chose, by its path from that folder ('/'-separated). */
export interface LabFolderFile {
  path: string
  text: string
}

/** Challenge mode: a hidden fault to find and repair (core/labs/challenge.ts). */
export interface ChallengeStatus {
  /** The virtual time it started at. */
  sinceMs: number
  repaired: boolean
  /** What was broken: given only once it is repaired (before, it would give the game away). */
  what?: Localized
}

/** How a challenge ended (challenge/reveal): what it was, and whether it had been repaired. */
export interface ChallengeEnd {
  what: Localized
  repaired: boolean
}

/** The commands a bare simulation handles (the lab host adds LabCommandSpecs on top). */
export interface SimulationCommandSpecs {
  'simulation/describe': { params: object; result: SimulationInfo }
  /** The world's objects and the revision they are at: an informer's initial list. */
  'world/list': { params: object; result: { resourceVersion: number; items: WorldObject[] } }
  'clock/advance': { params: { ms: number }; result: { nowMs: number } }
  /** The fault kinds the simulation offers, and where each applies. */
  'fault/kinds': { params: object; result: { kinds: FaultKind[] } }
  /**
   * `hidden`: a challenge's fault. It is not announced (no fault/applied event, no reason in the
   * explain log), not listed by fault/list unless asked, and not healed by fault/heal-all.
   */
  'fault/apply': {
    params: { fault: FaultKindId; target: FaultTarget; hidden?: boolean }
    result: ActiveFault
  }
  'fault/heal': { params: { id: string }; result: ActiveFault }
  'fault/heal-all': { params: object; result: { healed: ActiveFault[] } }
  'fault/list': { params: { includeHidden?: boolean }; result: { active: ActiveFault[] } }
  /** Why a subject ("Pod default/web-7c9f-abcde", "Node worker-1") is as it is: a chain of reasons. */
  'explain/why': { params: { subject: string }; result: { chain: Reason[] } }
  /**
   * What the inspector shows of a component ("kube-apiserver-cp-1") or a machine ("worker-1"):
   * state, ports, process flags, recent log lines and the why chain. Unknown names: NotFound.
   */
  'inspect/object': {
    params: { object: 'Component' | 'Machine'; name: string }
    result: Inspection
  }
  /**
   * The Kubernetes objects the views draw, as summaries read from etcd (the ground truth), and
   * the etcd revision they are at: the initial list of the app's kube informer.
   */
  'kube/list': { params: object; result: { revision: number; items: KubeSummary[] } }
  /** Everything the inspector shows of one Kubernetes object. Unknown objects: NotFound. */
  'inspect/resource': {
    params: { object: SummaryKind; namespace?: string; name: string }
    result: ResourceInspection
  }
  /** The charts' samples (one per STATS_INTERVAL_MS of virtual time, bounded), after `sinceMs`. */
  'stats/history': { params: { sinceMs?: number }; result: { samples: StatsSample[] } }
  /** The last component log lines (bounded), after `sinceMs`: the timeline's initial list. */
  'log/list': { params: { sinceMs?: number }; result: { lines: LogLine[] } }
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

/** The labs: the host swaps the simulation for a lab's own and checks its steps. */
export interface LabCommandSpecs {
  /** The labs the host can run, in course order, and why any others could not be read. */
  'lab/list': { params: object; result: { labs: LabSummary[]; problems: string[] } }
  /**
   * Replaces the simulation with a fresh one built from the lab's seed and cluster; with saved
   * progress, the steps done in it are replayed from their solutions. Emits simulation/replaced.
   */
  'lab/start': { params: { id: string; progress?: LabProgressDocument }; result: LabView }
  'lab/view': { params: object; result: LabView | null }
  /** Checks the current step now (and moves on while steps pass). */
  'lab/check': { params: object; result: LabView }
  /** Opens the next hint of the current step, whose id must be `step`. */
  'lab/hint': { params: { step: string }; result: LabView }
  'lab/solution': { params: { step: string }; result: LabView }
  'lab/answer': { params: { question: string; answer: number | string }; result: LabView }
  /** Forgets this lab's progress and starts it again on a fresh simulation. */
  'lab/reset': { params: object; result: LabView }
  /** Back to a free sandbox cluster. Emits simulation/replaced. */
  'lab/leave': { params: object; result: { left: boolean } }
  /**
   * Adds the labs of a folder the learner chose (its files, read by the app), validated like the
   * built-in ones, in place of any folder loaded before. Bounded: see core/labs/folder.ts.
   * `folder` is the folder's own name; each file's path starts with it.
   */
  'lab/load': {
    params: { folder: string; files: LabFolderFile[] }
    result: { labs: LabSummary[]; problems: string[] }
  }
  /**
   * Challenge mode on the current simulation (the same one `fault challenge` runs): a seeded
   * random fault, applied hidden. Starting while one runs returns the running one.
   */
  'challenge/start': { params: object; result: ChallengeStatus }
  'challenge/status': { params: object; result: ChallengeStatus | null }
  /** Ends the challenge, healing its fault if still active, and says what it was. */
  'challenge/reveal': { params: object; result: ChallengeEnd }
}

/** Every command, its parameters and its result. */
export interface CommandSpecs extends SimulationCommandSpecs, LabCommandSpecs {}

export type CommandKind = keyof CommandSpecs
export type SimulationCommandKind = keyof SimulationCommandSpecs
export type LabCommandKind = keyof LabCommandSpecs

export type Command = {
  [K in CommandKind]: { kind: K } & CommandSpecs[K]['params']
}[CommandKind]

export type CommandOf<K extends CommandKind> = Extract<Command, { kind: K }>
export type SimulationCommand = CommandOf<SimulationCommandKind>
export type ResultOf<K extends CommandKind> = CommandSpecs[K]['result']

/** What the simulation reports as it runs. */
export type SimulationEvent =
  | { kind: 'world/changed'; type: WatchEventType; object: WorldObject; resourceVersion: number }
  | { kind: 'clock/ticked'; nowMs: number }
  | { kind: 'fault/applied'; fault: ActiveFault }
  | { kind: 'fault/healed'; fault: ActiveFault }
  /**
   * Kubernetes objects changed in etcd: one batch per command or advance of time, coalesced per
   * object (the last state wins), so a view redraws once however many writes there were.
   */
  | { kind: 'kube/changed'; revision: number; changes: KubeChange[] }
  /** Lines the components wrote, one batch per command or advance of time. */
  | { kind: 'log/appended'; lines: LogLine[] }
  /**
   * Who talked to whom since the last batch (one per command or advance of time), aggregated and
   * bounded: past FLOW_BATCH_LIMIT kinds of message the rest are only counted in `dropped`.
   */
  | { kind: 'flow/messages'; messages: FlowMessage[]; dropped: number }
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
      /** Both streams in the order they were written. */
      output: string
      exitCode?: number
      prompt?: string
    }
  /** A step's status changed on a live check (after a command or an advance of time). */
  | { kind: 'lab/changed'; view: LabView }
  /**
   * The challenge started, was repaired (on a live check after a command or an advance of
   * time) or ended; null once none runs.
   */
  | { kind: 'challenge/changed'; status: ChallengeStatus | null }
  /**
   * The simulation was swapped for another (a lab started, was reset or left): every client
   * must forget what it knew and read the world, the time and its shell sessions afresh.
   */
  | { kind: 'simulation/replaced'; info: SimulationInfo }

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
