/**
 * The bridge between the sandboxed page and the main process: `window.kubelab`, a ClientPort.
 *
 * It exposes two named functions on one channel and never `ipcRenderer` itself, so the page cannot
 * send on other channels or see IPC events (which carry the sender). The main process validates
 * every message again (electron/security.ts); the check here only catches the page's own bugs early.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { ClientMessage, ClientPort, HostMessage } from '../core/protocol'
import { IPC_CHANNEL as CHANNEL } from './security'

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
