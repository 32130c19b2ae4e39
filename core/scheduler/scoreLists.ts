/**
 * The per-plugin score lists of the "why?" rows (decision.ts), one array shared by every row
 * with the same scores. A decision is kept for every pod and alike nodes score alike, so most
 * rows of a cluster's decisions carry one of a few lists: sharing them saves more than half of
 * what a row keeps, and the garbage collector's copying of it. Shared lists are read-only.
 *
 * Only lists of up to 7 whole scores in [0, 100] are shared: their key (the length, then the
 * scores, as digits in base 101) is then an exact integer below 2^53. Other lists are built
 * fresh, as are all lists once MAX_LISTS are remembered.
 */
import type { PluginScores } from './schedulePod'

const MAX_SHARED_LENGTH = 7
const MAX_LISTS = 10_000

export class ScoreLists {
  private readonly lists = new Map<number, number[]>()

  /** The scores of feasible node `i`, in plugin order. */
  get(scores: readonly PluginScores[], i: number): number[] {
    const n = scores.length
    let key = n
    for (let k = 0; k < n && key >= 0; k++) {
      const score = scores[k]!.scores[i]!
      // -0 is a whole number too, but a shared 0 would not be the same value.
      if (Number.isInteger(score) && score >= 0 && score <= 100 && !Object.is(score, -0)) {
        key = key * 101 + score
      } else key = -1
    }
    if (n > MAX_SHARED_LENGTH) key = -1
    let list = key < 0 ? undefined : this.lists.get(key)
    if (list === undefined) {
      // A loop into an array of the right size: map's callback and growth cost more, per row.
      list = new Array<number>(n)
      for (let k = 0; k < n; k++) list[k] = scores[k]!.scores[i]!
      if (key >= 0 && this.lists.size < MAX_LISTS) this.lists.set(key, list)
    }
    return list
  }
}
