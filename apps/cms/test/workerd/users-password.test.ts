/**
 * `POST /api/auth/password` `{ currentPassword, newPassword }`: a local user changes their own password.
 * The current password is checked first; afterwards the old password no longer signs in, the user's other
 * sessions are revoked and the one that changed it stays. Audited either way.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { client, loggedIn, PASSWORD } from './helpers'

const from = (ip: string) => ({ 'cf-connecting-ip': ip })

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

describe('guessing the current password', () => {
  /** A signed-in client whose PBKDF2 derivations after sign-in are counted. */
  async function countingSession(ip: string) {
    let n = 0
    const me = await loggedIn({}, { deps: { onPasswordDerivation: () => void n++ } })
    const change = (currentPassword: string) =>
      me.fetch('/api/auth/password', {
        json: { currentPassword, newPassword: NEW_PASSWORD },
        headers: from(ip),
      })
    n = 0
    return Object.assign(me, { change, derivations: () => n })
  }

  it('is throttled like sign-in: 5 wrong guesses, then 429 locked_out before any PBKDF2 work, audited', async () => {
    const me = await countingSession('203.0.113.41')
    for (let i = 0; i < 5; i++) expect((await me.change(`wrong guess ${i}`)).status).toBe(401)
    expect(me.derivations()).toBe(5)
    const locked = await me.change(PASSWORD)
    expect(locked.status).toBe(429)
    expect(locked.headers.get('content-type')).toBe('application/problem+json')
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60)
    expect(await locked.json()).toMatchObject({ code: 'locked_out', status: 429 })
    expect(me.derivations()).toBe(5)
    // Nothing changed: the old password still signs in (from another address, which is not locked).
    const elsewhere = await client().fetch('/api/auth/login', {
      json: { email: me.user.email, password: PASSWORD },
      headers: from('198.51.100.41'),
    })
    expect(elsewhere.status).toBe(200)
    const { results } = await env.DB.prepare(
      `SELECT outcome, reason FROM audit_log WHERE action = 'auth.password_change' AND target_id = ?1
       ORDER BY rowid`,
    )
      .bind(me.user.id)
      .all()
    expect(results).toHaveLength(6)
    expect(results.at(-1)).toEqual({ outcome: 'failure', reason: 'locked_out' })
  })

  it('shares the sign-in throttle: wrong current passwords count against signing in from that address', async () => {
    const me = await countingSession('203.0.113.42')
    for (let i = 0; i < 5; i++) await me.change(`wrong guess ${i}`)
    const login = await client().fetch('/api/auth/login', {
      json: { email: me.user.email, password: PASSWORD },
      headers: from('203.0.113.42'),
    })
    expect(login.status).toBe(429)
  })

  it('holds across addresses: a stolen cookie used from many addresses meets the account-wide ceiling', async () => {
    const me = await countingSession('203.0.113.43')
    const statuses: number[] = []
    for (let i = 0; i < 24; i++) {
      const res = await me.fetch('/api/auth/password', {
        json: { currentPassword: `wrong guess ${i}`, newPassword: NEW_PASSWORD },
        headers: from(`192.0.2.${100 + i}`),
      })
      statuses.push(res.status)
    }
    // The sign-in that made the session was the account's first attempt in the window.
    expect(statuses.slice(0, 19)).toEqual(Array(19).fill(401))
    expect(statuses.slice(19)).toEqual([429, 429, 429, 429, 429])
    expect(me.derivations()).toBe(19)
  })
})
