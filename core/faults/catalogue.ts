/**
 * The fault kinds, as data: what each applies to, and how it is applied where reality applies it
 * (a stopped kubelet stops heartbeats; nothing edits the Node object directly). Every fault
 * returns its own heal, so each can be undone.
 *
 * How "stop" works depends on how the component runs, as on a real kubeadm node:
 * - systemd services (kubelet, containerd): `systemctl stop`; they stay stopped.
 * - static pods (etcd, kube-apiserver, kube-scheduler, kube-controller-manager): their manifest
 *   is moved out of /etc/kubernetes/manifests, so the kubelet stops them; healing moves it back.
 * - DaemonSet processes (kube-proxy, weave-net): frozen with SIGSTOP. The container still shows
 *   Running, but the process does nothing until SIGCONT, which is what a hung daemon looks like.
 * "kill" is SIGKILL: systemd restarts its services after RestartSec, the kubelet restarts
 * containers with its back-off.
 */
import type { Pod } from '../api/types'
import type { ComponentType } from '../cluster/world'
import type { KubernetesCluster, NodeRuntime } from '../kubernetes/cluster'
import type { ProcessEntry } from '../node/processTable'
import { MANIFEST_DIR } from '../node/staticPods'

export type FaultTarget =
  | { kind: 'component'; type: ComponentType; machine: string }
  | { kind: 'machine'; machine: string }
  | { kind: 'port'; machine: string; port: number; protocol: 'TCP' | 'UDP' }
  | { kind: 'pod'; namespace: string; name: string; container?: string }

export type FaultKindId =
  | 'process/stop'
  | 'process/kill'
  | 'process/restart'
  | 'machine/power-off'
  | 'machine/partition'
  | 'machine/partition-control-plane'
  | 'port/block'
  | 'registry/unreachable'
  | 'container/kill'
  | 'node/memory-pressure'
  | 'node/disk-pressure'

export interface FaultKind {
  id: FaultKindId
  target: FaultTarget['kind']
  /** For component faults: the component types it applies to. */
  components?: readonly ComponentType[]
  /** False for faults that end by themselves (a killed process is restarted). */
  reversible: boolean
}

export type Heal = () => void

export class FaultError extends Error {}

const ALL_COMPONENTS: ComponentType[] = [
  'etcd',
  'kube-apiserver',
  'kube-scheduler',
  'kube-controller-manager',
  'kubelet',
  'containerd',
  'kube-proxy',
  'weave-net',
]

export const FAULT_KINDS: readonly FaultKind[] = [
  { id: 'process/stop', target: 'component', components: ALL_COMPONENTS, reversible: true },
  { id: 'process/kill', target: 'component', components: ALL_COMPONENTS, reversible: false },
  { id: 'process/restart', target: 'component', components: ALL_COMPONENTS, reversible: false },
  { id: 'machine/power-off', target: 'machine', reversible: true },
  { id: 'machine/partition', target: 'machine', reversible: true },
  { id: 'machine/partition-control-plane', target: 'machine', reversible: true },
  { id: 'port/block', target: 'port', reversible: true },
  { id: 'registry/unreachable', target: 'machine', reversible: true },
  { id: 'container/kill', target: 'pod', reversible: false },
  { id: 'node/memory-pressure', target: 'machine', reversible: true },
  { id: 'node/disk-pressure', target: 'machine', reversible: true },
]

/** systemd's RestartSec: kubelet.service 10 s, containerd.service 5 s. */
const RESTART_SEC_MS: Partial<Record<ComponentType, number>> = {
  kubelet: 10_000,
  containerd: 5_000,
}

const STATIC_POD_MANIFESTS: Partial<Record<ComponentType, string>> = {
  etcd: 'etcd.yaml',
  'kube-apiserver': 'kube-apiserver.yaml',
  'kube-scheduler': 'kube-scheduler.yaml',
  'kube-controller-manager': 'kube-controller-manager.yaml',
}

/** How each containerized component's process shows in `ps` (its command's first word). */
const PROCESS_NAMES: Partial<Record<ComponentType, string>> = {
  etcd: 'etcd',
  'kube-apiserver': 'kube-apiserver',
  'kube-scheduler': 'kube-scheduler',
  'kube-controller-manager': 'kube-controller-manager',
  'kube-proxy': '/usr/local/bin/kube-proxy',
  'weave-net': '/home/weave/weaver',
}

export function applyFault(
  cluster: KubernetesCluster,
  kind: FaultKindId,
  target: FaultTarget,
): Heal {
  switch (kind) {
    case 'process/stop':
      return stopComponent(cluster, asComponent(target))
    case 'process/kill':
      killComponent(cluster, asComponent(target))
      return () => undefined
    case 'process/restart':
      restartComponent(cluster, asComponent(target))
      return () => undefined
    case 'machine/power-off':
      return powerOff(cluster, asMachine(target).machine)
    case 'machine/partition':
    case 'machine/partition-control-plane': {
      const machine = asMachine(target).machine
      cluster.network.fabric.partition(
        machine,
        kind === 'machine/partition' ? 'all' : 'control-plane',
      )
      return () => cluster.network.fabric.heal(machine)
    }
    case 'port/block': {
      if (target.kind !== 'port') throw new FaultError('port/block needs a port target')
      cluster.network.fabric.blockPort(target.machine, target.port, target.protocol)
      return () => cluster.network.fabric.unblockPort(target.machine, target.port, target.protocol)
    }
    case 'container/kill':
      if (target.kind !== 'pod') throw new FaultError('container/kill needs a pod target')
      killContainer(cluster, target)
      return () => undefined
    case 'node/memory-pressure':
    case 'node/disk-pressure': {
      const pressure = nodeOf(cluster, asMachine(target).machine).kubelet.runtime.pressure
      const which = kind === 'node/memory-pressure' ? 'memory' : 'disk'
      pressure[which] = true
      return () => void (pressure[which] = false)
    }
    case 'registry/unreachable': {
      const node = nodeOf(cluster, asMachine(target).machine)
      node.containerd.registryReachable = false
      return () => void (node.containerd.registryReachable = true)
    }
  }
}

function stopComponent(
  cluster: KubernetesCluster,
  target: Extract<FaultTarget, { kind: 'component' }>,
): Heal {
  const node = nodeOf(cluster, target.machine)
  switch (target.type) {
    case 'kubelet':
      node.kubelet.stop()
      return () => node.kubelet.start()
    case 'containerd':
      node.containerd.stop()
      return () => node.containerd.start()
    case 'kube-proxy':
      return freezeProcess(node, 'kube-proxy', node.kubeProxy)
    case 'weave-net':
      return freezeProcess(node, 'weave-net', cluster.network.weave.router(target.machine))
    default: {
      const file = `${MANIFEST_DIR}/${STATIC_POD_MANIFESTS[target.type]!}`
      const manifest = node.staticPods.get(file)
      if (manifest === undefined) throw new FaultError(`${file} is not on ${target.machine}`)
      node.staticPods.remove(file)
      return () => node.staticPods.add(file, manifest)
    }
  }
}

function killComponent(
  cluster: KubernetesCluster,
  target: Extract<FaultTarget, { kind: 'component' }>,
): void {
  const node = nodeOf(cluster, target.machine)
  const clock = node.kubelet.clock
  if (target.type === 'kubelet' || target.type === 'containerd') {
    const service = target.type === 'kubelet' ? node.kubelet : node.containerd
    if (!service.running) return
    service.stop()
    clock.schedule(RESTART_SEC_MS[target.type]!, `systemd: restart ${target.type}`, () =>
      service.start(),
    )
    return
  }
  const process = componentProcess(node, target.type)
  if (process === undefined)
    throw new FaultError(`no ${target.type} process runs on ${target.machine}`)
  node.processes.kill(process.pid, 'SIGKILL')
}

/**
 * SIGSTOP to a DaemonSet component's process, so ps shows it stopped (T) and `kill -CONT` resumes
 * it as healing does. Without a running process (its container is restarting) the component
 * itself is stopped and started, as before.
 */
function freezeProcess(
  node: NodeRuntime,
  type: 'kube-proxy' | 'weave-net',
  component: { stop(): void; start(): void },
): Heal {
  const process = componentProcess(node, type)
  if (process === undefined || !node.processes.kill(process.pid, 'SIGSTOP')) {
    component.stop()
    return () => component.start()
  }
  return () => {
    // The same process, if it still runs (a restarted container runs unfrozen anyway).
    const now = node.processes.get(process.pid)
    if (now?.command === process.command && now.startedAtMs === process.startedAtMs)
      node.processes.kill(process.pid, 'SIGCONT')
  }
}

/** The process a containerized component runs as, found by its command as in `ps`. */
function componentProcess(node: NodeRuntime, type: ComponentType): ProcessEntry | undefined {
  const name = PROCESS_NAMES[type]!
  return node.processes.list().find((p) => p.command === name || p.command.startsWith(`${name} `))
}

/** `systemctl restart` for services; a container is killed and its kubelet starts it again. */
function restartComponent(
  cluster: KubernetesCluster,
  target: Extract<FaultTarget, { kind: 'component' }>,
): void {
  const node = nodeOf(cluster, target.machine)
  if (target.type === 'kubelet' || target.type === 'containerd') {
    const service = target.type === 'kubelet' ? node.kubelet : node.containerd
    service.stop()
    service.start()
    return
  }
  killComponent(cluster, target)
}

/** SIGKILL to a pod's container process(es): the kubelet sees the exit and restarts it. */
function killContainer(
  cluster: KubernetesCluster,
  target: Extract<FaultTarget, { kind: 'pod' }>,
): void {
  const pod = cluster.etcd.kv.get(`/registry/pods/${target.namespace}/${target.name}`) as
    Pod | undefined
  if (pod === undefined) throw new FaultError(`pods "${target.name}" not found`)
  const node = pod.spec.nodeName === undefined ? undefined : cluster.nodes.get(pod.spec.nodeName)
  if (node === undefined) throw new FaultError(`pod ${target.name} is not running on any node`)
  if (!node.containerd.running)
    throw new FaultError(`containerd is not running on ${node.machine.metadata.name}`)
  // A static pod's sandbox carries the kubelet's uid (its config hash), which the mirror pod
  // shows in its kubernetes.io/config.mirror annotation.
  const uid = pod.metadata.annotations?.['kubernetes.io/config.mirror'] ?? pod.metadata.uid!
  const sandboxes = node.containerd.listPodSandbox({ uid })
  const running = sandboxes
    .flatMap((sandbox) => node.containerd.listContainers({ podSandboxId: sandbox.id }))
    .filter(
      (c) =>
        c.pid !== undefined &&
        (target.container === undefined || c.metadata.name === target.container),
    )
  if (running.length === 0) throw new FaultError(`no running container in pod ${target.name}`)
  for (const container of running) node.processes.kill(container.pid!, 'SIGKILL')
}

/** Power off: every process dies at once, the machine drops off the network. */
function powerOff(cluster: KubernetesCluster, machine: string): Heal {
  const node = nodeOf(cluster, machine)
  for (const pid of node.containerd.shimPids()) {
    for (const child of node.processes.children(pid)) node.processes.kill(child.pid, 'SIGKILL')
  }
  node.kubelet.stop()
  node.containerd.stop()
  node.kubeProxy.stop()
  cluster.network.powerOff(machine)
  return () => {
    cluster.network.powerOn(machine)
    node.containerd.start()
    node.kubelet.start()
  }
}

function nodeOf(cluster: KubernetesCluster, machine: string): NodeRuntime {
  const node = cluster.nodes.get(machine)
  if (node === undefined) throw new FaultError(`no machine named ${machine}`)
  return node
}

function asComponent(target: FaultTarget): Extract<FaultTarget, { kind: 'component' }> {
  if (target.kind !== 'component') throw new FaultError('this fault applies to a component')
  return target
}

function asMachine(target: FaultTarget): Extract<FaultTarget, { kind: 'machine' }> {
  if (target.kind !== 'machine') throw new FaultError('this fault applies to a machine')
  return target
}
