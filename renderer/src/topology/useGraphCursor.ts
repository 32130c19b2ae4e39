/**
 * The architecture graph's keyboard and pointer cursor: arrows move it from element to element
 * (spatialNav.ts), Enter inspects, the context-menu key or Shift+F10 opens the element's faults,
 * Escape leaves it; Shift+arrows pan, Alt+arrows move the element's machine, + − 0 zoom and
 * fit. A click inspects and puts the cursor there, a right click opens the faults. The current
 * element is marked on the canvas, kept across redraws (`remark`) and announced.
 */
import type { Core, EventObject } from 'cytoscape'
import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useClusterStore } from '../stores/cluster'
import { useFaultMenuStore } from '../stores/faultMenu'
import { useInspectorStore } from '../stores/inspector'
import { useLayoutStore } from '../stores/layout'
import { inspectTargetOf, menuTargetOf, type ElementData } from './elementTargets'
import { markCurrent, navPoints, reveal } from './graphCursor'
import { isArrow, nextInDirection, type Arrow } from './spatialNav'

const PAN_STEP = 60
const ZOOM_STEP = 1.2
/** How far Alt+arrow moves a machine, in graph units. */
const MOVE_STEP = 40
const MACHINE_PREFIX = 'machine/'

export interface GraphCursorOptions {
  /** The Cytoscape instance, when there is one (it is made again when the graph grows large). */
  graph: () => Core | undefined
  container: Ref<HTMLDivElement | null>
  /** The cluster's shape, under which machine moves are remembered (stores/layout.ts). */
  shape: Readonly<Ref<string>>
  fit: () => void
  /** How far inside the edges an element is brought into view, in pixels. */
  margin: number
  /** Words of an element drawn outside Cytoscape (a pod count's), else its label is read. */
  wordsOf?: (id: string) => string | undefined
}

export function useGraphCursor(options: GraphCursorOptions) {
  const { t } = useI18n()
  const cluster = useClusterStore()
  const faultMenu = useFaultMenuStore()
  const inspector = useInspectorStore()
  const layout = useLayoutStore()
  /** The element arrows move from, Enter inspects, the menu key breaks. */
  const current = ref<string | undefined>()
  const announcement = ref('')

  /** The machine an element is on (itself, for a machine). */
  function machineOfElement(id: string | undefined): string | undefined {
    const cy = options.graph()
    if (cy === undefined || id === undefined) return undefined
    const node = cy.getElementById(id)
    const over = node.data('machine') as string | undefined
    if (over !== undefined && node.isOrphan()) return over
    const machine = node.data('kind') === 'machine' ? node : node.ancestors('[kind = "machine"]')[0]
    return machine?.id().slice(MACHINE_PREFIX.length)
  }

  /** The machine the inspector shows, or the one its component runs on. */
  function inspectedMachine(): string | undefined {
    const target = inspector.target
    if (target?.object === 'Machine') return target.name
    if (target?.object !== 'Component') return undefined
    return cluster.components.find((c) => c.metadata.name === target.name)?.spec.machine
  }

  const STEPS: Record<Arrow, [number, number]> = {
    ArrowLeft: [-1, 0],
    ArrowRight: [1, 0],
    ArrowUp: [0, -1],
    ArrowDown: [0, 1],
  }

  /** Alt+arrow: the keyboard's way to drag the cursor's machine (or the inspected one). */
  function moveMachine(arrow: Arrow): void {
    const machine = machineOfElement(current.value) ?? inspectedMachine()
    if (machine === undefined) return
    const [x, y] = STEPS[arrow]
    layout.move(options.shape.value, machine, { x: x * MOVE_STEP, y: y * MOVE_STEP })
  }

  /** Puts the keyboard cursor on an element, brings it into view and says what it is. */
  function focusOn(id: string | undefined): void {
    const cy = options.graph()
    if (cy === undefined) return
    current.value = markCurrent(cy, id) ? id : undefined
    const el = options.container.value
    if (el !== null) el.dataset['current'] = current.value ?? ''
    if (current.value === undefined) return
    reveal(cy, current.value, options.margin)
    const label =
      options.wordsOf?.(current.value) ??
      String(cy.getElementById(current.value).data('label') ?? '')
    announcement.value = t('graph.current', { label: label.replace(/\n/g, ', ') })
  }

  function inspect(id: string | undefined): void {
    const cy = options.graph()
    const node = id === undefined ? undefined : cy?.getElementById(id)
    const target = node === undefined ? undefined : inspectTargetOf(node.data() as ElementData)
    if (target !== undefined) void inspector.select(target)
  }

  /** The context-menu key (or Shift+F10): the cursor's fault menu, under the element. */
  function openMenuAtCursor(): void {
    const cy = options.graph()
    const el = options.container.value
    if (cy === undefined || current.value === undefined || el === null) return
    const node = cy.getElementById(current.value)
    const target = menuTargetOf(node.data() as ElementData, {
      components: cluster.components,
      links: cluster.links,
    })
    if (target === undefined) return
    const box = node.renderedBoundingBox({ includeLabels: false })
    const page = el.getBoundingClientRect()
    faultMenu.open({
      target,
      x: page.left + (box.x1 + box.x2) / 2,
      y: page.top + box.y2 + 2,
      opener: el,
    })
  }

  function onKeydown(event: KeyboardEvent): void {
    const cy = options.graph()
    if (cy === undefined) return
    const center = { x: cy.width() / 2, y: cy.height() / 2 }
    if (isArrow(event.key)) {
      event.preventDefault()
      const [x, y] = STEPS[event.key]
      if (event.altKey) moveMachine(event.key)
      else if (event.shiftKey) cy.panBy({ x: -x * PAN_STEP, y: -y * PAN_STEP })
      else focusOn(nextInDirection(navPoints(cy), current.value, event.key))
      return
    }
    const actions: Record<string, () => void> = {
      Enter: () => inspect(current.value),
      ' ': () => inspect(current.value),
      ContextMenu: openMenuAtCursor,
      Escape: () => focusOn(undefined),
      '+': () => cy.zoom({ level: cy.zoom() * ZOOM_STEP, renderedPosition: center }),
      '=': () => cy.zoom({ level: cy.zoom() * ZOOM_STEP, renderedPosition: center }),
      '-': () => cy.zoom({ level: cy.zoom() / ZOOM_STEP, renderedPosition: center }),
      '0': options.fit,
    }
    const action = event.key === 'F10' && event.shiftKey ? openMenuAtCursor : actions[event.key]
    if (action === undefined) return
    event.preventDefault()
    action()
  }

  /** Right click on a machine, component, pod, NodePort or link opens its fault menu there. */
  function onContextTap(event: EventObject): void {
    const data = event.target.data() as ElementData
    const target = menuTargetOf(data, { components: cluster.components, links: cluster.links })
    const pointer = event.originalEvent as MouseEvent | undefined
    const el = options.container.value
    if (target === undefined || pointer === undefined || el === null) return
    faultMenu.open({ target, x: pointer.clientX, y: pointer.clientY, opener: el })
  }

  /** A click (tap) on a node puts the cursor there and inspects what it stands for. */
  function onTap(event: EventObject): void {
    const id = event.target.id() as string
    if (inspectTargetOf(event.target.data() as ElementData) === undefined) return
    focusOn(id)
    inspect(id)
  }

  /** After a redraw: the mark back on the current element, or no cursor if it is gone. */
  function remark(): void {
    const cy = options.graph()
    if (cy !== undefined && !markCurrent(cy, current.value)) current.value = undefined
  }

  return { current, announcement, onKeydown, onTap, onContextTap, remark }
}
