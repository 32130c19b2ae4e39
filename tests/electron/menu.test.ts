import { describe, expect, it, vi } from 'vitest'
import { fill, SHELL_STRINGS, shellStrings } from '../../electron/i18n'
import { buildMenuTemplate, type MenuContext } from '../../electron/menu'

type Item = ReturnType<typeof buildMenuTemplate>[number]

function context(overrides: Partial<MenuContext> = {}): MenuContext {
  return {
    isMac: false,
    isPackaged: true,
    appName: 'KubeLab',
    strings: SHELL_STRINGS.en,
    onAbout: () => {},
    ...overrides,
  }
}

/** Every item of the template, submenus included, depth first. */
function flatten(items: readonly Item[]): Item[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu as Item[]) : []),
  ])
}

const roles = (items: readonly Item[]): string[] =>
  flatten(items).flatMap((item) => (item.role === undefined ? [] : [item.role]))

describe('buildMenuTemplate', () => {
  it('offers developer tools only in an unpackaged build', () => {
    for (const isMac of [false, true]) {
      expect(roles(buildMenuTemplate(context({ isMac, isPackaged: true })))).not.toContain(
        'toggleDevTools',
      )
      expect(roles(buildMenuTemplate(context({ isMac, isPackaged: false })))).toContain(
        'toggleDevTools',
      )
    }
  })

  it('has File, Edit, View and Help, with the edit roles copy and paste need', () => {
    const template = buildMenuTemplate(context())
    expect(template.map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Help'])
    expect(roles(template)).toEqual(
      expect.arrayContaining(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']),
    )
    expect(roles(template)).toEqual(
      expect.arrayContaining(['reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']),
    )
  })

  it('follows macOS conventions: an app menu first, Quit there once, File closes the window', () => {
    const template = buildMenuTemplate(context({ isMac: true }))
    expect(template[0]?.label).toBe('KubeLab')
    expect(roles(template).filter((role) => role === 'quit')).toHaveLength(1)
    expect(roles(template.slice(1, 2))).toEqual(['close'])
  })

  it('shows About from Help, calling back into main with no arguments', () => {
    const onAbout = vi.fn()
    const help = buildMenuTemplate(context({ onAbout })).at(-1)
    const about = flatten([help as Item]).find((item) => item.label === 'About KubeLab')
    expect(about?.click).toBeTypeOf('function')
    ;(about?.click as (...args: unknown[]) => void)('menuItem', 'window', 'event')
    expect(onAbout).toHaveBeenCalledWith()
  })

  it('labels every item in the chosen language', () => {
    for (const [language, strings] of Object.entries(SHELL_STRINGS)) {
      for (const isMac of [false, true]) {
        const items = flatten(buildMenuTemplate(context({ isMac, strings, isPackaged: false })))
        const unlabelled = items.filter((item) => item.type !== 'separator' && !item.label)
        expect(unlabelled, `${language}, mac: ${isMac}`).toEqual([])
      }
    }
    const pt = buildMenuTemplate(context({ strings: SHELL_STRINGS['pt-BR'] }))
    expect(pt.map((menu) => menu.label)).toEqual(['Arquivo', 'Editar', 'Exibir', 'Ajuda'])
  })
})

describe('shell strings', () => {
  it('have the same keys, none empty, and the same placeholders in both languages', () => {
    const en = SHELL_STRINGS.en
    const pt = SHELL_STRINGS['pt-BR']
    expect(Object.keys(pt).sort()).toEqual(Object.keys(en).sort())
    const placeholders = (text: string): string[] => (text.match(/\{\w+\}/g) ?? []).sort()
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim(), key).not.toBe('')
      expect(pt[key].trim(), key).not.toBe('')
      expect(placeholders(pt[key]), key).toEqual(placeholders(en[key]))
    }
  })

  it('pick Portuguese for any pt locale and English otherwise', () => {
    expect(shellStrings('pt-BR')).toBe(SHELL_STRINGS['pt-BR'])
    expect(shellStrings('pt')).toBe(SHELL_STRINGS['pt-BR'])
    expect(shellStrings('PT-pt')).toBe(SHELL_STRINGS['pt-BR'])
    expect(shellStrings('en-US')).toBe(SHELL_STRINGS.en)
    expect(shellStrings('es-419')).toBe(SHELL_STRINGS.en)
    expect(shellStrings('')).toBe(SHELL_STRINGS.en)
  })

  it('fill known placeholders and leave unknown ones visible', () => {
    expect(fill('About {app}', { app: 'KubeLab' })).toBe('About KubeLab')
    expect(fill('Version {version} of {app}', { version: '0.1.0' })).toBe('Version 0.1.0 of {app}')
    expect(fill('{constructor}', {})).toBe('{constructor}')
  })
})
