/**
 * What an element of the architecture graph stands for: what a click (or Enter) inspects, and
 * what a right click (or the context-menu key) breaks.
 *
 * Inspecting: a pod, a Service (its NodePort badges too), a component, a machine.
 * Breaking, the fault target:
 *
 * - a machine, a component: themselves;
 * - a pod: the pod (its container can be killed);
 * - a NodePort badge: that port on that machine (it can be blocked there);
 * - a link: where it is received, as a firewall would cut it: the port it dials on the machine
 *   it dials (kubelet → kube-apiserver :6443 is port 6443/TCP on cp-1); a link over a unix
 *   socket (kubelet → containerd) has no port, so the component it reaches stands for it.
 * Pure: element data and the world in, a target out (or undefined: no menu there).
 */
import type { Component, FaultTarget, Link } from '../../../core/protocol'
import type { InspectTarget } from '../stores/inspector'

/** The element data the targets are read from (see elements.ts, kubeElements.ts). */
export interface ElementData {
  id?: string
  kind?: string
  namespace?: string
  name?: string
  machine?: string
  port?: number
  protocol?: string
}

export interface MenuWorld {
  components: readonly Component[]
  links: readonly Link[]
}

const MACHINE_PREFIX = 'machine/'
const COMPONENT_PREFIX = 'component/'
const LINK_PREFIX = 'link/'

const isPortProtocol = (p: string | undefined): p is 'TCP' | 'UDP' => p === 'TCP' || p === 'UDP'

function componentTarget(c: Component | undefined): FaultTarget | undefined {
  return c && { kind: 'component', type: c.spec.type, machine: c.spec.machine }
}

export function menuTargetOf(data: ElementData, world: MenuWorld): FaultTarget | undefined {
  const id = data.id ?? ''
  if (id.startsWith(MACHINE_PREFIX))
    return { kind: 'machine', machine: id.slice(MACHINE_PREFIX.length) }
  if (id.startsWith(COMPONENT_PREFIX)) {
    const name = id.slice(COMPONENT_PREFIX.length)
    return componentTarget(world.components.find((c) => c.metadata.name === name))
  }
  if (data.kind === 'pod' && data.namespace !== undefined && data.name !== undefined)
    return { kind: 'pod', namespace: data.namespace, name: data.name }
  if (data.kind === 'nodePort' && data.machine !== undefined && data.port !== undefined)
    return isPortProtocol(data.protocol)
      ? { kind: 'port', machine: data.machine, port: data.port, protocol: data.protocol }
      : undefined
  if (id.startsWith(LINK_PREFIX)) {
    const link = world.links.find((l) => l.metadata.name === id.slice(LINK_PREFIX.length))
    return link && linkTarget(link, world.components)
  }
  return undefined
}

/** Where a link is received: its port on the dialled machine, or the dialled component. */
export function linkTarget(link: Link, components: readonly Component[]): FaultTarget | undefined {
  const to = components.find((c) => c.metadata.name === link.spec.to)
  if (to === undefined) return undefined
  const { port, protocol } = link.spec
  return port !== undefined && isPortProtocol(protocol)
    ? { kind: 'port', machine: to.spec.machine, port, protocol }
    : componentTarget(to)
}

/** What a click on the element inspects, if anything. */
export function inspectTargetOf(data: ElementData): InspectTarget | undefined {
  const id = data.id ?? ''
  if (data.kind === 'pod' && data.name !== undefined)
    return { object: 'Pod', namespace: data.namespace, name: data.name }
  if ((data.kind === 'service' || data.kind === 'nodePort') && data.name !== undefined)
    return { object: 'Service', namespace: data.namespace, name: data.name }
  if (id.startsWith(MACHINE_PREFIX))
    return { object: 'Machine', name: id.slice(MACHINE_PREFIX.length) }
  if (id.startsWith(COMPONENT_PREFIX))
    return { object: 'Component', name: id.slice(COMPONENT_PREFIX.length) }
  return undefined
}
