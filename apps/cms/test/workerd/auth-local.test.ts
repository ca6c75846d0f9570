import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { client, loggedIn, makeUser, ORIGIN, PASSWORD, uniqueEmail } from './helpers'

describe('local login', () => {
  it('sets a __Host- session cookie that is HttpOnly, Secure, SameSite=Lax and scoped to /', async () => {
    const user = await makeUser()
    const c = client()
    const res = await c.fetch('/api/auth/login', { json: { email: user.email, password: PASSWORD } })
    expect(res.status).toBe(200)
    const cookie = res.headers.getSetCookie().find((l) => l.startsWith('__Host-cms_session='))
    expect(cookie).toBeDefined()
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; Secure/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).not.toMatch(/Domain=/i)
    // The CMS's own token type, not @alokai/auth-jwt's neutral default.
    const header = cookie!.split('=')[1]!.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/')
    expect(JSON.parse(atob(header))).toMatchObject({ alg: 'HS256', typ: 'cms-session+jwt' })
    const me = await c.fetch('/api/auth/me')
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ id: user.id, email: user.email, via: 'session' })
  })

  it('accepts the email in any case', async () => {
    const user = await makeUser()
    const res = await client().fetch('/api/auth/login', {
      json: { email: user.email.toUpperCase(), password: PASSWORD },
    })
    expect(res.status).toBe(200)
  })

  it('works through the Worker entry point too', async () => {
    const user = await makeUser()
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ email: user.email, password: PASSWORD }),
      }),
    )
    expect(res.status).toBe(200)
  })

  it('issues a new sid on every login', async () => {
    const c = await loggedIn()
    const first = await env.DB.prepare('SELECT id FROM sessions WHERE user_id = ?1').bind(c.user.id).all()
    await c.fetch('/api/auth/login', { json: { email: c.user.email, password: PASSWORD } })
    const all = await env.DB.prepare('SELECT id FROM sessions WHERE user_id = ?1').bind(c.user.id).all()
    expect(first.results).toHaveLength(1)
    expect(all.results).toHaveLength(2)
    expect(new Set(all.results.map((r) => r.id)).size).toBe(2)
  })

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const user = await makeUser()
    const wrong = await client().fetch('/api/auth/login', { json: { email: user.email, password: 'nope' } })
    const unknown = await client().fetch('/api/auth/login', {
      json: { email: uniqueEmail('ghost'), password: 'nope' },
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(await wrong.json()).toEqual(await unknown.json())
    expect(wrong.headers.get('content-type')).toBe('application/problem+json')
  })

  it('does one PBKDF2 derivation of the full cost for an unknown user, as for a wrong password', async () => {
    let derivations = 0
    const deps = { onPasswordDerivation: () => void derivations++ }
    const user = await makeUser({ fullCost: true })
    await client({ deps }).fetch('/api/auth/login', { json: { email: user.email, password: 'wrong-1' } })
    const wrongCount = derivations
    derivations = 0
    await client({ deps }).fetch('/api/auth/login', { json: { email: uniqueEmail('nobody'), password: 'x' } })
    const unknownCount = derivations
    expect(wrongCount).toBe(1)
    expect(unknownCount).toBe(1)
  })

  it('refuses a disabled user like a wrong password', async () => {
    const user = await makeUser()
    await env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id = ?1").bind(user.id).run()
    const res = await client().fetch('/api/auth/login', { json: { email: user.email, password: PASSWORD } })
    expect(res.status).toBe(401)
  })
})

describe('logout and revocation', () => {
  it('logout revokes the session row, so the same cookie fails on the next request', async () => {
    const c = await loggedIn()
    const saved = new Map(c.cookies)
    const out = await c.fetch('/api/auth/logout', { method: 'POST' })
    expect(out.status).toBe(204)
    expect(out.headers.getSetCookie().join()).toMatch(/__Host-cms_session=;/)
    // Replay the old cookie: the token is still within its lifetime, but the row is revoked.
    for (const [k, v] of saved) c.cookies.set(k, v)
    expect((await c.fetch('/api/auth/me')).status).toBe(401)
  })

  it("an admin's revocation takes effect on the user's next request", async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const victim = await loggedIn()
    expect((await victim.fetch('/api/auth/me')).status).toBe(200)
    const res = await admin.fetch(`/api/admin/users/${victim.user.id}/sessions/revoke`, { method: 'POST' })
    expect(await res.json()).toEqual({ revoked: 1 })
    expect((await victim.fetch('/api/auth/me')).status).toBe(401)
  })

  it('disabling a user ends their sessions at once', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const victim = await loggedIn()
    const res = await admin.fetch(`/api/admin/users/${victim.user.id}/status`, {
      json: { status: 'disabled' },
    })
    expect(res.status).toBe(200)
    expect((await victim.fetch('/api/auth/me')).status).toBe(401)
  })

  it('an expired session row is refused even with a valid token', async () => {
    const c = await loggedIn()
    await env.DB.prepare('UPDATE sessions SET expires_at = ?2 WHERE user_id = ?1')
      .bind(c.user.id, Date.now() - 1)
      .run()
    expect((await c.fetch('/api/auth/me')).status).toBe(401)
  })

  it('reads roles from D1 on each request, not from the token', async () => {
    const c = await loggedIn()
    expect((await c.fetch('/api/admin/users')).status).toBe(403)
    await env.DB.prepare("INSERT INTO user_roles (user_id, role, granted_at) VALUES (?1, 'admin', 0)")
      .bind(c.user.id)
      .run()
    expect((await c.fetch('/api/admin/users')).status).toBe(200)
    await env.DB.prepare('DELETE FROM user_roles WHERE user_id = ?1').bind(c.user.id).run()
    expect((await c.fetch('/api/admin/users')).status).toBe(403)
  })

  it('ignores cookies when an Authorization header is present', async () => {
    const c = await loggedIn({ globalAdmin: true })
    const res = await c.fetch('/api/auth/me', { headers: { authorization: 'Bearer abc.def.ghi' } })
    expect(res.status).toBe(401)
  })

  it('refuses a tampered session cookie', async () => {
    const c = await loggedIn()
    const [name, value] = [...c.cookies][0] ?? ['', '']
    c.cookies.set(name, `${value.slice(0, -2)}AA`)
    expect((await c.fetch('/api/auth/me')).status).toBe(401)
  })
})
