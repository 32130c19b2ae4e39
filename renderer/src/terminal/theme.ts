/**
 * The terminal's colours and font. The background is the page's, the foreground keeps 7:1
 * contrast on it, and the ANSI palette is tuned per scheme so coloured output stays readable
 * (no yellow on white). The font is a stack of installed monospace fonts: nothing is downloaded.
 */
import type { ITheme } from '@xterm/xterm'
import type { ColorScheme } from '../topology/palette'

export const FONT_FAMILY =
  "ui-monospace, 'DejaVu Sans Mono', 'Cascadia Mono', Menlo, Consolas, monospace"

const LIGHT: ITheme = {
  background: '#ffffff',
  foreground: '#16191d',
  cursor: '#16191d',
  cursorAccent: '#ffffff',
  selectionBackground: '#b3d4fc',
  selectionForeground: '#16191d',
  black: '#16191d',
  red: '#b3261e',
  green: '#1a6b2f',
  yellow: '#7a5a00',
  blue: '#0b57b8',
  magenta: '#8a2a8f',
  cyan: '#0b6470',
  white: '#5c636b',
  brightBlack: '#4a525c',
  brightRed: '#c4332b',
  brightGreen: '#22803b',
  brightYellow: '#8a6700',
  brightBlue: '#1565c0',
  brightMagenta: '#9c36a1',
  brightCyan: '#0d7582',
  brightWhite: '#16191d',
}

const DARK: ITheme = {
  background: '#14171b',
  foreground: '#eef1f4',
  cursor: '#eef1f4',
  cursorAccent: '#14171b',
  selectionBackground: '#36506e',
  selectionForeground: '#eef1f4',
  black: '#3a4049',
  red: '#ff8a80',
  green: '#7ee08f',
  yellow: '#f2cc60',
  blue: '#8ab4f8',
  magenta: '#e3a1ec',
  cyan: '#7fd8e3',
  white: '#d7dce2',
  brightBlack: '#8b939d',
  brightRed: '#ffaba3',
  brightGreen: '#9cf0aa',
  brightYellow: '#ffe08a',
  brightBlue: '#aecbfa',
  brightMagenta: '#f0c0f5',
  brightCyan: '#a5e9f1',
  brightWhite: '#ffffff',
}

export function terminalTheme(scheme: ColorScheme): ITheme {
  return scheme === 'dark' ? DARK : LIGHT
}
