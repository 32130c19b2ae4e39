import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { HAS_BROWSER, RESULTS_DIR, collectErrors, nodeOnPage, useBrowserSession } from './browser'

const APISERVER_ROW = '[data-component="kube-apiserver-cp-1"]'
const KUBELET_ROW = '[data-component="kubelet-worker-1"]'
const INSPECTOR = '[data-testid="inspector"]'
const TERMINAL = '[data-testid="terminal-panel"][data-active="true"]'

async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.locator('[data-testid="topology"][data-machines="3"]').waitFor({ timeout: 20_000 })
  await page.locator(`${APISERVER_ROW} button.inspect`).waitFor()
}

/** The active terminal tab's visible rows, as xterm's DOM renderer draws them. */
async function screenText(page: Page): Promise<string> {
  return page
    .locator(`${TERMINAL} .xterm-rows`)
    .evaluate((rows) => [...rows.children].map((row) => row.textContent ?? '').join('\n'))
}

/** A pod asking for 64 CPUs: more than any node of the lab's cluster has. */
const BIG_POD = JSON.stringify({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'big' },
  spec: { containers: [{ name: 'big', image: 'nginx', resources: { requests: { cpu: '64' } } }] },
})

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
    // The machine says its Node's Ready condition next to its power, as kubectl words it.
    expect(await inspector.locator('[data-testid="inspector-state"]').innerText()).toMatch(
      /Powered on\s*·\s*\?\s*NotReady/,
    )
    await why.scrollIntoViewIfNeeded()
    // The heading stays in view above the scrolled body, below the faults panel, not under it.
    const faults = (await page.locator('[data-testid="faults-panel"]').boundingBox())!
    const heading = (await inspector.locator('h2').boundingBox())!
    expect(heading.y).toBeGreaterThanOrEqual(faults.y + faults.height - 1)
    expect(await inspector.locator('h2').innerText()).toContain('Inspector: worker-1')
    await inspector.evaluate((el) => (el.scrollTop = 0))
    await page.screenshot({ path: join(RESULTS_DIR, 'inspector-node-why.png') })
    await why.getByRole('button', { name: 'Inspect kubelet-worker-1' }).click()
    await expect.poll(() => inspector.getAttribute('data-name')).toBe('kubelet-worker-1')
    expect(errors).toEqual([])
    await page.close()
  })

  it('explains a pod no node can run: the plain-words sentence and the per-plugin table', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } })
    const errors = collectErrors(page)
    await openApp(page, session.url)
    await page.locator(`${TERMINAL}[data-mode="editing"]`).waitFor({ timeout: 20_000 })
    await page.locator(`${TERMINAL} .xterm`).click()
    await page.keyboard.type(`echo '${BIG_POD}' | kubectl apply -f -`)
    await page.keyboard.press('Enter')
    await expect.poll(() => screenText(page), { timeout: 20_000 }).toContain('pod/big created')
    // The cluster's clock stands still until asked: a few seconds give the scheduler its turn.
    await page.locator('[data-testid="time-step"]').click()
    await expect
      .poll(() => page.locator('[data-testid="cluster-time"]').innerText())
      .not.toBe('00:00:00')

    // The workloads view lists the pod; its name inspects it.
    await page.locator('[data-testid="view-tab-workloads"]').click()
    await page.locator('[data-testid="workloads-outline-toggle"]').click()
    const outline = page.locator('[data-testid="workloads-outline"]')
    await outline.locator('[data-item="Pod/default/big"] button.name').click()
    const inspector = page.locator(INSPECTOR)
    await expect.poll(() => inspector.getAttribute('data-name')).toBe('big')
    const sentence = inspector.locator('[data-testid="scheduler-sentence"]')
    await expect
      .poll(() => sentence.innerText())
      .toBe(
        '0 of 3 nodes can run this pod: 1 node has a taint the pod does not tolerate ' +
          '(node-role.kubernetes.io/control-plane), 2 nodes have too little free CPU.',
      )
    const table = inspector.locator('[data-testid="scheduler-table"]')
    expect(await table.locator('tr[data-node="cp-1"] td[data-mark="fail"]').innerText()).toContain(
      'untolerated taint',
    )
    expect(
      await table.locator('tr[data-node="worker-1"] td[data-mark="fail"]').innerText(),
    ).toContain('Insufficient cpu')
    expect(await inspector.locator('[data-event-type="Warning"]').innerText()).toContain(
      'FailedScheduling',
    )
    // Scrolls the inspector alone (not the page) to its Scheduling section.
    await inspector.locator('[data-testid="inspector-scheduling"]').evaluate((el) => {
      const panel = el.closest<HTMLElement>('[data-testid="inspector"]')!
      const bar = panel.querySelector('.bar')!.getBoundingClientRect().height
      panel.scrollTop += el.getBoundingClientRect().top - panel.getBoundingClientRect().top - bar
    })
    // The document itself never scrolls: every panel scrolls inside its own box.
    expect(await page.evaluate(() => document.scrollingElement!.scrollHeight)).toBeLessThanOrEqual(
      900,
    )
    await page.screenshot({ path: join(RESULTS_DIR, 'inspector-pending-pod.png') })
    expect(errors).toEqual([])
    await page.close()
  })
})
