/**
 * Whether each drawn component's process runs right now, read from the running cluster, so the
 * world objects (what the UI draws) follow reality instead of being set by hand.
 */
import type { Component, ComponentType, Machine } from '../cluster/world'
import type { KubernetesCluster } from './cluster'

export function isRunning(
  cluster: KubernetesCluster,
  type: ComponentType,
  machine: string,
): boolean {
  const node = cluster.nodes.get(machine)
  switch (type) {
    case 'etcd':
      return cluster.etcd.member(machine)?.up === true
    case 'kube-apiserver':
      return cluster.isApiserverUp(machine)
    case 'kube-scheduler':
      return cluster.schedulers.get(machine)?.running === true
    case 'kube-controller-manager':
      return cluster.controllerManagers.get(machine)?.running === true
    case 'kubelet':
      return node?.kubelet.running === true
    case 'containerd':
      return node?.containerd.running === true
    case 'kube-proxy':
      return node?.kubeProxy.running === true
    case 'weave-net':
      return cluster.network.weave.router(machine).running
  }
}

/** The components whose drawn state differs from reality, with the state they should show. */
export function staleComponents(
  cluster: KubernetesCluster,
  components: readonly Component[],
): Component[] {
  const stale: Component[] = []
  for (const component of components) {
    const state = isRunning(cluster, component.spec.type, component.spec.machine)
      ? 'Running'
      : 'Stopped'
    if (component.status.state !== state)
      stale.push({ ...component, status: { ...component.status, state } })
  }
  return stale
}

/** The machines whose drawn power differs from reality (a power-off fault), corrected. */
export function staleMachines(cluster: KubernetesCluster, machines: readonly Machine[]): Machine[] {
  const stale: Machine[] = []
  for (const machine of machines) {
    const power = cluster.network.fabric.isPoweredOn(machine.metadata.name) ? 'On' : 'Off'
    if (machine.status.power !== power)
      stale.push({ ...machine, status: { ...machine.status, power } })
  }
  return stale
}
