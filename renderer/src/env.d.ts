/// <reference types="vite/client" />
import type { ClientPort } from '../../core/protocol'

declare global {
  interface Window {
    /** The Electron preload's bridge to the simulation; absent in a plain browser. */
    kubelab?: ClientPort
  }
}
