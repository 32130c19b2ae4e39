/**
 * What each component has written: the kubelet's and containerd's journals (journalctl -u), and
 * the control-plane processes' output. Bounded per component, oldest lines dropped first.
 */
export const MAX_LINES_PER_COMPONENT = 2000

export class ComponentLogs {
  private readonly lines = new Map<string, string[]>()

  append(component: string, line: string): void {
    const list = this.lines.get(component) ?? []
    list.push(line)
    if (list.length > MAX_LINES_PER_COMPONENT) list.splice(0, list.length - MAX_LINES_PER_COMPONENT)
    this.lines.set(component, list)
  }

  /** The last `n` lines (all when n is undefined). */
  tail(component: string, n?: number): readonly string[] {
    const list = this.lines.get(component) ?? []
    return n === undefined ? list : list.slice(Math.max(0, list.length - n))
  }
}
