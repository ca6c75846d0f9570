/**
 * The browser side of the dashboard tests: Debian's Chromium driven by playwright-core, with a fresh
 * profile per run, the launch flags from TOOLCHAIN.md, screenshots under `apps/cms/screenshots/`
 * (git-ignored), and the check run after every page load that the HTML holds no stored secret outside the
 * moments it is allowed. Without Chromium the suite FAILS with the install command (never skips).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { expect } from 'vitest'

/** Where Chromium is looked for (`CHROMIUM_PATH` overrides). */
export const CHROMIUM_PATH: string = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const SCREENSHOTS = resolve(import.meta.dirname, '../../screenshots')

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** A running browser with its own profile folder. */
export interface Browser {
  context: BrowserContext
  page: Page
  close(): Promise<void>
}

/**
 * Launches headless Chromium with a fresh `--user-data-dir`; throws how to install it when it is missing.
 * @example const browser = await launchChromium()
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The dashboard tests need a real browser: install Debian's ` +
        'Chromium with `sudo apt-get install -y --no-install-recommends chromium` (or set CHROMIUM_PATH).',
    )
  }
  const profile = mkdtempSync(join(tmpdir(), 'cms-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    viewport: { width: 1200, height: 900 },
  })
  context.setDefaultTimeout(15_000)
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/**
 * Saves a full-page PNG as `screenshots/<name>.png`.
 * @example await screenshot(page, '01-sign-in')
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })
}

/** The secrets a test has stored so far, by a label used in failure messages (never the value). */
export type SecretBook = Map<string, string>

/**
 * Asserts that the page's HTML contains none of `secrets`, except those named in `allow`, and that the
 * response said `no-store`; then saves the screenshot.
 * @example await checkPage(page, secrets, '03-tokens', { allow: ['token'] })
 */
export async function checkPage(
  page: Page,
  secrets: SecretBook,
  name: string,
  options: { allow?: string[] } = {},
): Promise<string> {
  const html = await page.content()
  for (const [label, value] of secrets) {
    if (options.allow?.includes(label)) continue
    // A failure names the label only, so the secret never lands in the test output.
    expect(html.includes(value), `page ${name} must not contain the ${label}`).toBe(false)
  }
  await screenshot(page, name)
  return html
}
