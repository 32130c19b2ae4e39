/**
 * The views of issue 5, end to end in the web build: a kubelet stopped from its context menu
 * turns its Node NotReady on the graph, the inspector's Why? names the stopped kubelet, the
 * timeline lists the events, and healing brings the Node back; then every view is photographed
 * in both themes and both languages, and the workloads graph is walked by keyboard alone.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { HAS_BROWSER, RESULTS_DIR, collectErrors, nodeOnPage, useBrowserSession } from './browser'

const TOPOLOGY = '[data-testid="topology"]'
const INSPECTOR = '[data-testid="inspector"]'
const TERMINAL = '[data-testid="terminal-panel"][data-active="true"]'

async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.locator(`${TOPOLOGY}[data-machines="3"]`).waitFor({ timeout: 20_000 })
  await page.locator('[data-component="kubelet-worker-1"] [data-fault-button]').waitFor()
}

type Cy = {
  getElementById(id: string): {
    data(key: string): string
    renderedPosition(): { x: number; y: number }
  }
}

/** A datum of a graph element, read from the Cytoscape instance on the topology's container. */
async function graphData(page: Page, id: string, key: string): Promise<string> {
  return page
    .locator(TOPOLOGY)
    .evaluate(
      (el, [nodeId, dataKey]) =>
        (el as unknown as { _cyreg: { cy: Cy } })._cyreg.cy.getElementById(nodeId!).data(dataKey!),
      [id, key],
    )
}

async function jumpMinute(page: Page): Promise<void> {
  const before = await page.locator('[data-testid="cluster-time"]').innerText()
  await page.locator('[data-testid="time-jump-1m"]').click()
  await expect.poll(() => page.locator('[data-testid="cluster-time"]').innerText()).not.toBe(before)
}

async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator(`${TERMINAL} .xterm`).click()
  await page.keyboard.type(`${line}\n`)
}

describe.skipIf(!HAS_BROWSER)('e2e: the cluster views', () => {
  const session = useBrowserSession()

  it('stops worker-1’s kubelet from its context menu: NotReady on the graph, Why? in the inspector, events on the timeline; heals', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } })
    const errors = collectErrors(page)
    await openApp(page, session.url)
    expect(await graphData(page, 'machine/worker-1', 'ready')).toBe('True')

    // Right-click the kubelet on the graph (panned down to the workers by keyboard).
    await page.locator(TOPOLOGY).focus()
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowDown')
    const at = await nodeOnPage(page, 'component/kubelet-worker-1')
    await page.mouse.click(at.x, at.y, { button: 'right' })
    const menu = page.locator('[data-testid="fault-menu"]')
    await menu.waitFor()
    await menu.getByRole('menuitem', { name: /Stop the process/ }).click()
    await menu.waitFor({ state: 'detached' })

    // node-monitor-grace-period is 50 s: a minute later the Node is NotReady (Unknown).
    await jumpMinute(page)
    await expect.poll(() => graphData(page, 'machine/worker-1', 'ready')).toBe('Unknown')
    expect(await graphData(page, 'machine/worker-1', 'label')).toContain('NotReady')
    await page.screenshot({ path: join(RESULTS_DIR, 'views-architecture-notready.png') })

    // The inspector of worker-1: NotReady, and Why? names the stopped kubelet.
    await page.locator('[data-machine="worker-1"] > button.inspect').click()
    const inspector = page.locator(INSPECTOR)
    await expect.poll(() => inspector.getAttribute('data-name')).toBe('worker-1')
    await expect.poll(() => inspector.innerText()).toContain('NotReady')
    const why = inspector.locator('[data-testid="inspector-why"]')
    await expect.poll(() => why.innerText()).toContain('kubelet on worker-1 was stopped')

    // The timeline: the fault and the Node's NotReady events on one axis.
    await page.locator('[data-testid="view-tab-timeline"]').click()
    const timeline = page.locator('[data-testid="timeline-list"]')
    await expect.poll(() => timeline.innerText()).toContain('NodeNotReady')
    expect(await timeline.innerText()).toContain('Stop the process')
    await page.screenshot({ path: join(RESULTS_DIR, 'views-timeline-notready.png') })

    // Heal it: the kubelet posts its status again and the Node is Ready.
    await page
      .locator('[data-testid="faults-panel"]')
      .getByRole('button', { name: 'Heal: Stop the process, kubelet on worker-1' })
      .click()
    await jumpMinute(page)
    await page.locator('[data-testid="view-tab-architecture"]').click()
    await expect.poll(() => graphData(page, 'machine/worker-1', 'ready')).toBe('True')
    await expect.poll(() => inspector.innerText()).not.toContain('NotReady')
    expect(errors).toEqual([])
    await page.close()
  })

  const looks = [
    { scheme: 'light', language: 'en' },
    { scheme: 'dark', language: 'pt-BR' },
  ] as const
  for (const { scheme, language } of looks) {
    it(`shows every view with a Deployment and a Service (${scheme}, ${language})`, async () => {
      const page = await session.browser.newPage({
        viewport: { width: 1440, height: 900 },
        colorScheme: scheme,
      })
      const errors = collectErrors(page)
      await openApp(page, session.url)
      if (language !== 'en')
        await page.locator('[data-testid="language-switch"]').selectOption(language)
      await typeLine(page, 'kubectl create deployment web --image=nginx --replicas=3')
      await typeLine(page, 'kubectl expose deployment web --port=80 --type=NodePort')
      await jumpMinute(page)
      await expect.poll(() => page.locator(TOPOLOGY).getAttribute('data-pods')).not.toBe('0')
      await page.screenshot({
        path: join(RESULTS_DIR, `views-architecture-${scheme}-${language}.png`),
      })
      for (const view of ['workloads', 'timeline', 'charts'] as const) {
        await page.locator(`[data-testid="view-tab-${view}"]`).click()
        await page.locator(`[data-testid="${view}-view"]`).waitFor()
        await page.waitForTimeout(500)
        await page.screenshot({
          path: join(RESULTS_DIR, `views-${view}-${scheme}-${language}.png`),
        })
      }
      expect(errors).toEqual([])
      await page.close()
    })
  }

  it('sums up a crowded tray in a count whose words are drawn over the graph and announced', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } })
    const errors = collectErrors(page)
    await openApp(page, session.url)
    await typeLine(page, 'kubectl create deployment web --image=nginx --replicas=24')
    await jumpMinute(page)
    // 24 pods on two workers: more than 8 on a node, so each worker's tray shows a count.
    await expect.poll(() => graphData(page, 'pods/worker-1', 'kind')).toBe('podCount')
    // By keyboard from the top of the graph down to a worker's name, then up into its tray.
    const topology = page.locator(TOPOLOGY)
    await topology.focus()
    const current = (): Promise<string> =>
      topology.getAttribute('data-current').then((v) => v ?? '')
    for (let i = 0; i < 12 && !(await current()).startsWith('machine/worker-'); i++)
      await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowUp')
    expect(await current()).toMatch(/^pods\/worker-/)
    await expect
      .poll(() => page.locator('[data-testid="topology-current"]').textContent())
      .toMatch(/\d+ pods, \d+ Running/)
    // The words are on the count layer, inside the count's box.
    const inked = await topology.evaluate(
      (el, id) => {
        type Box = { x1: number; x2: number; y1: number; y2: number }
        type Cy = { getElementById(id: string): { renderedBoundingBox(): Box } }
        const box = (el as unknown as { _cyreg: { cy: Cy } })._cyreg.cy
          .getElementById(id)
          .renderedBoundingBox()
        const layer = document.querySelector<HTMLCanvasElement>('[data-testid="count-layer"]')!
        const ratio = layer.width / layer.clientWidth
        const pixels = layer
          .getContext('2d')!
          .getImageData(
            box.x1 * ratio,
            box.y1 * ratio,
            (box.x2 - box.x1) * ratio,
            (box.y2 - box.y1) * ratio,
          )
        let opaque = 0
        for (let i = 3; i < pixels.data.length; i += 4) if (pixels.data[i]! > 128) opaque++
        return opaque
      },
      await current(),
    )
    expect(inked).toBeGreaterThan(50)
    await page.screenshot({ path: join(RESULTS_DIR, 'topology-pod-counts.png') })
    expect(errors).toEqual([])
    await page.close()
  })

  it('walks the workloads graph by keyboard alone and inspects a pod with Enter', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } })
    const errors = collectErrors(page)
    await openApp(page, session.url)
    await typeLine(page, 'kubectl create deployment web --image=nginx --replicas=2')
    await jumpMinute(page)
    // From the view tabs: arrow to Workloads, then Tab into its graph.
    await page.locator('[data-testid="view-tab-architecture"]').focus()
    await page.keyboard.press('ArrowRight')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('view-tab-workloads')
    const graph = page.locator('[data-testid="workloads-graph"]')
    await graph.waitFor()
    for (let i = 0; i < 12; i++) {
      const active = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))
      if (active === 'workloads-graph') break
      await page.keyboard.press('Tab')
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'workloads-graph',
    )
    // Walk right along the chain Deployment → ReplicaSet → Pod: the current element is the
    // graph's data-current (an object key such as "Pod/default/web-…") and is announced.
    const current = (): Promise<string> => graph.getAttribute('data-current').then((v) => v ?? '')
    for (let i = 0; i < 8 && (await current()) !== 'Deployment/default/web'; i++)
      await page.keyboard.press('ArrowDown')
    expect(await current()).toBe('Deployment/default/web')
    await page.keyboard.press('ArrowRight')
    expect(await current()).toMatch(/^ReplicaSet\/default\/web-/)
    await page.keyboard.press('ArrowRight')
    expect(await current()).toMatch(/^Pod\/default\/web-/)
    expect(await page.locator('[data-testid="workloads-current"]').textContent()).toMatch(/web-/)
    await page.keyboard.press('Enter')
    const inspector = page.locator(INSPECTOR)
    await expect.poll(() => inspector.innerText()).toMatch(/Pod/)
    await page.screenshot({ path: join(RESULTS_DIR, 'views-workloads-keyboard.png') })
    expect(errors).toEqual([])
    await page.close()
  })
})
