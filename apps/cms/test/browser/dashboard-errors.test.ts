/**
 * What the MCP and preview URL pages say after a form, in real headless Chromium against `wrangler dev`:
 * a refused MCP server URL shows a sentence tied to its field (`aria-describedby`), the typed name and URL
 * come back, the typed secret does not; and on a page long with cards, a test, a probe, a save or a
 * refused add lands where it happened (the redirect's fragment), in the window and focused, named for a
 * screen reader by its card (read from Chromium's own accessibility tree), axe-clean at 1280 and 390 px.
 * Also what a browser is told of an unknown or POST-only address: the HTML error page with its request id.
 * One signed-in global admin and one space, set up once, with a fake MCP server and a fake storefront.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeMcp } from '../node/fixtures/fake-mcp'
import { type Served, serve } from '../node/fixtures/serve'
import { serveFakeStorefront } from '../node/fixtures/serve-storefront'
import { freePort, startWranglerDev, type WranglerDev } from '../node/fixtures/wrangler-dev'
import { checkAtBothWidths, NARROW, WIDE } from './both-widths'
import { type Browser, checkPage, launchChromium, type SecretBook } from './chromium'
import { cmsApi } from './cms-api'
import { signInWithNewSpace, untilLoaded } from './first-space'
import { heard, landing } from './landing'

const SECRET = 'typed-secret-value-Zq81xW'
const MCP_BEARER = 'mcp-bearer-Landing4Xq9Wm2'
const PROBE_SECRET = 'probe-secret-Landing7Rt3Kd'

let browser: Browser
let cms: WranglerDev
let mcp: Served
let shop: Served
let page: Page
let spaceId = ''
const secrets: SecretBook = new Map([
  ['MCP bearer', MCP_BEARER],
  ['probe secret', PROBE_SECRET],
])

const go = (action: Promise<void>): Promise<void> => untilLoaded(page, action)

beforeAll(async () => {
  browser = await launchChromium()
  page = browser.page
  // The machine running this may be loaded: a navigation gets more than the default 15 s.
  page.setDefaultTimeout(45_000)
  await page.setViewportSize(WIDE)
  mcp = await serve(createFakeMcp({ bearer: MCP_BEARER, mode: 'json' }).handler)
  shop = await serveFakeStorefront({ secret: PROBE_SECRET })
  cms = await startWranglerDev({ TOKEN_ENCRYPTION_KEY: '6a'.repeat(32), OUTBOUND_TIMEOUT_MS: '3000' })
  secrets.set('admin password', cms.admin.password)
  secrets.set('typed secret', SECRET)
  spaceId = await signInWithNewSpace(page, cms, 'Errors')
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await mcp?.close()
  await shop?.close()
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

describe('errors a browser can read', () => {
  it('answers an unknown page with the HTML error page and its request id; API clients keep problem+json', async () => {
    const res = await page.goto(`${cms.base}/no/such/page`)
    expect(res?.status()).toBe(404)
    expect(res?.headers()['content-type']).toContain('text/html')
    expect(await page.locator('h1').textContent()).toBe('Not found')
    const shown = (await page.locator('#request-id').textContent()) ?? ''
    expect(shown).toMatch(/^[A-Za-z0-9_-]{16,}/)
    expect(res?.headers()['x-request-id']).toBe(shown)
    // The frame of a signed-in viewer, so the way on is one click.
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true)
    await checkPage(page, secrets, 'flows-10-not-found')

    const html = await fetch(`${cms.base}/no/such/page`, { headers: { accept: 'text/html' } })
    expect(html.status).toBe(404)
    expect(html.headers.get('content-type')).toContain('text/html')
    const api = await fetch(`${cms.base}/no/such/page`, { headers: { accept: 'application/json' } })
    expect(api.headers.get('content-type')).toBe('application/problem+json')
    const apiPath = await fetch(`${cms.base}/api/no/such`, { headers: { accept: 'text/html' } })
    expect(apiPath.headers.get('content-type')).toBe('application/problem+json')
  })

  it('leads a space address and its settings address to the space’s overview, and a GET of a POST-only address to a page', async () => {
    for (const path of [`/spaces/${spaceId}`, `/spaces/${spaceId}/settings`]) {
      const res = await page.goto(`${cms.base}${path}`)
      expect(res?.status()).toBe(200)
      expect(new URL(page.url()).pathname).toBe(`/spaces/${spaceId}`)
      expect(await page.locator('#holdings').textContent()).toBe('What it holds')
    }
    const unknown = await page.goto(`${cms.base}/spaces/spc_ZZZZZZZZZZZZZZZZZZZZZZ`)
    expect(unknown?.status()).toBe(404)
    expect(unknown?.headers()['content-type']).toContain('text/html')

    const postOnly = [
      `/spaces/${spaceId}/settings/tokens/tok_ZZZZZZZZZZZZZZZZZZZZZZ/reveal`,
      `/spaces/${spaceId}/settings/mcp/mcp_ZZZZZZZZZZZZZZZZZZZZZZ/delete`,
      '/admin/keys/rewrap',
      '/logout',
    ]
    for (const path of postOnly) {
      const res = await page.goto(`${cms.base}${path}`)
      expect(res?.headers()['content-type'], path).toContain('text/html')
      expect(await page.locator('#request-id').count(), path).toBe(1)
    }
  })
})

/** Creates endpoints through the JSON API with the page's own session; their ids, in order. */
async function createVia(api: 'mcp' | 'preview-urls', bodies: Record<string, unknown>[]): Promise<string[]> {
  const ids: string[] = []
  for (const data of bodies) {
    const res = await cmsApi(page, cms.base).post(`/api/spaces/${spaceId}/${api}`, {
      data,
    })
    expect(res.status()).toBe(201)
    ids.push(((await res.json()) as { id: string }).id)
  }
  return ids
}

const countIn = async (selector: string, text: string): Promise<number> =>
  ((await page.locator(selector).textContent()) ?? '').split(text).length - 1

describe('a result lands at its card on a long page', () => {
  let mcpIds: string[] = []

  beforeAll(async () => {
    const closed = `http://127.0.0.1:${await freePort()}`
    const down = Array.from({ length: 7 }, (_, i) => ({ name: `Server ${i + 1}`, url: `${closed}/mcp/${i}` }))
    mcpIds = await createVia('mcp', [
      ...down,
      { name: 'Search', url: `${mcp.origin}/mcp`, secret: MCP_BEARER },
    ])
  })

  it('a passing test on the last card: its result in the window, focused, heard as a status of that card', async () => {
    const last = mcpIds.at(-1) ?? ''
    await page.goto(`${cms.base}/spaces/${spaceId}/settings/mcp`)
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(2 * WIDE.height)
    await go(page.locator(`#card-${last}`).getByRole('button', { name: 'Test connection' }).click())
    expect(new URL(page.url()).hash).toBe(`#result-${last}`)
    await expect
      .poll(() => landing(page))
      .toEqual({ focused: `result-${last}`, card: `card-${last}`, inView: true })
    const said = await heard(page)
    expect(said.role).toBe('status')
    expect(said.name).toMatch(/^Search .*2 tools available/)
    await checkAtBothWidths(page, secrets, 'landing-mcp-test-passed')
  })

  it('a failed test on a phone: the alert at its card, focused, the reason said once', async () => {
    const middle = mcpIds[3] ?? ''
    await page.setViewportSize(NARROW)
    await page.goto(`${cms.base}/spaces/${spaceId}/settings/mcp`)
    await go(page.locator(`#card-${middle}`).getByRole('button', { name: 'Test connection' }).click())
    await expect
      .poll(() => landing(page))
      .toEqual({ focused: `result-${middle}`, card: `card-${middle}`, inView: true })
    const said = await heard(page)
    expect(said.role).toBe('alert')
    expect(said.name).toMatch(/^Server 4 Connection failed\. Could not connect to the server/)
    expect(await countIn('main', 'Could not connect to the server')).toBe(1)
    await page.setViewportSize(WIDE)
    await checkAtBothWidths(page, secrets, 'landing-mcp-test-failed')
  })

  it('a refused save lands on its card’s error summary, keeps name and URL, asks for the secret again', async () => {
    const id = mcpIds[1] ?? ''
    await page.goto(`${cms.base}/spaces/${spaceId}/settings/mcp`)
    const card = page.locator(`#card-${id}`)
    await card.getByText('Edit Server 2').click()
    await page.locator(`#f-name-${id}`).fill('Renamed server')
    await page.locator(`#f-url-${id}`).fill('ftp://files.example.com/mcp')
    await page.locator(`#f-secret-${id}`).fill(SECRET)
    await go(card.getByRole('button', { name: 'Save changes' }).click())
    expect(new URL(page.url()).hash).toBe(`#errors-${id}`)
    await expect
      .poll(() => landing(page))
      .toEqual({ focused: `errors-${id}`, card: `card-${id}`, inView: true })
    expect(await page.locator(`#f-name-${id}`).inputValue()).toBe('Renamed server')
    expect(await page.locator(`#f-url-${id}`).inputValue()).toBe('ftp://files.example.com/mcp')
    expect(await page.locator(`#f-secret-${id}`).inputValue()).toBe('')
    expect(await page.locator(`#f-secret-${id}-hint`).textContent()).toContain('Enter the secret again')
    await checkAtBothWidths(page, secrets, 'landing-mcp-save-refused')
  })

  it('a refused add lands on the add form’s error summary with what was typed, never the secret', async () => {
    await page.goto(`${cms.base}/spaces/${spaceId}/settings/mcp`)
    await page.locator('#f-name').fill('Shop tools')
    await page.locator('#f-url').fill('shop.example.com/mcp')
    await page.locator('#f-secret').fill(SECRET)
    await go(page.getByRole('button', { name: 'Add integration' }).click())
    expect(new URL(page.url()).hash).toBe('#form-errors')
    await expect.poll(() => landing(page)).toEqual({ focused: 'form-errors', card: '', inView: true })
    expect(await page.locator('#f-name').inputValue()).toBe('Shop tools')
    expect(await page.locator('#f-url').inputValue()).toBe('shop.example.com/mcp')
    expect(await page.locator('#f-secret').inputValue()).toBe('')
    expect(await page.locator('#f-secret-hint').textContent()).toContain('Enter the secret again')
    await checkAtBothWidths(page, secrets, 'landing-mcp-add-refused')
  })

  it('a delete from a card lands on the page’s notice (its card is gone): focused, heard as a status', async () => {
    const id = mcpIds[6] ?? ''
    await page.goto(`${cms.base}/spaces/${spaceId}/settings/mcp`)
    const card = page.locator(`#card-${id}`)
    await card.getByText('Edit Server 7').click()
    await go(card.getByRole('link', { name: 'Delete Server 7…' }).click())
    await go(page.getByRole('button', { name: 'Delete integration' }).click())
    expect(new URL(page.url()).hash).toBe('#result')
    await expect.poll(() => landing(page)).toEqual({ focused: 'result', card: undefined, inView: true })
    expect((await heard(page)).role).toBe('status')
    expect(await page.locator('#result').textContent()).toBe('Deleted “Server 7”.')
    expect(await page.locator(`#card-${id}`).count()).toBe(0)
    await checkAtBothWidths(page, secrets, 'landing-mcp-deleted')
  })

  it('a probe on the last of several preview URLs: its result in the window and focused', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`
    const down = Array.from({ length: 6 }, (_, i) => ({ url: `${closed}/shop/${i}`, label: `Shop ${i + 1}` }))
    const ids = await createVia('preview-urls', [
      ...down,
      { url: shop.origin, label: 'Live shop', secret: PROBE_SECRET },
    ])
    const last = ids.at(-1) ?? ''
    await page.goto(`${cms.base}/spaces/${spaceId}/settings/preview-urls`)
    await go(page.locator(`#card-${last}`).getByRole('button', { name: 'Probe now' }).click())
    await expect
      .poll(() => landing(page))
      .toEqual({ focused: `result-${last}`, card: `card-${last}`, inView: true })
    const said = await heard(page)
    expect(said.role).toBe('status')
    expect(said.name).toMatch(/^Live shop Probe result: verified/)
    await checkAtBothWidths(page, secrets, 'landing-preview-probe')
  })

  // Last: it signs the admin out.
  it('an editor gets the call only, is told who edits, and a failure asks a space admin; axe-clean', async () => {
    const [id] = await createVia('mcp', [{ name: 'No bearer', url: `${mcp.origin}/mcp` }])
    const reader = { email: 'reader@example.com', password: 'reader-password-123' }
    const api = cmsApi(page, cms.base)
    const user = await api.post('/api/admin/users', { data: reader })
    expect(user.status()).toBe(201)
    const role = { email: reader.email, role: 'editor' }
    const member = await api.post(`/api/spaces/${spaceId}/members`, { data: role })
    // 202 whether it granted or invited: the answer tells a space admin nothing about accounts.
    expect(member.status()).toBe(202)
    await go(page.getByRole('button', { name: 'Sign out' }).click())
    await page.goto(`${cms.base}/login`)
    await page.getByLabel('Email').fill(reader.email)
    await page.getByLabel('Password').fill(reader.password)
    await go(page.getByRole('button', { name: 'Sign in' }).click())

    await page.goto(`${cms.base}/spaces/${spaceId}/settings/mcp`)
    expect(await page.locator('main').textContent()).toContain(
      'A space admin adds, changes and removes them.',
    )
    expect(await page.locator('main details, main input:not([type=hidden])').count()).toBe(0)
    await go(page.locator(`#card-${id}`).getByRole('button', { name: 'Test connection' }).click())
    await expect
      .poll(() => landing(page))
      .toEqual({ focused: `result-${id}`, card: `card-${id}`, inView: true })
    const said = await heard(page)
    expect(said.role).toBe('alert')
    expect(said.name).toContain(
      'The server refused the credentials. Ask a space admin to enter the current secret.',
    )
    expect(await page.locator('main').textContent()).not.toMatch(/Enter the current secret|enter it again/)
    await checkAtBothWidths(page, secrets, 'landing-mcp-reader')
  })
})
