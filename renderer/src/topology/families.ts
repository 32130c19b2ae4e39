/**
 * Component families: the topology colours components by family, and the legend names them.
 * Three families keep the palette small enough to stay distinguishable for colour-blind eyes.
 */
import type { ComponentType } from '../../../core/protocol'

export type ComponentFamily = 'control-plane' | 'node-agent' | 'network'

export const FAMILIES: readonly ComponentFamily[] = ['control-plane', 'node-agent', 'network']

const FAMILY_OF: Record<ComponentType, ComponentFamily> = {
  etcd: 'control-plane',
  'kube-apiserver': 'control-plane',
  'kube-scheduler': 'control-plane',
  'kube-controller-manager': 'control-plane',
  kubelet: 'node-agent',
  containerd: 'node-agent',
  'kube-proxy': 'network',
  'weave-net': 'network',
}

export function componentFamily(type: ComponentType): ComponentFamily {
  return FAMILY_OF[type] ?? 'node-agent'
}

/** The order components are listed in: control plane first, in the order requests flow. */
const TYPE_ORDER: readonly ComponentType[] = [
  'kube-apiserver',
  'etcd',
  'kube-scheduler',
  'kube-controller-manager',
  'kubelet',
  'containerd',
  'kube-proxy',
  'weave-net',
]

export function compareTypes(a: ComponentType, b: ComponentType): number {
  const rank = (t: ComponentType): number => {
    const i = TYPE_ORDER.indexOf(t)
    return i === -1 ? TYPE_ORDER.length : i
  }
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)
}
