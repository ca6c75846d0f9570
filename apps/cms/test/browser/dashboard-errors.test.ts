/**
 * Errors that say what to fix, in real headless Chromium against `wrangler dev`: a refused MCP server URL
 * shows a sentence tied to its field (`aria-describedby`), the typed name and URL come back, the typed
 * secret does not. One signed-in global admin and one space, set up once.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWranglerDev, type WranglerDev } from '../node/fixtures/wrangler-dev'
import { type Browser, checkPage, launchChromium, type SecretBook } from './chromium'
import { signInWithNewSpace, untilLoaded } from './first-space'

const SECRET = 'typed-secret-value-Zq81xW'

let browser: Browser
let cms: WranglerDev
let page: Page
let spaceId = ''
const secrets: SecretBook = new Map()

const go = (action: Promise<void>): Promise<void> => untilLoaded(page, action)

beforeAll(async () => {
  browser = await launchChromium()
  page = browser.page
  // The machine running this may be loaded: a navigation gets more than the default 15 s.
  page.setDefaultTimeout(45_000)
  cms = await startWranglerDev({ TOKEN_ENCRYPTION_KEY: '6a'.repeat(32) })
  secrets.set('admin password', cms.admin.password)
  secrets.set('typed secret', SECRET)
  spaceId = await signInWithNewSpace(page, cms, 'Errors')
}, 240_000)

afterAll(async () => {
  await browser?.close()
  cms?.stop()
})

describe('errors that say what to fix', () => {
  it.each([
    ['https://user:pw@mcp.example.com/mcp', 'Remove the user name and password from the address'],
    ['ftp://files.example.com/mcp', 'Only https:// addresses are allowed'],
  ])(
    'a refused MCP URL %s says “%s” next to the field and keeps what was typed but the secret',
    async (url, fix) => {
      await page.goto(`${cms.base}/spaces/${spaceId}/settings/mcp`)
      await page.getByLabel('Name').fill('Shop tools')
      await page.getByLabel('URL').fill(url)
      await page.getByLabel('Secret').fill(SECRET)
      await go(page.getByRole('button', { name: 'Add integration' }).click())
      const field = page.getByLabel('URL')
      expect(await field.getAttribute('aria-invalid')).toBe('true')
      const described = (await field.getAttribute('aria-describedby')) ?? ''
      const error = await page
        .locator(`#${described.split(' ').find((id) => id.endsWith('-error'))}`)
        .textContent()
      expect(error).toContain(fix)
      expect(await page.locator('main').textContent()).not.toMatch(
        /not allowed for outbound calls|invalid url/,
      )
      expect(await page.getByLabel('Name').inputValue()).toBe('Shop tools')
      expect(await field.inputValue()).toBe(url)
      expect(await page.getByLabel('Secret').inputValue()).toBe('')
      await checkPage(page, secrets, `errors-mcp-url-${url.startsWith('ftp') ? 'scheme' : 'userinfo'}`)
    },
  )
})
