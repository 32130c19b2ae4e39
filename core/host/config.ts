/** How a host asks for a simulation: the seed and cluster shape, read from the worker's data. */
import { DEFAULT_CLUSTER, type ClusterSpec } from '../cluster/spec'
import type { SimulationOptions } from '../simulation'

export const DEFAULT_SEED = 1

export function simulationOptions(data: unknown): SimulationOptions {
  const d = (typeof data === 'object' && data !== null ? data : {}) as {
    seed?: unknown
    cluster?: unknown
  }
  const seed = Number.isInteger(d.seed) ? (d.seed as number) : DEFAULT_SEED
  const cluster = (
    typeof d.cluster === 'object' && d.cluster !== null ? d.cluster : DEFAULT_CLUSTER
  ) as ClusterSpec
  return { seed, cluster }
}
