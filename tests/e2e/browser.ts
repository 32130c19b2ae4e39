/**
 * Headless Chromium for end-to-end tests: Debian's chromium (or CHROMIUM_PATH), driven through
 * playwright-core, against the web build served on 127.0.0.1. Never downloads a browser.
 */
import { existsSync, mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { preview, type PreviewServer } from 'vite'
import { afterAll, beforeAll } from 'vitest'

export const ROOT = resolve(import.meta.dirname, '../..')
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
export const HAS_BROWSER = existsSync(CHROMIUM_PATH)
export const RESULTS_DIR = resolve(ROOT, 'test-results')

// Flags that keep Chromium quiet on a machine with no network (it would otherwise retry
// Google's hosts at every start) and runnable as root in a container.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true })
}

/** Serves out/web (built by globalSetup) on a free loopback port. */
export async function serveWebBuild(): Promise<{ url: string; close(): Promise<void> }> {
  const server: PreviewServer = await preview({
    configFile: resolve(ROOT, 'vite.web.config.ts'),
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  })
  const address = server.httpServer.address() as AddressInfo
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() }
}

/** Collects console errors and uncaught page errors, so a test can demand there are none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`))
  return errors
}

/**
 * The browser and the served web build for one test file: started before its tests, closed
 * after them. Read `session.browser` and `session.url` inside the tests.
 */
export function useBrowserSession(): { readonly browser: Browser; readonly url: string } {
  let browser: Browser | undefined
  let server: Awaited<ReturnType<typeof serveWebBuild>> | undefined
  beforeAll(async () => {
    server = await serveWebBuild()
    browser = await launchBrowser()
    mkdirSync(RESULTS_DIR, { recursive: true })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  return {
    get browser() {
      return browser!
    },
    get url() {
      return server!.url
    },
  }
}

/** A graph node's centre on the page, read from the Cytoscape instance on the topology. */
export async function nodeOnPage(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.locator('[data-testid="topology"]').evaluate((el, nodeId) => {
    type Cy = { getElementById(id: string): { renderedPosition(): { x: number; y: number } } }
    const cy = (el as unknown as { _cyreg: { cy: Cy } })._cyreg.cy
    const at = cy.getElementById(nodeId).renderedPosition()
    const box = el.getBoundingClientRect()
    return { x: box.left + at.x, y: box.top + at.y }
  }, id)
}
