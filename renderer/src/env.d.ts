/// <reference types="vite/client" />
import type { ClientPort } from '../../core/protocol'

declare global {
  interface Window {
    /** The Electron preload's bridge to the simulation; absent in a plain browser. */
    kubelab?: ClientPort
    /** The Electron preload's lab progress file; absent in a plain browser. */
    kubelabProgress?: {
      read(): Promise<{ text: string | null; notice?: 'corrupt' | 'unreadable' }>
      write(text: string): Promise<void>
    }
    /** The Electron preload's labs folder dialog (renderer/src/client/labsFolder.ts). */
    kubelabLabs?: {
      chooseFolder(): Promise<unknown>
      reloadFolder(): Promise<unknown>
    }
  }
}
