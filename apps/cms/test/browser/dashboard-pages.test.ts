/**
 * Every dashboard page a global admin reaches, in real headless Chromium against `wrangler dev`, walked once
 * in one signed-in journey: sign-in (and its error), spaces (and a form with errors), a space's overview, its
 * rename form and the expired-form page, then the space's pages (`walk-space-pages.ts`), the admin and
 * account pages (`walk-admin-pages.ts`) and the error page. Each state is screenshotted at 1280 and 390 px
 * wide, checked by axe-core (default rules) at both widths, measured for sideways scrolling at 390 px, and
 * searched for destructive controls without the danger styling (`page-walk.ts`); the tests below assert
 * what the walk found. The skip link, the focus ring and the phone frame are checked by keyboard and size.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWranglerDev, type WranglerDev } from '../node/fixtures/wrangler-dev'
import { NARROW, WIDE } from './both-widths'
import { type Browser, launchChromium, screenshot } from './chromium'
import { signInWithNewSpace } from './first-space'
import { focusedElement, weakFocusRings } from './focus'
import { axeViolations, sidewaysOverflow } from './page-checks'
import { createWalk, type Visit, type Walk } from './page-walk'
import { walkAdminPages } from './walk-admin-pages'
import { walkSpacePages } from './walk-space-pages'

let browser: Browser
let cms: WranglerDev
let page: Page
let walk: Walk
let visits: Visit[] = []
let spaceId = ''

const open = (path: string): Promise<void> => walk.open(path)
const go = (action: Promise<void>): Promise<void> => walk.go(action)
const visit = (name: string): Promise<void> => walk.visit(name)

beforeAll(async () => {
  browser = await launchChromium()
  page = browser.page
  // The machine running this may be loaded: a navigation gets more than the default 15 s.
  page.setDefaultTimeout(45_000)
  await page.setViewportSize(WIDE)
  cms = await startWranglerDev({ TOKEN_ENCRYPTION_KEY: '4d'.repeat(32), OUTBOUND_TIMEOUT_MS: '3000' })
  walk = createWalk(page, cms)
  visits = walk.visits

  await open('/login')
  await visit('sign-in')
  await page.getByLabel('Email').fill(cms.admin.email)
  await page.getByLabel('Password').fill('not-the-password')
  await go(page.getByRole('button', { name: 'Sign in' }).click())
  await visit('sign-in-error')

  spaceId = await signInWithNewSpace(page, cms, 'Storefront for the European market')
  const space = `/spaces/${spaceId}`
  await open('/spaces')
  await go(page.getByRole('button', { name: 'Create space' }).click())
  await visit('spaces-form-error')
  await open('/spaces')
  await visit('spaces')
  await go(page.getByRole('link', { name: 'Storefront for the European market', exact: true }).click())
  await visit('space-overview')
  await open('/spaces')
  await go(
    page
      .getByRole('link', { name: /^Rename / })
      .first()
      .click(),
  )
  await visit('space-rename')
  // A form whose token went stale (the page was open across a sign-out and sign-in) gets the expired page.
  await page.locator('main input[name="csrf_token"]').evaluate((el) => {
    ;(el as HTMLInputElement).value = 'stale-token-from-an-old-session'
  })
  await go(page.getByRole('button', { name: 'Rename space' }).click())
  await visit('error-form-expired')
  expect(await page.locator('#error-next').getAttribute('href')).toBe(`${space}/rename`)

  await walkSpacePages(walk, spaceId)

  await walkAdminPages(walk, spaceId)

  await open('/no/such/page')
  await visit('error-not-found')
}, 360_000)

afterAll(async () => {
  await browser?.close()
  cms?.stop()
})

describe('every dashboard page, as a global admin', () => {
  it('walked every page state, each screenshotted at 1280 and 390 px', () => {
    expect(visits.map((v) => v.name)).toEqual([
      'sign-in',
      'sign-in-error',
      'spaces-form-error',
      'spaces',
      'space-overview',
      'space-rename',
      'error-form-expired',
      'tokens-created',
      'tokens',
      'tokens-revoke-confirm',
      'tokens-long',
      'tokens-search',
      'tokens-form-error',
      'sign-in-reauth',
      'tokens-reveal-resume',
      'tokens-roll-confirm',
      'tokens-rolled',
      'mcp-form-error',
      'mcp',
      'mcp-delete-confirm',
      'preview-urls-form-error',
      'preview-urls',
      'preview-urls-delete-confirm',
      'audit',
      'audit-global',
      'users',
      'users-revoke-confirm',
      'users-created',
      'user-page',
      'users-disable-confirm',
      'users-grant-admin-confirm',
      'users-delete-confirm',
      'users-reset-confirm',
      'users-password-reset',
      'users-sign-out-confirm',
      'users-search',
      'users-deleted',
      'invitations-empty',
      'invitations-form-error',
      'invitations-admin-confirm',
      'invitations',
      'invitations-revoke-confirm',
      'members',
      'members-remove-confirm',
      'keys',
      'keys-reseal-confirm',
      'account-password',
      'account-password-error',
      'account-password-changed',
      'space-created',
      'space-delete-confirm',
      'space-delete-error',
      'spaces-deleted',
      'error-not-found',
    ])
  })

  it('runs a working axe: an image without a text alternative, added to a page, is reported', async () => {
    await open('/spaces')
    await page.evaluate(() => {
      const img = document.createElement('img')
      img.src = 'data:,'
      document.querySelector('main')?.append(img)
    })
    expect((await axeViolations(page)).map((v) => v.id)).toContain('image-alt')
  })

  it('scrolls no page sideways at 390 px wide: tables scroll in their own box, the header wraps', () => {
    const wide = visits
      .filter((v) => v.overflow.by > 0)
      .map((v) => `${v.name} (+${v.overflow.by}px: ${v.overflow.culprits.join('; ')})`)
    expect(wide).toEqual([])
  })

  it('has no axe-core violation (default rules) on any page state', () => {
    const found = visits.flatMap((v) =>
      v.violations.map((x) => `${v.name}: ${x.id} (${x.impact}) at ${x.targets.join(', ')}`),
    )
    expect(found).toEqual([])
  })

  it('styles every destructive link and button (revoke, delete, reseal) as danger', () => {
    const plain = visits.flatMap((v) => v.plainDestructive.map((text) => `${v.name}: ${text}`))
    expect(plain).toEqual([])
  })
})

describe('keyboard', () => {
  it('offers "Skip to content" as the first focusable element, and it moves focus to the main landmark', async () => {
    for (const path of ['/spaces', `/spaces/${spaceId}/settings/tokens`]) {
      await open(path)
      await page.keyboard.press('Tab')
      const first = await focusedElement(page)
      expect(first, path).toMatchObject({ text: 'Skip to content', href: '#main', visible: true })
      await page.keyboard.press('Enter')
      expect(await focusedElement(page), path).toMatchObject({ tag: 'main', id: 'main' })
    }
  })

  it('draws a focus ring with at least 3:1 contrast against what surrounds it, on every control', async () => {
    await open(`/spaces/${spaceId}/settings/tokens`)
    const { checked, weak } = await weakFocusRings(page, 20)
    expect(checked).toBeGreaterThanOrEqual(10)
    expect(weak).toEqual([])
  })
})

describe('the encryption keys page', () => {
  it('names columns in words with no backticks, keeps Rewrap secondary when nothing needs it, claims no move that did not happen', async () => {
    await open('/admin/keys')
    // Code spans may hold names (`api_tokens.token_sealed`, commands); the prose around them may not.
    const prose = await page.locator('main').evaluate((main) => {
      const copy = main.cloneNode(true) as HTMLElement
      for (const code of Array.from(copy.querySelectorAll('code'))) code.remove()
      return copy.textContent ?? ''
    })
    expect(prose).not.toContain('`')
    expect(prose).not.toMatch(/\b[a-z_]+\.[a-z_]+_sealed\b/)
    expect(await page.locator('tbody th').first().textContent()).toContain('API tokens')
    expect(await page.locator('#next-step-text').textContent()).toContain('nothing to do')
    const rewrap = page.getByRole('button', { name: 'Rewrap now' })
    expect(await rewrap.evaluate((el) => el.classList.contains('primary'))).toBe(false)

    await go(rewrap.click())
    const result = (await page.getByRole('status').first().textContent()) ?? ''
    expect(result).not.toMatch(/\d+ values? moved/)
    expect(result).toContain('no value needed moving')
  })
})

describe('the audit log', () => {
  it('names the acting user by email, filters by action, and offers the filtered view as CSV', async () => {
    await open(`/spaces/${spaceId}/audit`)
    const who = page.locator('tbody tr').first().locator('td').nth(1)
    await expect.poll(() => who.textContent()).toContain(cms.admin.email)
    await page.getByLabel('Action').selectOption({ label: 'API token created' })
    await go(page.getByRole('button', { name: 'Filter' }).click())
    const actions = await page.locator('tbody tr td:nth-child(3) code').allTextContents()
    expect(actions.length).toBeGreaterThan(0)
    expect(new Set(actions)).toEqual(new Set(['tokens.create']))
    const words = await page.locator('tbody tr td:nth-child(3)').first().textContent()
    expect(words).toContain('API token created')
    const csv = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')
    expect(csv).toBe(`/spaces/${spaceId}/audit/export.csv?action=tokens.create`)
  })
})

describe('the frame on a phone (390 px)', () => {
  it('keeps the header and the space tabs within 140 px, each a single row, with no sideways page scroll', async () => {
    await page.setViewportSize(NARROW)
    try {
      for (const path of [`/spaces/${spaceId}/settings/tokens`, `/spaces/${spaceId}`]) {
        await open(path)
        const bottom = await page.locator('nav.tabs').evaluate((el) => el.getBoundingClientRect().bottom)
        expect(bottom, path).toBeLessThanOrEqual(140)
        const rows = await page.evaluate(() => {
          const tops = (sel: string) =>
            new Set(
              Array.from(document.querySelectorAll(`${sel} a`)).map((a) => a.getBoundingClientRect().top),
            ).size
          return { main: tops('header.top nav'), tabs: tops('nav.tabs') }
        })
        expect(rows, path).toEqual({ main: 1, tabs: 1 })
        expect((await sidewaysOverflow(page)).by, path).toBe(0)
      }
      await screenshot(page, 'pages-frame-390')
    } finally {
      await page.setViewportSize(WIDE)
    }
  })

  it('truncates a long account label in the bar and shows it in full in the account menu, by keyboard', async () => {
    const long = 'a.rather.long.address.for.one.person@storefront-operations.example.com'
    await cms.d1(`UPDATE users SET email = '${long}' WHERE email = '${cms.admin.email}'`)
    await page.setViewportSize(NARROW)
    try {
      await open('/spaces')
      const label = page.locator('header.top summary .who')
      expect(await label.textContent()).toBe(long)
      expect(await label.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true)
      expect(
        await page.locator('header.top').evaluate((el) => el.getBoundingClientRect().height),
      ).toBeLessThan(90)
      await page.locator('header.top summary').focus()
      await page.keyboard.press('Enter')
      expect(await page.locator('details.account').getAttribute('open')).toBe('')
      expect(await page.locator('.account-menu').textContent()).toContain(`Signed in as ${long}`)
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Change password')
      expect((await sidewaysOverflow(page)).by).toBe(0)
      // The open menu stays within the screen on both sides.
      const menu = await page.locator('.account-menu').evaluate((el) => el.getBoundingClientRect().toJSON())
      expect(menu.left).toBeGreaterThanOrEqual(0)
      expect(menu.right).toBeLessThanOrEqual(390)
      expect(await axeViolations(page)).toEqual([])
      await screenshot(page, 'pages-account-menu-390')
      await page.setViewportSize(WIDE)
      expect(await axeViolations(page)).toEqual([])
    } finally {
      await page.setViewportSize(WIDE)
      await cms.d1(`UPDATE users SET email = '${cms.admin.email}' WHERE email = '${long}'`)
    }
  })
})
