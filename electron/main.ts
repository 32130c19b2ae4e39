/// <reference types="electron-vite/node" />
/**
 * The Electron main process: one window, one simulation worker, and the relay between them.
 *
 * It stays thin on purpose. Every decision worth testing lives in a pure module (security, relay,
 * menu, i18n), because nothing can launch Electron where we build (docs: TOOLCHAIN P1, P20); what
 * is left here is wiring that only a real Electron could exercise.
 */
import { randomInt } from 'node:crypto'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  session,
  type MessageBoxOptions,
  type WebContents,
} from 'electron'
import createSimulationWorker from '../core/host/node?nodeWorker'
import type { HostMessage } from '../core/protocol'
import { fill, shellStrings, type ShellStrings } from './i18n'
import { buildMenuTemplate } from './menu'
import { isProgressText, readProgressFile, writeProgressFile } from './progressFile'
import { readLabsFolder, rememberedLabsFolder, rememberLabsFolder } from './labsFolder'
import { createRelay } from './relay'
import { scenariosPath } from './scenariosPath'
import {
  IPC_CHANNEL,
  LABS_FOLDER_CHOOSE_CHANNEL,
  LABS_FOLDER_RELOAD_CHANNEL,
  PROGRESS_READ_CHANNEL,
  PROGRESS_WRITE_CHANNEL,
  isAllowedNavigation,
  isPermissionCheckAllowed,
  isTrustedSender,
  withContentSecurityPolicy,
} from './security'
import { createMainWindow } from './window'

const RENDERER_FILE = join(import.meta.dirname, '../renderer/index.html')
/** electron-vite sets ELECTRON_RENDERER_URL to its dev server; otherwise the built page. */
const DEV_SERVER_URL = process.env.ELECTRON_RENDERER_URL
const APP_URL = DEV_SERVER_URL ?? pathToFileURL(RENDERER_FILE).href

let mainWindow: BrowserWindow | null = null

/** `--seed=N` replays a run; without it every launch gets a fresh seed, printed for replay. */
function seedFrom(argv: readonly string[]): number {
  const value = argv.find((arg) => arg.startsWith('--seed='))?.slice('--seed='.length)
  const seed = value === undefined || value === '' ? NaN : Number(value)
  return Number.isSafeInteger(seed) && seed >= 0 ? seed : randomInt(2 ** 31)
}

/** Applied to every web contents, including any the page might try to create. */
function harden(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url, APP_URL)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

function secureSession(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler((_contents, permission) => isPermissionCheckAllowed(permission))
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) }),
  )
}

function showAbout(strings: ShellStrings): void {
  const options: MessageBoxOptions = {
    type: 'info',
    title: fill(strings.about, { app: app.name }),
    message: app.name,
    detail: fill(strings.aboutDetail, { version: app.getVersion() }),
    buttons: [strings.ok],
  }
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options))
}

function installMenu(): void {
  const strings = shellStrings(app.getLocale())
  const template = buildMenuTemplate({
    isMac: process.platform === 'darwin',
    isPackaged: app.isPackaged,
    appName: app.name,
    strings,
    onAbout: () => showAbout(strings),
  })
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

/** Starts the simulation worker and relays messages between it and the current window. */
function startSimulation(seed: number): void {
  console.log(`kubelab: simulation seed ${seed} (replay with --seed=${seed})`)
  const scenariosDir = scenariosPath({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
  })
  const worker = createSimulationWorker({ workerData: { seed, scenariosDir } })
  const relay = createRelay({
    toWorker: (message) => worker.postMessage(message),
    toRenderer: (message) => {
      if (mainWindow !== null && !mainWindow.isDestroyed())
        mainWindow.webContents.send(IPC_CHANNEL, message)
    },
  })
  worker.on('message', (message: HostMessage) => relay.fromWorker(message))
  worker.on('error', (error) => {
    console.error('kubelab: the simulation worker failed', error)
    dialog.showErrorBox('KubeLab', `The simulation stopped: ${error.message}`)
  })
  ipcMain.on(IPC_CHANNEL, (event, message: unknown) => {
    const fromApp =
      mainWindow !== null &&
      event.sender === mainWindow.webContents &&
      isTrustedSender(event.senderFrame?.url, APP_URL)
    if (fromApp) relay.fromRenderer(message)
    else console.warn('kubelab: ignored a message from a frame that is not the app')
  })
  app.on('will-quit', () => void worker.terminate())
}

const fromApp = (event: Electron.IpcMainInvokeEvent): boolean =>
  mainWindow !== null &&
  event.sender === mainWindow.webContents &&
  isTrustedSender(event.senderFrame?.url, APP_URL)

/** Lab progress in the user-data folder, for the app's own page only. */
function serveProgress(): void {
  const dir = app.getPath('userData')
  ipcMain.handle(PROGRESS_READ_CHANNEL, (event) => {
    if (!fromApp(event)) throw new Error('refused: not the app')
    return readProgressFile(dir)
  })
  ipcMain.handle(PROGRESS_WRITE_CHANNEL, (event, text: unknown) => {
    if (!fromApp(event) || !isProgressText(text)) throw new Error('refused: not progress text')
    return writeProgressFile(dir, text)
  })
}

/**
 * Labs from a folder the learner chooses in a dialog (remembered for the next start); the page
 * gets the folder's lab files, or null when the dialog was cancelled or nothing was chosen yet.
 */
function serveLabsFolder(): void {
  const userData = app.getPath('userData')
  ipcMain.handle(LABS_FOLDER_CHOOSE_CHANNEL, async (event) => {
    if (!fromApp(event) || mainWindow === null) throw new Error('refused: not the app')
    const strings = shellStrings(app.getLocale())
    const chosen = await dialog.showOpenDialog(mainWindow, {
      title: strings.openLabsFolder,
      buttonLabel: strings.openLabsFolderButton,
      properties: ['openDirectory'],
    })
    const dir = chosen.canceled ? undefined : chosen.filePaths[0]
    if (dir === undefined) return null
    await rememberLabsFolder(userData, dir).catch(() => {})
    return readLabsFolder(dir)
  })
  ipcMain.handle(LABS_FOLDER_RELOAD_CHANNEL, async (event) => {
    if (!fromApp(event)) throw new Error('refused: not the app')
    const dir = await rememberedLabsFolder(userData)
    return dir === null ? null : readLabsFolder(dir)
  })
}

function openWindow(): void {
  const window = createMainWindow()
  mainWindow = window
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null
  })
  const loaded = DEV_SERVER_URL ? window.loadURL(DEV_SERVER_URL) : window.loadFile(RENDERER_FILE)
  loaded.catch((error: unknown) => console.error('kubelab: the window failed to load', error))
}

function focusMainWindow(): void {
  if (mainWindow === null) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
}

function main(): void {
  // A second launch hands over to the first (which comes to the front) and quits.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  app.enableSandbox()
  app.on('second-instance', focusMainWindow)
  app.on('web-contents-created', (_event, contents) => harden(contents))
  // macOS apps conventionally stay running with no window until the user quits.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow()
  })
  void app.whenReady().then(() => {
    secureSession()
    installMenu()
    startSimulation(seedFrom(process.argv))
    serveProgress()
    serveLabsFolder()
    openWindow()
  })
}

main()
