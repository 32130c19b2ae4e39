import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { HAS_BROWSER, RESULTS_DIR, collectErrors, useBrowserSession } from './browser'

const LAB = 'life-of-a-pod'
const STEPS = ['apply', 'etcd', 'scheduled', 'running', 'crictl', 'shim']
const PANEL = '[data-testid="lab-panel"]'

async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.locator('[data-testid="topology"][data-machines="3"]').waitFor({ timeout: 20_000 })
  await page.locator('[data-testid="terminal-panel"][data-active="true"] .xterm').waitFor()
}

async function openCatalogue(page: Page): Promise<void> {
  await page.locator('[data-testid="labs-open"]').click()
  await page.locator(`[data-testid="lab-catalogue"] [data-lab="${LAB}"]`).waitFor()
}

async function startLab(page: Page): Promise<void> {
  await page.locator(`[data-testid="lab-start-${LAB}"]`).click()
  await page.locator(`${PANEL}[data-lab="${LAB}"]`).waitFor({ timeout: 20_000 })
}

/** Clicks every Run button of the current step's text, then waits for the step to be done. */
async function completeStep(page: Page, step: string): Promise<void> {
  const body = page.locator(`[data-testid="lab-step-body"][data-step="${step}"]`)
  await body.waitFor()
  const runs = body.locator('[data-testid="lab-code-run"]')
  const count = await runs.count()
  expect(count).toBeGreaterThan(0)
  for (let i = 0; i < count; i++) await runs.nth(i).click()
  await page
    .locator(`[data-testid="lab-step-${step}"][data-status="done"]`)
    .waitFor({ timeout: 20_000 })
}

/** Scrolls the lab panel back to its step list, as a learner would to see where they are. */
async function showPanelTop(page: Page): Promise<void> {
  await page.locator(PANEL).evaluate((panel) => panel.scrollTo(0, 0))
}

async function presetLanguage(page: Page, language: string): Promise<void> {
  await page.addInitScript((value) => localStorage.setItem('kubelab.language', value), language)
}

describe.skipIf(!HAS_BROWSER)('e2e: guided labs', () => {
  const session = useBrowserSession()

  it('completes lab 2 by running its code blocks, and keeps the progress over a reload', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } })
    await presetLanguage(page, 'en')
    const errors = collectErrors(page)
    await openApp(page, session.url)
    await openCatalogue(page)
    const cards = page.locator('[data-testid="lab-catalogue"] li.card')
    expect(await cards.count()).toBeGreaterThanOrEqual(13)
    expect(await cards.nth(1).getAttribute('data-lab')).toBe(LAB)
    await page.screenshot({ path: join(RESULTS_DIR, 'labs-catalogue-en.png') })
    await startLab(page)
    await expect
      .poll(() => page.locator(`[data-testid="lab-step-apply"]`).getAttribute('data-status'))
      .toBe('current')
    for (const step of STEPS.slice(0, 3)) await completeStep(page, step)
    await page.locator('[data-testid="lab-hint"]').click()
    await page.locator('[data-testid="lab-hint-text"]').first().waitFor()
    await page.locator('[data-testid="lab-check"]').click()
    await page.locator('[data-testid="lab-check-result"]', { hasText: 'Not yet' }).waitFor()
    await showPanelTop(page)
    await page.screenshot({ path: join(RESULTS_DIR, 'lab-in-progress-en.png') })
    for (const step of STEPS.slice(3)) await completeStep(page, step)
    await page.locator(`${PANEL}[data-completed="true"]`).waitFor()
    for (const step of STEPS)
      expect(
        await page.locator(`[data-testid="lab-step-${step}"]`).getAttribute('data-status'),
      ).toBe('done')
    // The question asked after the scheduler step, answered by keyboard.
    const question = page.locator('form[data-question="who-chose"]')
    await question.locator('input[type="text"]').fill('kube-scheduler')
    await question.locator('input[type="text"]').press('Enter')
    await question.locator('[data-correct="true"]').waitFor()
    await page.screenshot({ path: join(RESULTS_DIR, 'lab-completed-en.png') })

    await page.reload()
    await openApp(page, session.url)
    await openCatalogue(page)
    const card = page.locator(`[data-testid="lab-catalogue"] [data-lab="${LAB}"]`)
    expect(await card.getAttribute('data-progress')).toBe('completed')
    await startLab(page)
    await page.locator(`${PANEL}[data-completed="true"]`).waitFor({ timeout: 20_000 })
    await page.locator('form[data-question="who-chose"] [data-correct="true"]').waitFor()
    expect(errors).toEqual([])
    await page.close()
  }, 180_000)

  it('starts a challenge from the catalogue, and says when it is repaired and what it was', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } })
    await presetLanguage(page, 'en')
    const errors = collectErrors(page)
    // Seed 2 with the clock untouched (it starts paused): the first challenge stops the kubelet
    // on worker-1 (tests/core/labs/challenge.test.ts pins the same pick).
    await openApp(page, `${session.url}?seed=2`)
    await openCatalogue(page)
    await page.locator('[data-testid="challenge-card"]').waitFor()
    await page.locator('[data-testid="challenge-start"]').click()
    const panel = page.locator('[data-testid="challenge-panel"]')
    await page.locator('[data-testid="challenge-panel"][data-state="running"]').waitFor()
    expect(await panel.textContent()).toContain('Something in this cluster is broken')
    expect(await panel.textContent()).not.toContain('kubelet')
    // Check by keyboard: the verdict says not yet.
    await page.locator('[data-testid="challenge-check"]').focus()
    await page.keyboard.press('Enter')
    await page
      .locator('[data-testid="challenge-result"]', { hasText: 'Not repaired yet.' })
      .waitFor()
    // Diagnose and repair as a learner would, in the terminal.
    await page.locator('[data-testid="terminal-panel"][data-active="true"] .xterm').click()
    await page.keyboard.type('ssh worker-1 systemctl start kubelet')
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="challenge-panel"][data-state="repaired"]').waitFor({
      timeout: 20_000,
    })
    const result = page.locator('[data-testid="challenge-result"]')
    expect(await result.textContent()).toContain('Repaired!')
    expect(await result.textContent()).toContain(
      'It was: kubelet on worker-1 was stopped (systemctl stop kubelet): fault process/stop.',
    )
    await page.screenshot({ path: join(RESULTS_DIR, 'challenge-en.png') })
    await page.locator('[data-testid="challenge-close"]').click()
    await page.locator('[data-testid="challenge-panel"]').waitFor({ state: 'detached' })
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)

  it('shows the catalogue and a lab in progress in Brazilian Portuguese', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } })
    await presetLanguage(page, 'pt-BR')
    const errors = collectErrors(page)
    await openApp(page, session.url)
    await openCatalogue(page)
    await page.locator('[data-testid="lab-catalogue"] h2', { hasText: 'Labs guiados' }).waitFor()
    await page.screenshot({ path: join(RESULTS_DIR, 'labs-catalogue-pt-BR.png') })
    await startLab(page)
    for (const step of STEPS.slice(0, 2)) await completeStep(page, step)
    await page.locator('[data-testid="lab-check"]').click()
    await page.locator('[data-testid="lab-check-result"]', { hasText: 'Ainda não' }).waitFor()
    await showPanelTop(page)
    await page.screenshot({ path: join(RESULTS_DIR, 'lab-in-progress-pt-BR.png') })
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})
