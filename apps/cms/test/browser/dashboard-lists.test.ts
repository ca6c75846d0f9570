/**
 * Long lists in real headless Chromium against `wrangler dev`, because a space outgrows one screen of
 * tokens and a reveal must survive a sign-in: with 34 tokens the create form is above the list, a failed
 * create lands with its error summary on screen and focused, the name search narrows the list, the pager
 * reaches the oldest token, revoked tokens sit in their own collapsed section with their revocation time,
 * and a reveal that needs a fresh sign-in comes back, after sign-in with the email already filled in, to a
 * focused "Reveal <name> now" form. The Users page's failed create lands the same way. With 20 users the
 * Users page is a compact table, not a screen per user; the global audit log at 1280 px shows every column
 * (Space and Client IP included) without scrolling sideways, each time on one line, and where it must
 * scroll on a phone its box shows that it does.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWranglerDev, type WranglerDev } from '../node/fixtures/wrangler-dev'
import { type Browser, launchChromium } from './chromium'
import { cmsApi } from './cms-api'
import { signInWithNewSpace, untilLoaded } from './first-space'

let browser: Browser
let cms: WranglerDev
let page: Page
let spaceId = ''
let tokensPath = ''

const go = (action: Promise<void>): Promise<void> => untilLoaded(page, action)

/** Where `selector` sits against the window, and whether it has focus. */
async function placed(selector: string): Promise<{ inView: boolean; focused: boolean }> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel)
    if (!el) return { inView: false, focused: false }
    const box = el.getBoundingClientRect()
    return {
      inView: box.top >= 0 && box.top < window.innerHeight && box.bottom > 0,
      focused: document.activeElement === el,
    }
  }, selector)
}

async function liveNames(): Promise<string[]> {
  return page.locator('[aria-label="Live API tokens"] tbody tr td:first-child').allTextContents()
}

beforeAll(async () => {
  browser = await launchChromium()
  page = browser.page
  page.setDefaultTimeout(45_000)
  await page.setViewportSize({ width: 1280, height: 800 })
  cms = await startWranglerDev({ TOKEN_ENCRYPTION_KEY: '5e'.repeat(32) })
  spaceId = await signInWithNewSpace(page, cms, 'Long lists')
  tokensPath = `/spaces/${spaceId}/settings/tokens`
  // The page's own session makes these API calls (same cookies), as quickly as a script would.
  for (let i = 1; i <= 34; i++) {
    const res = await cmsApi(page, cms.base).post(`/api/spaces/${spaceId}/tokens`, {
      data: { name: `Token ${String(i).padStart(2, '0')}`, scope: 'delivery' },
    })
    expect(res.status()).toBe(201)
  }
  for (let i = 1; i <= 20; i++) {
    const res = await cmsApi(page, cms.base).post('/api/admin/users', {
      data: { email: `person-${String(i).padStart(2, '0')}@example.com`, password: 'a-long-password-123' },
    })
    expect(res.status()).toBe(201)
    const { id } = (await res.json()) as { id: string }
    const role = { scope: 'space', role: i % 2 === 0 ? 'admin' : 'editor', spaceId }
    const granted = await cmsApi(page, cms.base).post(`/api/admin/users/${id}/roles`, {
      data: role,
    })
    expect(granted.status()).toBe(200)
  }
}, 240_000)

afterAll(async () => {
  await browser?.close()
  cms?.stop()
})

describe('the API tokens page with 34 tokens', () => {
  it('shows the create form above the list', async () => {
    await page.goto(`${cms.base}${tokensPath}`)
    const form = await page.locator('#create-token').boundingBox()
    const table = await page.locator('[aria-label="Live API tokens"]').boundingBox()
    expect(form && table && form.y < table.y).toBe(true)
    expect(form && form.y < 800).toBe(true)
  })

  it('lands a failed create on its error summary: in the window, focused, naming the fix', async () => {
    await page.goto(`${cms.base}${tokensPath}`)
    await page.getByLabel('Name').fill('Token 07')
    await go(page.getByRole('button', { name: 'Create token' }).click())
    expect(new URL(page.url()).hash).toBe('#form-errors')
    expect(await placed('#form-errors')).toEqual({ inView: true, focused: true })
    expect(await page.locator('#form-errors').textContent()).toContain(
      'A live token in this space already has this name',
    )
    // Its link leads to the field.
    await page.locator('#form-errors a').click()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-name')
  })

  it('lands a create on the new token, in the window and focused', async () => {
    await page.goto(`${cms.base}${tokensPath}`)
    await page.getByLabel('Name').fill('Token 35')
    await go(page.getByRole('button', { name: 'Create token' }).click())
    expect(await placed('#new-token')).toEqual({ inView: true, focused: true })
  })

  it('narrows the list by name', async () => {
    await page.goto(`${cms.base}${tokensPath}`)
    await page.getByLabel('Search tokens').fill('token 2')
    await go(page.getByRole('button', { name: 'Search' }).click())
    expect(new URL(page.url()).searchParams.get('q')).toBe('token 2')
    expect(await liveNames()).toEqual([
      'Token 29',
      'Token 28',
      'Token 27',
      'Token 26',
      'Token 25',
      'Token 24',
      'Token 23',
      'Token 22',
      'Token 21',
      'Token 20',
    ])
  })

  it('pages with Older to the oldest token', async () => {
    await page.goto(`${cms.base}${tokensPath}`)
    expect(await liveNames()).toHaveLength(20)
    const seen = new Set(await liveNames())
    while ((await page.getByRole('link', { name: 'Older →' }).count()) > 0) {
      await go(page.getByRole('link', { name: 'Older →' }).click())
      for (const name of await liveNames()) seen.add(name)
    }
    expect(seen.size).toBe(35)
    expect((await liveNames()).at(-1)).toBe('Token 01')
  })

  it('lists a revoked token in its own collapsed section, with when it was revoked', async () => {
    await page.goto(`${cms.base}${tokensPath}?q=Token%2035`)
    await go(page.getByRole('link', { name: 'Revoke token Token 35' }).click())
    await go(page.getByRole('button', { name: 'Revoke token' }).click())
    expect(await placed('#result')).toEqual({ inView: true, focused: true })
    expect(await page.locator('#revoked').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false)
    await page.locator('#revoked summary').click()
    const row = page.locator('[aria-label="Revoked API tokens"] tbody tr').first()
    expect(await row.locator('td').first().textContent()).toBe('Token 35')
    expect(await row.locator('time').last().getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(await liveNames()).not.toContain('Token 35')
  })
})

describe('a reveal after a stale sign-in', () => {
  it('signs in with the email filled in and comes back to a focused reveal of that token', async () => {
    await cms.d1('UPDATE sessions SET authenticated_at = authenticated_at - 600000')
    await page.goto(`${cms.base}${tokensPath}?q=Token%2012`)
    await page
      .locator('tr', { has: page.getByRole('cell', { name: 'Token 12', exact: true }) })
      .locator('summary')
      .click()
    await go(page.getByRole('button', { name: 'Reveal token Token 12' }).click())
    expect(new URL(page.url()).pathname).toBe('/login')
    expect(await page.locator('main').textContent()).toContain('Sign in again to reveal a token')
    expect(await page.getByLabel('Email').inputValue()).toBe(cms.admin.email)
    await page.getByLabel('Password').fill(cms.admin.password)
    await go(page.getByRole('button', { name: 'Sign in' }).click())
    expect(new URL(page.url()).searchParams.get('reveal')).toMatch(/^tok_/)
    expect(await placed('#reveal-now')).toEqual({ inView: true, focused: true })
    await go(page.getByRole('button', { name: 'Reveal Token 12 now' }).click())
    const card = /#card-(tok_[A-Za-z0-9_-]{22})$/.exec(page.url())?.[1]
    expect(card).toBeDefined()
    expect(await placed(`#card-${card}`)).toEqual({ inView: true, focused: true })
    expect(((await page.locator('#token-value').textContent()) ?? '').trim()).toMatch(/^cms_delivery_/)
  })
})

describe('the Users page', () => {
  it('lands a failed create on its error summary, focused and in the window', async () => {
    await page.goto(`${cms.base}/admin/users`)
    await page.getByLabel('Email', { exact: true }).fill('not an email')
    await go(page.getByRole('button', { name: 'Create user' }).click())
    expect(await placed('#form-errors')).toEqual({ inView: true, focused: true })
  })
})

describe('the Users page with 20 users', () => {
  it('is a compact table: 20 users fit in well under 2,500 px at 1280 px wide', async () => {
    await page.goto(`${cms.base}/admin/users`)
    const height = await page.evaluate(() => document.documentElement.scrollHeight)
    expect(height).toBeLessThan(2_500)
    expect(await page.locator('tbody tr[id^="user-"]').count()).toBe(20)
  })

  it('leads from a row to the user’s page with their roles and actions', async () => {
    await page.goto(`${cms.base}/admin/users?q=person-07`)
    await go(page.getByRole('link', { name: 'Manage person-07@example.com' }).click())
    expect(await page.locator('h1').textContent()).toContain('person-07@example.com')
    expect(await page.getByRole('link', { name: /^Revoke editor role from person-07/ }).count()).toBe(1)
  })
})

describe('the global audit log at 1280 px', () => {
  it('shows every column, Space and Client IP too, without scrolling sideways', async () => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(`${cms.base}/admin/audit`)
    const box = page.locator('section.table-scroll')
    const fits = await box.evaluate((el) => el.scrollWidth <= el.clientWidth)
    expect(fits).toBe(true)
    for (const name of ['Space', 'Client IP']) {
      const header = await page.getByRole('columnheader', { name, exact: true }).boundingBox()
      expect(header && header.x >= 0 && header.x + header.width <= 1280).toBe(true)
    }
  })

  it('writes each time on one line', async () => {
    await page.goto(`${cms.base}/admin/audit`)
    const heights = await page.locator('tbody td:first-child time').evaluateAll((els) =>
      els.map((el) => {
        const lineHeight = Number.parseFloat(getComputedStyle(el).lineHeight)
        return el.getBoundingClientRect().height / lineHeight
      }),
    )
    expect(heights.length).toBeGreaterThan(10)
    expect(Math.max(...heights)).toBeLessThan(1.5)
  })

  it('shows a cue where the table scrolls sideways on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${cms.base}/admin/audit`)
    const box = page.locator('section.table-scroll')
    const cue = await box.evaluate((el) => ({
      scrolls: el.scrollWidth > el.clientWidth,
      image: getComputedStyle(el).backgroundImage,
      attachment: getComputedStyle(el).backgroundAttachment,
    }))
    await page.setViewportSize({ width: 1280, height: 800 })
    expect(cue.scrolls).toBe(true)
    // Shadows at the edges that move with the content: one shows wherever more of the table is hidden.
    expect(cue.image).toContain('gradient')
    expect(cue.attachment).toContain('local')
  })
})
