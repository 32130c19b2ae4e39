/**
 * What a shell command gets to work with, and what it is.
 *
 * A command runs synchronously: it reads its whole standard input (a pipe, a heredoc, a file
 * given with `<`), writes to its standard output and error, and returns bash's exit status.
 * Commands that keep printing as the cluster changes (`kubectl get -w`, `logs -f`,
 * `journalctl -f`) print what there is now and hand a Follower to the session, which polls it
 * each time virtual time moves, until it ends or the learner presses Ctrl+C.
 */
import type { Component, Language, Machine, TraceHop } from '../protocol'
import type { ActiveFault } from '../faults/faults'
import type { FaultKind, FaultKindId, FaultTarget } from '../faults/catalogue'
import type { Reason } from '../explain/explain'
import type { KubernetesCluster } from '../kubernetes/cluster'
import type { FileSystem } from './fileSystem'

/** The learner's own computer: where the terminal opens, outside the cluster's machines. */
export const LAPTOP = 'laptop'

/** The machine a command runs on. */
export interface MachineView {
  /** 'laptop', or a machine of the lab ("cp-1", "worker-1"). */
  readonly name: string
  readonly role: 'laptop' | 'control-plane' | 'worker'
  /** The address other machines reach it at (the laptop's host-only address for 'laptop'). */
  readonly ip: string
}

/** What the simulation lends a shell session. */
export interface ShellHost {
  /** Virtual time, ms since the simulation started (negative during the warm-up). */
  nowMs(): number
  /** Lets virtual time pass, running everything due meanwhile. */
  advance(ms: number): void
  machines(): Machine[]
  components(): Component[]
  /** The Kubernetes cluster, or undefined in a bare world (UI and shell tests). */
  readonly kubernetes: KubernetesCluster | undefined
  /** The fault catalogue and the active faults, as the app's fault menus use them. */
  readonly faults: {
    kinds(): readonly FaultKind[]
    apply(kind: FaultKindId, target: FaultTarget): ActiveFault
    heal(id: string): ActiveFault
    healAll(): ActiveFault[]
    list(): ActiveFault[]
  }
  /** The cross-component explanation for a subject ("Pod default/web-1", "Node worker-1"). */
  why(subject: string): Reason[]
  /** A machine by name ('laptop' included), or undefined when the lab has no such machine. */
  machine(name: string): MachineView | undefined
  /** The files of a machine; every session on that machine shares them. */
  files(machine: string): FileSystem
  /** Reports the path a command's request took, for the topology to light up. */
  trace(summary: string, hops: TraceHop[]): void
  /** Records a command line the learner ran, for lab checks ("a command was run"). */
  record(entry: CommandRecord): void
  /** Challenge mode: a hidden fault to find and repair (core/labs/challenge.ts). */
  readonly challenge: {
    /** Starts one; false when one is already running. */
    start(): boolean
    /** Whether one runs, and whether it is repaired yet. */
    state(): { repaired: boolean } | undefined
    /** Ends it, healing the fault if it is still active, and says what it was. */
    reveal(language: Language): string | undefined
  }
}

/** One command line run in a session, as lab checks see it. */
export interface CommandRecord {
  session: string
  /** Where it ran: 'laptop' or a node. */
  machine: string
  line: string
  exitCode: number
  /** Virtual time when it started. */
  atMs: number
}

/** Where the session is, and what it keeps between commands. */
export interface ShellContext {
  readonly host: ShellHost
  /** The learner's UI language, for KubeLab's own messages (real tools always speak English). */
  readonly language: Language
  readonly machine: MachineView
  /** The files of the machine the command runs on. */
  readonly fs: FileSystem
  /** The working directory, absolute. */
  readonly cwd: string
  /** Makes `path` absolute against the working directory, resolving `.`, `..` and `~`. */
  resolve(path: string): string
  /** Exported variables ($HOME, $KUBECONFIG…), as the command's environment. */
  readonly env: ReadonlyMap<string, string>
  /**
   * Runs a whole command line on another machine as a nested shell would (`ssh worker-1 ps aux`,
   * `kubectl exec` into a container is not this: it runs the container's program).
   */
  runOn(machine: string, line: string, io: CommandIO): number
  /** Keeps the command running after it returns: see Follower. Only the foreground command may. */
  follow(follower: Follower): void
  /**
   * The machine went away under this shell (`reboot`, `poweroff`): the rest of the input does
   * not run there, and an ssh session drops back to where it came from, with no `logout`.
   */
  disconnect(): void
}

export interface CommandOutput {
  out(text: string): void
  err(text: string): void
}

export interface CommandIO extends CommandOutput {
  /** Everything on standard input ('' when none: a terminal with nothing typed ahead). */
  readonly stdin: string
  /**
   * True when standard output is the terminal (not a pipe, a file or $(…)): `ls` prints
   * columns then, one name per line otherwise, as the real tools decide with isatty(1).
   */
  readonly tty?: boolean
}

/** A command that goes on printing as time passes (`kubectl get -w`, `journalctl -f`). */
export interface Follower {
  /**
   * Called after virtual time moved: writes what happened since the last call. Returns the exit
   * status when the command ended by itself, or undefined while it goes on.
   */
  poll(output: CommandOutput): number | undefined
  /** Ctrl+C: the command stops; it may print a last line. Bash reports status 130 after it. */
  interrupt?(output: CommandOutput): void
}

export interface ShellCommand {
  readonly name: string
  /** Whether the command is installed on that machine (crictl on nodes only, for instance). */
  availableOn?(machine: MachineView): boolean
  /** Runs the command with its arguments (the name excluded); returns the exit status. */
  run(args: string[], context: ShellContext, io: CommandIO): number
  /**
   * Completions for the word being typed (`words` are the words before it, the command name
   * excluded; `partial` is the word so far). Optional: file names are completed otherwise.
   */
  complete?(words: string[], partial: string, context: ShellContext): string[]
}
