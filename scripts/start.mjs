// `npm start`: builds and launches the desktop app. Where no Electron binary can be had (no
// network on first start, as on our build machines), says so in one sentence and serves the
// same app to a browser on 127.0.0.1 instead. `npm start -- --web` asks for the browser directly.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { build, preview } from 'vite'

const root = resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const wantWeb = args.includes('--web')
const portArg = args.find((a) => a.startsWith('--port='))
const port = portArg ? Number(portArg.slice('--port='.length)) : 4173

/** The Electron binary, downloading it once if it is missing (electron ≥ 42 fetches lazily). */
function electronBinary() {
  const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  const pathFile = join(pkgDir, 'path.txt')
  const installed = () =>
    existsSync(pathFile) && existsSync(join(pkgDir, 'dist', readFileSync(pathFile, 'utf8')))
  if (!installed()) {
    const result = spawnSync(process.execPath, [join(pkgDir, 'install.js')], {
      stdio: 'ignore',
      timeout: 300_000,
    })
    if (result.status !== 0 || !installed()) return undefined
  }
  return join(pkgDir, 'dist', readFileSync(pathFile, 'utf8'))
}

async function startDesktop(binary) {
  const built = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  )
  if (built.status !== 0) process.exit(built.status ?? 1)
  const app = spawn(binary, [root], { stdio: 'inherit' })
  app.on('exit', (code) => process.exit(code ?? 0))
}

async function startWeb() {
  await build({ configFile: resolve(root, 'vite.web.config.ts'), logLevel: 'warn' })
  const server = await preview({
    configFile: resolve(root, 'vite.web.config.ts'),
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port, strictPort: false, open: false },
  })
  const address = server.httpServer.address()
  console.log(
    `KubeLab is running at http://127.0.0.1:${address.port}/ — open it in a browser (Ctrl+C stops it).`,
  )
}

const binary = wantWeb ? undefined : electronBinary()
if (binary) await startDesktop(binary)
else {
  if (!wantWeb) {
    console.log(
      'No Electron binary is available on this machine (it could not be downloaded), so KubeLab will run in your browser instead.',
    )
  }
  await startWeb()
}
