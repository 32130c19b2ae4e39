/** The shape of a lab cluster: how many machines of each role. Scenarios name one of these. */
export interface ClusterSpec {
  /** Control-plane nodes, each running a stacked etcd member (kubeadm style). 1 or 3 usually. */
  controlPlanes: number
  workers: number
}

export const DEFAULT_CLUSTER: ClusterSpec = { controlPlanes: 1, workers: 2 }
export const HA_CLUSTER: ClusterSpec = { controlPlanes: 3, workers: 2 }

export const MAX_CONTROL_PLANES = 7
export const MAX_WORKERS = 5_000

export function validateClusterSpec(spec: ClusterSpec): string[] {
  const problems: string[] = []
  const { controlPlanes, workers } = spec
  if (!Number.isInteger(controlPlanes) || controlPlanes < 1 || controlPlanes > MAX_CONTROL_PLANES) {
    problems.push(
      `controlPlanes must be an integer from 1 to ${MAX_CONTROL_PLANES}, got ${controlPlanes}`,
    )
  }
  if (!Number.isInteger(workers) || workers < 0 || workers > MAX_WORKERS) {
    problems.push(`workers must be an integer from 0 to ${MAX_WORKERS}, got ${workers}`)
  }
  return problems
}

/** Machine names as kubeadm labs name them: cp-1 … cp-N, worker-1 … worker-N. */
export function machineNames(spec: ClusterSpec): { controlPlanes: string[]; workers: string[] } {
  return {
    controlPlanes: Array.from({ length: spec.controlPlanes }, (_, i) => `cp-${i + 1}`),
    workers: Array.from({ length: spec.workers }, (_, i) => `worker-${i + 1}`),
  }
}
