/**
 * The learner's laptop and what it reaches from outside the cluster: the API server (kubectl,
 * through the kubeconfig's first control plane) and the NodePorts kube-proxy opens on every
 * node (curl), drawn as a badge per NodePort inside each machine.
 *
 * 1. The laptop sits left of the cluster, level with the first worker, outside every machine.
 * 2. Its NodePort edges go to the workers only (where the pods run; to the control planes when
 *    there is no worker), and only in a small cluster (lod.ts): machines × NodePorts edges
 *    would otherwise bury the graph.
 */
import type { Component, Machine, ServiceSummary } from '../../../core/protocol'
import type { Bounds, Box } from './geometry'
import type { EdgeSpec, GraphInput, KubePart } from './kubeElements'
import { MACHINE_GAP_X, type TopologyLayout } from './layout'
import { BADGE_MACHINE_LIMIT, CLIENT_EDGE_MACHINE_LIMIT } from './lod'
import { badgeCells } from './podLayout'
import { badgeLabel, nodePorts, type NodePortEntry } from './pods'

export const LAPTOP = 'laptop'
export const LAPTOP_ID = 'client/laptop'
export const LAPTOP_WIDTH = 170
export const LAPTOP_HEIGHT = 52

/** "worker-1:30080/TCP": a NodePort on one node, as flow messages and edges name it. */
export const badgeName = (machine: string, nodePort: number, protocol: string): string =>
  `${machine}:${nodePort}/${protocol}`
export const badgeId = (name: string): string => `nodeport/${name}`
/** The laptop's edge to a component ("kube-apiserver-cp-1") or a NodePort ("worker-1:30080/TCP"). */
export const clientEdgeId = (target: string): string => `client/${LAPTOP}--${target}`

/** How many NodePort badges each machine holds (layout.ts leaves room for them). */
export function badgeCount(machines: readonly Machine[], services: readonly ServiceSummary[]) {
  return machines.length > BADGE_MACHINE_LIMIT ? 0 : nodePorts(services).length
}

/** Where the machines are, for placing what sits around them. */
export interface Surroundings {
  machines: readonly Machine[]
  components: readonly Component[]
  layout: TopologyLayout
  bounds: Bounds
}

/** Adds the laptop, its edges, and the NodePort badges. */
export function addClient(part: KubePart, around: Surroundings, input: GraphInput): void {
  const laptop = laptopBox(around.machines, around.layout, around.bounds)
  part.nodes.push({
    group: 'nodes',
    data: { id: LAPTOP_ID, kind: 'laptop', label: `${input.text.laptop}\nkubectl · curl` },
    position: { x: laptop.x, y: laptop.y },
  })
  part.obstacles.push({ id: LAPTOP_ID, box: laptop })
  addApiserverEdge(part, around.machines, around.components, around.layout, laptop)
  addNodePorts(part, around.machines, around.layout, input.services, laptop)
}

/** Left of the cluster, level with the first worker (or under the control plane without one). */
function laptopBox(machines: readonly Machine[], layout: TopologyLayout, bounds: Bounds): Box {
  const worker = machines.find((m) => m.spec.role === 'worker')
  const box = worker && layout.machines.get(worker.metadata.name)
  const y = box?.y ?? bounds.bottom + MACHINE_GAP_X + LAPTOP_HEIGHT / 2
  const x = bounds.left - MACHINE_GAP_X - LAPTOP_WIDTH / 2
  return { x, y, w: LAPTOP_WIDTH, h: LAPTOP_HEIGHT }
}

/** kubectl on the laptop talks to the first control plane's API server (as the kubeconfig says). */
function addApiserverEdge(
  part: KubePart,
  machines: readonly Machine[],
  components: readonly Component[],
  layout: TopologyLayout,
  laptop: Box,
): void {
  const cp = machines.find((m) => m.spec.role === 'control-plane')?.metadata.name
  const apiserver = components.find(
    (c) => c.spec.type === 'kube-apiserver' && c.spec.machine === cp,
  )
  const box = apiserver && layout.components.get(apiserver.metadata.name)
  if (apiserver === undefined || box === undefined) return
  const name = apiserver.metadata.name
  part.edges.push({
    ...laptopEnd(laptop),
    id: clientEdgeId(name),
    target: `component/${name}`,
    targetBox: box,
    to: name,
    toArea: cp,
    label: ':6443 HTTPS',
    kind: 'client',
    mutual: false,
  })
}

function laptopEnd(laptop: Box): Pick<EdgeSpec, 'source' | 'sourceBox' | 'from'> {
  return { source: LAPTOP_ID, sourceBox: laptop, from: LAPTOP_ID }
}

/**
 * A badge per NodePort on every machine (kube-proxy opens it on every node), and the laptop's
 * edge to each worker's (where the pods run; to the control planes only when there is no worker).
 */
function addNodePorts(
  part: KubePart,
  machines: readonly Machine[],
  layout: TopologyLayout,
  services: readonly ServiceSummary[],
  laptop: Box,
): void {
  if (badgeCount(machines, services) === 0) return
  const entries = nodePorts(services)
  const targets = new Set(clientTargets(machines))
  for (const m of machines) {
    const machine = m.metadata.name
    const box = layout.machines.get(machine)!
    const cells = badgeCells(box, layout.strips.get(machine)!, entries.length)
    entries.forEach((entry, i) => {
      const cell = cells[i]!
      const name = badgeName(machine, entry.nodePort, entry.protocol)
      part.nodes.push(badgeNode(name, machine, cell, entry))
      part.obstacles.push({ id: badgeId(name), box: cell })
      if (targets.has(machine))
        part.edges.push({
          ...laptopEnd(laptop),
          id: clientEdgeId(name),
          target: badgeId(name),
          targetBox: cell,
          to: badgeId(name),
          toArea: machine,
          label: `:${entry.nodePort}/${entry.protocol}`,
          kind: 'client',
          mutual: false,
        })
    })
  }
}

/** The machines the laptop has NodePort edges to: the workers, in a small enough cluster. */
export function clientTargets(machines: readonly Machine[]): string[] {
  if (machines.length > CLIENT_EDGE_MACHINE_LIMIT) return []
  const workers = machines.filter((m) => m.spec.role === 'worker')
  return (workers.length > 0 ? workers : machines).map((m) => m.metadata.name)
}

function badgeNode(name: string, machine: string, cell: Box, entry: NodePortEntry) {
  return {
    group: 'nodes' as const,
    data: {
      id: badgeId(name),
      parent: `machine/${machine}`,
      kind: 'nodePort',
      label: badgeLabel(entry),
      namespace: entry.service.namespace,
      name: entry.service.name,
      // The port on this machine, which its fault menu can block.
      machine,
      port: entry.nodePort,
      protocol: entry.protocol,
    },
    position: { x: cell.x, y: cell.y },
  }
}
