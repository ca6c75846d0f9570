/**
 * The browser side of the dashboard tests: the Chromium that ships inside the `@sparticuz/chromium` npm
 * package (pinned in the catalog, so every machine tests against the same browser, and a fresh clone needs no
 * system package), driven by playwright-core with a fresh profile per run, screenshots under
 * `apps/cms/screenshots/` (git-ignored), and the check run after every page load that the HTML holds no
 * stored secret outside the moments it is allowed. `CHROMIUM_PATH` points at another Chromium instead.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import packaged from '@sparticuz/chromium'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { expect } from 'vitest'

const SCREENSHOTS = resolve(import.meta.dirname, '../../screenshots')

// The package's flags are made for AWS Lambda; these two switch off the web's own protections (same-origin
// policy, mixed content), which the dashboard tests must run under, so they are dropped.
const WEAKENING = new Set(['--disable-web-security', '--allow-running-insecure-content'])
const EXTRA_FLAGS = [
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * The Chromium binary and its launch flags: `CHROMIUM_PATH` when set (with the plain headless flags), else
 * the packaged Chromium, unpacked into the temp folder on first use (about 6 s once, then reused).
 * @example const { executablePath, args } = await chromiumLaunchOptions()
 */
async function chromiumLaunchOptions(): Promise<{ executablePath: string; args: string[] }> {
  const override = process.env.CHROMIUM_PATH
  if (override) return { executablePath: override, args: ['--no-sandbox', '--disable-gpu', ...EXTRA_FLAGS] }
  const args = packaged.args.filter((flag) => !WEAKENING.has(flag))
  return { executablePath: await packaged.executablePath(), args: [...args, ...EXTRA_FLAGS] }
}

/** A running browser with its own profile folder. */
export interface Browser {
  context: BrowserContext
  page: Page
  close(): Promise<void>
}

/**
 * Launches headless Chromium with a fresh `--user-data-dir`.
 * @example const browser = await launchChromium()
 */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, args } = await chromiumLaunchOptions()
  const profile = mkdtempSync(join(tmpdir(), 'cms-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args,
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
