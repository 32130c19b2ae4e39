/**
 * What runs on each kind of machine, with the real ports of Kubernetes v1.32 on a kubeadm node
 * (FIDELITY.md §1). The study notes' 10251/10252 are the old insecure ports, removed in 1.23/1.22;
 * the secure ports 10259/10257 replaced them, and kubeadm binds both to 127.0.0.1.
 */
import { COMPONENT_VERSIONS, KUBERNETES_VERSION } from '../version'
import type { ComponentPort, ComponentType, MachineRole, RunsAs } from './world'

export interface ComponentTemplate {
  type: ComponentType
  runsAs: RunsAs
  version: string
  /** Ports; "NODE_IP" is replaced by the machine's address. */
  ports: ComponentPort[]
  socket?: string
}

const tcp = (port: number, name: string, address = '0.0.0.0'): ComponentPort => ({
  port,
  protocol: 'TCP',
  name,
  address,
})
const udp = (port: number, name: string, address = '0.0.0.0'): ComponentPort => ({
  port,
  protocol: 'UDP',
  name,
  address,
})

const NODE_IP = 'NODE_IP'
const LOCALHOST = '127.0.0.1'

const CONTROL_PLANE: ComponentTemplate[] = [
  {
    type: 'etcd',
    runsAs: 'static-pod',
    version: COMPONENT_VERSIONS.etcd,
    // kubeadm: --listen-client-urls=https://127.0.0.1:2379,https://NODE_IP:2379,
    // --listen-peer-urls=https://NODE_IP:2380, --listen-metrics-urls=http://127.0.0.1:2381
    ports: [
      tcp(2379, 'client', NODE_IP),
      tcp(2380, 'peer', NODE_IP),
      tcp(2381, 'metrics', LOCALHOST),
    ],
  },
  {
    type: 'kube-apiserver',
    runsAs: 'static-pod',
    version: KUBERNETES_VERSION,
    ports: [tcp(6443, 'https')],
  },
  {
    type: 'kube-scheduler',
    runsAs: 'static-pod',
    version: KUBERNETES_VERSION,
    ports: [tcp(10259, 'https', LOCALHOST)],
  },
  {
    type: 'kube-controller-manager',
    runsAs: 'static-pod',
    version: KUBERNETES_VERSION,
    ports: [tcp(10257, 'https', LOCALHOST)],
  },
]

const EVERY_NODE: ComponentTemplate[] = [
  {
    type: 'kubelet',
    runsAs: 'systemd',
    version: KUBERNETES_VERSION,
    ports: [tcp(10250, 'https'), tcp(10248, 'healthz', LOCALHOST)],
  },
  {
    type: 'containerd',
    runsAs: 'systemd',
    version: COMPONENT_VERSIONS.containerd,
    ports: [],
    socket: '/run/containerd/containerd.sock',
  },
  {
    type: 'kube-proxy',
    runsAs: 'daemonset',
    version: KUBERNETES_VERSION,
    ports: [tcp(10256, 'healthz'), tcp(10249, 'metrics', LOCALHOST)],
  },
  {
    type: 'weave-net',
    runsAs: 'daemonset',
    version: COMPONENT_VERSIONS.weave,
    // "TCP 6783 and UDP 6783/6784 … control and data ports"; TCP 6784 is local commands only.
    ports: [
      tcp(6783, 'control'),
      udp(6783, 'data'),
      udp(6784, 'data'),
      tcp(6784, 'admin', LOCALHOST),
    ],
  },
]

export function componentsFor(role: MachineRole, internalIP: string): ComponentTemplate[] {
  const templates = role === 'control-plane' ? [...CONTROL_PLANE, ...EVERY_NODE] : EVERY_NODE
  return templates.map((t) => ({
    ...t,
    ports: t.ports.map((p) => (p.address === NODE_IP ? { ...p, address: internalIP } : p)),
  }))
}
