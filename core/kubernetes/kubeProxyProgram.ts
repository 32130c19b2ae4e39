/**
 * The program in the kube-proxy image: the kube-proxy DaemonSet's container on each node runs
 * the node's KubeProxy. Its rules live in the node's kernel tables, so they outlive it.
 */
import { klogLine } from '../api/time'
import type { KubeProxy } from '../network/kubeProxy'
import type { Program, RunningProgram } from '../node/program'

export function kubeProxyProgram(proxyOf: (machine: string) => KubeProxy | undefined): Program {
  return {
    // The kubelet expands $(NODE_NAME) from the container's env (fieldRef spec.nodeName).
    processName: (context) =>
      `/usr/local/bin/kube-proxy --config=/var/lib/kube-proxy/config.conf --hostname-override=${context.machine}`,
    start(context): RunningProgram {
      const proxy = proxyOf(context.machine)
      const now = (): number => context.clock.nowMs
      context.log(klogLine(now(), 'I', 'server_linux.go:66', '"Using iptables proxy"'))
      context.log(
        klogLine(
          now(),
          'I',
          'server.go:677',
          `"Successfully retrieved node IP(s)" IPs=["${context.podIP}"]`,
        ),
      )
      context.log(klogLine(now(), 'I', 'server_linux.go:159', '"Using iptables Proxier"'))
      context.log(klogLine(now(), 'I', 'config.go:199', '"Starting service config controller"'))
      proxy?.start()
      let running = true
      return {
        signal(signal) {
          if (!running) return
          running = false
          proxy?.stop()
          context.exit(signal === 'SIGTERM' ? 0 : 137)
        },
        // SIGSTOP: the proxy stops syncing (its rules stay in the kernel); SIGCONT: it lists
        // Services and EndpointSlices again and resyncs, as a resumed informer would.
        freeze(stopped) {
          if (!running) return
          if (stopped) proxy?.stop()
          else proxy?.start()
        },
        http: (request) =>
          running &&
          (request.port === 10256 || request.port === 10249) &&
          request.path.startsWith('/healthz')
            ? { status: 200, body: '{"lastUpdated": "", "currentTime": ""}' }
            : undefined,
        listening: () => (running ? [10256, 10249] : []),
      }
    },
  }
}
