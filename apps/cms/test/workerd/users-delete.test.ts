/**
 * `DELETE /api/admin/users/:userId`: the user is gone — sessions and management tokens revoked — while the
 * audit log keeps naming them as it did. Nobody deletes themselves or the last active global admin.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { bearerClient, issueToken } from './api-tokens-helpers'
import { loggedIn, makeSpace, makeUser } from './helpers'

describe('deleting a user', () => {
  it('ends their sessions and management tokens, and the audit log still names them', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const spaceId = await makeSpace()
    const leaver = await loggedIn({ label: 'leaver', spaces: [{ spaceId, role: 'admin' }] })
    const token = await issueToken(leaver, spaceId, 'management')
    const res = await admin.fetch(`/api/admin/users/${leaver.user.id}`, { method: 'DELETE' })
    expect(res.status).toBe(204)
    expect((await leaver.fetch('/api/auth/me')).status).toBe(401)
    expect((await bearerClient(token.token).fetch(`/api/spaces/${spaceId}/entries`)).status).toBe(401)
    expect(await env.DB.prepare('SELECT id FROM users WHERE id = ?1').bind(leaver.user.id).first()).toBeNull()
    const log = await (await admin.fetch(`/spaces/${spaceId}/audit?action=tokens.create`)).text()
    expect(log).toContain(leaver.user.email)
    expect((await admin.fetch(`/api/admin/users/${leaver.user.id}`, { method: 'DELETE' })).status).toBe(404)
    const entry = await env.DB.prepare(
      "SELECT outcome FROM audit_log WHERE action = 'users.delete' AND target_id = ?1",
    )
      .bind(leaver.user.id)
      .first('outcome')
    expect(entry).toBe('success')
  })

  it('refuses to delete yourself with 409 last_admin', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    await makeUser({ globalAdmin: true })
    const res = await admin.fetch(`/api/admin/users/${admin.user.id}`, { method: 'DELETE' })
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ code: 'last_admin' })
  })

  it('is for global admins only', async () => {
    const spaceId = await makeSpace()
    const spaceAdmin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const target = await makeUser()
    expect((await spaceAdmin.fetch(`/api/admin/users/${target.id}`, { method: 'DELETE' })).status).toBe(403)
  })
})
