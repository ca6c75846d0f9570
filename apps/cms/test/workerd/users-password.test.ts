/**
 * `POST /api/auth/password` `{ currentPassword, newPassword }`: a local user changes their own password.
 * The current password is checked first; afterwards the old password no longer signs in, the user's other
 * sessions are revoked and the one that changed it stays. Audited either way.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { client, loggedIn, PASSWORD } from './helpers'

const NEW_PASSWORD = 'a brand new passphrase 42'
const login = (email: string, password: string) =>
  client().fetch('/api/auth/login', { json: { email, password } })

describe('changing your own password', () => {
  it('works with the current password: the old one stops, other sessions end, this one stays', async () => {
    const me = await loggedIn()
    const elsewhere = client()
    await elsewhere.fetch('/api/auth/login', { json: { email: me.user.email, password: PASSWORD } })
    expect((await elsewhere.fetch('/api/auth/me')).status).toBe(200)
    const res = await me.fetch('/api/auth/password', {
      json: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    })
    expect(res.status).toBe(204)
    expect((await me.fetch('/api/auth/me')).status).toBe(200)
    expect((await elsewhere.fetch('/api/auth/me')).status).toBe(401)
    expect((await login(me.user.email, PASSWORD)).status).toBe(401)
    expect((await login(me.user.email, NEW_PASSWORD)).status).toBe(200)
    const entry = await env.DB.prepare(
      "SELECT outcome FROM audit_log WHERE action = 'auth.password_change' AND target_id = ?1",
    )
      .bind(me.user.id)
      .first('outcome')
    expect(entry).toBe('success')
  })

  it('refuses a wrong current password with 401 invalid_credentials, audited, and changes nothing', async () => {
    const me = await loggedIn()
    const res = await me.fetch('/api/auth/password', {
      json: { currentPassword: 'not my password at all', newPassword: NEW_PASSWORD },
    })
    expect(res.status).toBe(401)
    const body = JSON.stringify(await res.json())
    expect(body).toContain('invalid_credentials')
    expect(body).not.toContain(NEW_PASSWORD)
    expect((await login(me.user.email, PASSWORD)).status).toBe(200)
    const entry = await env.DB.prepare(
      "SELECT outcome, reason FROM audit_log WHERE action = 'auth.password_change' AND target_id = ?1",
    )
      .bind(me.user.id)
      .first()
    expect(entry).toEqual({ outcome: 'failure', reason: 'invalid_credentials' })
  })

  it('refuses a short new password with 400 validation_failed', async () => {
    const me = await loggedIn()
    const res = await me.fetch('/api/auth/password', {
      json: { currentPassword: PASSWORD, newPassword: 'short' },
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ code: 'validation_failed' })
  })

  it('needs a signed-in user', async () => {
    const res = await client().fetch('/api/auth/password', {
      json: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    })
    expect(res.status).toBe(401)
  })
})
