/**
 * helper.DefaultNormalizeScore: scales raw scores so the highest becomes `maxPriority`
 * (integer division, as Go's int64), optionally reversed so that fewer is better.
 */
export function defaultNormalizeScore(
  maxPriority: number,
  reverse: boolean,
  scores: Float64Array | number[],
): void {
  let maxCount = 0
  // An indexed loop: for…of over a typed array runs several times slower in V8.
  for (let i = 0; i < scores.length; i++) if (scores[i]! > maxCount) maxCount = scores[i]!
  if (maxCount === 0) {
    if (reverse) scores.fill(maxPriority)
    return
  }
  for (let i = 0; i < scores.length; i++) {
    const score = Math.trunc((maxPriority * scores[i]!) / maxCount)
    scores[i] = reverse ? maxPriority - score : score
  }
}
