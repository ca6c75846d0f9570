/**
 * Disabling a user ends their access for good: the sessions and management tokens they held are revoked,
 * so enabling them again revives none of it. A global admin cannot disable themselves or remove the last
 * global admin (`409 last_admin`), and role changes are audited as what they did: the role actually
 * removed, a revoke that removed nothing refused, a status change saying which.
 */
import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { bearerClient, issueToken } from './api-tokens-helpers'
import { type Client, client, loggedIn, makeSpace, makeUser } from './helpers'
import { createLocalIdp, oidcEnv } from './oidc-idp'

const status = (admin: Client, userId: string, value: 'active' | 'disabled') =>
  admin.fetch(`/api/admin/users/${userId}/status`, { json: { status: value } })

const revokeRole = (admin: Client, userId: string, body: Record<string, unknown>) =>
  admin.fetch(`/api/admin/users/${userId}/roles`, { json: { ...body, revoke: true } })

async function auditOf(targetId: string, action: string) {
  const res = await env.DB.prepare(
    'SELECT outcome, reason FROM audit_log WHERE target_id = ?1 AND action = ?2 ORDER BY id',
  )
    .bind(targetId, action)
    .all<{ outcome: string; reason: string | null }>()
  return res.results
}

// Each test counts its own global admins: the file's D1 is its own, so the earlier tests' admins go.
beforeEach(async () => {
  await env.DB.prepare('DELETE FROM user_roles').run()
})

describe('disabling a user', () => {
  it('revokes their sessions: after disable then enable, the old session cookie gets 401', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const user = await loggedIn({ label: 'leaver' })
    expect((await user.fetch('/api/auth/me')).status).toBe(200)
    expect((await status(admin, user.user.id, 'disabled')).status).toBe(200)
    expect((await status(admin, user.user.id, 'active')).status).toBe(200)
    expect((await user.fetch('/api/auth/me')).status).toBe(401)
  })

  it('revokes the management tokens they created: after disable then enable, the token gets 401', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const spaceId = await makeSpace()
    const creator = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const management = await issueToken(creator, spaceId, 'management')
    const delivery = await issueToken(creator, spaceId, 'delivery')
    const entries = `/api/spaces/${spaceId}/entries`
    expect((await bearerClient(management.token).fetch(entries)).status).toBe(200)
    await status(admin, creator.user.id, 'disabled')
    await status(admin, creator.user.id, 'active')
    expect((await bearerClient(management.token).fetch(entries)).status).toBe(401)
    // A delivery token belongs to the space, not to its creator: it keeps working.
    expect((await bearerClient(delivery.token).fetch(entries)).status).toBe(200)
    const row = await env.DB.prepare(
      'SELECT revoked_at, revoked_by, token_sealed FROM api_tokens WHERE id = ?1',
    )
      .bind(management.id)
      .first<{ revoked_at: number | null; revoked_by: string | null; token_sealed: string | null }>()
    expect(row?.revoked_at).not.toBeNull()
    expect(row?.revoked_by).toBe(admin.user.id)
    expect(row?.token_sealed).toBeNull()
  })

  it('ends IdP access tokens issued before it: after disable then enable, the old bearer gets 401', async () => {
    const idp = await createLocalIdp()
    let now = Date.now()
    const api = client({ env: oidcEnv, deps: { oidcFetch: (i, init) => idp.fetch(i, init), now: () => now } })
    const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })
    const old = await idp.accessToken({ sub: `bearer-${crypto.randomUUID()}` })
    const me = await api.fetch('/api/auth/me', bearer(old))
    expect(me.status).toBe(200)
    const { id } = (await me.json()) as { id: string }
    const admin = await loggedIn({ globalAdmin: true }, { deps: { now: () => now } })
    now += 10_000
    await status(admin, id, 'disabled')
    await status(admin, id, 'active')
    now += 10_000
    expect((await api.fetch('/api/auth/me', bearer(old))).status).toBe(401)
    // A token issued after the enable works: the user signs in anew.
    const fresh = await idp.accessToken({
      sub: (JSON.parse(atob(old.split('.')[1] ?? '')) as { sub: string }).sub,
      iat: Math.floor(now / 1000),
    })
    expect((await api.fetch('/api/auth/me', bearer(fresh))).status).toBe(200)
  })

  it('is audited as disabled or enabled', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const user = await makeUser()
    await status(admin, user.id, 'disabled')
    await status(admin, user.id, 'active')
    expect(await auditOf(user.id, 'users.status')).toEqual([
      { outcome: 'success', reason: 'disabled' },
      { outcome: 'success', reason: 'enabled' },
    ])
  })

  it('refuses to disable yourself with 409 last_admin, and changes nothing', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    await makeUser({ globalAdmin: true })
    const res = await status(admin, admin.user.id, 'disabled')
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ code: 'last_admin' })
    expect((await admin.fetch('/api/auth/me')).status).toBe(200)
    expect(await auditOf(admin.user.id, 'users.status')).toEqual([
      { outcome: 'failure', reason: 'last_admin' },
    ])
  })
})

describe('revoking a global admin role', () => {
  it('refuses to remove the last global admin with 409 last_admin', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const res = await revokeRole(admin, admin.user.id, { scope: 'global', role: 'admin' })
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ code: 'last_admin' })
    expect((await admin.fetch('/api/admin/users')).status).toBe(200)
  })

  it('lets an admin step down while another active global admin remains', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    await makeUser({ globalAdmin: true })
    expect((await revokeRole(admin, admin.user.id, { scope: 'global', role: 'admin' })).status).toBe(200)
    expect((await admin.fetch('/api/admin/users')).status).toBe(403)
  })

  it('counts a disabled admin as gone: the only active one cannot step down', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const other = await makeUser({ globalAdmin: true })
    await status(admin, other.id, 'disabled')
    const res = await revokeRole(admin, admin.user.id, { scope: 'global', role: 'admin' })
    expect(res.status).toBe(409)
  })
})

describe('revoking a space role', () => {
  it('removes only the role named: "editor" on a space admin removes nothing and is no success', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const spaceId = await makeSpace()
    const user = await makeUser({ spaces: [{ spaceId, role: 'admin' }] })
    const res = await revokeRole(admin, user.id, { scope: 'space', spaceId, role: 'editor' })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ code: 'not_found' })
    const kept = await env.DB.prepare('SELECT role FROM space_roles WHERE user_id = ?1 AND space_id = ?2')
      .bind(user.id, spaceId)
      .first('role')
    expect(kept).toBe('admin')
    expect(await auditOf(user.id, 'roles.revoke')).toEqual([{ outcome: 'failure', reason: 'no_such_role' }])
  })

  it('records the role it removed', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const spaceId = await makeSpace()
    const user = await makeUser({ spaces: [{ spaceId, role: 'admin' }] })
    expect((await revokeRole(admin, user.id, { scope: 'space', spaceId, role: 'admin' })).status).toBe(200)
    expect(await auditOf(user.id, 'roles.revoke')).toEqual([{ outcome: 'success', reason: 'space:admin' }])
  })
})
