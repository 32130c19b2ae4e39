/**
 * Node 20 cannot run .ts in a worker, so tests bundle an entry with Vite (the same transform as
 * the app) into a temporary folder first (TOOLCHAIN.md §6).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

export async function bundleForNode(
  entry: URL,
  define: Record<string, string> = {},
): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'kubelab-bundle-'))
  await build({
    configFile: false,
    logLevel: 'silent',
    define,
    ssr: { noExternal: true },
    build: {
      ssr: fileURLToPath(entry),
      outDir,
      target: 'node20',
      rolldownOptions: { output: { entryFileNames: 'entry.mjs' } },
    },
  })
  return join(outDir, 'entry.mjs')
}
