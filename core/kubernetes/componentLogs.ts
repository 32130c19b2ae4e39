/**
 * What each component has written: the kubelet's and containerd's journals (journalctl -u), and
 * the control-plane processes' output, keyed by the component's drawn name ("kubelet-worker-1",
 * "kube-scheduler-cp-1", "containerd-cp-1").
 *
 * Invariants:
 * 1. Per component, at most MAX_LINES_PER_COMPONENT lines are kept, oldest dropped first: what
 *    journalctl and the component inspector read (`tail`).
 * 2. Across components, the last MAX_RECENT_LINES lines are kept in the order they were written,
 *    each stamped with the virtual time it was written at: what the timeline reads (`recent`,
 *    `after`). Keeping them costs O(1) per line and allocates nothing.
 * 3. `appended` counts every line ever written, so a reader that remembers the count it last saw
 *    asks for exactly what came after it.
 */
import type { LogLine } from '../observe/summary'

export const MAX_LINES_PER_COMPONENT = 2000
export const MAX_RECENT_LINES = 5000

export class ComponentLogs {
  private readonly lines = new Map<string, string[]>()
  /** Invariant 2: a ring, slot `n % MAX_RECENT_LINES` holding the n-th line written. */
  private readonly ringAtMs = new Float64Array(MAX_RECENT_LINES)
  private readonly ringComponent: string[] = new Array<string>(MAX_RECENT_LINES).fill('')
  private readonly ringText: string[] = new Array<string>(MAX_RECENT_LINES).fill('')
  private count = 0

  /** `now` gives the virtual time a line is written at. */
  constructor(private readonly now: () => number) {}

  append(component: string, line: string): void {
    const list = this.lines.get(component) ?? []
    list.push(line)
    // Trimmed in bulk at twice the limit, so a busy component costs O(1) per line, not a shift
    // of 2,000 lines each time; `tail` shows only the newest MAX_LINES_PER_COMPONENT.
    if (list.length > 2 * MAX_LINES_PER_COMPONENT)
      list.splice(0, list.length - MAX_LINES_PER_COMPONENT)
    this.lines.set(component, list)
    const slot = this.count % MAX_RECENT_LINES
    this.ringAtMs[slot] = this.now()
    this.ringComponent[slot] = component
    this.ringText[slot] = line
    this.count++
  }

  /** The last `n` lines of one component (all it kept when n is undefined). */
  tail(component: string, n?: number): readonly string[] {
    const list = this.lines.get(component) ?? []
    const keep = Math.min(n ?? MAX_LINES_PER_COMPONENT, MAX_LINES_PER_COMPONENT)
    return list.length <= keep ? list : list.slice(list.length - keep)
  }

  /** How many lines were ever written (invariant 3). */
  get appended(): number {
    return this.count
  }

  /** The lines written after the first `count`, oldest first: the newest `limit` of them. */
  after(count: number, limit = MAX_RECENT_LINES): LogLine[] {
    const from = Math.max(count, this.count - Math.min(limit, MAX_RECENT_LINES), 0)
    const out: LogLine[] = []
    for (let n = from; n < this.count; n++) out.push(this.line(n))
    return out
  }

  /** The kept lines written after `sinceMs` (all kept when absent), oldest first. */
  recent(sinceMs?: number): LogLine[] {
    const lines = this.after(0)
    return sinceMs === undefined ? lines : lines.filter((l) => l.atMs > sinceMs)
  }

  private line(n: number): LogLine {
    const slot = n % MAX_RECENT_LINES
    return {
      atMs: this.ringAtMs[slot]!,
      component: this.ringComponent[slot]!,
      text: this.ringText[slot]!,
    }
  }
}
