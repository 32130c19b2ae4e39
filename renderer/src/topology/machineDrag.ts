/**
 * Dragging a machine with the pointer: press anywhere on it (its box, a component, a pod, a
 * NodePort badge) and move. Elements themselves stay ungrabbable, as Cytoscape would otherwise
 * pull a component out of its machine; this moves the whole machine instead.
 *
 * 1. Panning stays what a press on the empty canvas does; a press on a machine moves it.
 * 2. A move shorter than DRAG_THRESHOLD screen pixels is a click (it inspects), not a drag.
 * 3. While dragging, the machine's edges are drawn straight (class `moving`): their routes were
 *    computed for the old place. On release `onDrop` gets the move; the view lays the graph out
 *    again with it, and edges are routed anew.
 */
import type { Core, EventObject, NodeSingular } from 'cytoscape'
import type { Point } from './geometry'

export const DRAG_THRESHOLD = 4
const MACHINE_PREFIX = 'machine/'

interface Drag {
  machine: NodeSingular
  start: Point
  last: Point
  moving: boolean
}

/** The machine a node belongs to (itself, for a machine), if any. */
function machineOf(node: NodeSingular): NodeSingular | undefined {
  const over = node.data('machine') as string | undefined
  if (over !== undefined && node.isOrphan()) {
    const machine = node.cy().getElementById(`${MACHINE_PREFIX}${over}`)
    return machine.nonempty() ? (machine as NodeSingular) : undefined
  }
  const machine = node.id().startsWith(MACHINE_PREFIX) ? node : node.ancestors().last()
  return machine.nonempty() && machine.id().startsWith(MACHINE_PREFIX)
    ? (machine as NodeSingular)
    : undefined
}

/** What moves with a machine: its childless descendants, and the pods over its tray. */
function riders(cy: Core, machine: NodeSingular): NodeSingular[] {
  const name = machine.id().slice(MACHINE_PREFIX.length)
  const over = cy.nodes().filter((n) => n.isOrphan() && n.data('machine') === name)
  return [...machine.descendants().filter((n) => n.isChildless()), ...over]
}

/** Installs the drag on `cy`; `onDrop` gets the machine's name and how far it moved. */
export function enableMachineDrag(cy: Core, onDrop: (machine: string, by: Point) => void): void {
  let drag: Drag | undefined
  // What a press would do, shown by the pointer: grab a machine, or pan the canvas.
  const setCursor = (cursor: string): void => {
    const container = cy.container()
    if (container !== null) container.style.cursor = cursor
  }
  cy.on('mouseover', 'node', (event: EventObject) => {
    if (drag === undefined && machineOf(event.target as NodeSingular)) setCursor('grab')
  })
  cy.on('mouseout', 'node', () => {
    if (drag === undefined) setCursor('')
  })

  cy.on('tapstart', 'node', (event: EventObject) => {
    const machine = machineOf(event.target as NodeSingular)
    if (machine === undefined) return
    drag = { machine, start: { ...event.position }, last: { ...event.position }, moving: false }
    cy.userPanningEnabled(false)
  })

  cy.on('tapdrag', (event: EventObject) => {
    if (drag === undefined) return
    const at = event.position
    if (!drag.moving) {
      const screen = Math.hypot(at.x - drag.start.x, at.y - drag.start.y) * cy.zoom()
      if (screen < DRAG_THRESHOLD) return
      drag.moving = true
      setCursor('grabbing')
      drag.machine.descendants().connectedEdges().addClass('moving')
    }
    const by = { x: at.x - drag.last.x, y: at.y - drag.last.y }
    drag.last = { ...at }
    // A compound node's position follows its children: moving the leaves moves the machine,
    // and the pods lying over its tray go with it (kubeElements.ts, Holder).
    cy.batch(() => {
      for (const leaf of riders(cy, drag!.machine)) {
        const p = leaf.position()
        leaf.position({ x: p.x + by.x, y: p.y + by.y })
      }
    })
  })

  cy.on('tapend', () => {
    if (drag === undefined) return
    const { machine, start, last, moving } = drag
    drag = undefined
    cy.userPanningEnabled(true)
    setCursor('')
    if (!moving) return
    machine.descendants().connectedEdges().removeClass('moving')
    onDrop(machine.id().slice(MACHINE_PREFIX.length), { x: last.x - start.x, y: last.y - start.y })
  })
}
