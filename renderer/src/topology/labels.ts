/**
 * The words the topology and its outline show for world objects. Pure: the translated words
 * come in as `TopologyText`, so the graph, the outline and the tests share one formatting.
 * Component names, ports and protocols stay as Kubernetes spells them.
 */
import type { Component, ComponentPort, Link, Machine, MachineRole } from '../../../core/protocol'

/** The translated words the labels need (see i18n `topology.*`). */
export interface TopologyText {
  role: Record<MachineRole, string>
  /** Marks ports bound to 127.0.0.1, e.g. "localhost :10259". */
  localhost: string
  unixSocket: string
  stopped: string
  poweredOff: string
}

/** A Node's Ready condition, as the kube store summarizes it. */
export type NodeReady = 'True' | 'False' | 'Unknown'

/**
 * "worker-1 · worker · 192.168.56.21", plus what is wrong: powered off, or the Node not Ready
 * (kubectl's own word, NotReady, in every language: it is what `kubectl get nodes` prints).
 */
export function machineLabel(machine: Machine, text: TopologyText, ready?: NodeReady): string {
  const parts = [machine.metadata.name, text.role[machine.spec.role], machine.spec.internalIP]
  if (machine.status.power === 'Off') parts.push(text.poweredOff)
  else if (ready !== undefined && ready !== 'True') parts.push('⚠ NotReady')
  return parts.join(' · ')
}

/** "etcd\n:2379 :2380\nlocalhost :2381"; a stopped component gets a last line saying so. */
export function componentLabel(component: Component, text: TopologyText): string {
  // Inside its machine's box the type names the component ("etcd", not "etcd-cp-1").
  const lines: string[] = [component.spec.type]
  const { open, local } = portSummary(component.spec.ports)
  if (open !== '') lines.push(open)
  if (local !== '') lines.push(`${text.localhost} ${local}`)
  if (component.spec.socket !== undefined && open === '') lines.push(text.unixSocket)
  if (component.status.state !== 'Running') lines.push(`■ ${text.stopped}`)
  return lines.join('\n')
}

/**
 * Ports grouped by number: ":6783 :6784/udp", with "/udp" or "/tcp+udp" when not plain TCP.
 * `open` lists what other machines can reach; `local` what listens on 127.0.0.1 only.
 */
export function portSummary(ports: ComponentPort[]): { open: string; local: string } {
  const format = (group: ComponentPort[]): string => {
    const byPort = new Map<number, Set<string>>()
    for (const p of group) byPort.set(p.port, (byPort.get(p.port) ?? new Set()).add(p.protocol))
    return [...byPort]
      .map(([port, protocols]) => {
        if (protocols.size > 1) return `:${port}/tcp+udp`
        return protocols.has('UDP') ? `:${port}/udp` : `:${port}`
      })
      .join(' ')
  }
  return {
    open: format(ports.filter((p) => !isLocalhost(p))),
    local: format(ports.filter(isLocalhost)),
  }
}

export function isLocalhost(port: ComponentPort): boolean {
  return port.address === '127.0.0.1'
}

/** ":6443 HTTPS", ":2380 etcd raft", or "CRI" for a unix socket. */
export function linkLabel(link: Link): string {
  return link.spec.port === undefined
    ? link.spec.application
    : `:${link.spec.port} ${link.spec.application}`
}

/** A link as one line of text: "kubelet (worker-1) → kube-apiserver (cp-1) :6443 HTTPS". */
export function linkSentence(link: Link, components: ReadonlyMap<string, Component>): string {
  const end = (name: string): string => {
    const c = components.get(name)
    return c === undefined ? name : `${c.spec.type} (${c.spec.machine})`
  }
  const arrow = link.spec.mutual ? '↔' : '→'
  return `${end(link.spec.from)} ${arrow} ${end(link.spec.to)} ${linkLabel(link)}`
}
