import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HAS_BROWSER, RESULTS_DIR, collectErrors, useBrowserSession } from './browser'

describe.skipIf(!HAS_BROWSER)('e2e: the topology', () => {
  const session = useBrowserSession()

  it('opens the app and draws all three machines with their components and links', async () => {
    const page = await session.browser.newPage({
      viewport: { width: 1440, height: 900 },
      colorScheme: 'light',
    })
    const errors = collectErrors(page)
    await page.goto(session.url)
    const topology = page.locator('[data-testid="topology"][data-machines="3"]')
    await topology.waitFor({ timeout: 20_000 })
    // cp-1 holds 8 components, each worker 4; the links of the default cluster number 15.
    expect(await topology.getAttribute('data-components')).toBe('16')
    expect(Number(await topology.getAttribute('data-links'))).toBe(15)
    const outline = await page.locator('[data-testid="outline"]').innerText()
    for (const text of [
      'cp-1',
      'worker-1',
      'worker-2',
      'etcd',
      'kube-apiserver',
      'kube-scheduler',
    ]) {
      expect(outline).toContain(text)
    }
    for (const port of ['2379', '2380', '6443', '10259', '10257', '10250', '6783'])
      expect(outline).toContain(port)
    await page.screenshot({ path: join(RESULTS_DIR, 'topology.png') })
    expect(errors).toEqual([])
    await page.close()
  })

  it('switches the interface to Brazilian Portuguese and keeps the choice after a reload', async () => {
    const page = await session.browser.newPage({
      viewport: { width: 1440, height: 900 },
      colorScheme: 'dark',
    })
    const errors = collectErrors(page)
    await page.goto(session.url)
    await page.locator('[data-testid="topology"][data-machines="3"]').waitFor({ timeout: 20_000 })
    await page.locator('[data-testid="language-switch"]').selectOption('pt-BR')
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('pt-BR')
    await page.reload()
    await page.locator('[data-testid="topology"][data-machines="3"]').waitFor({ timeout: 20_000 })
    expect(await page.locator('html').getAttribute('lang')).toBe('pt-BR')
    await page.screenshot({ path: join(RESULTS_DIR, 'topology-pt-BR-dark.png') })
    expect(errors).toEqual([])
    await page.close()
  })
})
