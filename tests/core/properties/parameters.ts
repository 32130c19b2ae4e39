/**
 * fast-check parameters for the property tests. On failure fast-check prints the seed and the
 * path of the counterexample; to replay it, run
 *   KUBELAB_PROPERTY_SEED=<seed> KUBELAB_PROPERTY_PATH=<path> npx vitest run tests/core/properties
 * Without KUBELAB_PROPERTY_PATH the whole search replays from that seed. For a longer search
 * than the suite's, set KUBELAB_PROPERTY_RUNS to a multiplier of every property's runs.
 */
import type fc from 'fast-check'

export function parameters<T>(numRuns: number): fc.Parameters<T> {
  const seed = process.env['KUBELAB_PROPERTY_SEED']
  const path = process.env['KUBELAB_PROPERTY_PATH']
  const scale = Number(process.env['KUBELAB_PROPERTY_RUNS'] ?? '1')
  return {
    numRuns: Math.max(1, Math.round(numRuns * (Number.isFinite(scale) ? scale : 1))),
    ...(seed === undefined || seed === '' ? {} : { seed: Number(seed) }),
    ...(path === undefined || path === '' ? {} : { path }),
  }
}
