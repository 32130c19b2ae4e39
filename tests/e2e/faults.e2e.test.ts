import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { HAS_BROWSER, RESULTS_DIR, collectErrors, nodeOnPage, useBrowserSession } from './browser'

const KUBELET_ROW = '[data-component="kubelet-worker-1"]'
const PANEL = '[data-testid="faults-panel"]'

/** Cluster time as seconds, from the header's HH:MM:SS. */
async function clusterSeconds(page: Page): Promise<number> {
  const text = await page.locator('[data-testid="cluster-time"]').innerText()
  const [h, m, s] = text.split(':').map(Number)
  return h! * 3600 + m! * 60 + s!
}

async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.locator('[data-testid="topology"][data-machines="3"]').waitFor({ timeout: 20_000 })
  await page.locator(`${KUBELET_ROW} [data-fault-button]`).waitFor()
}

describe.skipIf(!HAS_BROWSER)('e2e: time controls and faults', () => {
  const session = useBrowserSession()

  it('plays cluster time at 60×, and leaves the shortcut keys to the terminal', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } })
    const errors = collectErrors(page)
    await openApp(page, session.url)
    // Typed into the terminal, "p" is a letter, not "play".
    await page.locator('[data-testid="terminal-panel"][data-active="true"] .xterm').click()
    await page.keyboard.type('p')
    expect(await page.locator('[data-testid="time-state"]').innerText()).toBe('Paused')
    await page.keyboard.press('Backspace')
    // The radio itself is visually hidden; a learner clicks its label.
    await page.locator('[data-testid="time-speed-60"] + span').click()
    await page.locator('[data-testid="time-play"]').click()
    expect(await page.locator('[data-testid="time-state"]').innerText()).toBe('Running at 60×')
    await expect.poll(() => clusterSeconds(page), { timeout: 10_000 }).toBeGreaterThan(60)
    await page.screenshot({ path: join(RESULTS_DIR, 'time-playing.png') })
    await page.locator('[data-testid="time-shortcuts"] summary').click()
    await page.screenshot({ path: join(RESULTS_DIR, 'time-shortcuts.png') })
    await page.keyboard.press('Escape')
    // "P" outside the terminal pauses; the clock then stays put.
    await page.locator('[data-testid="topology"]').focus()
    await page.keyboard.press('p')
    expect(await page.locator('[data-testid="time-state"]').innerText()).toBe('Paused')
    const paused = await clusterSeconds(page)
    await page.waitForTimeout(600)
    expect(await clusterSeconds(page)).toBe(paused)
    await page.locator('[data-testid="time-jump-1m"]').click()
    await expect.poll(() => clusterSeconds(page)).toBe(paused + 60)
    expect(errors).toEqual([])
    await page.close()
  })

  /** The state the graph shows for a component ('Running' or 'Stopped'). */
  async function graphState(page: Page, id: string): Promise<string> {
    return page.locator('[data-testid="topology"]').evaluate((el, nodeId) => {
      type Cy = { getElementById(id: string): { data(key: string): string } }
      return (el as unknown as { _cyreg: { cy: Cy } })._cyreg.cy
        .getElementById(nodeId)
        .data('state')
    }, id)
  }

  const runs = [
    { scheme: 'light', how: 'keyboard (outline, Shift+F10)' },
    { scheme: 'dark', how: 'right click on the graph' },
  ] as const
  for (const { scheme, how } of runs) {
    it(`stops kubelet on worker-1 from its fault menu by ${how}, then heals it (${scheme})`, async () => {
      const page = await session.browser.newPage({
        viewport: { width: 1440, height: 900 },
        colorScheme: scheme,
      })
      const errors = collectErrors(page)
      await openApp(page, session.url)
      await page.locator('[data-testid="time-jump-1m"]').click()
      await expect.poll(() => clusterSeconds(page)).toBe(60)
      const menu = page.locator('[data-testid="fault-menu"]')
      const focused = (): Promise<string> =>
        page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')
      if (scheme === 'light') {
        // The keyboard path: the row's ⋯ button, then Shift+F10 (the context-menu key).
        await page.locator(`${KUBELET_ROW} [data-fault-button]`).focus()
        await page.keyboard.press('Shift+F10')
      } else {
        // Pan the graph down to the workers by keyboard, then right-click the kubelet there.
        await page.locator('[data-testid="topology"]').focus()
        for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowDown')
        const at = await nodeOnPage(page, 'component/kubelet-worker-1')
        await page.mouse.click(at.x, at.y, { button: 'right' })
      }
      await menu.waitFor()
      expect(await menu.innerText()).toContain('Faults for kubelet on worker-1')
      expect(await focused()).toContain('Stop the process')
      await page.keyboard.press('ArrowDown')
      expect(await focused()).toContain('Kill the process')
      await page.keyboard.press('ArrowUp')
      await page.screenshot({ path: join(RESULTS_DIR, `fault-menu-${scheme}.png`) })
      await page.keyboard.press('Enter')
      await menu.waitFor({ state: 'detached' })

      const panel = page.locator(PANEL)
      await expect.poll(() => panel.locator('h2').innerText()).toBe('Active faults (1)')
      const row = await panel.locator('li').innerText()
      expect(row).toContain('Stop the process')
      expect(row).toContain('kubelet on worker-1')
      expect(row).toContain('since 00:01:00')
      await expect.poll(() => page.locator(KUBELET_ROW).innerText()).toContain('stopped')
      expect(await graphState(page, 'component/kubelet-worker-1')).toBe('Stopped')
      // Time goes on; the Node's heartbeats stop with its kubelet.
      await page.locator('[data-testid="time-jump-1m"]').click()
      await expect.poll(() => clusterSeconds(page)).toBe(120)
      if (scheme === 'light') {
        // Pan the graph down to the workers, so the picture shows the stopped kubelet too.
        await page.locator('[data-testid="topology"]').focus()
        for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowDown')
      }
      await page.screenshot({ path: join(RESULTS_DIR, `fault-active-${scheme}.png`) })

      await panel
        .getByRole('button', { name: 'Heal: Stop the process, kubelet on worker-1' })
        .click()
      await expect.poll(() => panel.locator('h2').innerText()).toBe('Active faults (0)')
      await expect.poll(() => page.locator(KUBELET_ROW).innerText()).toContain('running')
      await expect.poll(() => graphState(page, 'component/kubelet-worker-1')).toBe('Running')
      expect(await page.locator('[data-testid="faults-outcome"]').innerText()).toContain('Healed')
      expect(errors).toEqual([])
      await page.close()
    })
  }

  it('right-clicks a pod and a link on the graph: kills the container, blocks the API server port', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } })
    const errors = collectErrors(page)
    await openApp(page, session.url)
    await page.locator('[data-testid="terminal-panel"][data-active="true"] .xterm').click()
    await page.keyboard.type('kubectl run web --image=nginx\n')
    await page.locator('[data-testid="time-jump-1m"]').click()
    const podRow = page.locator('[data-pod="default/web"]')
    await expect
      .poll(() => podRow.innerText(), { timeout: 10_000 })
      .toContain('Running, 1/1 ready, 0 restarts')

    // The pod, brought into view, then right-clicked.
    const menu = page.locator('[data-testid="fault-menu"]')
    await rightClick(page, 'pod/default/web')
    await expect.poll(() => menu.locator('.title').innerText()).toBe('Faults for Pod default/web')
    await menu.getByRole('menuitem', { name: /Kill the container/ }).click()
    await page.locator('[data-testid="time-jump-1m"]').click()
    await expect.poll(() => podRow.innerText(), { timeout: 10_000 }).toContain('1 restarts')

    // The kubelet's connection to the API server is cut where it arrives: port 6443 on cp-1.
    await rightClick(page, 'link/kubelet-worker-1--kube-apiserver-cp-1')
    await expect
      .poll(() => menu.locator('.title').innerText())
      .toBe('Faults for port 6443/TCP on cp-1')
    await menu.getByRole('menuitem', { name: /Block a port/ }).click()
    const panel = page.locator(PANEL)
    await expect.poll(() => panel.locator('li').innerText()).toContain('port 6443/TCP on cp-1')
    expect(errors).toEqual([])
    await page.close()
  })
})

/** Centres a graph element in view and right-clicks it (an edge at its midpoint). */
async function rightClick(page: Page, id: string): Promise<void> {
  const at = await page.locator('[data-testid="topology"]').evaluate((el, elementId) => {
    type Element = {
      isEdge(): boolean
      renderedMidpoint(): { x: number; y: number }
      renderedPosition(): { x: number; y: number }
    }
    type Cy = { getElementById(id: string): Element; center(element: Element): void }
    const cy = (el as unknown as { _cyreg: { cy: Cy } })._cyreg.cy
    const element = cy.getElementById(elementId)
    cy.center(element)
    const point = element.isEdge() ? element.renderedMidpoint() : element.renderedPosition()
    const box = el.getBoundingClientRect()
    return { x: box.left + point.x, y: box.top + point.y }
  }, id)
  await page.mouse.click(at.x, at.y, { button: 'right' })
}
