/**
 * Every dashboard page a global admin reaches, in real headless Chromium against `wrangler dev`, walked once
 * in one signed-in journey: sign-in (and its error), spaces (and a form with errors), a space's overview, its
 * rename form and the expired-form page, its tokens (with the new-token card, the revoke confirmation, a long
 * list with its revoked section, a search, a create error, and a reveal resumed after a fresh sign-in), MCP
 * integrations and preview URLs (with a form error and their delete confirmations), the space and global
 * audit logs, users (the table, a user's page with the role revoke, global admin, disable and delete
 * confirmations, a password reset, a search and a deletion), invitations (empty, a refused form, the global
 * admin confirmation, with entries, the revoke confirmation), a space's members (with the removal
 * confirmation), encryption keys (with the reseal confirmation), changing your own password (and its
 * error and notice), a space created (its notice) and deleted (confirmation, a wrong name, the notice)
 * and the error page. Each state is screenshotted at 1280 and 390 px wide, checked by axe-core
 * (default rules) at both widths, measured for sideways scrolling at 390 px, and searched for destructive controls without
 * the danger styling; the tests below assert what the walk found. The skip link and the focus ring are
 * checked by keyboard.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, startWranglerDev, type WranglerDev } from '../node/fixtures/wrangler-dev'
import { type Browser, launchChromium, screenshot } from './chromium'
import { signInWithNewSpace, untilLoaded } from './first-space'
import {
  type AxeViolation,
  axeViolations,
  contrastRatio,
  focusedRing,
  parseRgb,
  plainDestructive,
  sidewaysOverflow,
} from './page-checks'

const WIDE = { width: 1280, height: 900 }
const NARROW = { width: 390, height: 844 }
// Long, unbroken values of the kind operators paste: they must wrap or scroll in place, not widen the page.
const LONG_PATH = '/mcp/a-rather-long-path-segment-that-an-operator-might-paste-in-full'
const NEW_ADMIN_PASSWORD = 'the admin’s own new passphrase 2026'

/** What the walk found on one page state. */
interface Visit {
  name: string
  overflow: { by: number; culprits: string[] }
  violations: AxeViolation[]
  /** Destructive links and buttons (revoke, delete, reseal, remove) without the danger colour. */
  plainDestructive: string[]
}

let browser: Browser
let cms: WranglerDev
let page: Page
let spaceId = ''
const visits: Visit[] = []

const go = (action: Promise<void>): Promise<void> => untilLoaded(page, action)

async function open(path: string): Promise<void> {
  await page.goto(`${cms.base}${path}`)
}

/** Checks the page as it stands at both widths; `<details>` are opened so their forms are checked too. */
async function visit(name: string): Promise<void> {
  await page.evaluate(() => {
    for (const d of Array.from(document.querySelectorAll('details'))) d.open = true
  })
  await screenshot(page, `pages-${name}-1280`)
  const wide = await axeViolations(page)
  const destructive = await plainDestructive(page)
  await page.setViewportSize(NARROW)
  const overflow = await sidewaysOverflow(page)
  // Narrow, the layout is another one (the header wraps, tables scroll in their box): axe checks it too.
  const narrow = (await axeViolations(page)).map((v) => ({ ...v, id: `${v.id} at 390 px` }))
  await screenshot(page, `pages-${name}-390`)
  await page.setViewportSize(WIDE)
  visits.push({ name, overflow, violations: [...wide, ...narrow], plainDestructive: destructive })
}

beforeAll(async () => {
  browser = await launchChromium()
  page = browser.page
  // The machine running this may be loaded: a navigation gets more than the default 15 s.
  page.setDefaultTimeout(45_000)
  await page.setViewportSize(WIDE)
  cms = await startWranglerDev({ TOKEN_ENCRYPTION_KEY: '4d'.repeat(32), OUTBOUND_TIMEOUT_MS: '3000' })

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

  await open(`${space}/settings/tokens`)
  await page.getByLabel('Name').fill('Website preview for the storefront team')
  await page.getByLabel('Description (optional)').fill('Preview deploys of the storefront, EU region')
  // The first choice, 7 days: the list shows the expiry with its "Expires soon" badge.
  await page.getByLabel('Expires', { exact: true }).selectOption({ index: 1 })
  await page.getByLabel('Scope').selectOption('management')
  await go(page.getByRole('button', { name: 'Create token' }).click())
  await visit('tokens-created')
  await open(`${space}/settings/tokens`)
  await visit('tokens')
  await go(page.getByRole('link', { name: /^Revoke token/ }).click())
  await visit('tokens-revoke-confirm')
  // A long list: a revoked token in its own section, and more live tokens than one page holds.
  await go(page.getByRole('button', { name: 'Revoke token' }).click())
  for (let i = 1; i <= 22; i++) {
    const res = await page.request.post(`${cms.base}/api/spaces/${spaceId}/tokens`, {
      headers: { origin: cms.base },
      data: { name: `Storefront build ${String(i).padStart(2, '0')}`, scope: 'delivery' },
    })
    expect(res.status()).toBe(201)
  }
  await open(`${space}/settings/tokens`)
  await visit('tokens-long')
  await page.getByLabel('Search tokens').fill('build 1')
  await go(page.getByRole('button', { name: 'Search' }).click())
  await visit('tokens-search')
  await open(`${space}/settings/tokens`)
  await page.getByLabel('Name').fill('Storefront build 01')
  await go(page.getByRole('button', { name: 'Create token' }).click())
  await visit('tokens-form-error')
  // A reveal with a stale sign-in: sign-in (email filled in), then the reveal offered at once.
  await cms.d1('UPDATE sessions SET authenticated_at = authenticated_at - 600000')
  await open(`${space}/settings/tokens?q=build%2001`)
  await page.locator('summary', { hasText: 'Reveal…' }).click()
  await go(page.getByRole('button', { name: 'Reveal token Storefront build 01' }).click())
  await visit('sign-in-reauth')
  await page.getByLabel('Password').fill(cms.admin.password)
  await go(page.getByRole('button', { name: 'Sign in' }).click())
  await visit('tokens-reveal-resume')
  await open(`${space}/settings/tokens?q=build%2002`)
  await go(page.getByRole('link', { name: 'Roll token Storefront build 02' }).click())
  await visit('tokens-roll-confirm')
  await go(page.getByRole('button', { name: 'Roll token' }).click())
  await visit('tokens-rolled')

  const port = await freePort()
  await open(`${space}/settings/mcp`)
  await page.getByLabel('Name').fill('Search')
  await page.getByLabel('URL').fill(`ftp://127.0.0.1:${port}${LONG_PATH}`)
  await go(page.getByRole('button', { name: 'Add integration' }).click())
  await visit('mcp-form-error')
  await page.getByLabel('URL').fill(`http://127.0.0.1:${port}${LONG_PATH}`)
  await go(page.getByRole('button', { name: 'Add integration' }).click())
  await visit('mcp')
  // visit() left the <details> open.
  await go(page.getByRole('link', { name: 'Delete Search…' }).click())
  await visit('mcp-delete-confirm')

  await open(`${space}/settings/preview-urls`)
  await page.getByLabel('Name (optional)').fill('Storefront staging for the European market')
  await page.getByLabel('Storefront URL').fill(`http://127.0.0.1:${port}/storefront${LONG_PATH}`)
  await go(page.getByRole('button', { name: 'Add preview URL' }).click())
  // The same address with a trailing slash is the same preview URL: refused next to the field.
  await page.getByLabel('Storefront URL').fill(`http://127.0.0.1:${port}/storefront${LONG_PATH}/`)
  await go(page.getByRole('button', { name: 'Add preview URL' }).click())
  await visit('preview-urls-form-error')
  expect(await page.locator('#f-url-error').textContent()).toContain('already has a preview URL')
  await go(page.getByRole('button', { name: 'Probe now' }).click())
  await visit('preview-urls')
  await go(page.getByRole('link', { name: 'Delete this preview URL…' }).click())
  await visit('preview-urls-delete-confirm')

  await open(`${space}/audit`)
  await visit('audit')
  await open('/admin/audit')
  await visit('audit-global')

  const created = await page.request.post(`${cms.base}/api/admin/users`, {
    headers: { origin: cms.base },
    data: { email: 'editor@example.com', password: 'editor-password-123' },
  })
  expect(created.status()).toBe(201)
  const leaver = await page.request.post(`${cms.base}/api/admin/users`, {
    headers: { origin: cms.base },
    data: { email: 'leaver@example.com', password: 'leaver-password-123' },
  })
  const leaverId = ((await leaver.json()) as { id: string }).id
  const me = await page.request.get(`${cms.base}/api/auth/me`)
  const ownId = ((await me.json()) as { id: string }).id
  await open('/admin/users')
  await visit('users')
  await go(page.getByRole('link', { name: `Manage ${cms.admin.email}` }).click())
  await go(page.getByRole('link', { name: `Revoke global admin from ${cms.admin.email}` }).click())
  await visit('users-revoke-confirm')
  await open('/admin/users')
  await page.getByLabel('Email').fill('new-person@example.com')
  await go(page.getByRole('button', { name: 'Create user' }).click())
  await visit('users-created')
  await open('/admin/users')
  await go(page.getByRole('link', { name: 'Manage editor@example.com' }).click())
  await visit('user-page')
  const editorPage = page.url()
  await go(page.getByRole('link', { name: 'Disable editor@example.com' }).click())
  await visit('users-disable-confirm')
  await page.goto(editorPage)
  await page.getByLabel('Grant role').selectOption('global:admin')
  await go(page.getByRole('button', { name: 'Grant' }).click())
  await visit('users-grant-admin-confirm')
  await page.goto(editorPage)
  await go(page.getByRole('link', { name: 'Delete user editor@example.com' }).click())
  await visit('users-delete-confirm')
  await page.goto(editorPage)
  await go(page.getByRole('link', { name: 'Reset password: editor@example.com' }).click())
  await visit('users-reset-confirm')
  await go(page.getByRole('button', { name: 'Reset password' }).click())
  await visit('users-password-reset')
  await page.goto(`${cms.base}/admin/users/${ownId}`)
  await go(page.getByRole('link', { name: `Sign out everywhere: ${cms.admin.email}` }).click())
  await visit('users-sign-out-confirm')
  await open('/admin/users')
  await page.getByLabel('Search users').fill('editor')
  await go(page.getByRole('button', { name: 'Search' }).click())
  await visit('users-search')
  await page.goto(`${cms.base}/admin/users/${leaverId}`)
  await go(page.getByRole('link', { name: 'Delete user leaver@example.com' }).click())
  await go(page.getByRole('button', { name: 'Delete user' }).click())
  await visit('users-deleted')

  await open('/admin/users')
  await go(page.getByRole('link', { name: 'Invitations' }).click())
  await visit('invitations-empty')
  await page.getByLabel('Email', { exact: true }).fill('not an email')
  await go(page.getByRole('button', { name: 'Invite' }).click())
  await visit('invitations-form-error')
  await page.getByLabel('Email', { exact: true }).fill('future-editor@example.com')
  await go(page.getByRole('button', { name: 'Invite' }).click())
  await page.getByLabel('Email', { exact: true }).fill('future-admin@example.com')
  await page.getByLabel('Role', { exact: true }).selectOption('global:admin')
  await go(page.getByRole('button', { name: 'Invite' }).click())
  await visit('invitations-admin-confirm')
  await go(page.getByRole('button', { name: 'Invite global admin' }).click())
  await visit('invitations')
  await go(page.getByRole('link', { name: 'Revoke the invitation of future-editor@example.com' }).click())
  await visit('invitations-revoke-confirm')

  await open(`${space}/members`)
  await page.getByLabel('Email').fill('invitee@example.com')
  await go(page.getByRole('button', { name: 'Add member' }).click())
  await page.getByLabel('Email').fill('editor@example.com')
  await go(page.getByRole('button', { name: 'Add member' }).click())
  await visit('members')
  await go(page.getByRole('link', { name: 'Remove editor@example.com' }).click())
  await visit('members-remove-confirm')

  await open('/admin/keys')
  await visit('keys')
  await go(page.getByRole('link', { name: 'Reseal now…' }).click())
  await visit('keys-reseal-confirm')

  // The account: changing your own password (a wrong current one first), from the header's account menu.
  await open('/spaces')
  await page.locator('details.account summary').click()
  await go(page.getByRole('link', { name: 'Change password' }).click())
  await visit('account-password')
  await page.getByLabel('Current password').fill('not-the-password')
  await page.getByLabel('New password').fill(NEW_ADMIN_PASSWORD)
  await go(page.getByRole('button', { name: 'Change password' }).click())
  await visit('account-password-error')
  expect(await page.getByLabel('New password').inputValue()).toBe('')
  await page.getByLabel('Current password').fill(cms.admin.password)
  await page.getByLabel('New password').fill(NEW_ADMIN_PASSWORD)
  await go(page.getByRole('button', { name: 'Change password' }).click())
  await visit('account-password-changed')

  // A space made to be deleted: created (its overview says so), then deleted with its name typed back.
  await open('/spaces')
  await page.getByLabel('Name', { exact: true }).fill('Short-lived space')
  await go(page.getByRole('button', { name: 'Create space' }).click())
  await visit('space-created')
  await go(page.getByRole('link', { name: 'Delete space…' }).click())
  await visit('space-delete-confirm')
  await page.getByLabel('Type the space’s name').fill('short-lived space')
  await go(page.getByRole('button', { name: 'Delete space' }).click())
  await visit('space-delete-error')
  await page.getByLabel('Type the space’s name').fill('Short-lived space')
  await go(page.getByRole('button', { name: 'Delete space' }).click())
  await visit('spaces-deleted')

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
      const first = await page.evaluate(() => {
        const el = document.activeElement
        const box = el?.getBoundingClientRect()
        return {
          text: el?.textContent?.trim(),
          href: el?.getAttribute('href'),
          visible: box !== undefined && box.width > 1 && box.height > 1 && box.top >= 0 && box.left >= 0,
        }
      })
      expect(first, path).toEqual({ text: 'Skip to content', href: '#main', visible: true })
      await page.keyboard.press('Enter')
      const landed = await page.evaluate(() => {
        const el = document.activeElement
        return { tag: el?.tagName.toLowerCase(), id: el?.id }
      })
      expect(landed, path).toEqual({ tag: 'main', id: 'main' })
    }
  })

  it('draws a focus ring with at least 3:1 contrast against what surrounds it, on every control', async () => {
    await open(`/spaces/${spaceId}/settings/tokens`)
    const weak: string[] = []
    let checked = 0
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab')
      const ring = await focusedRing(page)
      if (!ring) continue
      checked++
      const outline = parseRgb(ring.color)
      const ratio = contrastRatio(outline.rgb, parseRgb(ring.background).rgb)
      if (ring.style === 'none' || ring.width < 2 || outline.alpha < 1 || ratio < 3) {
        weak.push(
          `${ring.name}: ${ring.style} ${ring.width}px ${ring.color} on ${ring.background} = ${ratio.toFixed(2)}:1`,
        )
      }
    }
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
    await expect.poll(() => who.innerText()).toContain(cms.admin.email)
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
