/**
 * The charts' samples: every STATS_INTERVAL_MS of virtual time, the pods by phase, each node's
 * requested CPU and memory against its allocatable, and the leading scheduler's queue.
 *
 * Invariants:
 * 1. Samples are taken by a task on the simulation's clock, at multiples of STATS_INTERVAL_MS,
 *    so a sample shows the cluster as it was at that instant however long an advance is. The
 *    task only reads: it draws no random number and writes nothing, and a task added to the
 *    clock leaves the order of every other task as it was (the clock orders by time, then by
 *    the order of scheduling), so the simulation runs as it would without it.
 * 2. Unobserved, the task takes no sample (the benchmark pays one no-op task per interval).
 * 3. At most MAX_SAMPLES are kept, the oldest dropped first: one hour at one per 10 s.
 */
import type { Node, Pod } from '../api/types'
import { milliValueOrZero, valueOrZero } from '../api/quantity'
import type { Clock } from '../clock'
import type { KubernetesCluster } from '../kubernetes/cluster'
import { podResources } from '../scheduler/resources'
import type { PodPhase, StatsSample } from './summary'

export const STATS_INTERVAL_MS = 10_000
export const MAX_SAMPLES = 360

const PODS_PREFIX = '/registry/pods/'
const NODES_PREFIX = '/registry/minions/'

export class StatsSampler {
  private readonly samples: StatsSample[] = []

  constructor(
    private readonly cluster: KubernetesCluster,
    private readonly clock: Clock,
    private readonly observed: () => boolean,
  ) {
    this.scheduleNext()
  }

  /** The samples taken after `sinceMs` (all when absent), oldest first. */
  history(sinceMs?: number): StatsSample[] {
    return sinceMs === undefined ? [...this.samples] : this.samples.filter((s) => s.atMs > sinceMs)
  }

  private scheduleNext(): void {
    const nowMs = this.clock.nowMs
    const next = (Math.floor(nowMs / STATS_INTERVAL_MS) + 1) * STATS_INTERVAL_MS
    this.clock.schedule(next - nowMs, 'kubelab/stats', () => {
      if (this.observed()) this.keep(sample(this.cluster, this.clock.nowMs))
      this.scheduleNext()
    })
  }

  private keep(sample: StatsSample): void {
    this.samples.push(sample)
    if (this.samples.length > MAX_SAMPLES) this.samples.shift()
  }
}

/** The cluster now, as etcd and the running scheduler see it. */
export function sample(cluster: KubernetesCluster, atMs: number): StatsSample {
  const podsByPhase: Record<PodPhase, number> = {
    Pending: 0,
    Running: 0,
    Succeeded: 0,
    Failed: 0,
    Unknown: 0,
  }
  const requested = new Map<string, { cpuMilli: number; memoryBytes: number }>()
  for (const pod of cluster.etcd.kv.list(PODS_PREFIX) as Pod[]) {
    const phase = pod.status?.phase ?? 'Pending'
    // Only the kubelet writes the phase, but a learner's object could carry any text.
    if (Object.hasOwn(podsByPhase, phase)) podsByPhase[phase]++
    const { nodeName } = pod.spec
    // What `kubectl describe node` counts: bound pods that have not terminated.
    if (!nodeName || phase === 'Succeeded' || phase === 'Failed') continue
    const { requests } = podResources(pod)
    const sum = requested.get(nodeName) ?? { cpuMilli: 0, memoryBytes: 0 }
    sum.cpuMilli += requests.milliCPU
    sum.memoryBytes += requests.memory
    requested.set(nodeName, sum)
  }
  const nodes = (cluster.etcd.kv.list(NODES_PREFIX) as Node[]).map((node) => {
    const name = node.metadata.name ?? ''
    const allocatable = node.status?.allocatable ?? {}
    return {
      name,
      cpuRequestedMilli: requested.get(name)?.cpuMilli ?? 0,
      cpuAllocatableMilli: milliValueOrZero(allocatable.cpu),
      memoryRequestedBytes: requested.get(name)?.memoryBytes ?? 0,
      memoryAllocatableBytes: valueOrZero(allocatable.memory),
    }
  })
  return { atMs, podsByPhase, nodes, schedulerQueue: schedulerQueue(cluster) }
}

function schedulerQueue(cluster: KubernetesCluster): StatsSample['schedulerQueue'] {
  for (const instance of cluster.schedulers.values()) {
    const queue = instance.isLeader ? instance.scheduler?.queue : undefined
    if (queue !== undefined)
      return {
        active: queue.activeLength,
        backoff: queue.backoffLength,
        unschedulable: queue.unschedulableLength,
      }
  }
  return null
}
