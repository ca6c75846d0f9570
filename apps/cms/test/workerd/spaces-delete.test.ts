/**
 * `DELETE /api/spaces/:spaceId` `{ name }`: a global admin deletes a space by typing its name back; its
 * entries, roles, invitations, API tokens and the sealed secrets of its MCP integrations and preview URLs
 * go with it, so its tokens stop at once. A wrong name changes nothing.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { bearerClient, issueToken } from './api-tokens-helpers'
import { loggedIn, makeSpace } from './helpers'

describe('deleting a space', () => {
  it('needs the name typed back, and then takes its tokens and sealed secrets with it', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const spaceId = await makeSpace('Old shop')
    const token = await issueToken(admin, spaceId, 'delivery')
    const mcp = await admin.fetch(`/api/spaces/${spaceId}/mcp`, {
      json: { name: 'Search', url: 'https://mcp.example.com/', secret: 'sealed-bearer-value-0123456789' },
    })
    expect(mcp.status).toBe(201)
    const wrong = await admin.fetch(`/api/spaces/${spaceId}`, { method: 'DELETE', json: { name: 'Old sho' } })
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toMatchObject({ code: 'validation_failed' })
    expect((await bearerClient(token.token).fetch(`/api/spaces/${spaceId}/entries`)).status).toBe(200)

    const res = await admin.fetch(`/api/spaces/${spaceId}`, { method: 'DELETE', json: { name: 'Old shop' } })
    expect(res.status).toBe(204)
    expect((await admin.fetch(`/api/spaces/${spaceId}`)).status).toBe(404)
    expect((await bearerClient(token.token).fetch(`/api/spaces/${spaceId}/entries`)).status).toBe(401)
    const left = await env.DB.prepare(
      `SELECT (SELECT count(*) FROM api_tokens WHERE space_id = ?1) + (SELECT count(*) FROM mcp_integrations WHERE space_id = ?1) AS n`,
    )
      .bind(spaceId)
      .first('n')
    expect(left).toBe(0)
    const entry = await env.DB.prepare(
      "SELECT outcome FROM audit_log WHERE action = 'spaces.delete' AND target_id = ?1",
    )
      .bind(spaceId)
      .first('outcome')
    expect(entry).toBe('success')
  })

  it('is for global admins only', async () => {
    const spaceId = await makeSpace('Mine')
    const spaceAdmin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const res = await spaceAdmin.fetch(`/api/spaces/${spaceId}`, { method: 'DELETE', json: { name: 'Mine' } })
    expect(res.status).toBe(403)
  })
})
