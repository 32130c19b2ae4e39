/**
 * The application menu, as a pure template builder: main.ts passes what it knows about the app
 * and calls Menu.buildFromTemplate. Items use Electron's roles, which bring the platform's
 * accelerators and behaviour (the Edit roles are what make copy and paste work in the terminal);
 * the labels are ours so both languages read naturally.
 */
import type { MenuItemConstructorOptions } from 'electron'
import { fill, type ShellStrings } from './i18n'

export interface MenuContext {
  isMac: boolean
  /** Developer tools appear only in unpackaged (development) builds. */
  isPackaged: boolean
  appName: string
  strings: ShellStrings
  /** Shows the About box; main.ts owns the dialog. */
  onAbout(): void
}

type Item = MenuItemConstructorOptions

const separator: Item = { type: 'separator' }

export function buildMenuTemplate(context: MenuContext): Item[] {
  const macOnly = (item: () => Item): Item[] => (context.isMac ? [item()] : [])
  return [
    ...macOnly(() => appMenu(context)),
    fileMenu(context),
    editMenu(context),
    viewMenu(context),
    ...macOnly(() => windowMenu(context)),
    helpMenu(context),
  ]
}

function appMenu({ appName, strings: s, onAbout }: MenuContext): Item {
  const app = { app: appName }
  return {
    label: appName,
    submenu: [
      { label: fill(s.about, app), click: () => onAbout() },
      separator,
      { role: 'services', label: s.services },
      separator,
      { role: 'hide', label: fill(s.hide, app) },
      { role: 'hideOthers', label: s.hideOthers },
      { role: 'unhide', label: s.showAll },
      separator,
      { role: 'quit', label: s.quit },
    ],
  }
}

function fileMenu({ isMac, strings: s }: MenuContext): Item {
  // On macOS Quit lives in the app menu, and File closes the window instead.
  const last: Item = isMac ? { role: 'close', label: s.close } : { role: 'quit', label: s.quit }
  return { label: s.file, submenu: [last] }
}

function editMenu({ strings: s }: MenuContext): Item {
  return {
    label: s.edit,
    submenu: [
      { role: 'undo', label: s.undo },
      { role: 'redo', label: s.redo },
      separator,
      { role: 'cut', label: s.cut },
      { role: 'copy', label: s.copy },
      { role: 'paste', label: s.paste },
      separator,
      { role: 'selectAll', label: s.selectAll },
    ],
  }
}

function viewMenu({ isPackaged, strings: s }: MenuContext): Item {
  const developer: Item[] = isPackaged
    ? []
    : [{ role: 'toggleDevTools', label: s.toggleDevTools }, separator]
  return {
    label: s.view,
    submenu: [
      { role: 'reload', label: s.reload },
      ...developer,
      { role: 'resetZoom', label: s.resetZoom },
      { role: 'zoomIn', label: s.zoomIn },
      { role: 'zoomOut', label: s.zoomOut },
      separator,
      { role: 'togglefullscreen', label: s.toggleFullScreen },
    ],
  }
}

function windowMenu({ strings: s }: MenuContext): Item {
  return {
    label: s.window,
    role: 'windowMenu',
    submenu: [
      { role: 'minimize', label: s.minimize },
      { role: 'close', label: s.close },
    ],
  }
}

function helpMenu({ appName, strings: s, onAbout }: MenuContext): Item {
  return {
    label: s.help,
    role: 'help',
    submenu: [{ label: fill(s.about, { app: appName }), click: () => onAbout() }],
  }
}
