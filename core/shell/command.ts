/** What a shell command gets to work with, and what it is. */
import type { Component, Language, Machine } from '../protocol'

/** What the simulation lends a shell session. */
export interface ShellHost {
  /** Virtual time, ms since the simulation started. */
  nowMs(): number
  /** Lets virtual time pass, running everything due meanwhile. */
  advance(ms: number): void
  machines(): Machine[]
  components(): Component[]
}

/** What one command run sees: the host, and the language the learner uses right now. */
export interface ShellContext extends ShellHost {
  readonly language: Language
}

export interface CommandOutput {
  out(text: string): void
  err(text: string): void
}

export interface ShellCommand {
  readonly name: string
  /** Runs the command with its arguments (the name excluded); returns the exit status. */
  run(args: string[], context: ShellContext, output: CommandOutput): number
}
