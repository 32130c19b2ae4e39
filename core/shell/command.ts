/** What a shell command gets to work with, and what it is. */
import type { Component, Language, Machine } from '../protocol'

export interface ShellContext {
  readonly language: Language
  /** Virtual time, ms since the simulation started. */
  nowMs(): number
  /** Lets virtual time pass, running everything due meanwhile. */
  advance(ms: number): void
  machines(): Machine[]
  components(): Component[]
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
