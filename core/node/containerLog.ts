/**
 * A container's log: what the shim writes to /var/log/pods/<ns>_<pod>_<uid>/<container>/<n>.log
 * and `kubectl logs` / `crictl logs` read back. A ring buffer, so a chatty container costs a
 * bounded amount of memory (the kubelet rotates real log files at 10 MiB, keeping 5).
 */
import { rfc3339Nano } from './timeFormat'

export interface LogLine {
  atMs: number
  stream: 'stdout' | 'stderr'
  text: string
}

/**
 * Lines kept per container; older ones are rotated away. A bound on memory across many pods
 * (a probed nginx logs a line per probe); the kubelet's 10 MiB rotation is not simulated.
 */
export const MAX_LOG_LINES = 1000

export interface ReadLogOptions {
  tailLines?: number
  timestamps?: boolean
}

export class ContainerLog {
  private readonly lines: LogLine[] = []
  private start = 0

  constructor(private readonly capacity = MAX_LOG_LINES) {}

  append(line: LogLine): void {
    if (this.lines.length < this.capacity) {
      this.lines.push(line)
      return
    }
    this.lines[this.start] = line
    this.start = (this.start + 1) % this.capacity
  }

  get size(): number {
    return this.lines.length
  }

  /** Oldest first. */
  entries(): LogLine[] {
    return [...this.lines.slice(this.start), ...this.lines.slice(0, this.start)]
  }

  /** The log as text, one line each with a trailing newline, as kubectl logs prints it. */
  read(options: ReadLogOptions = {}): string {
    let entries = this.entries()
    if (options.tailLines !== undefined && options.tailLines >= 0) {
      entries = options.tailLines === 0 ? [] : entries.slice(-options.tailLines)
    }
    return entries
      .map((e) => `${options.timestamps === true ? `${rfc3339Nano(e.atMs)} ` : ''}${e.text}\n`)
      .join('')
  }
}
