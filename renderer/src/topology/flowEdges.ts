/**
 * Which drawn edge a message travels along. Messages name their ends as the simulation does:
 * components ("kubelet-worker-1"), machines ("worker-1") or the learner's laptop ("laptop").
 *
 * 1. Between two components, the Link that joins them, in either direction: a message against
 *    the link's arrow (the API server answering a kubelet's watch) travels it backwards.
 * 2. From the laptop: to the API server, the kubectl edge; to a worker ("GET :30080"), the edge
 *    to that worker's NodePort badge for the port the message names.
 * 3. Between two machines (pod traffic), the Weave link between their weave-net peers.
 * 4. Anything else has no edge and is ignored: the graph draws connections, not every socket.
 */
import type { Component, Link, Machine, ServiceSummary } from '../../../core/protocol'
import { linkId } from './elements'
import { badgeName, clientEdgeId, clientTargets, LAPTOP } from './clientElements'
import { nodePorts } from './pods'

export interface FlowEdge {
  /** The Cytoscape id of the edge. */
  edge: string
  /** True when the message goes from the edge's target to its source. */
  reverse: boolean
}

export type FlowIndex = ReadonlyMap<string, FlowEdge>

const pair = (from: string, to: string): string => `${from}→${to}`

export function flowIndex(
  machines: readonly Machine[],
  components: readonly Component[],
  links: readonly Link[],
  services: readonly ServiceSummary[],
): FlowIndex {
  const index = new Map<string, FlowEdge>()
  const add = (from: string, to: string, edge: string): void => {
    if (!index.has(pair(from, to))) index.set(pair(from, to), { edge, reverse: false })
    if (!index.has(pair(to, from))) index.set(pair(to, from), { edge, reverse: true })
  }
  for (const l of links) add(l.spec.from, l.spec.to, linkId(l.metadata.name))
  const cp = machines.find((m) => m.spec.role === 'control-plane')?.metadata.name
  const apiserver = components.find(
    (c) => c.spec.type === 'kube-apiserver' && c.spec.machine === cp,
  )
  if (cp !== undefined && apiserver !== undefined) {
    const edge = clientEdgeId(apiserver.metadata.name)
    add(LAPTOP, apiserver.metadata.name, edge)
    add(LAPTOP, `${cp}:6443`, edge)
  }
  const entries = nodePorts(services)
  for (const machine of clientTargets(machines))
    for (const entry of entries) {
      const name = badgeName(machine, entry.nodePort, entry.protocol)
      add(LAPTOP, `${machine}:${entry.nodePort}`, clientEdgeId(name))
    }
  const weave = new Map(
    components.filter((c) => c.spec.type === 'weave-net').map((c) => [c.metadata.name, c]),
  )
  for (const l of links) {
    const a = weave.get(l.spec.from)?.spec.machine
    const b = weave.get(l.spec.to)?.spec.machine
    if (a !== undefined && b !== undefined) add(a, b, linkId(l.metadata.name))
  }
  return index
}

/** The edge a message travels, or undefined when the graph has none for it. */
export function edgeOf(
  index: FlowIndex,
  from: string,
  to: string,
  what: string,
): FlowEdge | undefined {
  const direct = index.get(pair(from, to))
  if (direct !== undefined) return direct
  const port = /:(\d+)/.exec(what)?.[1]
  if (port === undefined) return undefined
  return index.get(pair(from, `${to}:${port}`)) ?? index.get(pair(`${from}:${port}`, to))
}
