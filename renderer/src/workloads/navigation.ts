/**
 * Keyboard movement over the workloads graph (a roving selection: one element is current, the
 * canvas keeps the focus). Pure, so it is tested without a canvas.
 *
 * 1. Up and Down move within a column, in row order; Home and End go to the column's ends.
 * 2. Left and Right move to the nearest column that has elements, preferring an element linked
 *    to the current one along the chain (a pod's ReplicaSet or Node), then one linked by an
 *    endpoint (a pod's EndpointSlice), else the one nearest in height.
 * 3. With nothing current (or the current element gone), any key starts at the first element.
 */
import type { ElementDefinition } from './elements'

export interface NavItem {
  id: string
  column: number
  y: number
}

export interface NavGraph {
  items: NavItem[]
  /** Ids linked to each id, in either direction, with a rank: 0 for the chain, 1 for endpoints. */
  links: Map<string, Map<string, number>>
}

export const NAV_KEYS = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'] as const
export type NavKey = (typeof NAV_KEYS)[number]

export function isNavKey(key: string): key is NavKey {
  return (NAV_KEYS as readonly string[]).includes(key)
}

export function navGraph(elements: readonly ElementDefinition[]): NavGraph {
  const items: NavItem[] = []
  const links = new Map<string, Map<string, number>>()
  const link = (a: string, b: string, rank: number): void => {
    const linked = links.get(a) ?? new Map<string, number>()
    linked.set(b, Math.min(rank, linked.get(b) ?? rank))
    links.set(a, linked)
  }
  for (const e of elements) {
    if (e.group === 'nodes' && e.position !== undefined && e.data['column'] !== undefined) {
      items.push({ id: e.data.id, column: Number(e.data['column']), y: e.position.y })
    } else if (e.group === 'edges') {
      const rank = e.data['kind'] === 'endpoint' ? 1 : 0
      link(String(e.data['source']), String(e.data['target']), rank)
      link(String(e.data['target']), String(e.data['source']), rank)
    }
  }
  items.sort((a, b) => a.column - b.column || a.y - b.y)
  return { items, links }
}

/** The element a key moves to from `current`; `current` itself when there is nowhere to go. */
export function move(
  graph: NavGraph,
  current: string | undefined,
  key: NavKey,
): string | undefined {
  const here = graph.items.find((i) => i.id === current)
  if (here === undefined) return graph.items[0]?.id
  const column = graph.items.filter((i) => i.column === here.column)
  const index = column.indexOf(here)
  switch (key) {
    case 'ArrowUp':
      return column[Math.max(0, index - 1)]!.id
    case 'ArrowDown':
      return column[Math.min(column.length - 1, index + 1)]!.id
    case 'Home':
      return column[0]!.id
    case 'End':
      return column[column.length - 1]!.id
    default:
      return sideways(graph, here, key === 'ArrowRight' ? 1 : -1)
  }
}

function sideways(graph: NavGraph, here: NavItem, step: 1 | -1): string {
  const columns = [...new Set(graph.items.map((i) => i.column))]
  const next =
    step > 0 ? columns.find((c) => c > here.column) : columns.findLast((c) => c < here.column)
  if (next === undefined) return here.id
  const candidates = graph.items.filter((i) => i.column === next)
  const linked = graph.links.get(here.id) ?? new Map<string, number>()
  const rank = (item: NavItem): number => linked.get(item.id) ?? 2
  const best = Math.min(...candidates.map(rank))
  return nearest(
    candidates.filter((i) => rank(i) === best),
    here.y,
  ).id
}

/** The item nearest in height; the upper one of two as near. */
function nearest(pool: readonly NavItem[], y: number): NavItem {
  let found = pool[0]!
  for (const item of pool) if (Math.abs(item.y - y) < Math.abs(found.y - y)) found = item
  return found
}
