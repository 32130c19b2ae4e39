/**
 * The bridge between the sandboxed page and the main process: `window.kubelab`, a ClientPort.
 *
 * It exposes two named functions on one channel and never `ipcRenderer` itself, so the page cannot
 * send on other channels or see IPC events (which carry the sender). The main process validates
 * every message again (electron/security.ts); the check here only catches the page's own bugs early.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { ClientMessage, ClientPort, HostMessage } from '../core/protocol'
import {
  IPC_CHANNEL as CHANNEL,
  LABS_FOLDER_CHOOSE_CHANNEL,
  LABS_FOLDER_RELOAD_CHANNEL,
  PROGRESS_READ_CHANNEL,
  PROGRESS_WRITE_CHANNEL,
} from './security'

const bridge: ClientPort = {
  post(message: ClientMessage): void {
    if (typeof message !== 'object' || message === null || Array.isArray(message))
      throw new TypeError('kubelab.post expects a command message object')
    ipcRenderer.send(CHANNEL, message)
  },
  onMessage(handler: (message: HostMessage) => void): () => void {
    if (typeof handler !== 'function') throw new TypeError('kubelab.onMessage expects a function')
    const listener = (_event: IpcRendererEvent, message: HostMessage): void => handler(message)
    ipcRenderer.on(CHANNEL, listener)
    return () => void ipcRenderer.removeListener(CHANNEL, listener)
  },
}

contextBridge.exposeInMainWorld('kubelab', bridge)

/** The learner's lab progress file, read and written by the main process (atomically). */
contextBridge.exposeInMainWorld('kubelabProgress', {
  read: (): Promise<unknown> => ipcRenderer.invoke(PROGRESS_READ_CHANNEL),
  write(text: string): Promise<void> {
    if (typeof text !== 'string') throw new TypeError('kubelabProgress.write expects text')
    return ipcRenderer.invoke(PROGRESS_WRITE_CHANNEL, text) as Promise<void>
  },
})

/**
 * Labs from a folder the learner chooses: the main process shows the dialog and reads the folder
 * (the page never names a path); the page sends the files to the simulation with lab/load.
 */
contextBridge.exposeInMainWorld('kubelabLabs', {
  chooseFolder: (): Promise<unknown> => ipcRenderer.invoke(LABS_FOLDER_CHOOSE_CHANNEL),
  reloadFolder: (): Promise<unknown> => ipcRenderer.invoke(LABS_FOLDER_RELOAD_CHANNEL),
})
