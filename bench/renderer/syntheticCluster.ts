/**
 * The Kubernetes objects of a big, settled cluster, as the views receive them (summaries), made
 * without running Kubernetes: the renderer benchmark measures drawing, not the simulation, and a
 * 500-node, 15,000-pod cluster would take the simulation minutes to bring up in a page.
 *
 * Pods are spread round-robin over the workers in Deployments of 1,000, as bench/cluster.bench.ts
 * creates them, so the views see the same shapes the simulation would send.
 */
import type {
  DeploymentSummary,
  KubeChange,
  KubeSummary,
  NodeSummary,
  PodSummary,
  ReplicaSetSummary,
} from '../../core/protocol'

const PER_DEPLOYMENT = 1_000
const HASH = '7c9f8d6b5'

function node(name: string, role: 'control-plane' | 'worker', index: number): NodeSummary {
  return {
    kind: 'Node',
    key: `Node/${name}`,
    uid: `node-${name}`,
    namespace: '',
    name,
    createdMs: 0,
    ready: 'True',
    unschedulable: false,
    roles: role === 'control-plane' ? ['control-plane'] : [],
    taints: role === 'control-plane' ? ['node-role.kubernetes.io/control-plane:NoSchedule'] : [],
    internalIP: `192.168.${56 + Math.floor(index / 250)}.${11 + (index % 250)}`,
    allocatable: { cpuMilli: 2_000, memoryBytes: 4 * 1024 ** 3, pods: 110 },
  }
}

function pod(index: number, workers: number, running: boolean): PodSummary {
  const deployment = `web-${Math.floor(index / PER_DEPLOYMENT)}`
  const name = `${deployment}-${HASH}-${index.toString(36).padStart(5, '0')}`
  return {
    kind: 'Pod',
    key: `Pod/default/${name}`,
    uid: `pod-${index}`,
    namespace: 'default',
    name,
    owner: { kind: 'ReplicaSet', name: `${deployment}-${HASH}` },
    createdMs: 0,
    phase: running ? 'Running' : 'Pending',
    status: running ? 'Running' : 'ContainerCreating',
    readyContainers: running ? 1 : 0,
    containers: 1,
    restarts: 0,
    nodeName: `worker-${(index % workers) + 1}`,
    podIP: `10.32.${Math.floor(index / 250) % 256}.${(index % 250) + 2}`,
    labels: { app: deployment, 'pod-template-hash': HASH },
    mirror: false,
  }
}

export interface SyntheticCluster {
  items: KubeSummary[]
  /** `size` pods flip between Running and ContainerCreating: one kube/changed batch. */
  batch(size: number): KubeChange[]
}

export function syntheticCluster(workers: number, pods: number): SyntheticCluster {
  const items: KubeSummary[] = [node('cp-1', 'control-plane', 0)]
  for (let i = 1; i <= workers; i++) items.push(node(`worker-${i}`, 'worker', i))
  for (let d = 0; d * PER_DEPLOYMENT < pods; d++) {
    const replicas = Math.min(PER_DEPLOYMENT, pods - d * PER_DEPLOYMENT)
    const name = `web-${d}`
    const deployment: DeploymentSummary = {
      kind: 'Deployment',
      key: `Deployment/default/${name}`,
      uid: `deploy-${d}`,
      namespace: 'default',
      name,
      createdMs: 0,
      replicas,
      updated: replicas,
      ready: replicas,
      available: replicas,
    }
    const replicaSet: ReplicaSetSummary = {
      kind: 'ReplicaSet',
      key: `ReplicaSet/default/${name}-${HASH}`,
      uid: `rs-${d}`,
      namespace: 'default',
      name: `${name}-${HASH}`,
      owner: { kind: 'Deployment', name },
      createdMs: 0,
      replicas,
      ready: replicas,
      revision: '1',
    }
    items.push(deployment, replicaSet)
  }
  const running = new Array<boolean>(pods).fill(true)
  for (let i = 0; i < pods; i++) items.push(pod(i, workers, true))
  let next = 0
  return {
    items,
    batch(size) {
      const changes: KubeChange[] = []
      for (let n = 0; n < size; n++) {
        const i = next
        next = (next + 1) % pods
        running[i] = !running[i]
        changes.push({ type: 'MODIFIED', object: pod(i, workers, running[i]!) })
      }
      return changes
    },
  }
}
