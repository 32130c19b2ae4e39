/**
 * Draws the words of the pod count nodes ("30 pods" / "28 Running, 2 Pending") on a canvas laid
 * over the graph, instead of as their Cytoscape labels.
 *
 * Why: from a few hundred pods on, every tray shows a count, and a batch of pod changes rewrites
 * most counts. A changed Cytoscape label restyles its node and redraws the whole graph: about
 * 30 ms a batch at 100 nodes and 200 ms at 500 (docs/performance.md). Writing a few hundred lines
 * of text here costs a millisecond or two. The count nodes stay in the graph, without words: the
 * box, the keyboard cursor, the fault menus and the level of detail are still Cytoscape's.
 *
 * 1. Redrawn after every frame Cytoscape draws (its `render` event: panning, zooming, a machine
 *    dragged), so the words move with their boxes in the same frame; and on a frame of its own
 *    when only the words changed.
 * 2. The graph's font, size and text colour, and its level of detail: no words where Cytoscape
 *    would draw none (on screen under MIN_ZOOMED_FONT_SIZE).
 * 3. After each drawing the canvas dispatches a `draw` event (the renderer benchmark times it).
 */
import type { Core } from 'cytoscape'
import { POD_FONT_SIZE } from './graphStyle'
import { MIN_ZOOMED_FONT_SIZE } from './lod'
import type { Palette } from './palette'

/** Baseline to baseline, in font sizes: Cytoscape's wrapped labels at line-height 1.2. */
export const COUNT_LINE_HEIGHT = 1.2

export interface PlacedLine {
  text: string
  x: number
  y: number
}

/**
 * Where the lines of a count go on screen: centred on the node's rendered position, one under
 * the other (textBaseline middle). None when they would be too small to read.
 */
export function placeLines(
  lines: readonly string[],
  center: { x: number; y: number },
  zoom: number,
): PlacedLine[] {
  const size = POD_FONT_SIZE * zoom
  if (size < MIN_ZOOMED_FONT_SIZE) return []
  const step = size * COUNT_LINE_HEIGHT
  const top = center.y - (step * (lines.length - 1)) / 2
  return lines.map((text, i) => ({ text, x: center.x, y: top + i * step }))
}

export class CountOverlay {
  private lines = new Map<string, string[]>()
  private frame: number | undefined
  private readonly onRender = (): void => this.draw()

  constructor(
    private readonly cy: Core,
    private readonly canvas: HTMLCanvasElement,
    private palette: Palette,
    private readonly font: string,
  ) {
    cy.on('render', this.onRender)
  }

  /** The count nodes' words by id; drawn on the next frame when any differ from the last. */
  setCounts(counts: ReadonlyMap<string, string>): void {
    if (counts.size === this.lines.size) {
      let same = true
      for (const [id, words] of counts) {
        if (this.lines.get(id)?.join('\n') !== words) {
          same = false
          break
        }
      }
      if (same) return
    }
    this.lines = new Map([...counts].map(([id, words]) => [id, words.split('\n')]))
    this.schedule()
  }

  setPalette(palette: Palette): void {
    this.palette = palette
    this.schedule()
  }

  destroy(): void {
    this.cy.off('render', this.onRender)
    if (this.frame !== undefined) cancelAnimationFrame(this.frame)
    this.frame = undefined
    this.lines.clear()
    this.canvas.getContext('2d')?.clearRect(0, 0, this.canvas.width, this.canvas.height)
  }

  private schedule(): void {
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined
      this.draw()
    })
  }

  private draw(): void {
    const context = this.canvas.getContext('2d')
    if (context === null) return
    const ratio = window.devicePixelRatio || 1
    const width = this.cy.width()
    const height = this.cy.height()
    if (this.canvas.width !== Math.round(width * ratio))
      this.canvas.width = Math.round(width * ratio)
    if (this.canvas.height !== Math.round(height * ratio))
      this.canvas.height = Math.round(height * ratio)
    context.setTransform(ratio, 0, 0, ratio, 0, 0)
    context.clearRect(0, 0, width, height)
    const zoom = this.cy.zoom()
    context.font = `${POD_FONT_SIZE * zoom}px ${this.font}`
    context.fillStyle = this.palette.text
    context.textAlign = 'center'
    context.textBaseline = 'middle'
    // Words of a box wholly off screen are skipped; a margin keeps half-visible ones.
    const margin = POD_FONT_SIZE * zoom * 20
    for (const [id, lines] of this.lines) {
      const node = this.cy.getElementById(id)
      if (node.empty()) continue
      const center = node.renderedPosition()
      if (center.x < -margin || center.x > width + margin) continue
      if (center.y < -margin || center.y > height + margin) continue
      for (const line of placeLines(lines, center, zoom))
        context.fillText(line.text, line.x, line.y)
    }
    this.canvas.dispatchEvent(new Event('draw'))
  }
}
