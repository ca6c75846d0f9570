/**
 * A stored API token that no configured key opens (its key was dropped, or a byte changed): a reveal
 * answers 409 `conflict` with the reason `unreadable`, as any stored value no key opens does
 * (`docs/errors.md`), names nothing of the value, and is audited; the token's list entry stays.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { issueToken, member, testClock } from './api-tokens-helpers'

describe('revealing an unreadable API token', () => {
  it('answers 409 conflict (reason unreadable) without the value, and audits the failure', async () => {
    const admin = await member(testClock(), 'admin')
    const { id } = await issueToken(admin, admin.spaceId, 'delivery')
    const row = await env.DB.prepare('SELECT token_sealed AS sealed FROM api_tokens WHERE id = ?1')
      .bind(id)
      .first<{ sealed: string }>()
    const sealed = row?.sealed ?? ''
    // One changed character in the ciphertext: authentication fails under every configured key.
    const tampered = `${sealed.slice(0, -2)}${sealed.at(-2) === 'A' ? 'B' : 'A'}${sealed.slice(-1)}`
    await env.DB.prepare('UPDATE api_tokens SET token_sealed = ?1 WHERE id = ?2').bind(tampered, id).run()

    const res = await admin.fetch(`/api/spaces/${admin.spaceId}/tokens/${id}/reveal`, { method: 'POST' })
    expect(res.status).toBe(409)
    const text = await res.text()
    expect(JSON.parse(text)).toMatchObject({ code: 'conflict', reason: 'unreadable' })
    expect(text).not.toContain(tampered.slice(-20))
    const audit = await env.DB.prepare(
      "SELECT outcome, reason FROM audit_log WHERE action = 'tokens.reveal' AND target_id = ?1",
    )
      .bind(id)
      .all()
    expect(audit.results).toEqual([{ outcome: 'failure', reason: 'unreadable' }])
  })
})
