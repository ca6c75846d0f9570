/**
 * The space pages of the dashboard walk (`dashboard-pages.test.ts`): API tokens (created, listed, the
 * revoke confirmation, a long list with its revoked section, a search, a create error, a reveal resumed
 * after a fresh sign-in, a roll), MCP integrations and preview URLs (each with a form error and the delete
 * confirmation) and the space and global audit logs.
 */
import { expect } from 'vitest'
import { freePort } from '../node/fixtures/wrangler-dev'
import { cmsApi } from './cms-api'
import type { Walk } from './page-walk'

// Long, unbroken values of the kind operators paste: they must wrap or scroll in place, not widen the page.
const LONG_PATH = '/mcp/a-rather-long-path-segment-that-an-operator-might-paste-in-full'

/**
 * Walks the space's pages, visiting each state.
 * @example await walkSpacePages(walk, spaceId)
 */
export async function walkSpacePages(w: Walk, spaceId: string): Promise<void> {
  const { page, cms, go, open, visit } = w
  const space = `/spaces/${spaceId}`
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
    const res = await cmsApi(page, cms.base).post(`/api/spaces/${spaceId}/tokens`, {
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
}
