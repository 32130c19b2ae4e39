import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { HAS_BROWSER, RESULTS_DIR, collectErrors, useBrowserSession } from './browser'

const ACTIVE = '[data-testid="terminal-panel"][data-active="true"]'

/** The active tab's visible rows, as xterm's DOM renderer draws them (one line per row). */
async function screenText(page: Page): Promise<string> {
  return page
    .locator(`${ACTIVE} .xterm-rows`)
    .evaluate((rows) =>
      [...rows.children]
        .map((row) => (row.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd())
        .join('\n'),
    )
}

/** Opens the app and waits for the first tab's prompt. */
async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.locator('[data-testid="topology"][data-machines="3"]').waitFor({ timeout: 20_000 })
  await page.locator(`${ACTIVE}[data-mode="editing"]`).waitFor({ timeout: 20_000 })
  await page.locator(`${ACTIVE} .xterm`).click()
}

/** Types a line as a learner would, then waits until the shell shows a prompt below it. */
async function run(page: Page, line: string, prompt = /root@laptop:~# $/): Promise<string> {
  await page.keyboard.type(line)
  await page.keyboard.press('Enter')
  let after = ''
  await expect
    .poll(
      async () => {
        const text = await screenText(page)
        const at = text.lastIndexOf(line)
        after = at < 0 ? '' : text.slice(at + line.length)
        return prompt.test(after.trimEnd() + ' ')
      },
      { timeout: 20_000 },
    )
    .toBe(true)
  return after
}

describe.skipIf(!HAS_BROWSER)('e2e: the terminal', () => {
  const session = useBrowserSession()

  it('creates a Deployment by typing kubectl, and lists its three Running pods', async () => {
    const page = await session.browser.newPage({
      viewport: { width: 1440, height: 900 },
      colorScheme: 'light',
    })
    const errors = collectErrors(page)
    await openApp(page, session.url)
    const created = await run(page, 'kubectl create deployment web --image=nginx --replicas=3')
    expect(created).toContain('deployment.apps/web created')
    await run(page, 'sleep 30s')
    const listed = await run(page, 'kubectl get pods')
    const rows = listed.split('\n').filter((row) => /^web-\S+\s/.test(row))
    expect(rows).toHaveLength(3)
    for (const row of rows) expect(row).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s/)
    await page.screenshot({ path: join(RESULTS_DIR, 'terminal.png') })
    expect(errors).toEqual([])
    await page.close()
  })

  it('opens a second tab, follows ssh in its title, completes with Tab and applies a manifest', async () => {
    const page = await session.browser.newPage({
      viewport: { width: 1280, height: 800 },
      colorScheme: 'dark',
    })
    const errors = collectErrors(page)
    await openApp(page, session.url)
    await page.locator('[data-testid="terminal-new-tab"]').click()
    await page.locator('[data-testid="terminal-tab-1"][aria-selected="true"]').waitFor()
    await page.locator(`${ACTIVE}[data-mode="editing"]`).waitFor({ timeout: 20_000 })

    // Tab completion through shell/complete: the file name is completed, then the line runs.
    await page.keyboard.type('cat /etc/hostn')
    await page.keyboard.press('Tab')
    await expect.poll(() => screenText(page)).toMatch(/^root@laptop:~# cat \/etc\/hostname$/m)
    await page.keyboard.press('Enter')
    await expect
      .poll(() => screenText(page))
      .toMatch(/^root@laptop:~# cat \/etc\/hostname\nlaptop\nroot@laptop:~#$/m)

    await run(page, 'ssh worker-1', /root@worker-1:~# $/)
    await expect
      .poll(() => page.locator('[data-testid="terminal-tab-1"]').innerText())
      .toContain('worker-1')
    expect(await page.locator('[data-testid="terminal-tab-0"]').innerText()).toContain('laptop')
    await run(page, 'exit')

    // A multi-line paste runs every line, as bash would.
    await page.locator(`${ACTIVE} textarea`).evaluate((input) => {
      const data = new DataTransfer()
      data.setData('text/plain', 'echo one\necho two\n')
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }))
    })
    await expect
      .poll(() => screenText(page))
      .toMatch(/^root@laptop:~# echo one\nroot@laptop:~# echo two\none\ntwo\nroot@laptop:~#$/m)

    // Ctrl+L clears the screen, keeping the prompt; a taller dock (the splitter, by keyboard)
    // gives the terminal more rows, so the whole heredoc below fits the view.
    await page.keyboard.press('Control+l')
    await expect.poll(() => screenText(page)).toMatch(/^root@laptop:~#\n*$/)
    const rowsBefore = await page.locator(`${ACTIVE} .xterm-rows > div`).count()
    await page.locator('[data-testid="terminal-dock"] [role="separator"]').focus()
    await page.keyboard.press('PageUp')
    await page.keyboard.press('PageUp')
    await expect
      .poll(() => page.locator(`${ACTIVE} .xterm-rows > div`).count())
      .toBeGreaterThan(rowsBefore + 10)

    // Apply types the heredoc in the active tab, echoed line by line.
    await page.locator('[data-testid="yaml-template"]').selectOption('pod')
    await page.locator('[data-testid="yaml-apply"]').click()
    await expect.poll(() => screenText(page)).toContain("root@laptop:~# kubectl apply -f - <<'EOF'")
    const screen = await screenText(page)
    expect(screen).toContain('> kind: Pod')
    expect(screen).toMatch(/^> EOF$/m)
    await expect.poll(() => screenText(page)).toMatch(/^pod\/hello created\nroot@laptop:~#$/m)
    await page.screenshot({ path: join(RESULTS_DIR, 'terminal-tabs-dark.png') })
    expect(errors).toEqual([])
    await page.close()
  })
})
