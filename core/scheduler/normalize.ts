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
  for (const score of scores) if (score > maxCount) maxCount = score
  if (maxCount === 0) {
    if (reverse) scores.fill(maxPriority)
    return
  }
  for (let i = 0; i < scores.length; i++) {
    const score = Math.trunc((maxPriority * scores[i]!) / maxCount)
    scores[i] = reverse ? maxPriority - score : score
  }
}
