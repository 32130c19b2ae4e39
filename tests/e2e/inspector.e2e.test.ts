import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { HAS_BROWSER, RESULTS_DIR, collectErrors, useBrowserSession } from './browser'

const APISERVER_ROW = '[data-component="kube-apiserver-cp-1"]'
const KUBELET_ROW = '[data-component="kubelet-worker-1"]'
const INSPECTOR = '[data-testid="inspector"]'

async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.locator('[data-testid="topology"][data-machines="3"]').waitFor({ timeout: 20_000 })
  await page.locator(`${APISERVER_ROW} button.inspect`).waitFor()
}

/** A graph node's centre on the page, read from the Cytoscape instance on its container. */
async function nodeOnPage(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.locator('[data-testid="topology"]').evaluate((el, nodeId) => {
    type Cy = { getElementById(id: string): { renderedPosition(): { x: number; y: number } } }
    const cy = (el as unknown as { _cyreg: { cy: Cy } })._cyreg.cy
    const at = cy.getElementById(nodeId).renderedPosition()
    const box = el.getBoundingClientRect()
    return { x: box.left + at.x, y: box.top + at.y }
  }, id)
}

describe.skipIf(!HAS_BROWSER)('e2e: inspector', () => {
  const session = useBrowserSession()

  it('inspects kube-apiserver by Enter on its outline row: flags, state, logs; Esc gives focus back', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } })
    const errors = collectErrors(page)
    await openApp(page, session.url)
    const name = page.locator(`${APISERVER_ROW} button.inspect`)
    await name.focus()
    await page.keyboard.press('Enter')
    const inspector = page.locator(INSPECTOR)
    await expect
      .poll(() => inspector.locator('[data-testid="inspector-flags"]').innerText())
      .toContain('--etcd-servers=https://127.0.0.1:2379')
    expect(await inspector.locator('h2').innerText()).toContain('kube-apiserver-cp-1')
    expect(await inspector.locator('[data-testid="inspector-state"]').innerText()).toContain(
      'Running',
    )
    expect(await inspector.innerText()).toContain('static Pod')
    expect(await inspector.locator('[data-testid="inspector-logs"]').innerText()).toContain(
      'Serving securely',
    )
    // Focus moved to the inspector, visibly; Esc closes it and gives focus back to the row.
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('toggle')
    await page.screenshot({ path: join(RESULTS_DIR, 'inspector-apiserver.png') })
    await page.keyboard.press('Escape')
    await inspector.waitFor({ state: 'detached' })
    expect(await name.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(errors).toEqual([])
    await page.close()
  })

  it('inspects a clicked graph node, and explains a stopped kubelet with its fault', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } })
    const errors = collectErrors(page)
    await openApp(page, session.url)
    const at = await nodeOnPage(page, 'component/kube-apiserver-cp-1')
    await page.mouse.click(at.x, at.y)
    const inspector = page.locator(INSPECTOR)
    await expect.poll(() => inspector.getAttribute('data-name')).toBe('kube-apiserver-cp-1')
    await inspector.locator('[data-testid="inspector-flags"]').waitFor()

    // Stop worker-1's kubelet from its fault menu, then inspect it from the outline.
    await page.locator(`${KUBELET_ROW} [data-fault-button]`).focus()
    await page.keyboard.press('Shift+F10')
    await page.locator('[data-testid="fault-menu"]').waitFor()
    await page.keyboard.press('Enter')
    await page.locator(`${KUBELET_ROW} button.inspect`).click()
    await expect.poll(() => inspector.getAttribute('data-name')).toBe('kubelet-worker-1')
    await expect
      .poll(() => inspector.locator('[data-testid="inspector-state"]').innerText())
      .toContain('Stopped')
    await page.locator('[data-testid="time-jump-1m"]').click()
    await expect
      .poll(() => page.locator('[data-testid="cluster-time"]').innerText())
      .toBe('00:01:00')
    const why = inspector.locator('[data-testid="inspector-why"]')
    await expect.poll(() => why.innerText()).toContain('process/stop')
    expect(await why.innerText()).toContain('lab')
    await why.scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(RESULTS_DIR, 'inspector-kubelet-stopped.png') })

    // The machine's chain: the Node lost its heartbeats because its kubelet was stopped; that
    // link of the chain selects the kubelet again.
    await page.locator('[data-machine="worker-1"] > button.inspect').click()
    await expect.poll(() => inspector.getAttribute('data-name')).toBe('worker-1')
    await expect.poll(() => why.innerText()).toContain('No heartbeat from the kubelet on worker-1')
    await why.scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(RESULTS_DIR, 'inspector-node-why.png') })
    await why.getByRole('button', { name: 'Inspect kubelet-worker-1' }).click()
    await expect.poll(() => inspector.getAttribute('data-name')).toBe('kubelet-worker-1')
    expect(errors).toEqual([])
    await page.close()
  })
})
