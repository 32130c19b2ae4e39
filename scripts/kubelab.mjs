// `npm run kubelab -- <command>`: builds the CLI when its sources changed, then runs it here.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildCli } from './build-cli.mjs'

const root = resolve(import.meta.dirname, '..')
const entry = resolve(root, 'out/cli/kubelab.js')

function newestSource(dir) {
  let newest = 0
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name)
    if (item.isDirectory()) newest = Math.max(newest, newestSource(path))
    else if (item.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

const stale =
  !existsSync(entry) ||
  Math.max(newestSource(resolve(root, 'core')), statSync(resolve(root, 'package.json')).mtimeMs) >
    statSync(entry).mtimeMs
if (stale) await buildCli()
await import(pathToFileURL(entry).href)
