/**
 * `kubectl top node|pod`. The lab's cluster runs no metrics-server (a kubeadm cluster has none
 * until one is installed), so, as on such a cluster, discovery lists no metrics.k8s.io group
 * and kubectl answers "error: Metrics API not available".
 */
import { KubectlError } from '../errors'
import type { KubectlVerb } from '../verb'

const HELP = `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.

Available Commands:
  node          Display resource (CPU/memory) usage of nodes
  pod           Display resource (CPU/memory) usage of pods

Usage:
  kubectl top [flags] [options]

Use "kubectl top <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`

const SUBCOMMANDS = ['node', 'nodes', 'no', 'pod', 'pods', 'po']

export const topVerb: KubectlVerb = {
  name: 'top',
  flags: [
    { name: 'sort-by', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'containers', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'show-capacity', type: 'bool' },
    { name: 'sum', type: 'bool' },
    { name: 'use-protocol-buffers', type: 'bool', default: 'true' },
  ],
  run(inv) {
    const sub = inv.args[0]
    if (sub === undefined) {
      // cobra's DefaultSubCommandRun: the help on standard error, status 1.
      inv.io.err(HELP)
      return 1
    }
    if (!SUBCOMMANDS.includes(sub))
      throw new KubectlError(
        `error: unknown command "${sub}"\nSee 'kubectl top -h' for help and examples`,
      )
    const sortBy = inv.flags.string('sort-by')
    if (sortBy !== undefined && sortBy !== 'cpu' && sortBy !== 'memory')
      throw new KubectlError('error: --sort-by accepts only cpu or memory')
    // ServerGroups: /api and /apis, where a metrics-server would add metrics.k8s.io.
    inv.api.request({ method: 'GET', path: '/api', query: { timeout: '32s' } })
    inv.api.request({ method: 'GET', path: '/apis', query: { timeout: '32s' } })
    throw new KubectlError('error: Metrics API not available')
  },
  complete: (words, partial) =>
    words.length === 0 ? ['node', 'pod'].filter((s) => s.startsWith(partial)) : [],
}
