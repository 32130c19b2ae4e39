/**
 * The network's view of who answers at an address, built from the cluster's state: pods by IP
 * (their containers' processes, through the node's runtime) and listeners on machines' own
 * addresses (API server, kubelet, hostNetwork pods).
 */
import type { Pod } from '../api/types'
import type { NetworkDirectory } from '../network/directory'
import type { KubernetesCluster } from './cluster'

export function clusterDirectory(cluster: KubernetesCluster): NetworkDirectory {
  return {
    podByIP(ip) {
      // An admin read of etcd: the directory is the "kernel", not a component.
      const pod = cluster.etcd.kv
        .list('/registry/pods/')
        .find((p) => (p as Pod).status?.podIP === ip && !(p as Pod).spec.hostNetwork) as
        Pod | undefined
      if (pod === undefined || pod.spec.nodeName === undefined) return undefined
      const node = cluster.nodes.get(pod.spec.nodeName)
      if (node === undefined) return undefined
      return {
        machine: pod.spec.nodeName,
        namespace: pod.metadata.namespace!,
        name: pod.metadata.name!,
        // The pod's network namespace as one program: every port its containers listen on,
        // HTTP to whichever listens, and DNS when CoreDNS runs there.
        program: {
          signal: () => undefined,
          listening: () => node.containerd.hostListeners(ip).map((l) => l.port),
          http: (request) => {
            const answer = node.containerd.http(ip, request)
            return typeof answer === 'string' ? undefined : answer
          },
          ...(node.containerd.dnsServer(ip) === undefined
            ? {}
            : {
                dns: (name: string) =>
                  node.containerd.dnsServer(ip)?.dns(name) ?? { rcode: 'SERVFAIL', addresses: [] },
              }),
        },
      }
    },
    hostListener(machine, port) {
      const node = cluster.nodes.get(machine)
      if (node === undefined) return undefined
      const ip = node.machine.spec.internalIP
      if (!node.containerd.accepts(ip, port) && !node.containerd.accepts('127.0.0.1', port))
        return undefined
      return {
        http: (request) => {
          const answer = node.containerd.http(ip, request)
          return typeof answer === 'string' ? undefined : answer
        },
        hangs: () =>
          node.containerd.stoppedAt(ip, port) || node.containerd.stoppedAt('127.0.0.1', port),
      }
    },
  }
}
