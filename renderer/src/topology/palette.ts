/**
 * Colours of the topology in each colour scheme. Family hues come from the Okabe–Ito palette
 * (blue, orange, bluish green), which stays distinguishable with the common colour-vision
 * deficiencies; fills are pale (light) or deep (dark) so that label text keeps a contrast of
 * at least 7:1, and the borders carry the hue. Families also differ in shape (see style.ts),
 * so colour is never the only cue.
 */
import type { ComponentFamily } from './families'

export type ColorScheme = 'light' | 'dark'

export interface FamilyColors {
  fill: string
  border: string
}

export interface Palette {
  text: string
  mutedText: string
  labelBackground: string
  machineFill: string
  machineBorder: string
  edge: string
  stoppedFill: string
  stoppedBorder: string
  /** The path of the last terminal command (Okabe–Ito vermillion / yellow). */
  trace: string
  family: Record<ComponentFamily, FamilyColors>
}

const LIGHT: Palette = {
  text: '#16191d',
  mutedText: '#3d434b',
  labelBackground: '#ffffff',
  machineFill: '#f1f3f6',
  machineBorder: '#7d8590',
  edge: '#59616b',
  stoppedFill: '#e4e6e9',
  stoppedBorder: '#59616b',
  trace: '#d55e00',
  family: {
    'control-plane': { fill: '#dcecf9', border: '#0072b2' },
    'node-agent': { fill: '#fcebd0', border: '#b86e00' },
    network: { fill: '#d5f2e7', border: '#00805c' },
  },
}

const DARK: Palette = {
  text: '#eef1f4',
  mutedText: '#c3c9d1',
  labelBackground: '#14171b',
  machineFill: '#1d2127',
  machineBorder: '#7d8590',
  edge: '#a3acb8',
  stoppedFill: '#2a2e33',
  stoppedBorder: '#a3acb8',
  trace: '#f0e442',
  family: {
    'control-plane': { fill: '#0d3350', border: '#56b4e9' },
    'node-agent': { fill: '#463210', border: '#e69f00' },
    network: { fill: '#0b3a2d', border: '#2fc49b' },
  },
}

export function paletteFor(scheme: ColorScheme): Palette {
  return scheme === 'dark' ? DARK : LIGHT
}
