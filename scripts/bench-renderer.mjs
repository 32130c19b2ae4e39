// The renderer benchmark (run by `npm run bench`): builds bench/renderer (the real app on a
// synthetic cluster), opens it in Debian's headless Chromium and prints, per cluster size, the
// time to the first full drawing, frames per second while panning, and the time from a batch of
// pod changes to the screen. Figures only: no assertion. Skipped when there is no Chromium.
/* global document, window, requestAnimationFrame -- in page.evaluate callbacks */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { chromium } from 'playwright-core'
import { build, preview } from 'vite'

const root = resolve(import.meta.dirname, '..')
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const SIZES = [
  { workers: 100, pods: 3_000 },
  { workers: 500, pods: 15_000 },
]
const BATCH = 500
const BATCHES = 20
const PAN_MS = 3_000

const median = (values) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]
}

/**
 * Frames per second while the view is dragged as a learner drags it: the mouse pressed on the
 * empty canvas and moved back and forth for PAN_MS. (Cytoscape draws a cached picture without
 * edges only while the user pans, so a programmatic pan would measure something else.)
 */
async function panByMouse(page) {
  const start = await page.evaluate(() => window.kubelabBench.emptyPoint())
  if (start === undefined) return Number.NaN
  await page.mouse.move(start.x, start.y)
  await page.mouse.down()
  await page.evaluate(() => window.kubelabBench.frames.begin())
  const began = performance.now()
  for (let i = 0; performance.now() - began < PAN_MS; i++) {
    // Back and forth along a diagonal, 4 px a step, 30 steps each way.
    const k = i % 60 < 30 ? i % 60 : 60 - (i % 60)
    await page.mouse.move(start.x + 4 * k, start.y + 2 * k)
  }
  const fps = await page.evaluate(() => window.kubelabBench.frames.end())
  await page.mouse.up()
  // Let the full redraw after the drag finish before anything else is timed.
  await page.waitForTimeout(500)
  return fps
}

if (!existsSync(CHROMIUM)) {
  console.log(`renderer: skipped (no Chromium at ${CHROMIUM})`)
  process.exit(0)
}

const outDir = mkdtempSync(join(tmpdir(), 'kubelab-bench-renderer-'))
let server
let browser
try {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: resolve(root, 'bench/renderer'),
    base: './',
    plugins: [vue()],
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  })
  server = await preview({
    configFile: false,
    logLevel: 'silent',
    root: resolve(root, 'bench/renderer'),
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0 },
  })
  const url = `http://127.0.0.1:${server.httpServer.address().port}/`
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
  for (const { workers, pods } of SIZES) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    const opened = performance.now()
    await page.goto(`${url}?workers=${workers}&pods=${pods}`)
    await page.waitForFunction(
      (machines) =>
        document.querySelector(`[data-testid="topology"][data-machines="${machines}"]`) !== null &&
        window.kubelabBench?.drawnNodes() > 0,
      workers + 1,
      { timeout: 600_000, polling: 100 },
    )
    // Two frames: the first drawing of the whole graph is on screen.
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    )
    const firstMs = performance.now() - opened
    const drawn = await page.evaluate(() => window.kubelabBench.drawnNodes())
    const fps = await panByMouse(page)
    const latencies = []
    for (let i = 0; i < BATCHES; i++)
      latencies.push(await page.evaluate((size) => window.kubelabBench.batchToScreen(size), BATCH))
    console.log(
      [
        `renderer ${workers} nodes, ${pods} pods:`,
        `first drawing ${(firstMs / 1000).toFixed(2)} s (${drawn} graph nodes);`,
        `panning ${fps.toFixed(1)} fps;`,
        `batch of ${BATCH} pod changes → screen ${median(latencies).toFixed(0)} ms median`,
        `(max ${Math.max(...latencies.filter(Number.isFinite)).toFixed(0)} ms, ${BATCHES} batches)`,
      ].join(' '),
    )
    await page.close()
  }
} finally {
  await browser?.close()
  await server?.close()
  rmSync(outDir, { recursive: true, force: true })
}
