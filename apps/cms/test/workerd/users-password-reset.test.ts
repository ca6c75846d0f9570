/**
 * An admin resets a local user's password: `POST /api/admin/users/:userId/password/reset` answers a new
 * generated password once (never stored in the clear, not cached), the old one stops, every session of
 * the user ends. IdP users have no password to reset.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { followRedirect, submitForm } from './forms'
import { client, loggedIn, PASSWORD } from './helpers'

const login = (email: string, password: string) =>
  client().fetch('/api/auth/login', { json: { email, password } })

describe("an admin's password reset", () => {
  it('answers a one-time password, ends the old one and every session', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const user = await loggedIn()
    const res = await admin.fetch(`/api/admin/users/${user.user.id}/password/reset`, { method: 'POST' })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const { password } = (await res.json()) as { password: string }
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect((await user.fetch('/api/auth/me')).status).toBe(401)
    expect((await login(user.user.email, PASSWORD)).status).toBe(401)
    expect((await login(user.user.email, password)).status).toBe(200)
    const stored = await env.DB.prepare('SELECT password_hash FROM users WHERE id = ?1')
      .bind(user.user.id)
      .first('password_hash')
    expect(String(stored)).not.toContain(password)
    const entry = await env.DB.prepare(
      "SELECT outcome FROM audit_log WHERE action = 'users.password_reset' AND target_id = ?1",
    )
      .bind(user.user.id)
      .first('outcome')
    expect(entry).toBe('success')
  })

  it('is for global admins only', async () => {
    const user = await loggedIn()
    const other = await loggedIn()
    expect(
      (await user.fetch(`/api/admin/users/${other.user.id}/password/reset`, { method: 'POST' })).status,
    ).toBe(403)
  })
})

describe('the Users page password reset', () => {
  it('confirms first, then shows the new password once, on the user’s page', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const user = await loggedIn()
    const own = await (await admin.fetch(`/admin/users/${user.user.id}`)).text()
    expect(own).toContain(`/admin/users/${user.user.id}/reset-password`)
    const confirm = await (await admin.fetch(`/admin/users/${user.user.id}/reset-password`)).text()
    expect(confirm).toContain(`Reset the password of ${user.user.email}?`)
    const res = await submitForm(admin, `/admin/users/${user.user.id}/reset-password`, {})
    expect(res.headers.get('location')).toBe(`/admin/users/${user.user.id}#new-user`)
    const html = await followRedirect(admin, res)
    const password = /<code class="secret" id="new-password">([^<]+)<\/code>/.exec(html)?.[1]
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(html).toContain(`New password of <strong>${user.user.email}</strong>`)
    expect((await login(user.user.email, password ?? '')).status).toBe(200)
    expect(await (await admin.fetch(`/admin/users/${user.user.id}`)).text()).not.toContain(password ?? 'none')
  })
})
