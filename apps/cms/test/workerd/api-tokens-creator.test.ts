/**
 * Whose authority an API token carries: a management token acts for the user who created it, so it follows
 * that user's status and current role in the space; delivery and preview tokens belong to the space and
 * keep working whatever happens to their creator (a storefront must not break when an admin leaves).
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { bearerClient, issueToken, member, testClock } from './api-tokens-helpers'

const setStatus = (userId: string, status: 'active' | 'disabled') =>
  env.DB.prepare('UPDATE users SET status = ?2 WHERE id = ?1').bind(userId, status).run()
const setSpaceRole = (userId: string, spaceId: string, role: 'admin' | 'editor' | null) =>
  role === null
    ? env.DB.prepare('DELETE FROM space_roles WHERE user_id = ?1 AND space_id = ?2')
        .bind(userId, spaceId)
        .run()
    : env.DB.prepare('UPDATE space_roles SET role = ?3 WHERE user_id = ?1 AND space_id = ?2')
        .bind(userId, spaceId, role)
        .run()

describe('API tokens of a disabled or demoted creator', () => {
  it("a management token stops while its creator is disabled (the unknown-token 401) and works again once they're re-enabled", async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const { token } = await issueToken(admin, admin.spaceId, 'management')
    const api = bearerClient(token, clock)
    const entries = `/api/spaces/${admin.spaceId}/entries`
    expect((await api.fetch(entries)).status).toBe(200)
    await setStatus(admin.user.id, 'disabled')
    const refused = await api.fetch(entries)
    expect(refused.status).toBe(401)
    expect(((await refused.json()) as { title: string }).title).toBe('Invalid API token')
    expect((await api.fetch(entries, { json: { body: { title: 'x' } } })).status).toBe(401)
    const audit = await env.DB.prepare(
      "SELECT reason FROM audit_log WHERE action = 'api_token.authenticate' AND space_id = ?1",
    )
      .bind(admin.spaceId)
      .all<{ reason: string }>()
    expect(audit.results.map((r) => r.reason)).toContain('creator_inactive')
    await setStatus(admin.user.id, 'active')
    expect((await api.fetch(entries)).status).toBe(200)
  })

  it('delivery and preview tokens belong to the space: they keep working after their creator is disabled', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const delivery = await issueToken(admin, admin.spaceId, 'delivery')
    const preview = await issueToken(admin, admin.spaceId, 'preview')
    await setStatus(admin.user.id, 'disabled')
    const entries = `/api/spaces/${admin.spaceId}/entries`
    expect((await bearerClient(delivery.token, clock).fetch(entries)).status).toBe(200)
    expect((await bearerClient(preview.token, clock).fetch(entries)).status).toBe(200)
  })

  it('a management token never does more than its creator may do now in the space', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const { token } = await issueToken(admin, admin.spaceId, 'management')
    const api = bearerClient(token, clock)
    const entries = `/api/spaces/${admin.spaceId}/entries`
    // Demoted to editor: an editor reads and writes content, so the token still does.
    await setSpaceRole(admin.user.id, admin.spaceId, 'editor')
    expect((await api.fetch(entries, { json: { body: { title: 'kept' } } })).status).toBe(201)
    // Removed from the space: the token may do nothing there.
    await setSpaceRole(admin.user.id, admin.spaceId, null)
    expect((await api.fetch(entries)).status).toBe(403)
    expect((await api.fetch(entries, { json: { body: { title: 'refused' } } })).status).toBe(403)
  })

  it('a management token whose creator no longer exists is refused', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const { token, id } = await issueToken(admin, admin.spaceId, 'management')
    await env.DB.prepare('UPDATE api_tokens SET created_by = NULL WHERE id = ?1').bind(id).run()
    expect((await bearerClient(token, clock).fetch(`/api/spaces/${admin.spaceId}/entries`)).status).toBe(401)
  })
})
