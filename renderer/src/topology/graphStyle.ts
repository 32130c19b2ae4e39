/**
 * The Cytoscape style of the graph's Kubernetes objects (pods, trays, count nodes, Services,
 * NodePort badges, the areas and the laptop). Every kind differs by shape or border as well as
 * colour, and every pod's label starts with its tone's icon (pods.ts), so no cue is colour alone.
 */
import type { NodeSingular, StylesheetJson } from 'cytoscape'
import { BADGE_HEIGHT, BADGE_WIDTH, POD_HEIGHT, POD_WIDTH } from './podLayout'
import { LAPTOP_HEIGHT, LAPTOP_WIDTH } from './clientElements'
import { SERVICE_HEIGHT, SERVICE_WIDTH } from './kubeElements'
import { MACHINE_PADDING } from './layout'
import type { Palette } from './palette'
import { POD_TONES } from './pods'

export const POD_FONT_SIZE = 12
const AREA_FONT_SIZE = 14
const TRAY_TITLE_SIZE = 12

export function graphStyle(p: Palette, font: string): StylesheetJson {
  const text = { color: p.text, 'font-family': font, 'font-size': POD_FONT_SIZE }
  const tones = POD_TONES.map((tone) => ({
    selector: `node[tone = "${tone}"]`,
    style: { 'background-color': p.pod[tone].fill, 'border-color': p.pod[tone].border },
  }))
  return [
    {
      selector: 'node[kind = "tray"]',
      style: {
        ...text,
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        'background-color': p.tray.fill,
        'border-color': p.tray.border,
        'border-width': 1,
        'border-style': 'dashed',
        label: 'data(label)',
        color: p.mutedText,
        'font-size': TRAY_TITLE_SIZE,
        'text-valign': 'center',
        'text-margin-y': (n: NodeSingular) => -(n.data('h') as number) / 2 + TRAY_TITLE_SIZE,
        'z-index': 1,
      },
    },
    {
      selector: 'node[kind = "pod"]',
      style: {
        ...text,
        shape: 'round-rectangle',
        // Half the height: a pill, which no component has.
        'corner-radius': `${POD_HEIGHT / 2}px`,
        width: POD_WIDTH,
        height: POD_HEIGHT,
        'border-width': 2,
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-max-width': `${POD_WIDTH - 6}px`,
        'line-height': 1.2,
        'text-valign': 'center',
        'z-index': 2,
        // Over its machine's tray without being its child (kubeElements.ts, Holder).
        'z-compound-depth': 'top',
      },
    },
    ...tones,
    { selector: 'node[tone = "failed"]', style: { 'border-width': 3 } },
    { selector: 'node[tone = "terminating"]', style: { 'border-style': 'dashed' } },
    { selector: 'node[tone = "unknown"]', style: { 'border-style': 'dotted' } },
    {
      // Its words are drawn over the graph, not as a label (countOverlay.ts).
      selector: 'node[kind = "podCount"]',
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        'background-color': p.labelBackground,
        'border-color': p.machineBorder,
        'border-width': 2,
        'border-style': 'double',
        'z-index': 2,
        'z-compound-depth': 'top',
      },
    },
    {
      selector: 'node[kind = "service"], node[kind = "serviceMore"]',
      style: {
        ...text,
        shape: 'barrel',
        width: SERVICE_WIDTH,
        height: SERVICE_HEIGHT,
        'background-color': p.service.fill,
        'border-color': p.service.border,
        'border-width': 2,
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-max-width': `${SERVICE_WIDTH - 12}px`,
        'line-height': 1.2,
        'text-valign': 'center',
      },
    },
    { selector: 'node[kind = "serviceMore"]', style: { 'border-style': 'dashed' } },
    {
      selector: 'node[kind = "nodePort"]',
      style: {
        ...text,
        shape: 'round-tag',
        width: BADGE_WIDTH,
        height: BADGE_HEIGHT,
        'background-color': p.service.fill,
        'border-color': p.service.border,
        'border-width': 2,
        label: 'data(label)',
        'text-valign': 'center',
        'z-index': 2,
      },
    },
    {
      selector: 'node[kind = "area"]',
      style: {
        ...text,
        shape: 'round-rectangle',
        'background-color': p.tray.fill,
        'background-opacity': 0.6,
        'border-color': p.tray.border,
        'border-width': 1.5,
        'border-style': 'dashed',
        padding: `${MACHINE_PADDING}px`,
        label: 'data(label)',
        'font-size': AREA_FONT_SIZE,
        'font-weight': 'bold',
        'text-valign': 'top',
        'text-margin-y': -5,
      },
    },
    {
      selector: 'node[kind = "laptop"]',
      style: {
        ...text,
        shape: 'round-rectangle',
        width: LAPTOP_WIDTH,
        height: LAPTOP_HEIGHT,
        'background-color': p.laptop.fill,
        'border-color': p.laptop.border,
        'border-width': 4,
        'border-style': 'double',
        label: 'data(label)',
        'font-weight': 'bold',
        'text-wrap': 'wrap',
        'line-height': 1.25,
        'text-valign': 'center',
      },
    },
    // The laptop's edges come from outside the cluster: dotted, besides their own label.
    { selector: 'edge.client', style: { 'line-style': 'dotted', width: 2 } },
  ]
}
