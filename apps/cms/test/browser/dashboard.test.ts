/**
 * The dashboard in real headless Chromium against `wrangler dev` (local auth): sign-in with its errors and
 * lockout message, a space, API tokens (create → shown once, used on the content API, reveal, the re-sign-in
 * rule, revoke with confirmation), an MCP integration tested against a local fake MCP server (and the
 * origin-change rule), preview URLs probed against a local fake storefront (verified and failed), the audit
 * log, users and roles, and a key rotation (wrangler dev restarted with a new + previous key) watched on
 * the keys page until the old kid's count is zero. After every page load the HTML is checked for every
 * stored secret; only the one-time token display and an explicit reveal may show a token.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeMcp } from '../node/fixtures/fake-mcp'
import { type Served, serve } from '../node/fixtures/serve'
import { serveFakeStorefront } from '../node/fixtures/serve-storefront'
import { freePort, startWranglerDev, type WranglerDev } from '../node/fixtures/wrangler-dev'
import { type Browser, checkPage, launchChromium, type SecretBook } from './chromium'
import { cmsApi } from './cms-api'
import { untilLoaded } from './first-space'

const KEY_1 = '3c'.repeat(32)
const KEY_2 = 'a7'.repeat(32)
const MCP_BEARER = 'mcp-bearer-Zq8Lw3Xv9Tn2Rk5Hj7Pc'
const PROBE_SECRET = 'probe-secret-Mv4Nd8Qs2Wb6Ye1K'

let browser: Browser
let cms: WranglerDev
let mcp: Served
let shop: Served
let page: Page
let spaceId = ''
const secrets: SecretBook = new Map([
  ['MCP bearer', MCP_BEARER],
  ['probe secret', PROBE_SECRET],
  ['encryption key', KEY_1],
  ['new encryption key', KEY_2],
])

const go = (action: Promise<void>): Promise<void> => untilLoaded(page, action)

async function open(path: string): Promise<void> {
  const res = await page.goto(`${cms.base}${path}`)
  expect(res?.headers()['cache-control']).toBe('no-store')
}

async function signIn(password: string): Promise<void> {
  await page.getByLabel('Email').fill(cms.admin.email)
  await page.getByLabel('Password').fill(password)
  await go(page.getByRole('button', { name: 'Sign in' }).click())
}

beforeAll(async () => {
  browser = await launchChromium()
  page = browser.page
  mcp = await serve(createFakeMcp({ bearer: MCP_BEARER, mode: 'json' }).handler)
  shop = await serveFakeStorefront({ secret: PROBE_SECRET })
  cms = await startWranglerDev({ TOKEN_ENCRYPTION_KEY: KEY_1, OUTBOUND_TIMEOUT_MS: '3000' })
  secrets.set('admin password', cms.admin.password)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await mcp?.close()
  await shop?.close()
  cms?.stop()
})

describe('the dashboard in Chromium', () => {
  it('sends an anonymous visitor to sign-in, shows clear errors and the lockout, then signs in', async () => {
    await open('/spaces')
    expect(new URL(page.url()).pathname).toBe('/login')
    await checkPage(page, secrets, '01-sign-in')
    await signIn('not-the-password')
    expect(await page.getByRole('alert').textContent()).toContain('The email or password is wrong.')
    expect(await page.getByLabel('Email').inputValue()).toBe(cms.admin.email)
    await checkPage(page, secrets, '02-sign-in-error')
    // Five attempts per (account, address) are evaluated; the sixth is refused.
    for (let i = 0; i < 6; i++) {
      await page.getByLabel('Email').fill('nobody@example.com')
      await page.getByLabel('Password').fill('wrong-password')
      await go(page.getByRole('button', { name: 'Sign in' }).click())
    }
    expect(await page.getByRole('alert').textContent()).toContain('Too many failed sign-ins')
    await checkPage(page, secrets, '03-sign-in-locked')
    await signIn(cms.admin.password)
    expect(new URL(page.url()).pathname).toBe('/spaces')
    expect(await page.locator('main').textContent()).toContain('There are no spaces yet.')
    await checkPage(page, secrets, '04-spaces-empty')
  })

  it('creates a space, with the validation error next to the field first', async () => {
    await go(page.getByRole('button', { name: 'Create space' }).click())
    expect(await page.locator('#f-name-error').textContent()).toBeTruthy()
    expect(await page.getByLabel('Name').getAttribute('aria-invalid')).toBe('true')
    await checkPage(page, secrets, '05-space-validation')
    await page.getByLabel('Name').fill('Storefront <EU>')
    await go(page.getByRole('button', { name: 'Create space' }).click())
    // A new space opens on its overview, saying so.
    const match = /\/spaces\/(spc_[A-Za-z0-9_-]{22})$/.exec(page.url())
    expect(match).not.toBeNull()
    spaceId = match?.[1] ?? ''
    expect(await page.getByRole('status').textContent()).toBe('Space created: “Storefront <EU>”.')
    // Escaped, not interpreted.
    expect(await page.content()).toContain('Storefront &lt;EU&gt;')
    await go(page.getByRole('link', { name: 'API tokens', exact: true }).click())
    expect(await page.locator('main').textContent()).toContain('This space has no API tokens yet.')
    await checkPage(page, secrets, '06-tokens-empty')
  })

  it('creates an API token shown once, uses it, reveals it, asks for a fresh sign-in, and revokes it', async () => {
    await page.getByLabel('Name').fill('Website')
    await page.getByLabel('Scope').selectOption('management')
    await go(page.getByRole('button', { name: 'Create token' }).click())
    const token = ((await page.locator('#token-value').textContent()) ?? '').trim()
    expect(token).toMatch(/^cms_management_[A-Za-z0-9_-]{43}$/)
    secrets.set('API token', token)
    expect(await page.locator('main').textContent()).toContain('a space admin can reveal it later')
    expect(await page.getByRole('button', { name: 'Copy token' }).isVisible()).toBe(true)
    await checkPage(page, secrets, '07-token-created', { allow: ['API token'] })

    // The list never shows it again.
    await open(`/spaces/${spaceId}/settings/tokens`)
    expect(await page.locator('tbody').textContent()).toContain(token.slice(-4))
    await checkPage(page, secrets, '08-tokens-list')

    const api = `${cms.base}/api/spaces/${spaceId}/entries`
    const used = await fetch(api, { headers: { authorization: `Bearer ${token}` } })
    expect(used.status).toBe(200)

    // Reveal sits behind a disclosure on each row (the token was shown once, at its creation).
    await page.locator('tr', { hasText: 'Website' }).locator('summary').click()
    await go(page.getByRole('button', { name: 'Reveal token Website' }).click())
    expect(((await page.locator('#token-value').textContent()) ?? '').trim()).toBe(token)
    await checkPage(page, secrets, '09-token-revealed', { allow: ['API token'] })

    // A sign-in older than 5 minutes: the reveal asks to sign in again and shows nothing; after the
    // sign-in, the list offers that token's reveal at once.
    await cms.d1(`UPDATE sessions SET authenticated_at = authenticated_at - 600000`)
    await open(`/spaces/${spaceId}/settings/tokens`)
    await page.locator('tr', { hasText: 'Website' }).locator('summary').click()
    await go(page.getByRole('button', { name: 'Reveal token Website' }).click())
    expect(new URL(page.url()).pathname).toBe('/login')
    expect(await page.locator('main').textContent()).toContain('Sign in again to reveal a token')
    await checkPage(page, secrets, '10-token-reveal-reauth')
    await signIn(cms.admin.password)
    expect(new URL(page.url()).pathname).toBe(`/spaces/${spaceId}/settings/tokens`)
    await go(page.getByRole('button', { name: 'Reveal Website now' }).click())
    expect(((await page.locator('#token-value').textContent()) ?? '').trim()).toBe(token)

    await open(`/spaces/${spaceId}/settings/tokens`)
    await go(page.getByRole('link', { name: 'Revoke token Website' }).click())
    expect(await page.locator('h1').textContent()).toContain('Revoke “Website”?')
    await checkPage(page, secrets, '11-token-revoke-confirm')
    await go(page.getByRole('button', { name: 'Revoke token' }).click())
    expect(await page.getByRole('status').first().textContent()).toContain('The token “Website” was revoked.')
    expect(await page.locator('#revoked tbody').textContent()).toContain('Website')
    await checkPage(page, secrets, '12-token-revoked')
    expect((await fetch(api, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401)
  })

  it('adds an MCP integration with a write-only secret, tests it, and drops the secret on an origin change', async () => {
    await open(`/spaces/${spaceId}/settings/mcp`)
    expect(await page.locator('main').textContent()).toContain('No MCP servers are connected')
    await page.getByLabel('Name').fill('Search')
    await page.getByLabel('URL').fill('ftp://example.com/mcp')
    await page.getByLabel('Secret (bearer token, optional)').fill(MCP_BEARER)
    await go(page.getByRole('button', { name: 'Add integration' }).click())
    expect(await page.locator('#f-url-error').textContent()).toContain('Only https:// addresses are allowed')
    await checkPage(page, secrets, '13-mcp-url-refused')
    await page.getByLabel('URL').fill(`${mcp.origin}/mcp`)
    await page.getByLabel('Secret (bearer token, optional)').fill(MCP_BEARER)
    await go(page.getByRole('button', { name: 'Add integration' }).click())
    expect(await page.locator('main').textContent()).toContain(`••••${MCP_BEARER.slice(-4)}`)
    await checkPage(page, secrets, '14-mcp-added')
    await go(page.getByRole('button', { name: 'Test connection' }).click())
    expect(await page.getByRole('status').last().textContent()).toContain('2 tools available')
    await checkPage(page, secrets, '15-mcp-tested')

    await page.getByText('Edit Search').click()
    expect(await page.locator('main').textContent()).toContain(
      'discards the stored secret unless you enter it again',
    )
    const moved = `${mcp.origin.replace('127.0.0.1', 'localhost')}/mcp`
    await page.locator('input[name=url][id^=f-url-mcp_]').fill(moved)
    await go(page.getByRole('button', { name: 'Save changes' }).click())
    expect(await page.locator('main').textContent()).toContain('the stored secret was discarded')
    await go(page.getByRole('button', { name: 'Test connection' }).click())
    // The refusal as a next step (the reason `unauthorized`), not a bare code.
    expect(await page.getByRole('alert').textContent()).toContain(
      'Connection failed. The server refused the credentials. Enter the current secret',
    )
    await checkPage(page, secrets, '16-mcp-origin-changed')
    // Set it again so the key rotation below has a sealed bearer to move.
    await page.getByText('Edit Search').click()
    await page.locator('input[name=secret][id^=f-secret-mcp_]').fill(MCP_BEARER)
    await go(page.getByRole('button', { name: 'Save changes' }).click())
    await go(page.getByRole('button', { name: 'Test connection' }).click())
    expect(await page.getByRole('status').last().textContent()).toContain('2 tools available')
  })

  it('adds preview URLs and probes them: verified with the secret, failed when nothing answers', async () => {
    await open(`/spaces/${spaceId}/settings/preview-urls`)
    await checkPage(page, secrets, '17-preview-empty')
    await page.getByLabel('Storefront URL').fill(shop.origin)
    await page.getByLabel('Probe secret (optional)').fill(PROBE_SECRET)
    await go(page.getByRole('button', { name: 'Add preview URL' }).click())
    await go(page.getByRole('button', { name: 'Probe now' }).click())
    expect(await page.locator('.notice .badge').textContent()).toBe('verified')
    await checkPage(page, secrets, '18-preview-verified')

    const closed = `http://127.0.0.1:${await freePort()}`
    await page.getByLabel('Storefront URL').fill(closed)
    await go(page.getByRole('button', { name: 'Add preview URL' }).click())
    await go(page.locator(`#card-${await lastCardId()} button`, { hasText: 'Probe now' }).click())
    expect(await page.locator('.notice .badge').textContent()).toBe('failed')
    // The reason as a next step, not a bare code: nothing listens there (refused) or it never answers.
    expect(await page.locator('.notice').textContent()).toMatch(
      /Could not connect to the server|did not answer in time/,
    )
    await checkPage(page, secrets, '19-preview-failed')
  })

  it('shows the audit log without any value', async () => {
    await open(`/spaces/${spaceId}/audit`)
    const text = (await page.locator('tbody').textContent()) ?? ''
    // spaces.create comes from the dashboard's own form: the shared operation audits it, not the API route.
    const actions = [
      'spaces.create',
      'tokens.create',
      'tokens.reveal',
      'tokens.revoke',
      'mcp.test',
      'preview.probe',
    ]
    for (const action of actions) {
      expect(text).toContain(action)
    }
    expect(text).toContain('reauth_required')
    await checkPage(page, secrets, '20-audit-log')
  })

  it('grants and revokes a space role on the Users page', async () => {
    const created = await cmsApi(page, cms.base).post('/api/admin/users', {
      data: { email: 'editor@example.com', password: 'editor-password-123' },
    })
    expect(created.status()).toBe(201)
    await open('/admin/users')
    await go(page.getByRole('link', { name: 'Manage editor@example.com' }).click())
    const main = page.locator('main')
    expect(await main.textContent()).toContain('No roles')
    await page.getByLabel('Grant role').selectOption({ label: 'editor of Storefront <EU>' })
    await go(page.getByRole('button', { name: 'Grant' }).click())
    expect(await main.textContent()).toContain('editor of Storefront <EU>')
    await open('/admin/users')
    expect(await page.locator('#users ~ section.table-scroll').textContent()).toContain(
      'editor of Storefront <EU>',
    )
    await checkPage(page, secrets, '21-users')
    await go(page.getByRole('link', { name: 'Manage editor@example.com' }).click())
    await go(page.getByRole('link', { name: 'Revoke editor role from editor@example.com' }).click())
    await go(page.getByRole('button', { name: 'Revoke role' }).click())
    expect(await main.textContent()).toContain('No roles')
    // Sign-ins and role changes made through the dashboard's forms are in the global audit log.
    await open('/admin/audit')
    const log = (await page.locator('tbody').textContent()) ?? ''
    for (const entry of ['auth.login', 'invalid_credentials', 'locked_out', 'roles.grant', 'roles.revoke']) {
      expect(log).toContain(entry)
    }
  })

  it('rotates the key: the old kid is counted, rewrapped, and reaches zero', async () => {
    await open('/admin/keys')
    const before = await kidCounts()
    const oldKid = Object.keys(before)[0] ?? ''
    expect(before[oldKid]).toBeGreaterThanOrEqual(2)
    await checkPage(page, secrets, '22-keys-before')

    await cms.restart({ TOKEN_ENCRYPTION_KEY: KEY_2, TOKEN_ENCRYPTION_KEY_PREVIOUS: KEY_1 })
    await open('/admin/keys')
    const during = await kidCounts()
    expect(during[oldKid]).toBe(before[oldKid])
    expect(await page.locator('#next-step-text').textContent()).toContain('Rewrap now')
    await checkPage(page, secrets, '23-keys-rotating')
    await go(page.getByRole('button', { name: 'Rewrap now' }).click())
    expect(await page.getByRole('status').first().textContent()).toContain('0 remaining')
    const afterRewrap = await kidCounts()
    expect(afterRewrap[oldKid]).toBe(0)
    const newKid = Object.keys(afterRewrap).find((k) => k !== oldKid) ?? ''
    expect(afterRewrap[newKid]).toBe(before[oldKid])
    expect(await page.locator('#next-step-text').textContent()).toContain('remove the previous key after')
    await checkPage(page, secrets, '24-keys-rewrapped')

    // The rewrapped bearer still opens under the new key.
    await open(`/spaces/${spaceId}/settings/mcp`)
    await go(page.getByRole('button', { name: 'Test connection' }).click())
    expect(await page.getByRole('status').last().textContent()).toContain('2 tools available')
  })
})

async function lastCardId(): Promise<string> {
  const ids = await page.locator('section.card[id^=card-]').evaluateAll((els) => els.map((e) => e.id))
  return (ids.at(-1) ?? '').replace(/^card-/, '')
}

/** The keys table's counts per kid, summed over the columns. */
async function kidCounts(): Promise<Record<string, number>> {
  const cells = await page
    .locator('td[data-kid]')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-kid') ?? '', Number(e.textContent)] as const))
  const counts: Record<string, number> = {}
  for (const [kid, n] of cells) counts[kid] = (counts[kid] ?? 0) + n
  return counts
}
