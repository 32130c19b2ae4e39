/**
 * What kube-apiserver on `machine` finds when `kubectl get componentstatuses` asks (core/apiserver
 * componentStatus.ts): kube-scheduler's and kube-controller-manager's /healthz on that machine's
 * 127.0.0.1 (where kubeadm binds them), and its etcd member (etcd-0, the one --etcd-servers
 * names). A component that is not running refuses the connection, as on a real node.
 */
import {
  componentStatus,
  type ComponentStatus,
  type ProbeResult,
} from '../apiserver/componentStatus'
import { ERR_REFUSED, ERR_TIMEOUT } from '../etcd/etcd'
import { httpProbeRefused, httpProbeTimedOut } from '../node/httpProbeErrors'
import type { KubernetesCluster } from './cluster'
import { clusterDirectory } from './directory'

/** The probed servers, in the order a v1.32 API server usually lists them. */
const HTTP_SERVERS = [
  { name: 'scheduler', port: 10259 },
  { name: 'controller-manager', port: 10257 },
] as const

export function probeComponents(cluster: KubernetesCluster, machine: string): ComponentStatus[] {
  const statuses = HTTP_SERVERS.map(({ name, port }) =>
    componentStatus(name, probeHealthz(cluster, machine, port)),
  )
  statuses.push(componentStatus('etcd-0', probeEtcd(cluster, machine)))
  return statuses
}

function probeHealthz(cluster: KubernetesCluster, machine: string, port: number): ProbeResult {
  const url = `https://127.0.0.1:${port}/healthz`
  // What answers on the machine's own addresses: the container that binds the port, if any.
  const listener = clusterDirectory(cluster).hostListener(machine, port)
  if (listener === undefined)
    return {
      healthy: false,
      message: httpProbeRefused(url, `127.0.0.1:${port}`),
    }
  if (listener.hangs?.() === true)
    return {
      healthy: false,
      message: httpProbeTimedOut(url),
    }
  // Both serve /healthz as "ok" while they run (their own checks are not modelled).
  return { healthy: true, message: 'ok' }
}

function probeEtcd(cluster: KubernetesCluster, machine: string): ProbeResult {
  if (cluster.etcd.canServe(machine)) return { healthy: true, message: 'ok' }
  return { healthy: false, error: cluster.etcd.member(machine)?.up ? ERR_TIMEOUT : ERR_REFUSED }
}
