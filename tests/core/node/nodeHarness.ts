/**
 * One node on a bare API server, for the node chain's tests:
 *   const n = nodeHarness({ seed: 1 }); n.createPod(pod('web', 'nginx')); n.advance(10_000)
 * It watches Events and pods so tests can assert on exact virtual times (ms), not on the
 * second-resolution timestamps the objects carry.
 */
import type { Event, KubeObject, Pod, PodSpec } from '../../../core/api/types'
import { findResource } from '../../../core/apiserver/resources'
import { Containerd } from '../../../core/node/containerd'
import { workloadImages } from '../../../core/node/images'
import { Kubelet, type KubeletConfig } from '../../../core/node/kubelet'
import { ProcessTable } from '../../../core/node/processTable'
import type { ProgramRegistry } from '../../../core/node/program'
import { StaticPodManifests } from '../../../core/node/staticPods'
import { apiHarness, type ApiHarness } from '../../support/apiHarness'

export const NODE = 'worker-1'
export const NODE_IP = '192.168.56.21'

export interface SeenEvent {
  atMs: number
  reason: string
  message: string
  type: string
  object: string
  count: number
}

export interface NodeHarness extends ApiHarness {
  containerd: Containerd
  kubelet: Kubelet
  manifests: StaticPodManifests
  processes: ProcessTable
  kubeletLog: string[]
  containerdLog: string[]
  /** Every Event occurrence (creation or count increase), in order, with its virtual time. */
  events: SeenEvent[]
  /** Every pod write seen by a watch: time and a snapshot. */
  podHistory: { atMs: number; type: string; pod: Pod }[]
  releasedIPs: string[]
  createPod(pod: Pod): Pod
  getPod(name: string, namespace?: string): Pod | undefined
  /** Reasons of the events about an object (by name), in order. */
  reasons(name: string): string[]
  eventsOf(name: string): SeenEvent[]
  /** Advances time by steps of `stepMs` until `condition` holds; returns the time it held. */
  until(condition: () => boolean, maxMs?: number, stepMs?: number): number
}

export function pod(
  name: string,
  image: string,
  spec: Partial<PodSpec> = {},
  container: Partial<PodSpec['containers'][number]> = {},
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      nodeName: NODE,
      containers: [{ name: name.split('-')[0]!, image, ...container }],
      ...spec,
    },
  }
}

export function nodeHarness(
  options: {
    seed: number
    images?: string[]
    programs?: ProgramRegistry
    config?: Partial<KubeletConfig>
    startKubelet?: boolean
  } = { seed: 1 },
): NodeHarness {
  const h = apiHarness({ seed: options.seed })
  const processes = new ProcessTable(NODE, h.clock, h.random.fork(`processes/${NODE}`))
  const containerdLog: string[] = []
  const containerd = new Containerd({
    machine: NODE,
    clock: h.clock,
    random: h.random.fork(`containerd/${NODE}`),
    processes,
    programs: options.programs ?? workloadImages(),
    images: options.images ?? [],
    explain: h.explain,
    log: (line) => void containerdLog.push(line),
  })
  containerd.start()
  const manifests = new StaticPodManifests()
  let next = 2
  const releasedIPs: string[] = []
  const context = h.context(`kubelet-${NODE}`, NODE)
  const kubelet = new Kubelet(context, {
    nodeName: NODE,
    nodeIP: NODE_IP,
    capacity: { cpu: '4', memory: '8148992Ki', pods: '110', 'ephemeral-storage': '61202244Ki' },
    podIPs: { allocate: () => `10.244.1.${next++}`, release: (ip) => void releasedIPs.push(ip) },
    containerd,
    staticPods: manifests,
    processes,
    ...options.config,
  })
  const events: SeenEvent[] = []
  const counts = new Map<string, number>()
  const podHistory: { atMs: number; type: string; pod: Pod }[] = []
  const EVENTS = findResource('', 'events')!
  const PODS = findResource('', 'pods')!
  h.apiserver.watch(
    EVENTS,
    undefined,
    {},
    String(h.apiserver.revision),
    ({ object }: { object: KubeObject }) => {
      const e = object as Event
      const name = e.metadata.name!
      if ((counts.get(name) ?? 0) >= e.count) return
      counts.set(name, e.count)
      events.push({
        atMs: h.clock.nowMs,
        reason: e.reason,
        message: e.message,
        type: e.type,
        object: `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`,
        count: e.count,
      })
    },
  )
  h.apiserver.watch(PODS, undefined, {}, String(h.apiserver.revision), ({ type, object }) => {
    podHistory.push({ atMs: h.clock.nowMs, type, pod: object as Pod })
  })
  if (options.startKubelet !== false) kubelet.start()
  const harness: NodeHarness = {
    ...h,
    containerd,
    kubelet,
    manifests,
    processes,
    kubeletLog: context.logs,
    containerdLog,
    events,
    podHistory,
    releasedIPs,
    createPod: (p) => h.apiserver.create(PODS, p.metadata.namespace ?? 'default', p) as Pod,
    getPod(name, namespace = 'default') {
      try {
        return h.apiserver.get(PODS, namespace, name) as Pod
      } catch {
        return undefined
      }
    },
    reasons: (name) => events.filter((e) => e.object.endsWith(`/${name}`)).map((e) => e.reason),
    eventsOf: (name) => events.filter((e) => e.object.endsWith(`/${name}`)),
    until(condition, maxMs = 600_000, stepMs = 100) {
      const start = h.clock.nowMs
      while (!condition()) {
        if (h.clock.nowMs - start > maxMs)
          throw new Error(`condition not met within ${maxMs} ms (seed ${options.seed})`)
        h.clock.advance(stepMs)
      }
      return h.clock.nowMs
    },
  }
  return harness
}
