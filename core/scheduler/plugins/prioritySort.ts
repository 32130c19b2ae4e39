/**
 * PrioritySort: the queue-sort plugin. Higher spec.priority first; among equals, the pod that
 * entered the queue earlier; among those (same virtual millisecond), the one added first.
 */
import type { Plugin } from '../plugin'

export const PRIORITY_SORT = 'PrioritySort'

export interface Sortable {
  readonly priority: number
  readonly timestampMs: number
  readonly sequence: number
}

export class PrioritySort implements Plugin {
  readonly name = PRIORITY_SORT

  less(a: Sortable, b: Sortable): boolean {
    if (a.priority !== b.priority) return a.priority > b.priority
    if (a.timestampMs !== b.timestampMs) return a.timestampMs < b.timestampMs
    return a.sequence < b.sequence
  }
}
