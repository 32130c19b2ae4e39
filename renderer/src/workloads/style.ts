/**
 * The workloads graph's Cytoscape stylesheet for a colour scheme. Health colours are the
 * topology's Okabe–Ito hues (palette.ts), plus Okabe–Ito vermillion for failures; every colour
 * comes with a second cue: the label's icon and words, a kind's shape, an edge's line style.
 */
import { FOCUS, paletteFor, type ColorScheme } from '../topology/palette'
import type { Health } from './labels'
import { BOX_HEIGHT, BOX_WIDTH } from './layout'

export const NODE_FONT_SIZE = 12
export const EDGE_FONT_SIZE = 11
/** Labels drawn smaller than this on screen are hidden (level of detail on zoom-out). */
export const MIN_NODE_FONT_PX = 7
export const MIN_EDGE_FONT_PX = 8
const FONT = 'system-ui, "Segoe UI", "DejaVu Sans", Roboto, sans-serif'

const VERMILLION: Record<ColorScheme, { fill: string; border: string }> = {
  light: { fill: '#fbe2d4', border: '#d55e00' },
  dark: { fill: '#4a1f0a', border: '#f07a3c' },
}

export interface Colors {
  fill: string
  border: string
}

export function healthColors(scheme: ColorScheme): Record<Health, Colors> {
  const p = paletteFor(scheme)
  return {
    ok: p.family.network,
    progress: p.family['node-agent'],
    failed: VERMILLION[scheme],
    done: p.family['control-plane'],
    unknown: { fill: p.stoppedFill, border: p.stoppedBorder },
    neutral: { fill: p.machineFill, border: p.machineBorder },
  }
}

/** Shapes by kind: the kind also leads every label ("pod/…"), so shape is a second cue. */
const SHAPES: Record<string, string> = {
  Deployment: 'round-rectangle',
  DaemonSet: 'round-rectangle',
  ReplicaSet: 'rectangle',
  Pod: 'round-rectangle',
  Pods: 'round-rectangle',
  Service: 'cut-rectangle',
  EndpointSlice: 'cut-rectangle',
  Node: 'barrel',
  Group: 'rectangle',
}

export interface StyleRule {
  selector: string
  style: Record<string, unknown>
}

export function workloadsStyle(scheme: ColorScheme): StyleRule[] {
  const p = paletteFor(scheme)
  const colors = healthColors(scheme)
  const health = (Object.keys(colors) as Health[]).map((h) => ({
    selector: `node[health = "${h}"]`,
    style: { 'background-color': colors[h].fill, 'border-color': colors[h].border },
  }))
  const shapes = Object.entries(SHAPES).map(([kind, shape]) => ({
    selector: `node[kind = "${kind}"]`,
    style: { shape },
  }))
  return [
    {
      selector: 'node',
      style: {
        width: BOX_WIDTH,
        height: BOX_HEIGHT,
        'border-width': 2,
        label: 'data(label)',
        color: p.text,
        'font-family': FONT,
        'font-size': NODE_FONT_SIZE,
        'line-height': 1.3,
        'text-wrap': 'wrap',
        'text-max-width': `${BOX_WIDTH - 12}px`,
        'text-valign': 'center',
        'text-halign': 'center',
        'min-zoomed-font-size': MIN_NODE_FONT_PX,
      },
    },
    ...shapes,
    ...health,
    { selector: 'node[kind = "Pod"]', style: { 'corner-radius': '14px' } },
    { selector: 'node[health = "failed"]', style: { 'border-width': 3 } },
    { selector: 'node[health = "unknown"]', style: { 'border-style': 'dashed' } },
    { selector: 'node[kind = "Pods"]', style: { 'border-style': 'double', 'border-width': 5 } },
    {
      selector: 'node[kind = "Group"]',
      style: { 'border-style': 'dashed', 'background-opacity': 0, color: p.mutedText },
    },
    {
      selector: 'node[kind = "Header"]',
      style: {
        'border-width': 0,
        'background-opacity': 0,
        color: p.mutedText,
        'font-size': NODE_FONT_SIZE + 1,
        'font-weight': 'bold',
        events: 'no',
      },
    },
    ...edgeStyle(scheme),
    {
      selector: 'node.inspected',
      style: {
        'underlay-color': FOCUS[scheme],
        'underlay-opacity': 0.25,
        'underlay-padding': 6,
      },
    },
    {
      selector: 'node.focused',
      style: {
        'outline-width': 3,
        'outline-color': FOCUS[scheme],
        'outline-offset': 3,
        'outline-opacity': 1,
      },
    },
  ]
}

function edgeStyle(scheme: ColorScheme): StyleRule[] {
  const p = paletteFor(scheme)
  const colors = healthColors(scheme)
  const line = (color: string): Record<string, unknown> => ({
    'line-color': color,
    'target-arrow-color': color,
  })
  return [
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'curve-style': 'straight',
        // Left to right, box side to box side: no edge crosses a box of the column it enters.
        'source-endpoint': '50% 0%',
        'target-endpoint': '-50% 0%',
        ...line(p.edge),
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
        label: 'data(label)',
        color: p.text,
        'font-family': FONT,
        'font-size': EDGE_FONT_SIZE,
        'text-rotation': 'autorotate',
        'text-background-color': p.labelBackground,
        'text-background-opacity': 1,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
        'min-zoomed-font-size': MIN_EDGE_FONT_PX,
      },
    },
    { selector: 'edge[kind = "owns"][?toPods]', style: { 'target-endpoint': '-50% -22%' } },
    // Endpoints arrive lower on a pod's side than its owner's edge, so the two arrows stay apart.
    {
      selector: 'edge[kind = "endpoint"][?ready]',
      style: { width: 2, 'target-endpoint': '-50% 25%', ...line(colors.ok.border) },
    },
    {
      selector: 'edge[kind = "endpoint"][!ready]',
      style: {
        width: 2,
        'target-endpoint': '-50% 25%',
        'line-style': 'dashed',
        ...line(colors.failed.border),
      },
    },
    {
      selector: 'edge[kind = "runsOn"]',
      // Many pods' edges converge on a Node: each label stays by its own pod, where rows keep
      // them apart, rather than mid-edge, where they would pile up.
      style: {
        'line-style': 'dotted',
        'target-arrow-shape': 'vee',
        'target-endpoint': '-50% 0%',
        label: '',
        'source-label': 'data(label)',
        'source-text-offset': 34,
      },
    },
  ]
}
