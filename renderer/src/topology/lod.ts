/**
 * Level of detail: what the graph leaves out or sums up as the cluster grows, so that a 500-node
 * lab stays fluid and a 3-node lab shows everything. Every limit is here, with its reason.
 */
import { POD_LIMIT_PER_NODE } from './podLayout'

export { POD_LIMIT_PER_NODE }

/** Past this many pods in the whole cluster every tray shows a count: pods are then noise. */
export const LARGE_POD_TOTAL = 160

/** Past this many machines the laptop's NodePort edges (machines × NodePorts) are left out. */
export const CLIENT_EDGE_MACHINE_LIMIT = 8

/** Past this many machines NodePort badges are left out (the Services list their NodePorts). */
export const BADGE_MACHINE_LIMIT = 64

/** Services drawn one by one; the rest are summed up in one node. */
export const SERVICE_LIMIT = 12

/**
 * Past this many elements Cytoscape draws a cached picture while panning and zooming and hides
 * edges meanwhile (hideEdgesOnViewport, textureOnViewport), and renders at pixel ratio 1.
 */
export const LARGE_GRAPH_ELEMENTS = 1500

/** On-screen font size under which labels are not drawn (min-zoomed-font-size). */
export const MIN_ZOOMED_FONT_SIZE = 7

/**
 * True when a tray with `count` pods, in a cluster with `total`, shows one count node;
 * `capacity` is how many the tray has room for (a control plane's holds fewer).
 */
export function collapsesPods(
  count: number,
  total: number,
  capacity = POD_LIMIT_PER_NODE,
): boolean {
  return count > Math.min(capacity, POD_LIMIT_PER_NODE) || total > LARGE_POD_TOTAL
}

/**
 * True when a graph of `elements` is large. Back to small only well under the limit, so that a
 * graph hovering around it (pods collapsing and expanding) does not flip at every change.
 */
export function isLargeGraph(elements: number, wasLarge = false): boolean {
  return elements > (wasLarge ? 0.8 * LARGE_GRAPH_ELEMENTS : LARGE_GRAPH_ELEMENTS)
}
