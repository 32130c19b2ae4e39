import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { HAS_BROWSER, RESULTS_DIR, collectErrors, nodeOnPage, useBrowserSession } from './browser'

/** Where a graph node is in the graph's own coordinates (not on the screen). */
async function modelPosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.locator('[data-testid="topology"]').evaluate((el, nodeId) => {
    type Cy = { getElementById(id: string): { position(): { x: number; y: number } } }
    const at = (el as unknown as { _cyreg: { cy: Cy } })._cyreg.cy.getElementById(nodeId).position()
    return { x: Math.round(at.x), y: Math.round(at.y) }
  }, id)
}

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

  it('drags a machine by one of its components, remembers it after a reload, and resets the layout', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } })
    const errors = collectErrors(page)
    await page.goto(session.url)
    const topology = page.locator('[data-testid="topology"][data-machines="3"]')
    await topology.waitFor({ timeout: 20_000 })
    const reset = page.locator('[data-testid="reset-layout"]')
    expect(await reset.isDisabled()).toBe(true)
    const kubelet = 'component/kubelet-worker-2'
    // The workers' row, panned into view by keyboard.
    await topology.focus()
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowDown')
    const before = await nodeOnPage(page, kubelet)
    const preset = await modelPosition(page, kubelet)
    // A pod over worker-2's tray (CoreDNS runs on the workers) must go with its machine.
    const pod = await page.locator('[data-testid="topology"]').evaluate((el) =>
      (
        el as unknown as {
          _cyreg: { cy: { nodes(s: string): { id(): string }[] } }
        }
      )._cyreg.cy
        .nodes('[kind = "pod"][machine = "worker-2"]')[0]!
        .id(),
    )
    const podBefore = await modelPosition(page, pod)
    const proxyBefore = await nodeOnPage(page, 'component/kube-proxy-worker-2')

    // Press on the kubelet and move: the whole machine goes, components and all.
    await page.mouse.move(before.x, before.y)
    await page.mouse.down()
    await page.mouse.move(before.x + 60, before.y + 40, { steps: 4 })
    await page.mouse.move(before.x + 120, before.y + 80, { steps: 4 })
    await page.mouse.up()
    await expect.poll(() => topology.getAttribute('data-moved')).toBe('worker-2')
    const after = await nodeOnPage(page, kubelet)
    expect(after.x - before.x).toBeCloseTo(120, 0)
    expect(after.y - before.y).toBeCloseTo(80, 0)
    const moved = await modelPosition(page, kubelet)
    const podAfter = await modelPosition(page, pod)
    expect(podAfter.x - podBefore.x).toBe(moved.x - preset.x)
    expect(podAfter.y - podBefore.y).toBe(moved.y - preset.y)
    const proxyAfter = await nodeOnPage(page, 'component/kube-proxy-worker-2')
    expect(proxyAfter.x - proxyBefore.x).toBeCloseTo(120, 0)
    // A drag is not a click: nothing was inspected.
    expect(await page.locator('[data-testid="inspector"]').count()).toBe(0)
    await page.screenshot({ path: join(RESULTS_DIR, 'topology-dragged.png') })

    // Remembered: after a reload the machine is where the learner left it.
    await page.reload()
    await topology.waitFor({ timeout: 20_000 })
    expect(await topology.getAttribute('data-moved')).toBe('worker-2')
    expect(await modelPosition(page, kubelet)).toEqual(moved)

    // Keyboard: Alt+arrow moves the machine shown in the inspector.
    await page.locator('[data-testid="outline"] button.machine', { hasText: 'worker-1' }).click()
    await page.locator('[data-testid="inspector"]').waitFor()
    await page.locator('[data-testid="topology"]').focus()
    await page.keyboard.press('Alt+ArrowRight')
    await expect.poll(() => topology.getAttribute('data-moved')).toMatch(/worker-1/)

    // Reset: every machine back in its first place.
    await reset.click()
    await expect.poll(() => topology.getAttribute('data-moved')).toBe('')
    expect(await modelPosition(page, kubelet)).toEqual(preset)
    expect(await reset.isDisabled()).toBe(true)
    expect(errors).toEqual([])
    await page.close()
  })

  it('walks the architecture graph by keyboard alone: arrows to a component, Enter inspects, the menu key opens its faults', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } })
    const errors = collectErrors(page)
    await page.goto(session.url)
    const topology = page.locator('[data-testid="topology"][data-machines="3"]')
    await topology.waitFor({ timeout: 20_000 })
    await topology.focus()
    const current = (): Promise<string> =>
      topology.getAttribute('data-current').then((v) => v ?? '')
    // The first arrow lands on the first element in reading order: cp-1, at its label.
    await page.keyboard.press('ArrowDown')
    expect(await current()).toBe('machine/cp-1')
    const path: string[] = []
    for (const key of KEYS_TO_WORKER_KUBELET) {
      await page.keyboard.press(key)
      path.push(await current())
    }
    expect(path.join(' → ')).toMatch(/component\/kubelet-worker-1$/)
    expect(await page.locator('[data-testid="topology-current"]').textContent()).toContain(
      'Current: kubelet',
    )
    await page.screenshot({ path: join(RESULTS_DIR, 'topology-keyboard.png') })
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.locator('[data-testid="inspector"] h2').innerText())
      .toContain('kubelet-worker-1')
    await topology.focus()
    await page.keyboard.press('Shift+F10')
    const menu = page.locator('[data-testid="fault-menu"]')
    await expect
      .poll(() => menu.locator('.title').innerText())
      .toBe('Faults for kubelet on worker-1')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.locator('[data-testid="faults-panel"] h2').innerText())
      .toBe('Active faults (1)')
    // Back on the graph, Escape leaves the cursor.
    await topology.focus()
    await page.keyboard.press('Escape')
    expect(await current()).toBe('')
    expect(errors).toEqual([])
    await page.close()
  })
})

/** From cp-1's label to worker-1's kubelet in the default cluster's preset layout. */
// etcd, kube-apiserver (the control plane's middle column), worker-2's kube-proxy (the nearest
// below), worker-1's kube-proxy, its kubelet.
const KEYS_TO_WORKER_KUBELET = ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowLeft', 'ArrowLeft']
