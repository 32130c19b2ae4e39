// The same renderer as a plain web page, with the simulation in a Web Worker: the second way to
// use the lab, and the one the end-to-end tests drive in headless Chromium.
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

const root = import.meta.dirname

export default defineConfig({
  root: resolve(root, 'renderer'),
  base: './',
  plugins: [vue()],
  worker: { format: 'es' },
  build: {
    outDir: resolve(root, 'out/web'),
    emptyOutDir: true,
    // Cytoscape alone is ~600 kB; the app is loaded from disk, so one chunk is fine.
    chunkSizeWarningLimit: 2000,
  },
})
