/**
 * The audit log end to end: every state-changing route leaves an entry (sign-ins and their failures,
 * logout, users and roles, spaces, content, tokens, MCP, preview URLs, key rotation), space admins read
 * their space's log and global admins all of it with keyset pagination, no route can change or remove an
 * entry, the database triggers refuse UPDATE and DELETE, and no entry holds a secret.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import type { AuditEntryView } from '../../src/features/audit-log/api'
import { client, loggedIn, makeSpace, makeUser, PASSWORD } from './helpers'

interface Page {
  entries: AuditEntryView[]
  next: string | null
}

async function actions(): Promise<Set<string>> {
  const rows = await env.DB.prepare('SELECT DISTINCT action || ":" || outcome AS a FROM audit_log').all<{
    a: string
  }>()
  return new Set(rows.results.map((r) => r.a))
}

async function snapshot(): Promise<string[]> {
  const rows = await env.DB.prepare('SELECT * FROM audit_log ORDER BY id').all()
  return rows.results.map((r) => JSON.stringify(r))
}

describe('audit coverage', () => {
  it('records every kind of state change, with outcomes, and never a secret', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const created = await admin.fetch('/api/spaces', { json: { name: 'Audited' } })
    const spaceId = ((await created.json()) as { id: string }).id
    const base = `/api/spaces/${spaceId}`
    expect((await admin.fetch(base, { method: 'PATCH', json: { name: 'Renamed' } })).status).toBe(200)

    const newUser = await admin.fetch('/api/admin/users', {
      json: { email: 'audit-new@example.com', password: PASSWORD },
    })
    const userId = ((await newUser.json()) as { id: string }).id
    const grant = { scope: 'space', spaceId, role: 'editor' }
    expect((await admin.fetch(`/api/admin/users/${userId}/roles`, { json: grant })).status).toBe(200)
    expect(
      (await admin.fetch(`/api/admin/users/${userId}/roles`, { json: { ...grant, revoke: true } })).status,
    ).toBe(200)
    expect(
      (await admin.fetch(`/api/admin/users/${userId}/status`, { json: { status: 'disabled' } })).status,
    ).toBe(200)
    expect((await admin.fetch(`/api/admin/users/${userId}/sessions/revoke`, { json: {} })).status).toBe(200)

    const entry = await admin.fetch(`${base}/entries`, { json: { body: { title: 'Hello' } } })
    const entryId = ((await entry.json()) as { id?: string }).id
    expect(entry.status).toBe(201)
    await admin.fetch(`${base}/entries/${entryId}`, { method: 'PUT', json: { body: { title: 'Hi' } } })
    await admin.fetch(`${base}/entries/${entryId}/publish`, { json: {} })
    await admin.fetch(`${base}/entries/${entryId}`, { method: 'DELETE' })

    const token = (await (
      await admin.fetch(`${base}/tokens`, { json: { name: 'n', scope: 'delivery' } })
    ).json()) as {
      id: string
      token: string
    }
    const revealed = await admin.fetch(`${base}/tokens/${token.id}/reveal`, { json: {} })
    expect(revealed.status).toBe(200)
    await admin.fetch(`${base}/tokens/${token.id}`, { method: 'DELETE' })

    const mcpSecret = 'mcp-audit-secret-Jq7Lx2Pw9Rt4'
    const mcp = (await (
      await admin.fetch(`${base}/mcp`, {
        json: { name: 'm', url: 'https://mcp.example/mcp', secret: mcpSecret },
      })
    ).json()) as { id: string }
    await admin.fetch(`${base}/mcp/${mcp.id}`, { method: 'PATCH', json: { name: 'm2' } })
    await admin.fetch(`${base}/mcp/${mcp.id}`, { method: 'DELETE' })
    const probeSecret = 'probe-audit-secret-Vb3Nm8Kc1Zs6'
    const pvu = (await (
      await admin.fetch(`${base}/preview-urls`, {
        json: { url: 'https://shop.example', secret: probeSecret },
      })
    ).json()) as { id: string }
    await admin.fetch(`${base}/preview-urls/${pvu.id}`, { method: 'PATCH', json: { secret: null } })
    await admin.fetch(`${base}/preview-urls/${pvu.id}`, { method: 'DELETE' })
    await admin.fetch('/api/admin/keys/rewrap', { json: {} })
    await admin.fetch('/api/admin/keys/reseal', { json: {} })

    const editor = await loggedIn({ spaces: [{ spaceId, role: 'editor' }] })
    expect((await editor.fetch(`${base}/tokens`, { json: { name: 'x', scope: 'delivery' } })).status).toBe(
      403,
    )
    const stranger = client({ deps: {} })
    expect(
      (
        await stranger.fetch('/api/auth/login', {
          json: { email: 'nobody@example.com', password: 'wrong-password' },
        })
      ).status,
    ).toBe(401)
    expect((await admin.fetch('/api/auth/logout', { json: {} })).status).toBe(204)

    const seen = await actions()
    for (const a of [
      'auth.login:success',
      'auth.login:failure',
      'auth.logout:success',
      'spaces.create:success',
      'spaces.rename:success',
      'users.create:success',
      'roles.grant:success',
      'roles.revoke:success',
      'users.status:success',
      'users.sessions_revoke:success',
      'tokens.create:success',
      'tokens.reveal:success',
      'tokens.revoke:success',
      'tokens.create:denied',
      'mcp.create:success',
      'mcp.update:success',
      'mcp.delete:success',
      'preview.create:success',
      'preview.update:success',
      'preview.delete:success',
      'keys.rewrap:success',
      'keys.reseal:success',
      'content.create:success',
      'content.update:success',
      'content.publish:success',
      'content.delete:success',
    ]) {
      expect(seen, a).toContain(a)
    }
    const failed = await env.DB.prepare(
      "SELECT actor_type, reason FROM audit_log WHERE action = 'auth.login' AND outcome = 'failure'",
    ).first()
    expect(failed).toEqual({ actor_type: 'anonymous', reason: 'invalid_credentials' })
    const login = await env.DB.prepare(
      "SELECT actor_id FROM audit_log WHERE action = 'auth.login' AND outcome = 'success' AND actor_id = ?1",
    )
      .bind(admin.user.id)
      .first()
    expect(login).not.toBeNull()

    const all = (await snapshot()).join('\n')
    for (const secret of [
      token.token,
      mcpSecret,
      probeSecret,
      PASSWORD,
      'wrong-password',
      env.TOKEN_ENCRYPTION_KEY,
    ]) {
      expect(all).not.toContain(secret)
    }
  })
})

describe('reading the log', () => {
  it('shows space admins their space and global admins everything, newest first, page by page', async () => {
    const spaceId = await makeSpace()
    const other = await makeSpace()
    const spaceAdmin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    for (let i = 0; i < 5; i++) {
      await spaceAdmin.fetch(`/api/spaces/${spaceId}/tokens`, { json: { name: `t${i}`, scope: 'delivery' } })
    }
    const first = (await (await spaceAdmin.fetch(`/api/spaces/${spaceId}/audit?limit=3`)).json()) as Page
    expect(first.entries).toHaveLength(3)
    expect(first.entries.every((e) => e.spaceId === spaceId)).toBe(true)
    expect(first.next).not.toBeNull()
    const second = (await (
      await spaceAdmin.fetch(`/api/spaces/${spaceId}/audit${first.next}`)
    ).json()) as Page
    const ids = [...first.entries, ...second.entries].map((e) => e.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    expect(new Set(ids).size).toBe(ids.length)
    expect(second.entries.length).toBeGreaterThanOrEqual(2)

    expect((await spaceAdmin.fetch(`/api/spaces/${other}/audit`)).status).toBe(403)
    expect((await spaceAdmin.fetch('/api/admin/audit')).status).toBe(403)
    const editor = await loggedIn({ spaces: [{ spaceId, role: 'editor' }] })
    expect((await editor.fetch(`/api/spaces/${spaceId}/audit`)).status).toBe(403)
    expect((await client().fetch('/api/admin/audit')).status).toBe(401)
    expect((await spaceAdmin.fetch(`/api/spaces/${spaceId}/audit?limit=500`)).status).toBe(400)

    const global = await loggedIn({ globalAdmin: true })
    const everything = (await (await global.fetch('/api/admin/audit?limit=200')).json()) as Page
    expect(new Set(everything.entries.map((e) => e.spaceId))).toContain(spaceId)
    expect(everything.entries.some((e) => e.action === 'audit.read' && e.outcome === 'denied')).toBe(true)
  })
})

describe('insert-only', () => {
  it('no route changes or removes an entry, whatever the method', async () => {
    const spaceId = await makeSpace()
    const admin = await loggedIn({ globalAdmin: true, spaces: [{ spaceId, role: 'admin' }] })
    await admin.fetch(`/api/spaces/${spaceId}/tokens`, { json: { name: 't', scope: 'delivery' } })
    const before = await snapshot()
    const lastId =
      (await env.DB.prepare('SELECT max(id) AS id FROM audit_log').first<{ id: number }>())?.id ?? 0
    const entryId = 1
    const fill = (path: string): string =>
      path
        .replace(':spaceId', spaceId)
        .replace(/:[A-Za-z]+Id\b/g, String(entryId))
        .replace(/\*$/, '')
    const paths = new Set(createApp().routes.map((r) => fill(r.path)))
    for (const extra of [
      '/api/admin/audit',
      `/api/admin/audit/${entryId}`,
      `/api/spaces/${spaceId}/audit/${entryId}`,
    ]) {
      paths.add(extra)
    }
    let tried = 0
    for (const path of paths) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const res = await admin.fetch(path, {
          method,
          json: { id: entryId, action: 'x', outcome: 'success' },
        })
        expect(res.status, `${method} ${path}`).toBeLessThan(500)
        tried++
      }
    }
    expect(tried).toBeGreaterThan(40)
    const after = await snapshot()
    // Every entry that existed is still there, byte for byte; new entries only come after it.
    expect(after.slice(0, before.length)).toEqual(before)
    const newer = await env.DB.prepare('SELECT count(*) AS n FROM audit_log WHERE id <= ?1')
      .bind(lastId)
      .first()
    expect(newer).toEqual({ n: before.length })
  })

  it('the database refuses UPDATE and DELETE', async () => {
    await makeUser()
    await client().fetch('/api/auth/login', { json: { email: 'x@example.com', password: 'nope-nope' } })
    await expect(env.DB.prepare("UPDATE audit_log SET outcome = 'success'").run()).rejects.toThrow(
      /insert-only/,
    )
    await expect(env.DB.prepare('DELETE FROM audit_log').run()).rejects.toThrow(/insert-only/)
    const n = await env.DB.prepare('SELECT count(*) AS n FROM audit_log').first<{ n: number }>()
    expect(n?.n).toBeGreaterThan(0)
  })
})
