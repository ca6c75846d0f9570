/**
 * How recent an IdP sign-in is, and how long it lasts: a session traded for an IdP token carries the
 * token's `auth_time` (none: not recent) and ends at its `exp`; bearer callers are judged by `auth_time`
 * too, never `iat`; the dashboard's "sign in again to reveal" asks the IdP to authenticate again
 * (`prompt=login`, `max_age=0`) and accepts only an ID token whose `auth_time` falls within the flow.
 */
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { client, makeSpace } from './helpers'
import { CLIENT_ID, createLocalIdp, ISSUER, type LocalIdp, oidcEnv } from './oidc-idp'

let idp: LocalIdp
const idpFetch: typeof fetch = (input, init) => idp.fetch(input, init)
beforeAll(async () => {
  idp = await createLocalIdp()
})

const seconds = (ms: number) => Math.floor(ms / 1000)
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })
// A well-formed id that names no token: the recency check comes first, so it answers 403 or 404.
const NO_TOKEN = `tok_${'A'.repeat(22)}`

/** An OIDC user who is admin of a fresh space, signed in through `POST /api/auth/session`. */
async function sessionFor(claims: Record<string, unknown>, now?: () => number) {
  const c = client({ env: oidcEnv, deps: { oidcFetch: idpFetch, ...(now ? { now } : {}) } })
  const sub = `user-${crypto.randomUUID()}`
  const token = await idp.accessToken({ sub, ...claims })
  const res = await c.fetch('/api/auth/session', { method: 'POST', ...bearer(token) })
  expect(res.status).toBe(200)
  const { userId } = (await res.json()) as { userId: string }
  const spaceId = await makeSpace()
  await env.DB.prepare(
    "INSERT INTO space_roles (user_id, space_id, role, granted_at) VALUES (?1, ?2, 'admin', 0)",
  )
    .bind(userId, spaceId)
    .run()
  const row = await env.DB.prepare('SELECT authenticated_at, expires_at FROM sessions WHERE user_id = ?1')
    .bind(userId)
    .first<{ authenticated_at: number; expires_at: number }>()
  const reveal = () => c.fetch(`/api/spaces/${spaceId}/tokens/${NO_TOKEN}/reveal`, { method: 'POST' })
  return { c, res, token, row, reveal }
}

describe('a session traded for an IdP token', () => {
  it("carries the token's auth_time: a sign-in an hour ago cannot reveal a token", async () => {
    const authTime = seconds(Date.now()) - 3600
    const { row, reveal } = await sessionFor({ auth_time: authTime })
    expect(row?.authenticated_at).toBe(authTime * 1000)
    const res = await reveal()
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ code: 'reauth_required' })
  })

  it('without auth_time is not recent, however fresh the token', async () => {
    const { row, reveal } = await sessionFor({})
    expect(row?.authenticated_at).toBe(0)
    expect((await reveal()).status).toBe(403)
  })

  it('with a recent auth_time passes the re-authentication check', async () => {
    const { reveal } = await sessionFor({ auth_time: seconds(Date.now()) - 30 })
    expect((await reveal()).status).toBe(404)
  })

  it("ends at the token's exp, not 8 hours later", async () => {
    let t = Date.now()
    const { c, res, token, row } = await sessionFor({ auth_time: seconds(t) }, () => t)
    const exp = JSON.parse(atob(token.split('.')[1] ?? '')).exp as number
    expect(row?.expires_at).toBe(exp * 1000)
    const maxAge = Number(/Max-Age=(\d+)/.exec(res.headers.getSetCookie().join())?.[1])
    expect(maxAge).toBeLessThanOrEqual(300)
    expect(maxAge).toBeGreaterThan(200)
    expect((await c.fetch('/api/auth/me')).status).toBe(200)
    t = exp * 1000 + 1
    expect((await c.fetch('/api/auth/me')).status).toBe(401)
  })
})

describe('a bearer IdP token', () => {
  it('is judged by auth_time, never iat: a token without one cannot reveal', async () => {
    const c = client({ env: oidcEnv, deps: { oidcFetch: idpFetch } })
    const token = await idp.accessToken({ sub: `bearer-${crypto.randomUUID()}` })
    const me = (await (await c.fetch('/api/auth/me', bearer(token))).json()) as {
      id: string
      authenticatedAt: number
    }
    expect(me.authenticatedAt).toBe(0)
    const spaceId = await makeSpace()
    await env.DB.prepare(
      "INSERT INTO space_roles (user_id, space_id, role, granted_at) VALUES (?1, ?2, 'admin', 0)",
    )
      .bind(me.id, spaceId)
      .run()
    const res = await c.fetch(`/api/spaces/${spaceId}/tokens/${NO_TOKEN}/reveal`, {
      method: 'POST',
      ...bearer(token),
    })
    expect(res.status).toBe(403)
  })
})

describe('an auth_time in the future', () => {
  it('is refused on a bearer request: it would count as "just signed in" for the whole token life', async () => {
    const c = client({ env: oidcEnv, deps: { oidcFetch: idpFetch } })
    const token = await idp.accessToken({
      sub: `future-${crypto.randomUUID()}`,
      auth_time: seconds(Date.now()) + 3600,
    })
    expect((await c.fetch('/api/auth/me', bearer(token))).status).toBe(401)
  })

  it('is refused when traded for a session, and opens none', async () => {
    const c = client({ env: oidcEnv, deps: { oidcFetch: idpFetch } })
    const sub = `future-${crypto.randomUUID()}`
    const token = await idp.accessToken({ sub, auth_time: seconds(Date.now()) + 3600 })
    expect((await c.fetch('/api/auth/session', { method: 'POST', ...bearer(token) })).status).toBe(401)
    const sessions = await env.DB.prepare(
      'SELECT count(*) AS n FROM sessions s JOIN oidc_identities i ON i.user_id = s.user_id WHERE i.sub = ?1',
    )
      .bind(sub)
      .first('n')
    expect(sessions).toBe(0)
  })

  it('within a minute of clock skew is accepted', async () => {
    const c = client({ env: oidcEnv, deps: { oidcFetch: idpFetch } })
    const token = await idp.accessToken({
      sub: `skew-${crypto.randomUUID()}`,
      auth_time: seconds(Date.now()) + 20,
    })
    expect((await c.fetch('/api/auth/me', bearer(token))).status).toBe(200)
  })
})

describe("the dashboard's re-authentication through the IdP", () => {
  const dashboardEnv = { ...oidcEnv, OIDC_CLIENT_ID: CLIENT_ID }
  const dashboard = () => client({ env: dashboardEnv, deps: { oidcFetch: idpFetch } })

  async function start(c: ReturnType<typeof dashboard>, reauth: boolean): Promise<URL> {
    const res = await c.fetch(`/login/oidc?next=%2Fspaces${reauth ? '&reauth=1' : ''}`)
    expect(res.status).toBe(303)
    return new URL(res.headers.get('location') ?? '')
  }

  it('links "sign in again to reveal" to a flow that sends prompt=login and max_age=0', async () => {
    const page = await (await dashboard().fetch('/login?reason=reveal&next=%2Fspaces')).text()
    expect(page).toContain('/login/oidc?next=%2Fspaces&amp;reauth=1')
    const authorize = await start(dashboard(), true)
    expect(authorize.origin + authorize.pathname).toBe(`${ISSUER}/auth`)
    expect(authorize.searchParams.get('prompt')).toBe('login')
    expect(authorize.searchParams.get('max_age')).toBe('0')
    const plain = await start(dashboard(), false)
    expect(plain.searchParams.get('prompt')).toBeNull()
    expect(plain.searchParams.get('max_age')).toBeNull()
  })

  async function callback(reauth: boolean, authTime: number | undefined) {
    const c = dashboard()
    const authorize = await start(c, reauth)
    const sub = `dash-${crypto.randomUUID()}`
    idp.nextIdToken = await idp.idToken({
      sub,
      nonce: authorize.searchParams.get('nonce') ?? '',
      ...(authTime === undefined ? {} : { auth_time: authTime }),
    })
    const res = await c.fetch(`/login/oidc/callback?state=${authorize.searchParams.get('state')}&code=abc`)
    const row = await env.DB.prepare(
      'SELECT s.authenticated_at AS at FROM sessions s JOIN oidc_identities i ON i.user_id = s.user_id WHERE i.sub = ?1',
    )
      .bind(sub)
      .first<{ at: number }>()
    return { res, row }
  }

  it('refuses a re-authentication whose ID token has no auth_time, or one older than the flow', async () => {
    for (const authTime of [undefined, seconds(Date.now()) - 3600]) {
      const { res, row } = await callback(true, authTime)
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe('/login?reason=expired')
      expect(row).toBeNull()
    }
    const audit = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'auth.oidc_login' AND reason = 'reauth_missing'",
    ).first<number>('n')
    expect(audit).toBeGreaterThanOrEqual(2)
  })

  it("starts the session at the ID token's auth_time, for a re-authentication and a plain sign-in alike", async () => {
    const fresh = seconds(Date.now())
    const reauth = await callback(true, fresh)
    expect(reauth.res.headers.get('location')).toBe('/spaces')
    expect(reauth.row?.at).toBe(fresh * 1000)
    // A plain sign-in the IdP answered from an old single sign-on session is not recent.
    const old = seconds(Date.now()) - 7200
    expect((await callback(false, old)).row?.at).toBe(old * 1000)
    expect((await callback(false, undefined)).row?.at).toBe(0)
  })
})
