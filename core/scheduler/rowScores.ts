/**
 * One score plugin's scores of the node table's rows, kept from cycle to cycle. A score that
 * depends only on a node's numbers in the table and on two numbers of the pod holds as long as
 * the row keeps its stamp (nodeTable.ts) and the pod's numbers stay the same: the pods of a
 * Deployment are alike, and between two visits of a node (every tenth pod at 5,000 nodes) few
 * nodes change, so most nodes of a cycle keep the score of their last visit, without its
 * divisions.
 *
 * Invariants:
 * 1. `scores[r]` is the plugin's score of row r for the current pod numbers exactly when
 *    `stamps[r]` equals the table's stamp of row r (table stamps start at 1; 0 means none).
 * 2. Keeping a score is exact: it is the value the plugin computed from the same inputs.
 */
import type { NodeTable } from './nodeTable'

export class RowScores {
  /** The table stamp each row's score was computed at, or 0. */
  stamps = new Float64Array(0)
  scores = new Float64Array(0)
  private podA = Number.NaN
  private podB = Number.NaN

  /** Prepares a cycle for a pod with these numbers: other numbers void every kept score. */
  begin(table: NodeTable, podA: number, podB: number): void {
    const rows = table.stamp.length
    if (this.stamps.length < rows) {
      this.stamps = new Float64Array(rows)
      this.scores = new Float64Array(rows)
    } else if (podA !== this.podA || podB !== this.podB) this.stamps.fill(0)
    this.podA = podA
    this.podB = podB
  }
}
