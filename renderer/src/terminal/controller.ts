/**
 * One terminal tab's behaviour, between the screen (xterm, or a fake in tests) and the shell
 * session in the simulation. It owns the tab's LineEditor and decides what each key does.
 *
 * 1. Modes: `starting` (asking for the first prompt), `editing` (the line editor has the keys),
 *    `running` (a line was sent, waiting for its result), `following` (a command keeps printing
 *    through shell/output events), `ended` (the session said `closed`).
 * 2. Keys typed while not editing wait in a bounded queue (type-ahead, as a real terminal) and
 *    are handled in order once the prompt is back; Ctrl+C never waits: it interrupts.
 * 3. The prompt is always written at column 0: output that did not end its last line gets a
 *    line break first, so the editor's layout holds.
 * 4. Screen output goes through `write`; before a screen is attached it is buffered (bounded), so
 *    nothing printed between the tab's creation and its mount is lost.
 */
import type { ShellResult } from '../../../core/protocol'
import { parseKeys, type Key, type KeyName } from './keys'
import { LineEditor, type Completion } from './lineEditor'

export const MAX_QUEUED_KEYS = 4096
const MAX_BUFFERED_CHARS = 1_000_000
const HIDE_CURSOR = '\x1b[?25l'
const SHOW_CURSOR = '\x1b[?25h'

/** What the controller needs from the simulation, for this tab's current session. */
export interface ShellBackend {
  exec(line: string): Promise<ShellResult>
  interrupt(): Promise<ShellResult>
  complete(line: string): Promise<Completion>
  /** Replaces the closed session by a fresh one (a new session id). */
  restart(): void
}

/** The screen: xterm in the app. */
export interface Screen {
  write(data: string): void
  columns(): number
}

/** Words the controller prints itself, in the UI language. */
export interface ControllerText {
  sessionEnded(): string
  failed(message: string): string
  /** Said when the simulation was replaced (a lab started or ended) and the tab starts over. */
  replaced(): string
}

export type Mode = 'starting' | 'editing' | 'running' | 'following' | 'ended'

export interface ControllerState {
  mode: Mode
  prompt: string
}

type Queued = Key | { kind: 'command'; text: string }

/** Turns "\n" into the "\r\n" a terminal needs. */
export function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n')
}

export class TerminalController {
  readonly editor = new LineEditor()
  private mode: Mode = 'starting'
  private prompt = ''
  private screen: Screen | undefined
  private buffered = ''
  private atLineStart = true
  private queue: Queued[] = []
  private pumping = false
  private lastWasTab = false
  private interruptWanted = false

  constructor(
    private readonly backend: ShellBackend,
    private readonly text: ControllerText,
    private readonly changed: (state: ControllerState) => void = () => undefined,
  ) {}

  get state(): ControllerState {
    return { mode: this.mode, prompt: this.prompt }
  }

  /** Shows this tab on a screen; what was printed before is written first. */
  attach(screen: Screen): void {
    this.screen = screen
    this.editor.resize(screen.columns())
    if (this.buffered !== '') screen.write(this.buffered)
    this.buffered = ''
  }

  detach(): void {
    this.screen = undefined
  }

  resize(columns: number): void {
    this.editor.resize(columns)
  }

  /** Asks the session for its first prompt. */
  start(): Promise<void> {
    this.setMode('starting')
    return this.run(() => this.backend.exec(''))
  }

  /** Keys from the terminal, as xterm's onData gives them. */
  input(data: string): void {
    for (const key of parseKeys(data)) {
      if (key.kind === 'key' && key.name === 'interrupt' && this.mode !== 'editing') {
        this.interruptRunning()
        continue
      }
      this.enqueue(key)
    }
    void this.pump()
  }

  /** Runs a command as if typed (the YAML editor's Apply): echoed, with "> " continuations. */
  type(command: string): void {
    if (this.mode === 'following') this.interruptRunning()
    this.enqueue({ kind: 'command', text: command })
    void this.pump()
  }

  /**
   * The simulation was replaced: the session is gone with it, so this tab takes a fresh one and
   * asks for its prompt. Keys typed ahead for the old session are dropped.
   */
  renew(notice: string): Promise<void> {
    this.backend.restart()
    this.queue = []
    this.editor.remember(this.editor.line)
    this.print(`${this.atLineStart ? '' : '\n'}${notice}\n`)
    return this.start()
  }

  /** More output of the following command (a shell/output event for this session). */
  output(event: { output: string; exitCode?: number; prompt?: string }): void {
    this.print(event.output)
    if (event.exitCode === undefined || this.mode !== 'following') return
    this.showPrompt(event.prompt ?? this.prompt)
  }

  private enqueue(item: Queued): void {
    if (this.queue.length < MAX_QUEUED_KEYS) this.queue.push(item)
  }

  private async pump(): Promise<void> {
    if (this.pumping) return
    this.pumping = true
    try {
      while (this.queue.length > 0 && (this.mode === 'editing' || this.mode === 'ended')) {
        await this.handle(this.queue.shift()!)
      }
    } finally {
      this.pumping = false
    }
  }

  private async handle(item: Queued): Promise<void> {
    if (this.mode === 'ended') {
      if (item.kind === 'key' && item.name === 'enter') await this.restart()
      return
    }
    const wasTab = this.lastWasTab
    this.lastWasTab = item.kind === 'key' && item.name === 'tab'
    if (item.kind === 'command') {
      // A line that was being typed is kept in history rather than lost.
      this.editor.remember(this.editor.line)
      return this.submit(item.text)
    }
    if (item.kind === 'key') return this.key(item.name, wasTab)
    if (item.kind === 'paste') return this.paste(item.text)
    return this.write(this.editor.insert(item.text))
  }

  private async key(name: KeyName, wasTab: boolean): Promise<void> {
    const editor = this.editor
    switch (name) {
      case 'enter': {
        const { line, output } = editor.accept()
        this.write(output)
        return this.execute(line)
      }
      case 'tab':
        return this.complete(wasTab)
      case 'interrupt':
        this.write(editor.cancel())
        return this.run(() => this.backend.interrupt())
      case 'clear':
        return this.write('\x1b[H\x1b[2J' + editor.redraw())
      case 'eof':
        if (editor.line !== '') return this.write(editor.deleteForward())
        this.write('exit\r\n')
        return this.execute('exit')
      default:
        return this.write(EDITS[name](editor))
    }
  }

  /** A paste with line breaks runs at once, all of it in one shell/exec (heredocs included). */
  private paste(text: string): Promise<void> | void {
    if (!text.includes('\n')) return this.write(this.editor.insert(text))
    const editor = this.editor
    const whole =
      editor.line.slice(0, editor.cursorIndex) + text + editor.line.slice(editor.cursorIndex)
    return this.submit(whole.replace(/\n$/, ''))
  }

  /** Shows `command` on the prompt line as typed, then runs it. */
  private submit(command: string): Promise<void> {
    const [first = '', ...rest] = command.split('\n')
    this.write(this.editor.replaceLine(first))
    const { output } = this.editor.accept()
    this.write(output)
    const prefixes = continuationPrompts(command, this.prompt)
    rest.forEach((line, i) => this.write(`${prefixes[i]}${line}\r\n`))
    return this.execute(command)
  }

  private async complete(repeated: boolean): Promise<void> {
    const before = this.editor.line.slice(0, this.editor.cursorIndex)
    let completion: Completion
    try {
      completion = await this.backend.complete(before)
    } catch {
      return
    }
    // Still the same line (nothing was typed meanwhile: keys wait while this runs).
    this.write(this.editor.complete(completion, repeated))
  }

  private execute(line: string): Promise<void> {
    return this.run(() => this.backend.exec(line))
  }

  /** Sends a request that ends with a new prompt, and shows its result. */
  private async run(request: () => Promise<ShellResult>): Promise<void> {
    if (this.mode !== 'starting') this.setMode('running')
    this.interruptWanted = false
    let result: ShellResult
    try {
      result = await request()
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      this.print(`${this.text.failed(message)}\n`)
      this.showPrompt(this.prompt || '$ ')
      return
    }
    this.print(result.output)
    if (result.closed) return this.end()
    if (result.following) {
      this.prompt = result.prompt
      this.setMode('following')
      if (this.interruptWanted) this.interruptRunning()
      return
    }
    this.showPrompt(result.prompt)
  }

  private interruptRunning(): void {
    if (this.mode === 'running') {
      this.interruptWanted = true
      return
    }
    if (this.mode !== 'following') return
    void this.run(() => this.backend.interrupt())
  }

  private end(): void {
    this.setMode('ended')
    // No prompt, so no cursor: it would suggest the tab still takes commands.
    this.print(`\r\n${this.text.sessionEnded()}\r\n`)
    this.write(HIDE_CURSOR)
    void this.pump()
  }

  private async restart(): Promise<void> {
    this.backend.restart()
    this.write(`${SHOW_CURSOR}\x1b[H\x1b[2J\x1b[3J`)
    await this.start()
  }

  private showPrompt(prompt: string): void {
    if (!this.atLineStart) this.write('\r\n')
    this.prompt = prompt
    this.write(this.editor.begin(prompt))
    this.setMode('editing')
    void this.pump()
  }

  /** Output of the shell, with "\n" line endings. */
  private print(data: string): void {
    this.write(toTerminal(data))
  }

  /** Everything goes out here, which tracks whether the last line was ended, for the prompt. */
  private write(data: string): void {
    if (data === '') return
    this.atLineStart = data.endsWith('\n') || data.endsWith('\x1b[2J') || data.endsWith('\x1b[3J')
    if (this.screen !== undefined) this.screen.write(data)
    else if (this.buffered.length + data.length <= MAX_BUFFERED_CHARS) this.buffered += data
  }

  private setMode(mode: Mode): void {
    this.mode = mode
    this.changed(this.state)
  }
}

/** The keys that only edit the line. */
const EDITS: Record<
  Exclude<KeyName, 'enter' | 'tab' | 'interrupt' | 'clear' | 'eof'>,
  (editor: LineEditor) => string
> = {
  backspace: (e) => e.backspace(),
  delete: (e) => e.deleteForward(),
  left: (e) => e.left(),
  right: (e) => e.right(),
  wordLeft: (e) => e.wordLeft(),
  wordRight: (e) => e.wordRight(),
  home: (e) => e.home(),
  end: (e) => e.end(),
  up: (e) => e.previous(),
  down: (e) => e.next(),
  killToStart: (e) => e.killToStart(),
  killToEnd: (e) => e.killToEnd(),
  killWordBack: (e) => e.killWordBack(),
}

/**
 * The prompt bash shows before each line after the first of a multi-line input: "> " inside a
 * heredoc (from `<<EOF` to its end line), the normal prompt for a new command otherwise.
 */
export function continuationPrompts(command: string, prompt: string): string[] {
  const prefixes: string[] = []
  let delimiter: string | undefined
  let quote: string | undefined
  const lines = command.split('\n')
  for (const [i, line] of lines.entries()) {
    if (i > 0) prefixes.push(delimiter === undefined && quote === undefined ? prompt : '> ')
    if (delimiter !== undefined) {
      if (line.replace(/^\t+/, '') === delimiter) delimiter = undefined
      continue
    }
    // A quote left open, a trailing backslash, pipe or && also continue on the next line.
    for (let j = 0; j < line.length; j++) {
      const ch = line[j]!
      if (quote === undefined && ch === '\\') j++
      else if (quote === undefined && (ch === '"' || ch === "'")) quote = ch
      else if (ch === quote) quote = undefined
    }
    const heredoc = quote === undefined ? /<<-?\s*(['"]?)([A-Za-z_][\w-]*)\1/.exec(line) : null
    if (heredoc) delimiter = heredoc[2]
    else if (quote === undefined && /(\\|\||&&|\|\|)\s*$/.test(line)) quote = ''
    else if (quote === '') quote = undefined
  }
  return prefixes
}
