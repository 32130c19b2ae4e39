// Builds the web app once before the e2e tests, or says loudly why they will be skipped.
import { build } from 'vite'
import { resolve } from 'node:path'
import { CHROMIUM_PATH, HAS_BROWSER, ROOT } from './browser'

export default async function setup(): Promise<void> {
  if (!HAS_BROWSER) {
    if (process.env['KUBELAB_REQUIRE_E2E'] === '1') {
      throw new Error(`e2e required but no browser at ${CHROMIUM_PATH}`)
    }
    process.stdout.write(
      `\n!!! e2e SKIPPED: no browser at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH) !!!\n\n`,
    )
    return
  }
  await build({ configFile: resolve(ROOT, 'vite.web.config.ts'), logLevel: 'warn' })
}
