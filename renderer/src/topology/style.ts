/**
 * The Cytoscape stylesheet for a colour scheme. Sizes come from layout.ts and elements.ts so
 * that what the router assumed (box sizes, label sizes) is what gets drawn.
 */
import type { EdgeSingular, StylesheetJson } from 'cytoscape'
import { COMPONENT_HEIGHT, COMPONENT_WIDTH, MACHINE_PADDING } from './layout'
import { EDGE_FONT_SIZE, MACHINE_FONT_SIZE } from './elements'
import type { ComponentFamily } from './families'
import { FOCUS, paletteFor, type ColorScheme } from './palette'
import { graphStyle } from './graphStyle'
import { MIN_ZOOMED_FONT_SIZE } from './lod'

export const COMPONENT_FONT_SIZE = 13
/** The graph's typeface, shared with the words drawn over it (countOverlay.ts). */
export const FONT = 'system-ui, "Segoe UI", "DejaVu Sans", Roboto, sans-serif'

/** Shapes by family: the second cue besides colour. */
export const FAMILY_SHAPES: Record<
  ComponentFamily,
  'round-rectangle' | 'rectangle' | 'cut-rectangle'
> = {
  'control-plane': 'round-rectangle',
  'node-agent': 'rectangle',
  network: 'cut-rectangle',
}

export function topologyStyle(scheme: ColorScheme): StylesheetJson {
  const p = paletteFor(scheme)
  const families = (Object.keys(FAMILY_SHAPES) as ComponentFamily[]).map((family) => ({
    selector: `node[family = "${family}"]`,
    style: {
      shape: FAMILY_SHAPES[family],
      'background-color': p.family[family].fill,
      'border-color': p.family[family].border,
    },
  }))
  return [
    // Zoomed far out, labels would be unreadable smudges that cost time to draw: skip them.
    { selector: 'node, edge', style: { 'min-zoomed-font-size': MIN_ZOOMED_FONT_SIZE } },
    {
      selector: 'node[kind = "machine"]',
      style: {
        shape: 'round-rectangle',
        'corner-radius': '10px',
        'background-color': p.machineFill,
        'border-color': p.machineBorder,
        'border-width': 1.5,
        padding: `${MACHINE_PADDING}px`,
        // Its children's labels sit inside their boxes: sizing the machine by the boxes alone
        // spares measuring every label again when a pod count changes.
        'compound-sizing-wrt-labels': 'exclude',
        label: 'data(label)',
        color: p.text,
        'font-family': FONT,
        'font-size': MACHINE_FONT_SIZE,
        'font-weight': 'bold',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -5,
      },
    },
    {
      selector: 'node[role = "worker"]',
      style: { 'text-valign': 'bottom', 'text-margin-y': 5 },
    },
    {
      selector: 'node[power = "Off"]',
      style: { 'border-style': 'dashed', 'border-width': 2 },
    },
    {
      // A Node that is not Ready: a thick dashed border (its label also says NotReady).
      selector: 'node[kind = "machine"][ready != "True"]',
      style: { 'border-style': 'dashed', 'border-width': 3, 'border-color': p.pod.failed.border },
    },
    {
      selector: 'node[kind = "component"]',
      style: {
        width: COMPONENT_WIDTH,
        height: COMPONENT_HEIGHT,
        'border-width': 2,
        label: 'data(label)',
        color: p.text,
        'font-family': FONT,
        'font-size': COMPONENT_FONT_SIZE,
        'line-height': 1.25,
        'text-wrap': 'wrap',
        'text-max-width': `${COMPONENT_WIDTH - 8}px`,
        'text-valign': 'center',
        'text-halign': 'center',
      },
    },
    ...families,
    {
      selector: 'node[state = "Stopped"]',
      style: {
        'background-color': p.stoppedFill,
        'border-color': p.stoppedBorder,
        'border-style': 'dashed',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.75,
        'curve-style': 'straight',
        'line-color': p.edge,
        'target-arrow-color': p.edge,
        'source-arrow-color': p.edge,
        'arrow-scale': 1.1,
        label: 'data(label)',
        color: p.text,
        'font-family': FONT,
        'font-size': EDGE_FONT_SIZE,
        'text-background-color': p.labelBackground,
        'text-background-opacity': 1,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
        'text-margin-x': (edge: EdgeSingular) => edge.data('labelDx') as number,
        'text-margin-y': (edge: EdgeSingular) => edge.data('labelDy') as number,
      },
    },
    {
      selector: 'edge.routed',
      style: {
        'curve-style': 'round-segments',
        'edge-distances': 'node-position',
        'segment-weights': (edge: EdgeSingular) => edge.data('segmentWeights') as number[],
        'segment-distances': (edge: EdgeSingular) => edge.data('segmentDistances') as number[],
        'segment-radii': [16],
      },
    },
    // A machine being dragged: its routes were made for where it was, so its edges go straight
    // and unlabelled until it is dropped and routed again (machineDrag.ts).
    {
      selector: 'edge.moving',
      style: { 'curve-style': 'straight', 'text-opacity': 0, 'text-background-opacity': 0 },
    },
    { selector: 'edge.directed', style: { 'target-arrow-shape': 'triangle' } },
    {
      selector: 'edge.mutual',
      style: { 'source-arrow-shape': 'triangle', 'target-arrow-shape': 'triangle' },
    },
    ...graphStyle(p, FONT),
    // The path of the last terminal command: thicker, in the trace colour, and dashed so it
    // does not rely on colour alone.
    {
      selector: 'edge.lit',
      style: {
        width: 4,
        'line-color': p.trace,
        'target-arrow-color': p.trace,
        'source-arrow-color': p.trace,
        'line-style': 'dashed',
      },
    },
    { selector: 'node.lit', style: { 'border-width': 4, 'border-color': p.trace } },
    // The keyboard cursor (graphCursor.ts): an outline in the focus colour, as a focused control.
    {
      selector: 'node.current',
      style: {
        'outline-width': 3,
        'outline-color': FOCUS[scheme],
        'outline-offset': 3,
        'outline-opacity': 1,
      },
    },
  ]
}
