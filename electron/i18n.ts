/**
 * The shell's own words (menus, the About box) in the two languages KubeLab speaks.
 *
 * The renderer has vue-i18n; the main process runs before any page exists, so it keeps this small
 * table instead. `ptBR` is typed by the keys of `en`, so a key missing from or added to either
 * language fails the typecheck, not the user.
 */
import type { Language } from '../core/protocol'

const en = {
  file: 'File',
  quit: 'Quit',
  close: 'Close Window',
  edit: 'Edit',
  undo: 'Undo',
  redo: 'Redo',
  cut: 'Cut',
  copy: 'Copy',
  paste: 'Paste',
  selectAll: 'Select All',
  view: 'View',
  reload: 'Reload',
  toggleDevTools: 'Toggle Developer Tools',
  resetZoom: 'Actual Size',
  zoomIn: 'Zoom In',
  zoomOut: 'Zoom Out',
  toggleFullScreen: 'Toggle Full Screen',
  window: 'Window',
  minimize: 'Minimize',
  help: 'Help',
  about: 'About {app}',
  hide: 'Hide {app}',
  hideOthers: 'Hide Others',
  showAll: 'Show All',
  services: 'Services',
  aboutDetail: 'Version {version}\nAn offline lab for learning how Kubernetes works inside.',
  ok: 'OK',
  openLabsFolder: 'Open a folder of labs',
  openLabsFolderButton: 'Open labs',
}

/** Every string the shell shows, by key. */
export type ShellStrings = Readonly<Record<keyof typeof en, string>>

const ptBR = {
  file: 'Arquivo',
  quit: 'Sair',
  close: 'Fechar janela',
  edit: 'Editar',
  undo: 'Desfazer',
  redo: 'Refazer',
  cut: 'Recortar',
  copy: 'Copiar',
  paste: 'Colar',
  selectAll: 'Selecionar tudo',
  view: 'Exibir',
  reload: 'Recarregar',
  toggleDevTools: 'Ferramentas do desenvolvedor',
  resetZoom: 'Tamanho real',
  zoomIn: 'Aumentar zoom',
  zoomOut: 'Diminuir zoom',
  toggleFullScreen: 'Tela cheia',
  window: 'Janela',
  minimize: 'Minimizar',
  help: 'Ajuda',
  about: 'Sobre o {app}',
  hide: 'Ocultar {app}',
  hideOthers: 'Ocultar outros',
  showAll: 'Mostrar tudo',
  services: 'Serviços',
  aboutDetail:
    'Versão {version}\nUm laboratório offline para aprender como o Kubernetes funciona por dentro.',
  ok: 'OK',
  openLabsFolder: 'Abrir uma pasta de labs',
  openLabsFolderButton: 'Abrir labs',
} satisfies ShellStrings

/** Both tables, keyed by the protocol's Language names. */
export const SHELL_STRINGS = { en, 'pt-BR': ptBR } as const satisfies Record<Language, ShellStrings>

/** Portuguese for any `pt*` locale (Electron reports e.g. 'pt-BR' or 'pt'), English otherwise. */
export function shellStrings(locale: string): ShellStrings {
  return locale.toLowerCase().startsWith('pt') ? ptBR : en
}

/** Fills `{name}` placeholders; unknown placeholders are left as written, so a typo shows. */
export function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? (values[name] ?? whole) : whole,
  )
}
