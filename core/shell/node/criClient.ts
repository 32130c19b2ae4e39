/**
 * What crictl and ctr share: the endpoint they dial (from /etc/crictl.yaml, else crictl's
 * deprecated default list, which it warns about), the connection error when containerd is not
 * running, and id lookup by unique prefix (containerd resolves truncated ids, as `crictl ps`
 * prints them).
 */
import type { ContainerStatus, PodSandboxStatus } from '../../node/cri'
import type { CommandIO, ShellContext } from '../command'
import type { NodeHost } from './nodeHost'

const CONFIG = '/etc/crictl.yaml'
export const DEFAULT_ENDPOINT = 'unix:///run/containerd/containerd.sock'
const DEFAULT_ENDPOINTS = `[${DEFAULT_ENDPOINT} unix:///run/crio/crio.sock unix:///var/run/cri-dockerd.sock]`

/** crictl's runtime endpoint, warning on stderr when it falls back to the default list. */
export function criEndpoint(
  context: ShellContext,
  io: CommandIO,
  clients: readonly ('runtime' | 'image')[],
): string {
  if (context.fs.stat(CONFIG)?.type === 'file') {
    const text = context.fs.read(CONFIG).text
    const match = /^runtime-endpoint:\s*(\S+)/m.exec(text)
    if (match !== null) return match[1]!
  }
  for (const client of clients)
    io.err(
      `WARN[0000] ${client} connect using default endpoints: ${DEFAULT_ENDPOINTS}. As the default settings are now deprecated, you should set the endpoint instead. \n`,
    )
  return DEFAULT_ENDPOINT
}

/** crictl's fatal error when nothing answers on the socket. */
export function criUnavailable(endpoint: string, api: 'runtime' | 'image' = 'runtime'): string {
  const path = endpoint.replace(/^unix:\/\//, '')
  return `FATA[0000] validate service connection: validate CRI v1 ${api} API for endpoint "${endpoint}": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix ${path}: connect: connection refused" \n`
}

export type Lookup<T> = { ok: true; item: T } | { ok: false; error: string }

/** Finds a container or sandbox by full id or unique prefix, with containerd's errors. */
export function byPrefix<T extends { id: string }>(
  items: readonly T[],
  id: string,
  kind: 'container' | 'sandbox',
): Lookup<T> {
  const found = items.filter((item) => id !== '' && item.id.startsWith(id))
  if (found.length === 1) return { ok: true, item: found[0]! }
  const desc =
    found.length === 0
      ? `an error occurred when try to find ${kind} "${id}": not found`
      : `an error occurred when try to find ${kind} "${id}": ambiguous ID "${id}"`
  return { ok: false, error: `rpc error: code = NotFound desc = ${desc}` }
}

/** The container list and sandbox list, or undefined when containerd is down. */
export function criState(
  host: NodeHost,
): { containers: ContainerStatus[]; sandboxes: PodSandboxStatus[] } | undefined {
  if (!host.node.containerd.running) return undefined
  return {
    containers: host.node.containerd.listContainers(),
    sandboxes: host.node.containerd.listPodSandbox(),
  }
}

/** crictl's 13-character ids. */
export function short(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 13)
}
