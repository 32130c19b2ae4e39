// `npm run bench [-- --nodes N --pods P]`: bundles each bench/*.bench.ts with Vite (Node 20
// cannot run TypeScript) and runs it in a fresh Node process, which prints its figures; then the
// renderer's benchmark in headless Chromium (scripts/bench-renderer.mjs).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'

const root = resolve(import.meta.dirname, '..')
const outDir = mkdtempSync(join(tmpdir(), 'kubelab-bench-'))
try {
  for (const file of readdirSync(resolve(root, 'bench')).filter((f) => f.endsWith('.bench.ts'))) {
    await build({
      configFile: false,
      logLevel: 'warn',
      ssr: { noExternal: true },
      build: {
        ssr: resolve(root, 'bench', file),
        outDir,
        emptyOutDir: true,
        target: 'node20',
        rolldownOptions: { output: { entryFileNames: 'bench.mjs' } },
      },
    })
    // 5,000 nodes and 150,000 pods peak at 6.6 GB of RSS with this heap limit, 7.7 GB with
    // 12 GB (V8 collects later when it may grow more): docs/performance.md.
    const result = spawnSync(
      process.execPath,
      ['--max-old-space-size=10240', join(outDir, 'bench.mjs'), ...process.argv.slice(2)],
      {
        stdio: 'inherit',
      },
    )
    if (result.status !== 0) process.exitCode = result.status ?? 1
  }
} finally {
  rmSync(outDir, { recursive: true, force: true })
}

// The renderer's figures, unless only a cluster size was asked for.
if (!process.argv.includes('--nodes')) {
  const result = spawnSync(process.execPath, [resolve(root, 'scripts/bench-renderer.mjs')], {
    stdio: 'inherit',
  })
  if (result.status !== 0) process.exitCode = result.status ?? 1
}
