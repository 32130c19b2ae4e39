/**
 * The architecture graph's keyboard cursor on the Cytoscape instance: which elements it can be
 * on, where each sits for spatialNav.ts, how the current one is marked and brought into view.
 *
 * A machine is reached at its label (above a control plane, below a worker), not at its centre,
 * which lies among its components: Up from a control plane's top row lands on the machine.
 */
import type { Core, NodeSingular } from 'cytoscape'
import type { NavPoint } from './spatialNav'

/** Elements the cursor stops on: what can be inspected or broken, and the pod counts. */
const NAVIGABLE = new Set([
  'machine',
  'component',
  'pod',
  'podCount',
  'service',
  'nodePort',
  'laptop',
])
const LABEL_OFFSET = 12
export const CURRENT_CLASS = 'current'

function isNavigable(node: NodeSingular): boolean {
  return NAVIGABLE.has(node.data('kind') as string)
}

export function navPoints(cy: Core): NavPoint[] {
  const points: NavPoint[] = []
  cy.nodes().forEach((node) => {
    if (!isNavigable(node)) return
    if (node.data('kind') !== 'machine') {
      points.push({ id: node.id(), ...node.position() })
      return
    }
    const box = node.boundingBox({ includeLabels: false })
    const top = node.data('role') === 'control-plane'
    points.push({
      id: node.id(),
      x: (box.x1 + box.x2) / 2,
      y: top ? box.y1 - LABEL_OFFSET : box.y2 + LABEL_OFFSET,
    })
  })
  return points
}

/** Marks `id` current (and nothing else); false when no such element is drawn. */
export function markCurrent(cy: Core, id: string | undefined): boolean {
  cy.nodes(`.${CURRENT_CLASS}`).removeClass(CURRENT_CLASS)
  if (id === undefined) return false
  const node = cy.getElementById(id)
  if (node.empty()) return false
  node.addClass(CURRENT_CLASS)
  return true
}

/** Pans just enough to bring the element into view, `margin` pixels inside the edges. */
export function reveal(cy: Core, id: string, margin: number): void {
  const box = cy.getElementById(id).renderedBoundingBox({ includeLabels: true })
  const w = cy.width()
  const h = cy.height()
  const dx = box.x1 < margin ? margin - box.x1 : box.x2 > w - margin ? w - margin - box.x2 : 0
  const dy = box.y1 < margin ? margin - box.y1 : box.y2 > h - margin ? h - margin - box.y2 : 0
  if (dx !== 0 || dy !== 0) cy.panBy({ x: dx, y: dy })
}
