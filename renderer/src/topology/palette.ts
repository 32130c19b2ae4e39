/**
 * Colours of the topology in each colour scheme. Family hues come from the Okabe–Ito palette
 * (blue, orange, bluish green), which stays distinguishable with the common colour-vision
 * deficiencies; fills are pale (light) or deep (dark) so that label text keeps a contrast of
 * at least 7:1, and the borders carry the hue. Families also differ in shape (see style.ts),
 * so colour is never the only cue.
 */
import type { ComponentFamily } from './families'
import type { PodTone } from './pods'

export type ColorScheme = 'light' | 'dark'

/** theme.css's --focus, which a canvas cannot read: the keyboard cursor on the graphs. */
export const FOCUS: Record<ColorScheme, string> = { light: '#0063c4', dark: '#6cb6ff' }

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
  /** Pods by tone: bluish green, orange, vermillion, blue and grey; each with its own icon. */
  pod: Record<PodTone, FamilyColors>
  /** Services and their NodePort badges (Okabe–Ito reddish purple). */
  service: FamilyColors
  /** A machine's pod tray and the areas outside the machines. */
  tray: FamilyColors
  laptop: FamilyColors
  /** The dots of the message flow (Okabe–Ito sky blue, outlined for contrast). */
  flow: FamilyColors
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
  pod: {
    running: { fill: '#d5f2e7', border: '#00805c' },
    pending: { fill: '#fcebd0', border: '#b86e00' },
    failed: { fill: '#fbe0d1', border: '#c25400' },
    succeeded: { fill: '#dcecf9', border: '#0072b2' },
    unknown: { fill: '#e4e6e9', border: '#59616b' },
    terminating: { fill: '#e4e6e9', border: '#59616b' },
  },
  service: { fill: '#f7e3ef', border: '#a8508a' },
  tray: { fill: '#fbfcfd', border: '#9aa1aa' },
  laptop: { fill: '#ffffff', border: '#16191d' },
  flow: { fill: '#56b4e9', border: '#16191d' },
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
  pod: {
    running: { fill: '#0b3a2d', border: '#2fc49b' },
    pending: { fill: '#463210', border: '#e69f00' },
    failed: { fill: '#4a1f0a', border: '#f0803c' },
    succeeded: { fill: '#0d3350', border: '#56b4e9' },
    unknown: { fill: '#2a2e33', border: '#a3acb8' },
    terminating: { fill: '#2a2e33', border: '#a3acb8' },
  },
  service: { fill: '#3d1a30', border: '#cc79a7' },
  tray: { fill: '#171a1f', border: '#5d646d' },
  laptop: { fill: '#14171b', border: '#eef1f4' },
  flow: { fill: '#56b4e9', border: '#eef1f4' },
}

export function paletteFor(scheme: ColorScheme): Palette {
  return scheme === 'dark' ? DARK : LIGHT
}
