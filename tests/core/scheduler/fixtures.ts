/**
 * Builders for scheduler tests: Nodes as kubeadm registers them (FIDELITY.md §4), pods, and a
 * harness that runs one KubeScheduler against a bare API server.
 */
import type { Event, Node, Pod, Taint, Toleration } from '../../../core/api/types'
import type { ApiClient } from '../../../core/client/client'
import { podSubject } from '../../../core/explain/explain'
import type { SchedulingDecision } from '../../../core/scheduler/decision'
import { KubeScheduler, type KubeSchedulerOptions } from '../../../core/scheduler/kubeScheduler'
import { apiHarness, type ApiHarness } from '../../support/apiHarness'

export const CONTROL_PLANE_TAINT: Taint = {
  key: 'node-role.kubernetes.io/control-plane',
  effect: 'NoSchedule',
}

export const TOLERATE_CONTROL_PLANE: Toleration = {
  key: 'node-role.kubernetes.io/control-plane',
  operator: 'Exists',
  effect: 'NoSchedule',
}

export interface NodeOptions {
  cpu?: string
  memory?: string
  pods?: string
  labels?: Record<string, string>
  taints?: Taint[]
  unschedulable?: boolean
  images?: { names: string[]; sizeBytes: number }[]
}

export function node(name: string, options: NodeOptions = {}): Node {
  const allocatable = {
    cpu: options.cpu ?? '4',
    memory: options.memory ?? '8Gi',
    pods: options.pods ?? '110',
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...options.labels } },
    spec: {
      ...(options.taints === undefined ? {} : { taints: options.taints }),
      ...(options.unschedulable === undefined ? {} : { unschedulable: options.unschedulable }),
    },
    status: {
      capacity: allocatable,
      allocatable,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
      ...(options.images === undefined ? {} : { images: options.images }),
    },
  }
}

/** cp-1 as kubeadm leaves it: the control-plane label and NoSchedule taint. */
export function controlPlane(name = 'cp-1'): Node {
  return node(name, {
    labels: { 'node-role.kubernetes.io/control-plane': '' },
    taints: [CONTROL_PLANE_TAINT],
  })
}

export interface PodOptions {
  cpu?: string
  memory?: string
  nodeName?: string
  nodeSelector?: Record<string, string>
  tolerations?: Toleration[]
  hostPort?: number
  priority?: number
  schedulerName?: string
  image?: string
  affinity?: Pod['spec']['affinity']
}

export function pod(name: string, options: PodOptions = {}): Pod {
  const requests: Record<string, string> = {}
  if (options.cpu !== undefined) requests['cpu'] = options.cpu
  if (options.memory !== undefined) requests['memory'] = options.memory
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      containers: [
        {
          name: 'app',
          image: options.image ?? 'nginx:1.27',
          resources: { requests },
          ...(options.hostPort === undefined
            ? {}
            : { ports: [{ containerPort: 80, hostPort: options.hostPort }] }),
        },
      ],
      ...(options.nodeName === undefined ? {} : { nodeName: options.nodeName }),
      ...(options.nodeSelector === undefined ? {} : { nodeSelector: options.nodeSelector }),
      ...(options.tolerations === undefined ? {} : { tolerations: options.tolerations }),
      ...(options.priority === undefined ? {} : { priority: options.priority }),
      ...(options.schedulerName === undefined ? {} : { schedulerName: options.schedulerName }),
      ...(options.affinity === undefined ? {} : { affinity: options.affinity }),
    },
  }
}

export interface SchedulerTest {
  h: ApiHarness
  client: ApiClient
  scheduler: KubeScheduler
  addNode(node: Node): void
  createPod(pod: Pod): void
  getPod(name: string): Pod
  nodeOf(name: string): string | undefined
  /** Events about a pod, oldest first. */
  events(name: string): Event[]
  /** The latest scheduling decision recorded for a pod. */
  decision(name: string): { code: string; atMs: number; details: SchedulingDecision }
  advance(ms: number): void
}

/** A bare API server with the given nodes and one running kube-scheduler on cp-1. */
export function schedulerTest(
  options: { seed?: number; nodes?: Node[]; start?: boolean } & KubeSchedulerOptions = {},
): SchedulerTest {
  const { seed = 1, nodes = [], start = true, ...schedulerOptions } = options
  const h = apiHarness({ seed })
  const client = h.client('test')
  for (const n of nodes) client.create('nodes', undefined, n)
  const scheduler = new KubeScheduler(h.context('kube-scheduler'), schedulerOptions)
  if (start) scheduler.start()
  const test: SchedulerTest = {
    h,
    client,
    scheduler,
    addNode: (n) => void client.create('nodes', undefined, n),
    createPod: (p) => void client.create('pods', 'default', p),
    getPod: (name) => client.get<Pod>('pods', 'default', name),
    nodeOf: (name) => test.getPod(name).spec.nodeName,
    events: (name) =>
      client.list<Event>('events', 'default').items.filter((e) => e.involvedObject.name === name),
    decision: (name) => {
      const reason = h.explain.latest(podSubject('default', name))
      if (reason === undefined) throw new Error(`no decision recorded for ${name}`)
      return { code: reason.code, atMs: reason.atMs, details: reason.details as SchedulingDecision }
    },
    advance: (ms) => h.advance(ms),
  }
  return test
}

/** The standard three-node cluster: cp-1 (tainted control plane), worker-1, worker-2. */
export function threeNodes(): Node[] {
  return [controlPlane('cp-1'), node('worker-1'), node('worker-2')]
}
