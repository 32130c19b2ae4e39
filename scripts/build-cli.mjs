// Builds the headless `kubelab` CLI into out/cli: the command (kubelab.js) and the simulation's
// worker_threads entry (kubelab-worker.js), bundled with the same transforms as the app.
import { chmodSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { build } from 'vite'

const root = resolve(import.meta.dirname, '..')
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'))

export async function buildCli() {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    define: { __KUBELAB_VERSION__: JSON.stringify(version) },
    ssr: { noExternal: true },
    build: {
      ssr: true,
      target: 'node20',
      outDir: resolve(root, 'out/cli'),
      emptyOutDir: true,
      rolldownOptions: {
        input: {
          kubelab: resolve(root, 'core/host/cli.ts'),
          'kubelab-worker': resolve(root, 'core/host/node.ts'),
        },
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          banner: (chunk) => (chunk.name === 'kubelab' ? '#!/usr/bin/env node' : ''),
        },
      },
    },
  })
  chmodSync(resolve(root, 'out/cli/kubelab.js'), 0o755)
}

if (import.meta.url === `file://${process.argv[1]}`) await buildCli()
