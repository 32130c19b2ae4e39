/**
 * Plays the flow store's animations over the graph, on an SVG layer laid over the canvas: a dot
 * that travels along an edge (with the count beside it when it carries several messages), or a
 * pulse that swells the whole edge and shows "×12" for heavy traffic.
 *
 * 1. The shapes live outside Cytoscape, so redrawing the graph (a pod changed) never cuts an
 *    animation short, and the graph's element counts and events stay untouched.
 * 2. One animation frame loop for all shapes, running only while some animation is playing; the
 *    store bounds how many there are (stores/flow.ts).
 * 3. Positions are read from Cytoscape every frame, so shapes follow panning and zooming; an
 *    animation whose edge is not drawn (left out by the level of detail) is skipped.
 */
import type { Core, EdgeSingular } from 'cytoscape'
import { alongPolyline, type Point } from './geometry'
import type { Palette } from './palette'
import { FLOW_MS, type FlowAnimation } from '../stores/flow'

const SVG = 'http://www.w3.org/2000/svg'
const DOT_RADIUS = 6

interface Playing {
  animation: FlowAnimation
  startMs: number
  shape: SVGGElement
}

export class FlowAnimator {
  private readonly playing = new Map<number, Playing>()
  private frame: number | undefined

  constructor(
    private readonly cy: Core,
    private readonly layer: SVGSVGElement,
    private palette: Palette,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Starts the animations not seen yet, drops the shapes of those no longer listed, and redraws
   * those whose count grew (a dot that became a pulse keeps its start: it is the same one).
   */
  sync(animations: readonly FlowAnimation[]): void {
    const wanted = new Set(animations.map((a) => a.id))
    for (const [id, p] of this.playing) if (!wanted.has(id)) this.remove(id, p)
    for (const a of animations) {
      const playing = this.playing.get(a.id)
      if (playing !== undefined) {
        if (playing.animation !== a) this.replaceShape(playing, a)
        continue
      }
      if (this.cy.getElementById(a.edge).empty()) continue
      const shape = this.shape(a)
      this.layer.appendChild(shape)
      this.playing.set(a.id, { animation: a, startMs: this.now(), shape })
    }
    if (this.playing.size > 0 && this.frame === undefined)
      this.frame = requestAnimationFrame(() => this.step())
  }

  setPalette(palette: Palette): void {
    this.palette = palette
  }

  destroy(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame)
    this.frame = undefined
    for (const [id, p] of this.playing) this.remove(id, p)
  }

  private step(): void {
    this.frame = undefined
    const at = this.now()
    for (const [id, p] of this.playing) {
      const t = (at - p.startMs - p.animation.delayMs) / FLOW_MS
      const edge = this.cy.getElementById(p.animation.edge)
      if (t >= 1 || edge.empty() || edge.removed()) this.remove(id, p)
      else this.draw(p, edge as EdgeSingular, Math.max(0, t))
    }
    if (this.playing.size > 0) this.frame = requestAnimationFrame(() => this.step())
  }

  private draw(p: Playing, edge: EdgeSingular, t: number): void {
    const points = this.renderedPath(edge)
    const started = this.now() - p.startMs >= p.animation.delayMs
    p.shape.style.visibility = started ? 'visible' : 'hidden'
    if (p.animation.style === 'dot') {
      const at = alongPolyline(points, p.animation.reverse ? 1 - t : t)
      p.shape.setAttribute('transform', `translate(${at.x.toFixed(1)} ${at.y.toFixed(1)})`)
      return
    }
    const line = p.shape.firstElementChild as SVGPolylineElement
    line.setAttribute('points', points.map((q) => `${q.x.toFixed(1)},${q.y.toFixed(1)}`).join(' '))
    // Swells and fades back; wider for more messages (log scale, bounded).
    const width = (4 + Math.min(8, 2 * Math.log2(p.animation.count))) * Math.sin(Math.PI * t)
    line.setAttribute('stroke-width', width.toFixed(1))
    const middle = alongPolyline(points, 0.5)
    const label = p.shape.lastElementChild as SVGTextElement
    label.setAttribute('x', middle.x.toFixed(1))
    label.setAttribute('y', (middle.y - 10).toFixed(1))
  }

  /** The edge as drawn, on screen: its two endpoints and its corners. */
  private renderedPath(edge: EdgeSingular): Point[] {
    const zoom = this.cy.zoom()
    const pan = this.cy.pan()
    const corners = (edge.segmentPoints() as Point[] | undefined) ?? []
    const model = [edge.sourceEndpoint(), ...corners, edge.targetEndpoint()]
    return model.map((q) => ({ x: q.x * zoom + pan.x, y: q.y * zoom + pan.y }))
  }

  private shape(a: FlowAnimation): SVGGElement {
    return a.style === 'dot' ? this.dot(a) : this.pulse(a)
  }

  private replaceShape(playing: Playing, a: FlowAnimation): void {
    const shape = this.shape(a)
    shape.style.visibility = playing.shape.style.visibility
    playing.shape.replaceWith(shape)
    playing.shape = shape
    playing.animation = a
  }

  private dot(a: FlowAnimation): SVGGElement {
    const group = element('g', { class: 'flow-dot', 'data-edge': a.edge }) as SVGGElement
    group.appendChild(
      element('circle', {
        r: String(DOT_RADIUS),
        fill: this.palette.flow.fill,
        stroke: this.palette.flow.border,
        'stroke-width': '1.5',
      }),
    )
    if (a.count > 1) group.appendChild(this.text(String(a.count), DOT_RADIUS + 3, 4, 'start'))
    group.style.visibility = 'hidden'
    return group
  }

  private pulse(a: FlowAnimation): SVGGElement {
    const group = element('g', { class: 'flow-pulse', 'data-edge': a.edge }) as SVGGElement
    group.appendChild(
      element('polyline', {
        fill: 'none',
        stroke: this.palette.flow.fill,
        'stroke-opacity': '0.75',
        'stroke-linecap': 'round',
        'stroke-linejoin': 'round',
      }),
    )
    group.appendChild(this.text(`×${a.count}`, 0, 0, 'middle'))
    group.style.visibility = 'hidden'
    return group
  }

  /** A count, in the text colour with a halo of the label background, legible on any edge. */
  private text(value: string, x: number, y: number, anchor: string): SVGTextElement {
    const text = element('text', {
      x: String(x),
      y: String(y),
      'text-anchor': anchor,
      fill: this.palette.text,
      'font-size': '12',
      'font-weight': 'bold',
      'paint-order': 'stroke',
      stroke: this.palette.labelBackground,
      'stroke-width': '3',
    }) as SVGTextElement
    text.textContent = value
    return text
  }

  private remove(id: number, p: Playing): void {
    p.shape.remove()
    this.playing.delete(id)
  }
}

function element(name: string, attributes: Record<string, string>): SVGElement {
  const el = document.createElementNS(SVG, name)
  for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, value)
  return el
}
