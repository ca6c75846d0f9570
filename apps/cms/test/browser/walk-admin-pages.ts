/**
 * The admin and account pages of the dashboard walk (`dashboard-pages.test.ts`): users (the table, a
 * user's page with the role revoke, global admin, disable and delete confirmations, a password reset, a
 * search and a deletion), invitations (empty, a refused form, the global admin confirmation, with entries,
 * the revoke confirmation), a space's members (with the removal confirmation), encryption keys (with the
 * reseal confirmation), changing your own password (its error and notice), and a space created and
 * deleted (confirmation, a wrong name, the notice).
 */
import { expect } from 'vitest'
import { cmsApi } from './cms-api'
import type { Walk } from './page-walk'

const NEW_ADMIN_PASSWORD = 'the admin’s own new passphrase 2026'

/**
 * Walks the admin and account pages, visiting each state.
 * @example await walkAdminPages(walk, spaceId)
 */
export async function walkAdminPages(w: Walk, spaceId: string): Promise<void> {
  const { page, cms, go, open, visit } = w
  const space = `/spaces/${spaceId}`
  const created = await cmsApi(page, cms.base).post('/api/admin/users', {
    data: { email: 'editor@example.com', password: 'editor-password-123' },
  })
  expect(created.status()).toBe(201)
  const leaver = await cmsApi(page, cms.base).post('/api/admin/users', {
    data: { email: 'leaver@example.com', password: 'leaver-password-123' },
  })
  const leaverId = ((await leaver.json()) as { id: string }).id
  const me = await cmsApi(page, cms.base).get('/api/auth/me')
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
}
