/**
 * Builds the world objects (machines, components, links) of a cluster shape.
 * Deterministic: the same spec always gives the same objects in the same order.
 */
import { componentsFor } from './catalogue'
import { machineNames, validateClusterSpec, type ClusterSpec } from './spec'
import {
  WORLD_API_VERSION,
  type Component,
  type ComponentType,
  type Link,
  type Machine,
  type MachineRole,
  type WorldObject,
} from './world'

const OS_IMAGE = 'Ubuntu 24.04.1 LTS'
const KERNEL = '6.8.0-51-generic'

/** kubeadm-style addresses on a host-only network: control planes .11…, workers .21…. */
export function machineIP(role: MachineRole, index: number): string {
  const base = role === 'control-plane' ? 11 : 21
  const n = base + index
  return `192.168.${56 + Math.floor(n / 250)}.${n % 250}`
}

export function componentName(type: ComponentType, machine: string): string {
  return `${type}-${machine}`
}

export function buildWorld(spec: ClusterSpec): WorldObject[] {
  const problems = validateClusterSpec(spec)
  if (problems.length > 0) throw new RangeError(`invalid cluster: ${problems.join('; ')}`)
  const names = machineNames(spec)
  const machines = [
    ...names.controlPlanes.map((name, i) =>
      machine(name, 'control-plane', machineIP('control-plane', i)),
    ),
    ...names.workers.map((name, i) => machine(name, 'worker', machineIP('worker', i))),
  ]
  const components = machines.flatMap((m) =>
    componentsFor(m.spec.role, m.spec.internalIP).map((t): Component => ({
      apiVersion: WORLD_API_VERSION,
      kind: 'Component',
      metadata: { name: componentName(t.type, m.metadata.name), labels: { component: t.type } },
      spec: {
        machine: m.metadata.name,
        type: t.type,
        runsAs: t.runsAs,
        version: t.version,
        ports: t.ports,
        ...(t.socket === undefined ? {} : { socket: t.socket }),
      },
      status: { state: 'Running' },
    })),
  )
  return [...machines, ...components, ...buildLinks(names.controlPlanes, machines)]
}

function machine(name: string, role: MachineRole, internalIP: string): Machine {
  return {
    apiVersion: WORLD_API_VERSION,
    kind: 'Machine',
    metadata: { name, labels: { 'kubelab.dev/role': role } },
    spec: {
      role,
      internalIP,
      osImage: OS_IMAGE,
      kernelVersion: KERNEL,
      cpuCores: role === 'control-plane' ? 2 : 4,
      memoryMiB: role === 'control-plane' ? 4096 : 8192,
    },
    status: { power: 'On' },
  }
}

/**
 * Who dials whom. Every client of the cluster talks to kube-apiserver on :6443; only the API
 * server talks to etcd (:2379); etcd members and Weave routers form meshes (:2380, :6783).
 * With several control planes, a node's clients use the first one (a load balancer in front
 * of them is a later refinement; see docs/simplifications.md).
 */
function buildLinks(controlPlanes: string[], machines: Machine[]): Link[] {
  const links: Link[] = []
  const primary = controlPlanes[0]!
  for (const cp of controlPlanes) {
    links.push(link('kube-apiserver', cp, 'etcd', cp, 2379, 'TCP', 'gRPC', false))
    links.push(link('kube-scheduler', cp, 'kube-apiserver', cp, 6443, 'TCP', 'HTTPS', false))
    links.push(
      link('kube-controller-manager', cp, 'kube-apiserver', cp, 6443, 'TCP', 'HTTPS', false),
    )
  }
  for (const m of machines) {
    const name = m.metadata.name
    const target = m.spec.role === 'control-plane' ? name : primary
    links.push(link('kubelet', name, 'kube-apiserver', target, 6443, 'TCP', 'HTTPS', false))
    links.push(link('kube-proxy', name, 'kube-apiserver', target, 6443, 'TCP', 'HTTPS', false))
    links.push(link('kubelet', name, 'containerd', name, undefined, 'unix', 'CRI', false))
  }
  pairs(controlPlanes).forEach(([a, b]) =>
    links.push(link('etcd', a, 'etcd', b, 2380, 'TCP', 'etcd raft', true)),
  )
  const names = machines.map((m) => m.metadata.name)
  weavePeers(names).forEach(([a, b]) =>
    links.push(link('weave-net', a, 'weave-net', b, 6783, 'TCP', 'Weave', true)),
  )
  return links
}

function link(
  fromType: ComponentType,
  fromMachine: string,
  toType: ComponentType,
  toMachine: string,
  port: number | undefined,
  protocol: Link['spec']['protocol'],
  application: Link['spec']['application'],
  mutual: boolean,
): Link {
  const from = componentName(fromType, fromMachine)
  const to = componentName(toType, toMachine)
  return {
    apiVersion: WORLD_API_VERSION,
    kind: 'Link',
    metadata: { name: `${from}--${to}` },
    spec: { from, to, ...(port === undefined ? {} : { port }), protocol, application, mutual },
  }
}

/**
 * Weave routers connect to every peer they know (a full mesh). Past WEAVE_FULL_MESH_MAX machines
 * the mesh would be n² links that nobody can read, so larger clusters draw a ring instead.
 */
export const WEAVE_FULL_MESH_MAX = 12

function weavePeers(names: string[]): [string, string][] {
  if (names.length <= WEAVE_FULL_MESH_MAX) return pairs(names)
  return names.map((name, i) => [name, names[(i + 1) % names.length]!])
}

function pairs<T>(items: T[]): [T, T][] {
  const out: [T, T][] = []
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) out.push([items[i]!, items[j]!])
  return out
}
