/**
 * The dashboard's form flows in real headless Chromium against `wrangler dev`: post/redirect/get (every form
 * POST answers 303 and its one-time result, a new or revealed token included, is shown once by the page it
 * leads to; a reload repeats nothing). One signed-in global admin and one space, set up once.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, startWranglerDev, type WranglerDev } from '../node/fixtures/wrangler-dev'
import { checkAtBothWidths } from './both-widths'
import { type Browser, checkPage, launchChromium, type SecretBook } from './chromium'
import { cmsApi } from './cms-api'
import { signInWithNewSpace, untilLoaded } from './first-space'

const TOKEN = /cms_(?:delivery|preview|management)_[A-Za-z0-9_-]{43}/g

let browser: Browser
let cms: WranglerDev
let page: Page
let spaceId = ''
const secrets: SecretBook = new Map()

const go = (action: Promise<void>): Promise<void> => untilLoaded(page, action)

async function open(path: string): Promise<void> {
  await page.goto(`${cms.base}${path}`)
}

async function count(sql: string): Promise<number> {
  const [rows] = await cms.d1(sql)
  return Number(rows?.[0]?.n)
}

const auditCount = (action: string): Promise<number> =>
  count(`SELECT COUNT(*) AS n FROM audit_log WHERE action = '${action}' AND space_id = '${spaceId}'`)

beforeAll(async () => {
  browser = await launchChromium()
  page = browser.page
  // The machine running this may be loaded: a navigation gets more than the default 15 s.
  page.setDefaultTimeout(45_000)
  cms = await startWranglerDev({ TOKEN_ENCRYPTION_KEY: '5e'.repeat(32) })
  secrets.set('admin password', cms.admin.password)
  spaceId = await signInWithNewSpace(page, cms, 'Flows')
}, 240_000)

afterAll(async () => {
  await browser?.close()
  cms?.stop()
})

describe('post/redirect/get', () => {
  it('answers a token-creating form POST with 303; the page it leads to shows the token once', async () => {
    const tokens = `/spaces/${spaceId}/settings/tokens`
    await open(tokens)
    const csrf = (await page.locator('input[name=csrf_token]').first().getAttribute('value')) ?? ''
    const res = await cmsApi(page, cms.base).post(tokens, {
      form: { csrf_token: csrf, name: 'Over HTTP', scope: 'delivery' },
      maxRedirects: 0,
    })
    expect(res.status()).toBe(303)
    const location = res.headers().location ?? ''
    expect(new URL(location, cms.base).pathname).toBe(tokens)
    expect(location).not.toMatch(TOKEN)
    expect(await res.text()).not.toMatch(TOKEN)
    const first = await (await cmsApi(page, cms.base).get(location)).text()
    expect(first.match(TOKEN)).toHaveLength(1)
    const again = await (await cmsApi(page, cms.base).get(location)).text()
    expect(again).not.toMatch(TOKEN)
    expect(again).toContain('Over HTTP')
  })

  it('after creating and revealing a token, a reload shows it no more and mints or audits nothing', async () => {
    await open(`/spaces/${spaceId}/settings/tokens`)
    await page.getByLabel('Name').fill('Reloaded')
    await go(page.getByRole('button', { name: 'Create token' }).click())
    expect(new URL(page.url()).pathname).toBe(`/spaces/${spaceId}/settings/tokens`)
    const token = ((await page.locator('#token-value').textContent()) ?? '').trim()
    expect(token).toMatch(TOKEN)
    secrets.set('API token', token)
    await checkPage(page, secrets, 'flows-01-token-created', { allow: ['API token'] })
    await page.reload()
    expect(await page.locator('#token-value').count()).toBe(0)
    await checkPage(page, secrets, 'flows-02-token-reloaded')
    expect(await count(`SELECT COUNT(*) AS n FROM api_tokens WHERE name = 'Reloaded'`)).toBe(1)
    expect(await auditCount('tokens.create')).toBe(2)

    await page.locator('tr', { hasText: 'Reloaded' }).locator('summary').click()
    await go(page.getByRole('button', { name: 'Reveal token Reloaded' }).click())
    expect(((await page.locator('#token-value').textContent()) ?? '').trim()).toBe(token)
    await page.reload()
    expect(await page.locator('#token-value').count()).toBe(0)
    expect(await auditCount('tokens.reveal')).toBe(1)
    // Back goes to the page before, not to a form result that asks to be sent again.
    await page.goBack()
    expect(await page.locator('#token-value').count()).toBe(0)
  })

  it('after deleting an MCP integration, a reload shows the page, not "Not found"', async () => {
    await open(`/spaces/${spaceId}/settings/mcp`)
    await page.getByLabel('Name').fill('Gone soon')
    await page.getByLabel('URL').fill(`http://127.0.0.1:${await freePort()}/mcp`)
    await go(page.getByRole('button', { name: 'Add integration' }).click())
    expect(await page.getByRole('status').first().textContent()).toContain('Added “Gone soon”.')
    await page.getByText('Edit Gone soon').click()
    await go(page.getByRole('link', { name: 'Delete Gone soon…' }).click())
    await go(page.getByRole('button', { name: 'Delete integration' }).click())
    expect(await page.getByRole('status').first().textContent()).toContain('Deleted “Gone soon”.')
    const reloaded = await page.reload()
    expect(reloaded?.status()).toBe(200)
    expect(await page.locator('h1').textContent()).not.toContain('Not found')
    expect(await page.locator('main').textContent()).not.toContain('Deleted “Gone soon”.')
    expect(await auditCount('mcp.delete')).toBe(1)
  })
})

describe('confirmations for destructive actions', () => {
  it('deleting an MCP integration asks first, naming it and its URL; Cancel keeps it', async () => {
    const url = `http://127.0.0.1:${await freePort()}/mcp`
    await open(`/spaces/${spaceId}/settings/mcp`)
    await page.getByLabel('Name').fill('Kept')
    await page.getByLabel('URL').fill(url)
    await go(page.getByRole('button', { name: 'Add integration' }).click())
    await page.getByText('Edit Kept').click()
    await go(page.getByRole('link', { name: 'Delete Kept…' }).click())
    expect(await page.locator('h1').textContent()).toBe('Delete “Kept”?')
    expect(await page.locator('main').textContent()).toContain(url)
    await checkPage(page, secrets, 'flows-20-mcp-delete-confirm')
    await go(page.getByRole('link', { name: 'Cancel' }).click())
    expect(await count(`SELECT COUNT(*) AS n FROM mcp_integrations WHERE name = 'Kept'`)).toBe(1)
    await page.getByText('Edit Kept').click()
    await go(page.getByRole('link', { name: 'Delete Kept…' }).click())
    await go(page.getByRole('button', { name: 'Delete integration' }).click())
    expect(await page.getByRole('status').first().textContent()).toContain('Deleted “Kept”.')
    expect(await count(`SELECT COUNT(*) AS n FROM mcp_integrations WHERE name = 'Kept'`)).toBe(0)
  })

  it('deleting a preview URL asks first, naming the URL', async () => {
    const url = `http://127.0.0.1:${await freePort()}`
    await open(`/spaces/${spaceId}/settings/preview-urls`)
    await page.getByLabel('Storefront URL').fill(url)
    await go(page.getByRole('button', { name: 'Add preview URL' }).click())
    await page.locator('summary').last().click()
    await go(page.getByRole('link', { name: 'Delete this preview URL…' }).last().click())
    expect(await page.locator('h1').textContent()).toBe('Delete this preview URL?')
    expect(await page.locator('main').textContent()).toContain(url)
    expect(await count(`SELECT COUNT(*) AS n FROM preview_urls WHERE space_id = '${spaceId}'`)).toBe(1)
    await checkPage(page, secrets, 'flows-21-preview-delete-confirm')
    await go(page.getByRole('button', { name: 'Delete preview URL' }).click())
    expect(await page.getByRole('status').first().textContent()).toContain('Deleted the preview URL.')
    expect(await count(`SELECT COUNT(*) AS n FROM preview_urls WHERE space_id = '${spaceId}'`)).toBe(0)
  })

  it('revoking a role asks first, and warns hardest about your own global admin role', async () => {
    await open('/admin/users')
    await go(page.getByRole('link', { name: `Manage ${cms.admin.email}` }).click())
    const own = `Revoke global admin from ${cms.admin.email}`
    await go(page.getByRole('link', { name: own }).click())
    expect(await page.locator('h1').textContent()).toBe(`Revoke global admin from ${cms.admin.email}?`)
    expect(await page.getByRole('alert').textContent()).toContain('This is your own global admin role')
    await checkPage(page, secrets, 'flows-22-own-admin-revoke-confirm')
    await go(page.getByRole('link', { name: 'Cancel' }).click())
    const admins = `SELECT COUNT(*) AS n FROM user_roles WHERE role = 'admin'`
    expect(await count(admins)).toBe(1)

    const created = await cmsApi(page, cms.base).post('/api/admin/users', {
      data: { email: 'second@example.com', password: 'second-password-123' },
    })
    expect(created.status()).toBe(201)
    await open('/admin/users')
    await go(page.getByRole('link', { name: 'Manage second@example.com' }).click())
    await page.getByLabel('Grant role').selectOption({ label: 'editor of Flows' })
    await go(page.getByRole('button', { name: 'Grant' }).click())
    await go(page.getByRole('link', { name: 'Revoke editor role from second@example.com' }).click())
    expect(await page.locator('h1').textContent()).toBe('Revoke editor of Flows from second@example.com?')
    expect(await page.getByRole('alert').count()).toBe(0)
    await go(page.getByRole('button', { name: 'Revoke role' }).click())
    expect(await page.getByRole('status').first().textContent()).toContain('Role revoked.')
    expect(await page.locator('main').textContent()).toContain('No roles')
  })

  it('resealing asks first and says what a reseal is for', async () => {
    await open('/admin/keys')
    await go(page.getByRole('link', { name: 'Reseal now…' }).click())
    const text = (await page.locator('main').textContent()) ?? ''
    expect(await page.locator('h1').textContent()).toMatch(/^Reseal all \d+ stored secret values\?$/)
    expect(text).toContain('suspected leak')
    expect(text).toContain('Rewrap is enough')
    await checkPage(page, secrets, 'flows-23-reseal-confirm')
    await go(page.getByRole('button', { name: 'Reseal now' }).click())
    expect(new URL(page.url()).pathname).toBe('/admin/keys')
    expect(await page.getByRole('status').first().textContent()).toContain('remaining')
  })
})

describe('the copy button', () => {
  it('is hidden without JavaScript, the value left selectable; with JavaScript it shows and copies', async () => {
    const tokens = `/spaces/${spaceId}/settings/tokens`
    // A second tab of the same browser (same session), its scripts switched off the way playwright's
    // `javaScriptEnabled: false` does it.
    const noJs = await browser.context.newPage()
    try {
      const cdp = await browser.context.newCDPSession(noJs)
      await cdp.send('Emulation.setScriptExecutionDisabled', { value: true })
      await noJs.goto(`${cms.base}${tokens}`)
      await noJs.getByLabel('Name').fill('Copied by hand')
      await untilLoaded(noJs, noJs.getByRole('button', { name: 'Create token' }).click())
      const value = noJs.locator('#token-value')
      const token = ((await value.textContent()) ?? '').trim()
      expect(token).toMatch(/^cms_delivery_[A-Za-z0-9_-]{43}$/)
      secrets.set('API token', token)
      expect(await noJs.locator('button[data-copy]').count()).toBe(1)
      expect(await noJs.locator('button[data-copy]').isVisible()).toBe(false)
      // One click selects the whole value, ready for the system's copy.
      await value.click()
      expect(await noJs.evaluate(() => window.getSelection()?.toString().trim())).toBe(token)
      // axe needs scripts of its own: switched back on, the page stays as it loaded (app.js never ran).
      await cdp.send('Emulation.setScriptExecutionDisabled', { value: false })
      expect(await noJs.locator('button[data-copy]').isVisible()).toBe(false)
      await checkAtBothWidths(noJs, secrets, 'flows-40-copy-without-js', { allow: ['API token'] })
    } finally {
      await noJs.close()
    }

    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: cms.base })
    await open(tokens)
    await page.getByLabel('Name').fill('Copied by button')
    await go(page.getByRole('button', { name: 'Create token' }).click())
    const token = ((await page.locator('#token-value').textContent()) ?? '').trim()
    secrets.set('API token', token)
    // Found by its attribute: its name changes to say what happened.
    const copy = page.locator('button[data-copy="#token-value"]')
    expect(await copy.textContent()).toBe('Copy token')
    expect(await copy.isVisible()).toBe(true)
    await copy.click()
    await expect.poll(() => copy.textContent()).toBe('Copied')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token)
    await checkAtBothWidths(page, secrets, 'flows-41-copy-with-js', { allow: ['API token'] })
  })
})

describe('navigation by role', () => {
  it('shows an editor only what their roles open: every link they see works', async () => {
    const email = 'editor-nav@example.com'
    const password = 'editor-nav-password-123'
    const created = await cmsApi(page, cms.base).post('/api/admin/users', {
      data: { email, password },
    })
    expect(created.status()).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const granted = await cmsApi(page, cms.base).post(`/api/admin/users/${id}/roles`, {
      data: { scope: 'space', role: 'editor', spaceId },
    })
    expect(granted.status()).toBe(200)
    await open('/spaces')
    await go(page.getByRole('button', { name: 'Sign out' }).click())
    expect(await page.getByRole('status').textContent()).toBe('Signed out. Sign in again to continue.')
    await checkAtBothWidths(page, secrets, 'flows-29-signed-out')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await go(page.getByRole('button', { name: 'Sign in' }).click())
    expect(new URL(page.url()).pathname).toBe('/spaces')
    // Told their role and who creates spaces, and on the space what an editor can do there.
    expect(await page.locator('main').textContent()).toContain('Only a global admin creates spaces')
    await checkAtBothWidths(page, secrets, 'flows-31-editor-spaces')
    await open(`/spaces/${spaceId}`)
    expect(await page.locator('#abilities + ul').textContent()).toContain('Test its MCP integrations')
    await checkAtBothWidths(page, secrets, 'flows-32-editor-overview')

    // Every same-origin link of every page an editor reaches from /spaces, followed once.
    const seen = new Set<string>()
    const queue = ['/spaces']
    const broken: string[] = []
    while (queue.length > 0 && seen.size < 40) {
      const path = queue.shift() ?? ''
      if (seen.has(path)) continue
      seen.add(path)
      const res = await page.goto(`${cms.base}${path}`)
      if (res?.status() !== 200) broken.push(`${path} → ${res?.status()}`)
      const hrefs = await page
        .locator('a[href^="/"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''))
      for (const href of hrefs) if (!seen.has(href)) queue.push(href)
    }
    expect(broken).toEqual([])
    expect(seen.has(`/spaces/${spaceId}`)).toBe(true)
    expect(seen.has(`/spaces/${spaceId}/settings/mcp`)).toBe(true)
    expect(seen.has(`/spaces/${spaceId}/settings/tokens`)).toBe(false)
    expect(seen.has(`/spaces/${spaceId}/audit`)).toBe(false)
    expect(seen.has('/admin/users')).toBe(false)
    await checkPage(page, secrets, 'flows-30-editor-mcp')
  })
})
