/**
 * A user's own page in the dashboard (`/admin/users/:userId`), where the Users table leads: the user's roles
 * with their revoke links and the grant form, their account actions, and deleting them — a confirmation
 * page, then the same service as `DELETE /api/admin/users/:userId`, audited once, with a notice on the
 * Users page. Nobody deletes themselves from here either.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { followRedirect, submitForm } from './forms'
import { loggedIn, makeSpace, makeUser } from './helpers'

const auditOutcomes = async (userId: string): Promise<string[]> =>
  (
    await env.DB.prepare("SELECT outcome FROM audit_log WHERE action = 'users.delete' AND target_id = ?1")
      .bind(userId)
      .all<{ outcome: string }>()
  ).results.map((r) => r.outcome)

describe('a user’s page', () => {
  it('shows their roles with revoke links, the grant form and the account actions', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const spaceId = await makeSpace('Their space')
    const user = await makeUser({ label: 'paged', spaces: [{ spaceId, role: 'editor' }] })
    const res = await admin.fetch(`/admin/users/${user.id}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(`<h1>${user.email}`)
    expect(html).toContain('editor of Their space')
    expect(html).toContain(
      `/admin/users/${user.id}/roles/revoke?scope=space&amp;role=editor&amp;spaceId=${spaceId}`,
    )
    expect(html).toContain(`action="/admin/users/${user.id}/roles"`)
    expect(html).toContain(`/admin/users/${user.id}/disable`)
    expect(html).toContain(`/admin/users/${user.id}/sign-out`)
    expect(html).toContain(`/admin/users/${user.id}/reset-password`)
    expect(html).toContain(`href="/admin/users/${user.id}/delete"`)
  })

  it('answers 404 for a user that is not there', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const res = await admin.fetch(`/admin/users/usr_${'Z'.repeat(22)}`, { headers: { accept: 'text/html' } })
    expect(res.status).toBe(404)
  })

  it('offers the viewer neither Disable nor Delete on their own page', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const html = await (await admin.fetch(`/admin/users/${admin.user.id}`)).text()
    expect(html).not.toContain(`/admin/users/${admin.user.id}/disable`)
    expect(html).not.toContain(`/admin/users/${admin.user.id}/delete`)
    expect(html).toContain(`/admin/users/${admin.user.id}/sign-out`)
  })

  it('is for global admins only', async () => {
    const spaceId = await makeSpace()
    const spaceAdmin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const target = await makeUser()
    const res = await spaceAdmin.fetch(`/admin/users/${target.id}`, { headers: { accept: 'text/html' } })
    expect(res.status).toBe(403)
  })
})

describe('deleting a user from the dashboard', () => {
  it('asks first, then deletes through the service, audited once, with a notice on the Users page', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const leaver = await loggedIn({ label: 'leaving' })
    const confirm = await (await admin.fetch(`/admin/users/${leaver.user.id}/delete`)).text()
    expect(confirm).toContain(`Delete ${leaver.user.email}?`)
    expect(confirm).toContain('class="danger"')
    expect(
      await env.DB.prepare('SELECT id FROM users WHERE id = ?1').bind(leaver.user.id).first(),
    ).not.toBeNull()
    const res = await submitForm(admin, `/admin/users/${leaver.user.id}/delete`, {})
    expect(res.headers.get('location')).toBe('/admin/users#result')
    const list = await followRedirect(admin, res)
    expect(list).toContain(`${leaver.user.email} is deleted.`)
    expect(await env.DB.prepare('SELECT id FROM users WHERE id = ?1').bind(leaver.user.id).first()).toBeNull()
    expect((await leaver.fetch('/api/auth/me')).status).toBe(401)
    expect(await auditOutcomes(leaver.user.id)).toEqual(['success'])
  })

  it('refuses to delete the viewer themselves, saying why on their page', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const res = await submitForm(admin, `/admin/users/${admin.user.id}/delete`, {})
    expect(res.headers.get('location')).toBe(`/admin/users/${admin.user.id}#result`)
    expect(await followRedirect(admin, res)).toContain('You cannot delete yourself.')
    expect(
      await env.DB.prepare('SELECT id FROM users WHERE id = ?1').bind(admin.user.id).first(),
    ).not.toBeNull()
  })
})
