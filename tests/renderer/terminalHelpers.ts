/**
 * A real xterm.js Terminal (never opened: no DOM rendering, which happy-dom cannot do) used as
 * the screen in terminal tests, so the line editor's escape sequences are checked by the
 * emulator the app uses rather than by string comparison.
 */
import { Terminal } from '@xterm/xterm'

export interface TestScreen {
  terminal: Terminal
  write(data: string): void
  columns(): number
  /** Resolves once everything written so far is parsed. */
  flush(): Promise<void>
  /** The rows from the top of the buffer, trailing spaces trimmed, trailing empty rows dropped. */
  rows(): Promise<string[]>
  /** The cursor's row and column in the buffer. */
  cursor(): Promise<{ row: number; column: number }>
}

export function testScreen(columns = 80, rows = 24): TestScreen {
  const terminal = new Terminal({ cols: columns, rows, allowProposedApi: true })
  let pending = ''
  const flush = (): Promise<void> => {
    const data = pending
    pending = ''
    return new Promise((resolve) => terminal.write(data, resolve))
  }
  return {
    terminal,
    write: (data) => void (pending += data),
    columns: () => terminal.cols,
    flush,
    async rows() {
      await flush()
      const buffer = terminal.buffer.active
      const lines: string[] = []
      for (let y = 0; y < buffer.length; y++) {
        lines.push((buffer.getLine(y)?.translateToString(true) ?? '').trimEnd())
      }
      while (lines.length > 0 && lines.at(-1) === '') lines.pop()
      return lines
    },
    async cursor() {
      await flush()
      const buffer = terminal.buffer.active
      return { row: buffer.baseY + buffer.cursorY, column: buffer.cursorX }
    },
  }
}
