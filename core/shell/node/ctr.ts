/**
 * `ctr` (containerd 1.7's own client), the parts a learner uses next to crictl:
 * `ctr -n k8s.io containers list` and `ctr -n k8s.io tasks list` (with their aliases `c ls`,
 * `t ls`). containerd's view includes the pause containers of the sandboxes, which crictl hides.
 * Without `-n k8s.io` ctr looks in the "default" namespace, where Kubernetes puts nothing.
 */
import type { CommandIO, ShellCommand } from '../command'
import { goTabwriter, nodeHost, onNode, printLines, type NodeHost } from './nodeHost'

function containerRows(host: NodeHost): string[][] {
  const containerd = host.node.containerd
  const sandboxes = containerd.listPodSandbox().map((s) => [s.id, 'registry.k8s.io/pause:3.10'])
  const containers = containerd.listContainers().map((c) => [c.id, c.image])
  return [...sandboxes, ...containers]
    .sort((a, b) => a[0]!.localeCompare(b[0]!))
    .map(([id, image]) => [id!, image!, 'io.containerd.runc.v2'])
}

/** Task pids: the pause process of each ready sandbox, each running container's process. */
function taskRows(host: NodeHost): string[][] {
  const containerd = host.node.containerd
  const processes = host.node.processes
  const rows: string[][] = []
  for (const s of containerd.listPodSandbox()) {
    const shim = processes.list().find((p) => p.command.includes(`-id ${s.id} `))
    const pause =
      shim === undefined
        ? undefined
        : processes.children(shim.pid).find((p) => p.command === '/pause')
    rows.push([s.id, String(pause?.pid ?? 0), pause === undefined ? 'STOPPED' : 'RUNNING'])
  }
  for (const c of containerd.listContainers()) {
    if (c.state === 'CONTAINER_CREATED') continue
    rows.push([c.id, String(c.pid ?? 0), c.state === 'CONTAINER_RUNNING' ? 'RUNNING' : 'STOPPED'])
  }
  return rows.sort((a, b) => a[0]!.localeCompare(b[0]!))
}

function list(
  what: 'containers' | 'tasks',
  host: NodeHost,
  namespace: string,
  io: CommandIO,
): number {
  const header =
    what === 'containers' ? ['CONTAINER', 'IMAGE', 'RUNTIME'] : ['TASK', 'PID', 'STATUS']
  const rows =
    namespace !== 'k8s.io' ? [] : what === 'containers' ? containerRows(host) : taskRows(host)
  // ctr's tabwriter: minwidth 4, padding 4.
  printLines(io, goTabwriter([header, ...rows], 4, 4))
  return 0
}

export const ctr: ShellCommand = {
  name: 'ctr',
  availableOn: onNode,
  run(args, context, io) {
    let namespace = context.env.get('CONTAINERD_NAMESPACE') ?? 'default'
    const words: string[] = []
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!
      if (arg === '-n' || arg === '--namespace') namespace = args[++i] ?? ''
      else if (arg.startsWith('--namespace=')) namespace = arg.slice('--namespace='.length)
      else words.push(arg)
    }
    const [object = '', verb = ''] = words
    const what = ['containers', 'container', 'c'].includes(object)
      ? 'containers'
      : ['tasks', 'task', 't'].includes(object)
        ? 'tasks'
        : undefined
    if (what === undefined || !['list', 'ls'].includes(verb)) {
      io.err(`ctr: the lab's ctr knows "containers list" and "tasks list" only\n`)
      return 1
    }
    const host = nodeHost(context)
    if (host === undefined || !host.node.containerd.running) {
      io.err('ctr: failed to dial "/run/containerd/containerd.sock": context deadline exceeded\n')
      return 1
    }
    return list(what, host, namespace, io)
  },
}
